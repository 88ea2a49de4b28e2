using System.Text;
using CommsBot.Bot.Hosting;
using CommsBot.Bot.Nudges;
using CommsBot.Bot.Storage;
using CommsBot.Nudges;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CommsBot.Bot.Tests.Nudges;

/// <summary>Real hosts on loopback, real schedules, a loopback connector: each nudge arrives once.</summary>
public sealed class ExactlyOnceTests
{
    private const string Scope = "msteams|tenant-1";

    [PostgresFact]
    public async Task TwoInstancesOnOnePostgres_DeliverEachNudgeOnce_OneAtATime()
    {
        var database = "commsbot_t_" + Guid.NewGuid().ToString("N")[..12];
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
            "--Nudges:ColleaguePromotion:Cron", "0/2 * * * * ?",
            "--Nudges:ConferenceHighlights:Enabled", "false",
            "--Nudges:QuietHours:Enabled", "false",
            "--Nudges:QuietHours:MaxPerWeek", "50",
            "--Nudges:ConferencesFile", "",
            "--Nudges:Delivery:PollInterval", "00:00:00.200",
            "--Logging:LogLevel:Default", "Warning",
        ];
        var first = CommsBotHost.CreateApp(args);
        var second = CommsBotHost.CreateApp(args);
        try
        {
            await Task.WhenAll(first.StartAsync(), second.StartAsync());
            var conversations = Enumerable.Range(1, 4).Select(i => $"a:conv-{i}").ToList();
            var botStore = first.Services.GetRequiredService<IBotStore>();
            var nudges = second.Services.GetRequiredService<NudgeStore>();
            foreach (var id in conversations)
            {
                await botStore.SaveConversationReferenceAsync(Reference(id, connector.Url), default);
                await nudges.SetSubscriptionAsync(NudgeTarget.Conversation("msteams", id), Scope, true, null, default);
            }

            // Both kudos land between two firings: a firing between them would offer Jane alone to some chats and
            // then Raj as a second, rightful nudge, and the count below would not be the exactly-once count.
            await PauseSchedulersAsync(first, second);
            await nudges.AddAccomplishmentAsync(Consented("Jane Doe"), default);
            await nudges.AddAccomplishmentAsync(Consented("Raj Patel"), default);
            await ResumeSchedulersAsync(first, second);
            await WaitForAsync(() => connector.Cards("Celebrate your colleagues").Count >= 4, TimeSpan.FromSeconds(30));
            await Task.Delay(TimeSpan.FromSeconds(5)); // several more firings on both instances
            var delivered = connector.Cards("Celebrate your colleagues");
            Assert.Equal(4, delivered.Count);
            Assert.Equal(conversations, delivered.Select(d => d.ConversationId).Order());

            // One instance delivers (the rate buckets are per process); when it stops, the other takes the lead.
            var leading = new[] { first, second }.Where(a => ((PostgresAdvisoryLockLeadership)a.Services.GetRequiredService<IDispatchLeadership>()).IsLeading).ToList();
            var leader = Assert.Single(leading);
            await leader.StopAsync();
            var standby = leader == first ? second : first;
            Assert.False(((PostgresAdvisoryLockLeadership)leader.Services.GetRequiredService<IDispatchLeadership>()).IsLeading);

            await standby.Services.GetRequiredService<NudgeStore>().AddAccomplishmentAsync(Consented("Ann Lee"), default);
            await WaitForAsync(() => connector.Cards("Celebrate your colleagues").Count >= 8, TimeSpan.FromSeconds(30));
            Assert.True(((PostgresAdvisoryLockLeadership)standby.Services.GetRequiredService<IDispatchLeadership>()).IsLeading);
            await Task.Delay(TimeSpan.FromSeconds(5));
            delivered = connector.Cards("Celebrate your colleagues");
            Assert.Equal(8, delivered.Count);
            Assert.All(delivered.GroupBy(d => d.ConversationId), g => Assert.Equal(2, g.Count()));
            Assert.All((await standby.Services.GetRequiredService<NudgeStore>().OutboxAsync(default)).Where(r => r.Kind == "colleague-promotion"), r => Assert.Equal(NudgeOutboxRow.Delivered, r.Status));
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

    private static async Task PauseSchedulersAsync(params WebApplication[] apps)
    {
        foreach (var app in apps)
        {
            var scheduler = await app.Services.GetRequiredService<Quartz.ISchedulerFactory>().GetScheduler();
            await scheduler.PauseAll();
        }

        // A planning pass already running finishes in milliseconds (Quartz 4 has no public list of running jobs).
        await Task.Delay(TimeSpan.FromSeconds(1));
    }

    private static async Task ResumeSchedulersAsync(params WebApplication[] apps)
    {
        foreach (var app in apps)
        {
            await (await app.Services.GetRequiredService<Quartz.ISchedulerFactory>().GetScheduler()).ResumeAll();
        }
    }

    /// <summary>The "done when": a 10-second schedule, quiet hours off; install, <c>nudges on</c>, a consented
    /// kudos; the card arrives within 20 seconds, once.</summary>
    [Fact]
    public async Task InstalledAndSubscribed_ConsentedKudos_CardWithin20Seconds_Once()
    {
        var data = Path.Combine(Path.GetTempPath(), "commsbot-tests", Guid.NewGuid().ToString("N"));
        await using var connector = await FakeConnector.StartAsync();
        var app = CommsBotHost.CreateApp(
        [
            "--urls", "http://127.0.0.1:0",
            "--Bot:AllowLocalMode", "true",
            "--Storage:DataDirectory", data,
            "--Nudges:ColleaguePromotion:Cron", "0/10 * * * * ?",
            "--Nudges:QuietHours:Enabled", "false",
            "--Logging:LogLevel:Default", "Warning",
        ]);
        try
        {
            await app.StartAsync();
            var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var http = new HttpClient { BaseAddress = new Uri(url) };
            await PostAsync(http, connector.Url, """{"type":"conversationUpdate","membersAdded":[{"id":"bot-1"}]}""");
            await PostAsync(http, connector.Url, """{"type":"message","text":"nudges on"}""");
            var added = DateTimeOffset.UtcNow;
            await PostAsync(http, connector.Url, """
                {"type":"message","text":"kudos <at>Dr Test</at> award https://example.org/award Teaching award",
                 "entities":[{"type":"mention","text":"<at>Dr Test</at>","mentioned":{"id":"user-1","name":"Dr Test"}}]}
                """);

            await WaitForAsync(() => connector.Cards("Celebrate your colleagues").Count > 0, TimeSpan.FromSeconds(20));
            Assert.True(DateTimeOffset.UtcNow - added < TimeSpan.FromSeconds(20));
            // the next firing finds nothing new: a firing and a poll, called directly rather than waited for
            await app.Services.GetRequiredService<NudgePlanner>().PlanColleaguePromotionsAsync(DateTimeOffset.UtcNow.AddSeconds(10), default);
            await app.Services.GetRequiredService<NudgeDispatcher>().DispatchOnceAsync(default);
            var card = Assert.Single(connector.Cards("Celebrate your colleagues"));
            Assert.Equal("a:personal-user-1", card.ConversationId);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
    }

    private static async Task PostAsync(HttpClient http, string serviceUrl, string partial)
    {
        var activity = Newtonsoft.Json.Linq.JObject.Parse(partial);
        activity["channelId"] = "msteams";
        activity["serviceUrl"] = serviceUrl;
        activity["id"] = Guid.NewGuid().ToString("N");
        activity["conversation"] = new Newtonsoft.Json.Linq.JObject { ["id"] = "a:personal-user-1", ["conversationType"] = "personal", ["tenantId"] = "tenant-1" };
        activity["from"] = new Newtonsoft.Json.Linq.JObject { ["id"] = "user-1" };
        activity["recipient"] = new Newtonsoft.Json.Linq.JObject { ["id"] = "bot-1" };
        using var content = new StringContent(activity.ToString(), Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri(BotEndpoint.Route, UriKind.Relative), content);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}");
    }

    private static ConversationReference Reference(string conversationId, string serviceUrl) => new()
    {
        ChannelId = "msteams",
        ServiceUrl = serviceUrl,
        Bot = new ChannelAccount("bot-1"),
        Conversation = new ConversationAccount(isGroup: true, conversationType: "groupChat", id: conversationId, tenantId: "tenant-1"),
    };

    private static AccomplishmentRecord Consented(string name) => new()
    {
        Scope = Scope,
        ChannelId = "msteams",
        ColleagueName = name,
        Kind = "publication",
        Link = "https://doi.org/10.1000/" + Guid.NewGuid().ToString("N")[..6],
        AddedBy = "msteams:adder",
        Consent = ConsentState.Granted.ToWire(),
    };

    private static async Task WaitForAsync(Func<bool> condition, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (!condition() && DateTime.UtcNow < until)
        {
            await Task.Delay(100);
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
