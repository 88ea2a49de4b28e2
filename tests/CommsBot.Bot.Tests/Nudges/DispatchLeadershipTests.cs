using CommsBot.Bot.Nudges;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CommsBot.Bot.Tests.Nudges;

/// <summary>The lead on the outbox over a real PostgreSQL: one holder at a time, handed on when the holder stops or
/// its connection breaks.</summary>
public sealed class DispatchLeadershipTests
{
    [PostgresFact]
    public async Task TwoInstances_OneLeads_TheOtherTakesOverWhenItStopsOrItsConnectionBreaks()
    {
        var database = "commsbot_t_" + Guid.NewGuid().ToString("N")[..12];
        var admin = PostgresFactAttribute.ConnectionString;
        await ExecuteAsync(admin, $"CREATE DATABASE {database}");
        var connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = database }.ConnectionString;
        var first = new PostgresAdvisoryLockLeadership(connectionString, NullLogger<PostgresAdvisoryLockLeadership>.Instance);
        var second = new PostgresAdvisoryLockLeadership(connectionString, NullLogger<PostgresAdvisoryLockLeadership>.Instance);
        try
        {
            Assert.True(await first.HoldAsync(default));
            Assert.False(await second.HoldAsync(default));
            Assert.True(await first.HoldAsync(default)); // kept, not taken again
            Assert.False(second.IsLeading);

            await first.DisposeAsync(); // the instance stops
            Assert.True(await second.HoldAsync(default));
            Assert.False(await first.HoldAsync(default));

            // the leader's connection breaks: the server releases its lock, and the other instance takes the lead
            await ExecuteAsync(admin, $"SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = '{database}')");
            Assert.True(await first.HoldAsync(default));
            Assert.False(await second.HoldAsync(default)); // it notices the broken connection and stands by
            Assert.False(second.IsLeading);
        }
        finally
        {
            await first.DisposeAsync();
            await second.DisposeAsync();
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
