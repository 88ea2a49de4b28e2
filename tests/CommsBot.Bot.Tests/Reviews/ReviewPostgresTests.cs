using CommsBot.Bot.Hosting;
using CommsBot.Bot.Reviews;
using CommsBot.Bot.Tests.Nudges;
using CommsBot.Cards;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Npgsql;

namespace CommsBot.Bot.Tests.Reviews;

/// <summary>The review queue on PostgreSQL, two bot instances on one database: a request made through one is decided
/// through the other (which decrypts it with the shared key ring), no column holds the draft's plaintext, and the
/// purge leaves the audit row.</summary>
public sealed class ReviewPostgresTests
{
    private const string Tenant = "tenant-1";
    private const string ReviewChannel = "19:comms@thread.tacv2";
    private const string AuthorChat = "a:author-chat";

    [PostgresFact]
    public async Task TwoInstancesOnOnePostgres_RequestOnOneDecidedOnTheOther_NoPlaintextAndPurged()
    {
        var canary = "Canary" + Guid.NewGuid().ToString("N");
        var database = "commsbot_r_" + Guid.NewGuid().ToString("N")[..12];
        var admin = PostgresFactAttribute.ConnectionString;
        await ExecuteAsync(admin, $"CREATE DATABASE {database}");
        var connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = database, Pooling = false }.ConnectionString;
        await using var connector = await FakeConnector.StartAsync();
        string[] args =
        [
            "--urls", "http://127.0.0.1:0",
            "--Bot:AllowLocalMode", "true",
            "--Storage:Provider", "Postgres",
            "--Storage:ConnectionString", connectionString,
            "--Guidelines:Learned", "false",
            "--Review:Admins:0", "msteams:29:admin",
            "--Nudges:ConferencesFile", "",
            "--Logging:LogLevel:Default", "Trace",
        ];
        var first = CommsBotHost.CreateApp(args, b => b.Logging.SetMinimumLevel(LogLevel.Trace).AddFakeLogging());
        var second = CommsBotHost.CreateApp(args, b => b.Logging.SetMinimumLevel(LogLevel.Trace).AddFakeLogging());
        try
        {
            await first.StartAsync();
            await second.StartAsync();
            using var one = Client(first);
            using var two = Client(second);

            await PostAsync(one, connector, "29:admin", "Dr Admin", ReviewChannel, "channel", "review here");
            var draft = $"Swipe up to save 20% with code {canary} today";
            await PostAsync(one, connector, "29:author", "Dr Author", AuthorChat, "personal", draft);
            var ask = TeamsReviewClient.LastCard(connector, AuthorChat, "Ask comms to review").ActionData(CardActions.AskReview).Single();
            await PostAsync(one, connector, "29:author", "Dr Author", AuthorChat, "personal", null, ask);
            var submit = TeamsReviewClient.LastCard(connector, AuthorChat, "Share with comms").ActionData(ReviewActions.Submit).Single();
            submit["note"] = "Note " + canary;
            await PostAsync(one, connector, "29:author", "Dr Author", AuthorChat, "personal", null, submit);
            var request = Assert.Single(connector.Cards("Review request #1"));

            // The second instance takes and approves it: its card update shows the draft it decrypted.
            var take = TeamsReviewClient.Card(request.Activity).ActionData(ReviewActions.Take).Single();
            await PostAsync(two, connector, "29:reviewer", "Dr Reviewer", ReviewChannel, "channel", null, take);
            var updated = Assert.Single(connector.Updated);
            Assert.Contains(draft, updated.Activity.ToString(), StringComparison.Ordinal);
            var approve = TeamsReviewClient.Card(updated.Activity).ActionData(ReviewActions.Approve).Single();
            approve["comment"] = "Fine " + canary;
            await PostAsync(two, connector, "29:reviewer", "Dr Reviewer", ReviewChannel, "channel", null, approve);
            TeamsReviewClient.LastCard(connector, AuthorChat, "Approved by Dr Reviewer");

            Assert.False(await AnyTextContainsAsync(connectionString, canary), "a column holds the canary in plaintext");
            Assert.True(await CountAsync(connectionString, """SELECT count(*) FROM "DataProtectionKeys" """) >= 1);

            var store = second.Services.GetRequiredService<ReviewStore>();
            Assert.Equal(1, await store.PurgeAsync(DateTimeOffset.UtcNow.AddMinutes(1), default));
            var row = (await store.GetRequestAsync(1, default))!;
            Assert.Equal((null, null, null, ReviewRequestRecord.Approved, "29:reviewer"), (row.DraftCipher, row.NoteCipher, row.CommentCipher, row.Status, row.ReviewerId));
            Assert.NotNull(row.PurgedAtMs);
            Assert.Contains("undisclosed-partnership", row.RuleIds, StringComparison.Ordinal);
            ReviewAssertions.NoLogContains(first.Services.GetFakeLogCollector(), canary);
            ReviewAssertions.NoLogContains(second.Services.GetFakeLogCollector(), canary);
        }
        finally
        {
            await Task.WhenAll(first.StopAsync(), second.StopAsync());
            await first.DisposeAsync();
            await second.DisposeAsync();
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
        }
    }

    private static HttpClient Client(WebApplication app) => new()
    {
        BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/"),
        Timeout = TimeSpan.FromSeconds(30),
    };

    private static Task PostAsync(HttpClient client, FakeConnector connector, string user, string name, string conversation, string type, string? text, Newtonsoft.Json.Linq.JObject? value = null) =>
        TeamsReviewClient.PostAsync(client, TeamsReviewClient.Message(connector, Tenant, user, name, conversation, type, text, value));

    /// <summary>Whether any text column of any row of the bot's tables contains <paramref name="text"/>.</summary>
    private static async Task<bool> AnyTextContainsAsync(string connectionString, string text)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        foreach (var table in tables)
        {
            await using var command = new NpgsqlCommand($"SELECT count(*) FROM \"{table}\" t WHERE t::text LIKE @pattern", connection);
            command.Parameters.AddWithValue("pattern", "%" + text + "%");
            if ((long)(await command.ExecuteScalarAsync())! > 0)
            {
                return true;
            }
        }

        return false;
    }

    private static async Task<long> CountAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
