using CommsBot.Bot.Nudges;
using CommsBot.Bot.Operations;
using CommsBot.Cards;
using CommsBot.Guidelines;
using CommsBot.Nudges;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace CommsBot.Bot.Tests.Nudges;

/// <summary>Commands through Bot Builder's TestAdapter, delivery through the real CloudAdapter to a loopback connector.</summary>
public sealed class NudgeDeliveryTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Nudges:QuietHours:Enabled"] = "false",
        ["Nudges:ConferencesFile"] = "",

        // These tests run on a fake clock, which the connector client's retry delays would wait on forever: the
        // outbox's own retries are what they test (ConnectorResilienceTests test the client's, on the real clock).
        ["Bot:ConnectorRetries"] = "0",
    };

    private FakeConnector connector = null!;
    private TestBot bot = null!;

    public async Task InitializeAsync()
    {
        connector = await FakeConnector.StartAsync();
        bot = await TestBot.CreateAsync(Settings);
    }

    public async Task DisposeAsync()
    {
        await bot.DisposeAsync();
        await connector.DisposeAsync();
    }

    private TestAdapter Chat(string userId, string conversationId, string type = "personal") => new(new ConversationReference
    {
        ChannelId = "msteams",
        ServiceUrl = connector.Url,
        User = new ChannelAccount(userId, "Dr " + userId),
        Bot = new ChannelAccount("bot-1", "CommsBot"),
        Conversation = new ConversationAccount(isGroup: type != "personal", conversationType: type, id: conversationId, tenantId: "tenant-1"),
    });

    private static Activity Kudos(string colleagueId, string colleagueName, string rest) => new()
    {
        Type = ActivityTypes.Message,
        Text = $"kudos <at>{colleagueName}</at> {rest}",
        Entities = [new Entity("mention") { Properties = JObject.FromObject(new { type = "mention", text = $"<at>{colleagueName}</at>", mentioned = new { id = colleagueId, name = colleagueName } }) }],
    };

    [Fact]
    public async Task ConsentedKudos_IsNudgedOnce_AndDraftAPostIsReady()
    {
        var team = Chat("adder", "a:team-chat");
        var colleague = Chat("colleague", "a:colleague-chat");
        await bot.SendTextAsync(colleague, "nudges off"); // stores the colleague's personal chat (for the consent DM)
        await bot.SendTextAsync(colleague, "nudges on");
        await bot.SendTextAsync(colleague, "nudges off");
        await bot.SendTextAsync(team, "nudges on");
        var added = await bot.SendAsync(team, Kudos("colleague", "Jane Doe", "publication https://doi.org/10.1000/xyz \"Outcomes of early mobilisation\"; with Ann Lee, Bob Roe"));
        Assert.Contains("Kudos #", added.SingleCard().Text(), StringComparison.Ordinal);

        var planner = bot.Services.GetRequiredService<NudgePlanner>();
        var dispatcher = bot.Services.GetRequiredService<NudgeDispatcher>();
        var fire = bot.Time.GetUtcNow();

        // Not consented yet: nothing offered; the consent DM goes to the colleague's personal chat.
        Assert.Equal(0, await planner.PlanColleaguePromotionsAsync(fire, default));
        var dispatched = await dispatcher.DispatchOnceAsync(default);
        Assert.True(dispatched == 1, string.Join("\n", bot.Logs.GetSnapshot().Where(l => l.Category?.Contains("Nudge", StringComparison.Ordinal) == true).Select(l => l.Message)));
        var consent = Assert.Single(connector.Cards("May your colleagues celebrate"));
        Assert.Equal("a:colleague-chat", consent.ConversationId);

        // Only the colleague can answer.
        var yes = new JObject { ["action"] = NudgeActions.Consent, ["id"] = 1, ["answer"] = "yes" };
        Assert.Contains("Not yours", (await bot.SubmitAsync(team, yes)).SingleCard().Text(), StringComparison.Ordinal);
        Assert.Contains("Thank you", (await bot.SubmitAsync(colleague, yes)).SingleCard().Text(), StringComparison.Ordinal);

        Assert.Equal(1, await planner.PlanColleaguePromotionsAsync(fire, default));
        Assert.Equal(0, await planner.PlanColleaguePromotionsAsync(fire, default)); // same period: already in the outbox
        Assert.Equal(0, await planner.PlanColleaguePromotionsAsync(fire.AddSeconds(10), default)); // nothing new since
        Assert.Equal(1, await dispatcher.DispatchOnceAsync(default));
        Assert.Equal(0, await dispatcher.DispatchOnceAsync(default));

        var nudge = Assert.Single(connector.Cards("Celebrate your colleagues"));
        Assert.Equal("a:team-chat", nudge.ConversationId);
        var card = (JObject)nudge.Activity["attachments"]![0]!["content"]!;
        var draftPost = Assert.Single(card.ActionData(NudgeActions.DraftPost));

        var replies = await bot.SubmitAsync(team, draftPost);
        var draft = replies[0].Text;
        Assert.Contains("@Jane Doe", draft, StringComparison.Ordinal);
        Assert.Contains("https://doi.org/10.1000/xyz", draft, StringComparison.Ordinal);
        Assert.Contains("@Ann Lee and @Bob Roe", draft, StringComparison.Ordinal);
        var review = bot.Services.GetRequiredService<DraftReviewer>().Review(draft, new DraftContext(AccountKind.Professional));
        Assert.Equal(Verdict.Ready, review.Verdict);
        Assert.Contains("ready", replies[1].Card().Text(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Delivery_Throttled_RetriesAfterRetryAfter()
    {
        connector.ThrottleFirst = int.MaxValue;
        var team = Chat("adder", "a:team");
        await bot.SendTextAsync(team, "nudges on");
        await bot.SendAsync(team, Kudos("adder", "Dr adder", "talk https://example.org/talk Grand rounds"));
        await bot.Services.GetRequiredService<NudgePlanner>().PlanColleaguePromotionsAsync(bot.Time.GetUtcNow(), default);
        var dispatcher = bot.Services.GetRequiredService<NudgeDispatcher>();
        var store = bot.Services.GetRequiredService<NudgeStore>();

        Assert.Equal(0, await dispatcher.DispatchOnceAsync(default));
        var row = Assert.Single(await store.OutboxAsync(default));
        Assert.Equal(("pending", 0, "http_429"), (row.Status, row.Attempts, row.LastError)); // a 429 is not a failed attempt
        Assert.Equal(bot.Time.GetUtcNow().AddSeconds(1).ToUnixTimeMilliseconds(), row.NotBeforeMs); // Retry-After: 1, exactly
        Assert.Equal(0, await dispatcher.DispatchOnceAsync(default)); // not due yet

        connector.ThrottleFirst = 0;
        bot.Time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Equal(0, await dispatcher.DispatchOnceAsync(default));
        bot.Time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, await dispatcher.DispatchOnceAsync(default));
        Assert.Equal(("delivered", 1), (Assert.Single(await store.OutboxAsync(default)).Status, Assert.Single(await store.OutboxAsync(default)).Attempts));
        Assert.Single(connector.Cards("Celebrate your colleagues"));
        Assert.DoesNotContain(bot.Logs.GetSnapshot(), l => l.Message.Contains("Grand rounds", StringComparison.Ordinal) || l.Message.Contains("Dr adder", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Delivery_RetriedThenSentThenActedOn_CountsMetricsAndTheReportsActedOn()
    {
        var metrics = new List<MetricSnapshot>();
        await using var measured = await TestBot.CreateAsync(Settings, s =>
        {
            s.AddMetrics();
            s.AddSingleton<CommsBotMetrics>();
            s.AddOpenTelemetry().WithMetrics(m => m.AddMeter(CommsBotMetrics.MeterName).AddInMemoryExporter(metrics));
        });
        var meters = measured.Services.GetRequiredService<MeterProvider>();
        connector.ThrottleFirst = int.MaxValue;
        var team = Chat("adder", "a:metrics-team");
        await measured.SendTextAsync(team, "nudges on");
        await measured.SendAsync(team, Kudos("adder", "Dr adder", "talk https://example.org/talk Grand rounds"));
        await measured.Services.GetRequiredService<NudgePlanner>().PlanColleaguePromotionsAsync(measured.Time.GetUtcNow(), default);
        var dispatcher = measured.Services.GetRequiredService<NudgeDispatcher>();
        Assert.Equal(0, await dispatcher.DispatchOnceAsync(default));
        connector.ThrottleFirst = 0;
        measured.Time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(1, await dispatcher.DispatchOnceAsync(default));
        var nudge = Assert.Single(connector.Cards("Celebrate your colleagues"), c => c.ConversationId == "a:metrics-team");
        var draftPost = Assert.Single(((JObject)nudge.Activity["attachments"]![0]!["content"]!).ActionData(NudgeActions.DraftPost));

        await measured.SubmitAsync(team, draftPost);

        Assert.True(meters.ForceFlush());
        var kind = NudgeKind.ColleaguePromotion.ToWire();
        Assert.True(Sum(metrics, "commsbot.nudges_sent", ("kind", kind)) >= 1);
        Assert.True(Sum(metrics, "commsbot.nudges_rate_limited", ("kind", kind)) >= 1);
        Assert.True(Sum(metrics, "commsbot.nudges_acted_on", ("kind", kind)) >= 1);
        var report = await measured.Services.GetRequiredService<UsageReportService>().BuildAsync(TimeSpan.FromDays(1), default);
        Assert.NotNull(report.Nudges);
        Assert.Equal((1L, 1L), (report.Nudges.Sent, report.Nudges.ActedOn));
        Assert.Equal(1, Assert.Single(report.Nudges.Kinds, k => k.Kind == kind).ActedOn);
    }

    // Other tests' providers in this process may export the same meter name: totals are asserted as at least.
    private static long Sum(List<MetricSnapshot> metrics, string name, params (string Key, string Value)[] tags) =>
        metrics.Where(m => m.Name == name)
            .GroupBy(m => m.Name).Select(g => g.Last()) // cumulative: the last export holds the totals
            .SelectMany(m => m.MetricPoints)
            .Where(p => tags.All(t => Tags(p).Contains((t.Key, t.Value))))
            .Sum(p => p.GetSumLong());

    private static List<(string Key, string? Value)> Tags(MetricPoint point)
    {
        var tags = new List<(string, string?)>();
        foreach (var tag in point.Tags)
        {
            tags.Add((tag.Key, tag.Value as string));
        }

        return tags;
    }

    [Fact]
    public async Task CheckedDraft_NamingAMeetingHashtag_GetsItsPolicy()
    {
        var chat = Chat("user", "a:user");
        await bot.SendTextAsync(chat, "conference add name=\"Heart Week\" hashtag=#HW26 start=2026-09-01 end=2026-09-03 photos=no-slides embargo=\"Late-breakers until their session\"");
        var replies = await bot.SendTextAsync(chat, "Three practical takeaways from #HW26 on heart failure care today");
        Assert.Equal(2, replies.Count);
        var reminder = replies[1].Card().Text();
        Assert.Contains("No photos of slides", reminder, StringComparison.Ordinal);
        Assert.Contains("Late-breakers until their session", reminder, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KudosRemove_OnlyAdderColleagueOrAdmin()
    {
        var adder = Chat("adder", "a:team");
        var other = Chat("other", "a:team");
        await bot.SendAsync(adder, Kudos("colleague", "Jane Doe", "grant https://example.org/g"));
        Assert.Contains("Not yours", (await bot.SendTextAsync(other, "kudos remove 1")).SingleCard().Text(), StringComparison.Ordinal);
        Assert.Contains("removed", (await bot.SendTextAsync(adder, "kudos remove 1")).SingleCard().Text(), StringComparison.Ordinal);
    }
}
