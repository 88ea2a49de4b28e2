using CommsBot.Bot.Nudges;
using CommsBot.Bot.Storage;
using CommsBot.Nudges;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.DependencyInjection;

namespace CommsBot.Bot.Tests.Nudges;

/// <summary>
/// The outbox dispatcher against a loopback connector, on a fake clock: parallel sends to many chats, each once; a 429
/// pauses its conversation for exactly its Retry-After without costing an attempt, and other conversations go on;
/// a row given up is logged with its id and reason. (How fast a fan-out goes is measured by tests/load/run-fanout.sh,
/// not asserted here.)
/// </summary>
public sealed class NudgeDispatcherTests : IAsyncLifetime
{
    private const string Scope = "msteams|tenant-1";

    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Nudges:QuietHours:Enabled"] = "false",
        ["Nudges:ConferencesFile"] = "",
        ["Bot:ConnectorRetries"] = "0", // the fake clock would hold the client's own retry delays forever

        // Buckets far above what the tests send, so no test waits on the real clock for a token.
        ["Nudges:Delivery:RateLimits:TeamsTenant:PerSecond"] = "10000",
        ["Nudges:Delivery:RateLimits:TeamsTenant:Burst"] = "1000",
        ["Nudges:Delivery:MaxAttempts"] = "2",
        ["Nudges:Delivery:MaxRateLimitedFor"] = "01:00:00",
    };

    private FakeConnector connector = null!;
    private TestBot bot = null!;

    private NudgeDispatcher Dispatcher => bot.Services.GetRequiredService<NudgeDispatcher>();

    private NudgeStore Store => bot.Services.GetRequiredService<NudgeStore>();

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

    [Fact]
    public async Task DispatchOnce_ManyChatsSomeThrottled_EachChatGetsTheNudgeOnce()
    {
        var chats = await SubscribeAsync(120);
        await AddConsentedKudosAndPlanAsync();
        connector.ThrottleFirst = 25;

        var first = await Dispatcher.DispatchOnceAsync(default);
        Assert.Equal(95, first);
        Assert.Equal(0, await Dispatcher.DispatchOnceAsync(default)); // the throttled ones wait for their Retry-After
        bot.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(25, await Dispatcher.DispatchOnceAsync(default));
        Assert.Equal(0, await Dispatcher.DispatchOnceAsync(default));

        var delivered = connector.Cards("Celebrate your colleagues");
        Assert.Equal(chats.Order(), delivered.Select(d => d.ConversationId).Order());
        var rows = await Store.OutboxAsync(default);
        Assert.All(rows, r => Assert.Equal((NudgeOutboxRow.Delivered, 1), (r.Status, r.Attempts)));
        Assert.Equal(145, connector.Attempts);
    }

    [Fact]
    public async Task DispatchOnce_429sBeyondMaxAttempts_AreNotCountedAndTheNudgeIsDelivered()
    {
        var chat = Assert.Single(await SubscribeAsync(1));
        await AddConsentedKudosAndPlanAsync();
        connector.ByConversation[chat] = (429, 2);

        for (var i = 0; i < 5; i++) // MaxAttempts is 2
        {
            Assert.Equal(0, await Dispatcher.DispatchOnceAsync(default));
            var row = Assert.Single(await Store.OutboxAsync(default));
            Assert.Equal((NudgeOutboxRow.Pending, 0, "http_429"), (row.Status, row.Attempts, row.LastError));
            bot.Time.Advance(TimeSpan.FromSeconds(2));
        }

        connector.ByConversation.TryRemove(chat, out _);
        Assert.Equal(1, await Dispatcher.DispatchOnceAsync(default));
        Assert.Equal((NudgeOutboxRow.Delivered, 1), Single(await Store.OutboxAsync(default)));
        Assert.Equal(6, connector.Attempts);
    }

    [Fact]
    public async Task DispatchOnce_DestinationAnswering429ForMaxRateLimitedFor_HasItsRowGivenUp_OthersAreDelivered()
    {
        var chats = await SubscribeAsync(2);
        await AddConsentedKudosAndPlanAsync();
        var blocked = chats[0];
        connector.ByConversation[blocked] = (429, 600); // every answer a 429, Retry-After 10 minutes

        Assert.Equal(1, await Dispatcher.DispatchOnceAsync(default)); // the other chat
        for (var minutes = 10; minutes < 60; minutes += 10)
        {
            bot.Time.Advance(TimeSpan.FromMinutes(10));
            Assert.Equal(0, await Dispatcher.DispatchOnceAsync(default));
            var pending = (await Store.OutboxAsync(default)).Single(r => r.ConversationKey.EndsWith(blocked, StringComparison.Ordinal));
            Assert.Equal((NudgeOutboxRow.Pending, 0, "http_429"), (pending.Status, pending.Attempts, pending.LastError));
        }

        bot.Time.Advance(TimeSpan.FromMinutes(10)); // an hour of nothing but 429 (MaxRateLimitedFor is 1 h here)
        Assert.Equal(0, await Dispatcher.DispatchOnceAsync(default));
        var row = (await Store.OutboxAsync(default)).Single(r => r.ConversationKey.EndsWith(blocked, StringComparison.Ordinal));
        Assert.Equal((NudgeOutboxRow.Failed, 1, NudgeDispatcher.RateLimitedTooLong), (row.Status, row.Attempts, row.LastError));
        var gaveUp = Assert.Single(bot.Logs.GetSnapshot(), l => l.Id.Id == 313);
        Assert.StartsWith($"Nudge {row.Id} (colleague-promotion) given up: its destination has answered 429 since ", gaveUp.Message, StringComparison.Ordinal);

        bot.Time.Advance(TimeSpan.FromHours(1));
        var attempts = connector.Attempts;
        Assert.Equal(0, await Dispatcher.DispatchOnceAsync(default));
        Assert.Equal(attempts, connector.Attempts); // given up: never tried again
    }

    [Fact]
    public async Task DispatchOnce_429StreakBrokenByADelivery_StartsAgain()
    {
        var chat = Assert.Single(await SubscribeAsync(1));
        await AddConsentedKudosAndPlanAsync();
        connector.ByConversation[chat] = (429, 1800);

        Assert.Equal(0, await Dispatcher.DispatchOnceAsync(default));
        bot.Time.Advance(TimeSpan.FromMinutes(30));
        connector.ByConversation.TryRemove(chat, out _);
        Assert.Equal(1, await Dispatcher.DispatchOnceAsync(default)); // the streak ends here

        // A second nudge for the same chat meets 429s again: 50 minutes of them is a new streak, not 80.
        connector.ByConversation[chat] = (429, 1800);
        await EnqueueHighlightAsync(chat);
        Assert.Equal(0, await Dispatcher.DispatchOnceAsync(default));
        bot.Time.Advance(TimeSpan.FromMinutes(50));
        Assert.Equal(0, await Dispatcher.DispatchOnceAsync(default));
        Assert.Contains(await Store.OutboxAsync(default), r => r.Status == NudgeOutboxRow.Pending && r.LastError == "http_429");
        Assert.DoesNotContain(await Store.OutboxAsync(default), r => r.Status == NudgeOutboxRow.Failed);
    }

    [Fact]
    public async Task DispatchOnce_429WithRetryAfter_PausesThatConversationExactly_OthersGoOn()
    {
        var chats = await SubscribeAsync(3);
        await AddConsentedKudosAndPlanAsync();
        var throttled = chats[1];
        connector.ByConversation[throttled] = (429, 7);

        Assert.Equal(2, await Dispatcher.DispatchOnceAsync(default));
        Assert.Equal(chats.Where(c => c != throttled).Order(), connector.Cards("Celebrate your colleagues").Select(c => c.ConversationId).Order());

        // Another nudge for the paused conversation, due now: given back unsent until the pause ends, no request made.
        connector.ByConversation.TryRemove(throttled, out _);
        await EnqueueHighlightAsync(throttled);
        var attempts = connector.Attempts;
        Assert.Equal(0, await Dispatcher.DispatchOnceAsync(default));
        Assert.Equal(attempts, connector.Attempts);
        var pausedUntil = bot.Time.GetUtcNow().AddSeconds(7).ToUnixTimeMilliseconds();
        var rows = (await Store.OutboxAsync(default)).Where(r => r.ConversationKey.EndsWith(throttled, StringComparison.Ordinal)).ToList();
        Assert.All(rows, r => Assert.Equal((NudgeOutboxRow.Pending, 0, pausedUntil), (r.Status, r.Attempts, r.NotBeforeMs)));
        Assert.Equal(["http_429", NudgeDispatcher.DestinationPaused], rows.Select(r => r.LastError));

        bot.Time.Advance(TimeSpan.FromSeconds(6.999));
        Assert.Equal(0, await Dispatcher.DispatchOnceAsync(default));
        bot.Time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(2, await Dispatcher.DispatchOnceAsync(default));
        Assert.Equal(2, connector.Posted.Count(p => p.ConversationId == throttled));
    }

    [Fact]
    public async Task DispatchOnce_FailureAtMaxAttempts_IsGivenUpWithItsReasonLoggedForTheRow()
    {
        var chat = Assert.Single(await SubscribeAsync(1));
        await AddConsentedKudosAndPlanAsync("Secret Canary Title");
        connector.ByConversation[chat] = (500, null);

        Assert.Equal(0, await Dispatcher.DispatchOnceAsync(default));
        bot.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(0, await Dispatcher.DispatchOnceAsync(default));

        var row = Assert.Single(await Store.OutboxAsync(default));
        Assert.Equal((NudgeOutboxRow.Failed, 2, "http_500"), (row.Status, row.Attempts, row.LastError));
        var logs = bot.Logs.GetSnapshot();
        var gaveUp = Assert.Single(logs, l => l.Id.Id == 304);
        Assert.Equal($"Nudge {row.Id} (colleague-promotion) given up after 2 attempts: http_500", gaveUp.Message);
        Assert.DoesNotContain(logs, l => l.Message.Contains("Secret Canary", StringComparison.Ordinal));
    }

    private static (string, int) Single(IReadOnlyList<NudgeOutboxRow> rows) => Assert.Single(rows) is var r ? (r.Status, r.Attempts) : default;

    private async Task<List<string>> SubscribeAsync(int count)
    {
        var chats = Enumerable.Range(1, count).Select(i => $"a:chat-{i:D4}").ToList();
        foreach (var id in chats)
        {
            await bot.Store.SaveConversationReferenceAsync(new ConversationReference
            {
                ChannelId = "msteams",
                ServiceUrl = connector.Url,
                Bot = new ChannelAccount("bot-1"),
                Conversation = new ConversationAccount(isGroup: true, conversationType: "groupChat", id: id, tenantId: "tenant-1"),
            }, default);
            await Store.SetSubscriptionAsync(NudgeTarget.Conversation("msteams", id), Scope, true, null, default);
        }

        return chats;
    }

    private async Task AddConsentedKudosAndPlanAsync(string title = "Grand rounds")
    {
        await Store.AddAccomplishmentAsync(new AccomplishmentRecord
        {
            Scope = Scope,
            ChannelId = "msteams",
            ColleagueName = "Jane Doe",
            Kind = "talk",
            Title = title,
            Link = "https://example.org/talk",
            AddedBy = "msteams:adder",
            Consent = ConsentState.Granted.ToWire(),
        }, default);
        await bot.Services.GetRequiredService<NudgePlanner>().PlanColleaguePromotionsAsync(bot.Time.GetUtcNow(), default);
    }

    private async Task EnqueueHighlightAsync(string chat)
    {
        await Store.UpsertConferenceAsync(new Conference("hw26", "Heart Week", new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 4), "UTC", "#HW26", PhotoPolicy.Allowed, "", null), "msteams:adder", default);
        Assert.True(await Store.TryEnqueueAsync(NudgeKind.ConferenceHighlight, NudgeTarget.Conversation("msteams", chat), "hw26-1", new NudgePayload { Conference = "hw26" }, bot.Time.GetUtcNow(), null, default));
    }
}
