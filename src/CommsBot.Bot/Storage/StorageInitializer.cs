using System.Net.Sockets;
using CommsBot.Bot.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace CommsBot.Bot.Storage;

/// <summary>Creates the data folder and applies the migrations before the server accepts requests, so a bad
/// database fails at start-up, not mid-conversation. A database that does not answer yet (a container starting
/// beside the bot) is tried again with back-off for <see cref="StorageOptions.StartupTimeout"/>; then start-up stops
/// with a <see cref="CommsBotStartupException"/> that says why, and the process exits non-zero.</summary>
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

        var attempts = 0;
        string? lastFailure = null;
        var retry = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(e => e is not OperationCanceledException || !cancellationToken.IsCancellationRequested),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromSeconds(1),
                MaxDelay = TimeSpan.FromSeconds(10),
                OnRetry = args =>
                {
                    lastFailure = Reason(args.Outcome.Exception);
                    Log.DatabaseUnreachable(logger, storage.Provider.ToString(), args.AttemptNumber + 1, lastFailure, args.RetryDelay.TotalSeconds);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(storage.StartupTimeout);
        try
        {
            await retry.ExecuteAsync(
                async token =>
                {
                    attempts++;
                    await MigrateAsync(token);
                },
                deadline.Token);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is not CommsBotStartupException)
        {
            // The exception's message can carry the connection string's host and user: the type is enough to act on.
            var reason = lastFailure is not null && e is OperationCanceledException ? lastFailure : Reason(e);
            Log.DatabaseGaveUp(logger, storage.Provider.ToString(), attempts, reason);
            throw new CommsBotStartupException(
                $"the {storage.Provider} database could not be reached or migrated within {storage.StartupTimeout.TotalSeconds:0} s ({attempts} attempts; last: {reason}). " +
                "Check Storage:ConnectionString (host, port, database, credentials) and that the database is running; Storage:StartupTimeout sets how long to wait.");
        }

        Log.StorageReady(logger, storage.Provider.ToString());
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            // WAL lets a turn read preferences while another writes a report.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }

    /// <summary>The exception's type, and the socket error or SQL state under it: no message, which can name hosts and users.</summary>
    private static string Reason(Exception? e)
    {
        if (e is null)
        {
            return "unknown";
        }

        var detail = "";
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is SocketException socket)
            {
                detail = " (" + socket.SocketErrorCode + ")";
                break;
            }

            if (inner is System.Data.Common.DbException { SqlState: { Length: > 0 } state })
            {
                detail = " (SQL state " + state + ")";
                break;
            }
        }

        return e.GetType().Name + detail;
    }
}
