using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CommsBot.Bot.Storage;

/// <summary>Registers the bot's storage.</summary>
public static class StorageServiceCollectionExtensions
{
    internal static IServiceCollection AddCommsBotStorage(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => CreateFactory(sp.GetRequiredService<IOptions<StorageOptions>>().Value, sp.GetRequiredService<ILoggerFactory>()));
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
    /// The provider switch. Each provider has its own context type, so its own migrations: SQLite's in
    /// Storage/Migrations (<see cref="CommsBotDbContext"/>), PostgreSQL's in Storage/Migrations/Postgres
    /// (<see cref="PostgresCommsBotDbContext"/>). Both are pooled; callers see <see cref="IDbContextFactory{CommsBotDbContext}"/>.
    /// </summary>
    internal static IDbContextFactory<CommsBotDbContext> CreateFactory(StorageOptions options, ILoggerFactory loggerFactory) => options.Provider switch
    {
        StorageProvider.Sqlite => new PooledDbContextFactory<CommsBotDbContext>(
            UseProvider(new DbContextOptionsBuilder<CommsBotDbContext>(), options).UseLoggerFactory(loggerFactory).Options),
        StorageProvider.Postgres => new UpcastDbContextFactory<PostgresCommsBotDbContext>(new PooledDbContextFactory<PostgresCommsBotDbContext>(
            UseProvider(new DbContextOptionsBuilder<PostgresCommsBotDbContext>(), options).UseLoggerFactory(loggerFactory).Options)),
        _ => throw new NotSupportedException($"Storage provider {options.Provider} is not available in this build."),
    };

    internal static TBuilder UseProvider<TBuilder>(TBuilder builder, StorageOptions options)
        where TBuilder : DbContextOptionsBuilder => options.Provider switch
    {
        StorageProvider.Sqlite => (TBuilder)builder.UseSqlite(options.ResolveConnectionString()),
        StorageProvider.Postgres => (TBuilder)builder.UseNpgsql(options.ResolveConnectionString()),
        _ => throw new NotSupportedException($"Storage provider {options.Provider} is not available in this build."),
    };

    private sealed class UpcastDbContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<CommsBotDbContext>
        where TContext : CommsBotDbContext
    {
        public CommsBotDbContext CreateDbContext() => inner.CreateDbContext();

        public async Task<CommsBotDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
            await inner.CreateDbContextAsync(cancellationToken);
    }
}
