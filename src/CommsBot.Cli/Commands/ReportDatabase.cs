using System.Data.Common;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CommsBot.Cli.Commands;

/// <summary>
/// Which database <c>commsbot report</c> reads: the one the bot writes. In order: <c>--connection-string</c>,
/// <c>--database FILE</c>, the bot's own settings from the environment (<c>Storage__Provider</c>,
/// <c>Storage__ConnectionString</c>, <c>Storage__DataDirectory</c>), then an <c>appsettings.json</c> next to this
/// program (there when it is published beside the bot, as in the container image), then <c>data/commsbot.db</c>.
/// A relative data directory is resolved against this program's folder, as the bot resolves it against its own.
/// </summary>
internal sealed record ReportDatabase(bool IsPostgres, string ConnectionString, string Description)
{
    private const string SqliteFile = "commsbot.db";

    public static ReportDatabase? Resolve(string? database, string? connectionString, string? provider, CliHost host, out string? error)
    {
        error = null;
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            var postgres = provider is not null
                ? provider.Equals("postgres", StringComparison.OrdinalIgnoreCase)
                : connectionString.Contains("Host=", StringComparison.OrdinalIgnoreCase);
            return postgres
                ? new ReportDatabase(true, connectionString, "PostgreSQL (--connection-string)")
                : Sqlite(connectionString, "--connection-string", out error);
        }

        if (!string.IsNullOrWhiteSpace(database))
        {
            return SqliteFileAt(Path.GetFullPath(database), out error);
        }

        var settings = AppSettings();
        var envProvider = host.GetEnvironmentVariable("Storage__Provider") ?? settings.GetValueOrDefault("Provider");
        var envConnection = host.GetEnvironmentVariable("Storage__ConnectionString") ?? settings.GetValueOrDefault("ConnectionString");
        var dataDirectory = host.GetEnvironmentVariable("Storage__DataDirectory") ?? settings.GetValueOrDefault("DataDirectory") ?? "data";
        if (string.Equals(envProvider, "Postgres", StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(envConnection))
            {
                error = "Storage__Provider is Postgres but Storage__ConnectionString is not set; pass --connection-string.";
                return null;
            }

            return new ReportDatabase(true, envConnection, "PostgreSQL (Storage__ConnectionString)");
        }

        if (!string.IsNullOrWhiteSpace(envConnection))
        {
            return Sqlite(envConnection, "Storage__ConnectionString", out error);
        }

        return SqliteFileAt(Path.Combine(Path.GetFullPath(dataDirectory, AppContext.BaseDirectory), SqliteFile), out error);
    }

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        DbConnection connection = IsPostgres ? new NpgsqlConnection(ConnectionString) : new SqliteConnection(ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static ReportDatabase? Sqlite(string connectionString, string from, out string? error)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        return SqliteFileAt(Path.GetFullPath(builder.DataSource), out error, from);
    }

    private static ReportDatabase? SqliteFileAt(string path, out string? error, string? from = null)
    {
        if (!File.Exists(path))
        {
            error = $"no bot database at {path}. The bot writes it to Storage:DataDirectory/commsbot.db (by default data/ next to the bot: "
                + "src/CommsBot.Bot/bin/Debug/net10.0/data/commsbot.db after 'dotnet run --project src/CommsBot.Bot'); pass --database FILE or --connection-string.";
            return null;
        }

        error = null;
        var connection = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        return new ReportDatabase(false, connection, from is null ? path : $"{path} ({from})");
    }

    /// <summary>The Storage section of an appsettings.json beside this program, when there is one.</summary>
    private static Dictionary<string, string> AppSettings()
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var path = Path.Combine(AppContext.BaseDirectory, "appsettings.json");
        if (!File.Exists(path))
        {
            return values;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (document.RootElement.TryGetProperty("Storage", out var storage) && storage.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in storage.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String))
                {
                    values[property.Name] = property.Value.GetString()!;
                }
            }
        }
        catch (JsonException)
        {
            // not the bot's settings file: fall back to the defaults
        }

        return values;
    }
}
