using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CommsBot.Bot.Storage;

/// <summary>Creates the data folder and applies the migrations before the server accepts requests, so a bad
/// database fails at start-up, not mid-conversation.</summary>
public sealed class StorageInitializer(
    IDbContextFactory<CommsBotDbContext> contexts,
    IOptions<StorageOptions> options,
    ILogger<StorageInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var storage = options.Value;
        if (storage.Provider == StorageProvider.Sqlite && string.IsNullOrWhiteSpace(storage.ConnectionString))
        {
            Directory.CreateDirectory(storage.ResolveDataDirectory());
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        if (db.Database.IsSqlite())
        {
            // WAL lets a turn read preferences while another writes a report.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken).ConfigureAwait(false);
        }

        Log.StorageReady(logger, storage.Provider.ToString());
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
