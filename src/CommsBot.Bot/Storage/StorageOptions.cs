using System.ComponentModel.DataAnnotations;

namespace CommsBot.Bot.Storage;

/// <summary>The database the bot keeps its state in.</summary>
public enum StorageProvider
{
    /// <summary>A SQLite file under <see cref="StorageOptions.DataDirectory"/> (the default; one instance).</summary>
    Sqlite,

    /// <summary>PostgreSQL (<see cref="StorageOptions.ConnectionString"/>), for several instances sharing one database.</summary>
    Postgres,
}

/// <summary>Where the bot keeps user preferences, conversation references, false-positive reports, counts and the
/// review queue (section <c>Storage</c>). No draft text, except a review request's, encrypted.</summary>
public sealed class StorageOptions : IValidatableObject
{
    public const string Section = "Storage";

    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>The folder of the SQLite file. A relative path is resolved against the application's base directory
    /// (the build output or publish folder), never the working directory.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>A full connection string; when empty, SQLite uses <c>{DataDirectory}/commsbot.db</c>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>How often usage counts are written to the database.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan CounterFlushInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long start-up keeps trying to reach the database (with back-off, one log line per attempt) before
    /// the bot exits with a reason. A database container that starts with the bot gets this long to come up.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:30:00")]
    public TimeSpan StartupTimeout { get; set; } = TimeSpan.FromSeconds(60);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Provider == StorageProvider.Postgres && string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return new ValidationResult(
                "Storage:ConnectionString is required when Storage:Provider is Postgres (e.g. Host=db;Database=commsbot;Username=commsbot;Password=…, from an environment variable).", [nameof(ConnectionString)]);
        }

        if (Provider == StorageProvider.Sqlite && string.IsNullOrWhiteSpace(ConnectionString) && string.IsNullOrWhiteSpace(DataDirectory))
        {
            yield return new ValidationResult("Storage:DataDirectory or Storage:ConnectionString is required.", [nameof(DataDirectory)]);
        }
    }

    /// <summary>The SQLite data directory as an absolute path.</summary>
    public string ResolveDataDirectory() => Path.GetFullPath(DataDirectory, AppContext.BaseDirectory);

    /// <summary>The connection string for the configured provider.</summary>
    public string ResolveConnectionString() =>
        !string.IsNullOrWhiteSpace(ConnectionString)
            ? ConnectionString
            : $"Data Source={Path.Combine(ResolveDataDirectory(), "commsbot.db")}";
}
