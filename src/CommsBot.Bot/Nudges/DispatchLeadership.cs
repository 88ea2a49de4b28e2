using CommsBot.Bot.Storage;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CommsBot.Bot.Nudges;

/// <summary>
/// Which instance delivers the outbox. The platforms' rate limits (a Teams tenant, a Slack workspace, one conversation)
/// hold across every instance of the bot, but <see cref="NudgeRateLimiter"/>'s buckets live in one process: two
/// instances each sending at a tenant's rate would send at twice it, and answer each other's 429s. So one instance at a
/// time delivers; the others stand by and take over when it stops. Rows are still claimed by lease, so a row is never
/// sent twice whichever instance holds the lead.
/// </summary>
public interface IDispatchLeadership : IAsyncDisposable
{
    /// <summary>Whether this instance may deliver now: takes the lead when no other instance holds it, and keeps it.</summary>
    ValueTask<bool> HoldAsync(CancellationToken cancellationToken);
}

/// <summary>One instance (SQLite, a single process): it always leads.</summary>
public sealed class SoleInstanceLeadership : IDispatchLeadership
{
    /// <inheritdoc />
    public ValueTask<bool> HoldAsync(CancellationToken cancellationToken) => ValueTask.FromResult(true);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>
/// The lead on PostgreSQL: a session-level advisory lock held on a connection of its own for as long as this instance
/// delivers. When the process stops or its connection breaks, the server releases the lock, and another instance's next
/// poll takes it. A broken connection is noticed at the next poll (a round trip of <c>SELECT 1</c>) and the lead is
/// given up until it can be taken again.
/// </summary>
public sealed class PostgresAdvisoryLockLeadership(string connectionString, ILogger<PostgresAdvisoryLockLeadership> logger) : IDispatchLeadership
{
    // Not pooled: a pooled connection goes back to the pool on dispose with its session, and the lock, still open.
    private readonly string unpooled = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;

    /// <summary>The advisory lock's key: one per database, the outbox's.</summary>
    internal const long LockKey = 0x436F6D6D73426F74; // "CommsBot"

    private readonly SemaphoreSlim gate = new(1, 1);
    private NpgsqlConnection? connection;

    /// <summary>Creates it from the storage options (PostgreSQL).</summary>
    public PostgresAdvisoryLockLeadership(IOptions<StorageOptions> options, ILogger<PostgresAdvisoryLockLeadership> logger)
        : this(options.Value.ResolveConnectionString(), logger)
    {
    }

    /// <summary>Whether this instance holds the lead now.</summary>
    public bool IsLeading => connection is not null;

    /// <inheritdoc />
    public async ValueTask<bool> HoldAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (connection is not null)
            {
                try
                {
                    await using var ping = new NpgsqlCommand("SELECT 1", connection);
                    await ping.ExecuteScalarAsync(cancellationToken);
                    return true;
                }
                catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
                {
                    // the connection broke: the server has released the lock with it
                    Log.NudgeDispatchLeadLost(logger, e.GetType().Name);
                    await DropAsync();
                }
            }

            var candidate = new NpgsqlConnection(unpooled);
            try
            {
                await candidate.OpenAsync(cancellationToken);
                await using var take = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", candidate);
                take.Parameters.AddWithValue("key", LockKey);
                if (await take.ExecuteScalarAsync(cancellationToken) is true)
                {
                    connection = candidate;
                    Log.NudgeDispatchLeadTaken(logger);
                    return true;
                }
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                Log.NudgeDispatchLeadUnavailable(logger, e.GetType().Name);
            }

            await candidate.DisposeAsync();
            return false;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Gives the lead up (the lock is released with the connection); again, it does nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        await gate.WaitAsync();
        try
        {
            await DropAsync();
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task DropAsync()
    {
        if (connection is { } held)
        {
            connection = null;
            await held.DisposeAsync();
        }
    }
}
