using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CommsBot.Bot.Storage;

/// <summary>Registers the bot's storage.</summary>
public static class StorageServiceCollectionExtensions
{
    internal static IServiceCollection AddCommsBotStorage(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddPooledDbContextFactory<CommsBotDbContext>((sp, db) => UseProvider(db, sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.TryAddSingleton<IBotStore, EfBotStore>();
        services.AddSingleton<UsageCounters>();
        services.AddSingleton<KnownConversations>();
        services.AddSingleton<UsageCounterFlushService>();

        // Registered before the web server, so the schema exists before the first request.
        services.AddHostedService<StorageInitializer>();
        services.AddHostedService(sp => sp.GetRequiredService<UsageCounterFlushService>());
        return services;
    }

    /// <summary>
    /// The provider switch. PostgreSQL is the seam for the nudges issue: add Npgsql.EntityFrameworkCore.PostgreSQL,
    /// call <c>UseNpgsql(connectionString, o => o.MigrationsAssembly(...))</c> here with its own migrations folder,
    /// and drop the check in <see cref="StorageOptions.Validate"/>.
    /// </summary>
    internal static DbContextOptionsBuilder UseProvider(DbContextOptionsBuilder builder, StorageOptions options) => options.Provider switch
    {
        StorageProvider.Sqlite => builder.UseSqlite(options.ResolveConnectionString()),
        _ => throw new NotSupportedException($"Storage provider {options.Provider} is not available in this build."),
    };
}
