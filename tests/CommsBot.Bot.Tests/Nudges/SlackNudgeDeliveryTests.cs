using System.Net;
using System.Text.Json.Nodes;
using CommsBot.Bot.Nudges;
using CommsBot.Bot.Slack;
using CommsBot.Bot.Tests.Slack;
using CommsBot.Cards;
using CommsBot.Nudges;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CommsBot.Bot.Tests.Nudges;

/// <summary>
/// Slack nudges through the real host, signed Slack events for the commands, and a fake Slack Web API that records
/// the chat.postMessage the outbox dispatcher sends. One test runs on the clock (a 2-second promotion schedule and a
/// polling dispatcher); the others switch both off and call the planner and the dispatcher directly, so a "firing"
/// or a "poll" is a method call, not a wait. One host per test: nudges reach every subscribed conversation of a
/// Slack team, so tests sharing a host would see each other's kudos.
/// </summary>
public sealed class SlackNudgeDeliveryTests : IAsyncLifetime
{
    private const string User = "U0NUDGER";
    private const string Promotion = "Celebrate your colleagues";

    private static readonly Dictionary<string, string?> Common = new()
    {
        ["Nudges:ConferenceHighlights:Enabled"] = "false",
        ["Nudges:QuietHours:Enabled"] = "false",
        ["Nudges:QuietHours:MaxPerWeek"] = "50",
        ["Nudges:ConferencesFile"] = "",
        ["Nudges:Delivery:FirstRetryDelay"] = "00:00:01",
    };

    /// <summary>The schedule and the dispatcher's polling, on the clock.</summary>
    private static readonly Dictionary<string, string?> OnTheClock = new(Common)
    {
        ["Nudges:ColleaguePromotion:Cron"] = "0/2 * * * * ?",
        ["Nudges:Delivery:PollInterval"] = "00:00:00.200",
    };

    /// <summary>A schedule that never fires in a test's lifetime and a dispatcher that does not poll (it still wakes
    /// when this host enqueues a row): the test drives both.</summary>
    private static readonly Dictionary<string, string?> Driven = new(Common)
    {
        ["Nudges:ColleaguePromotion:Cron"] = "0 0 0 1 1 ? 2099",
        ["Nudges:Delivery:PollInterval"] = "01:00:00",
    };

    private readonly string channel = "D" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
    private FakeSlackApi slack = null!;
    private SlackHost? host;
    private long firings;

    private SlackHost Host => host ?? throw new InvalidOperationException("start the host first");

    public async Task InitializeAsync() => slack = await FakeSlackApi.StartAsync();

    public async Task DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }

        await slack.DisposeAsync();
    }

    [Fact]
    public async Task SlackDm_NudgesOn_ConsentedKudos_ScheduleFires_OnePromotionInThatDm()
    {
        host = await SlackHost.StartAsync(slack, OnTheClock);
        await SubscribeAndAddKudosAsync();

        var nudge = await slack.WaitForOneAsync(IsPromotion, seconds: 15);
        await FireAndDispatchAsync(); // two more firings and polls: nothing new, nothing resent
        await FireAndDispatchAsync();

        Assert.Single(slack.Calls, IsPromotion);
        Assert.Equal(SlackApiClient.PostMessage, nudge.Method);
        Assert.Equal("Bearer " + SlackHost.BotToken, nudge.Authorization);
        Assert.Null(nudge.Body["thread_ts"]);
        var blocks = nudge.Body["blocks"]!.AsArray();
        Assert.Equal("header", (string?)blocks[0]!["type"]);
        Assert.Equal(Promotion, (string?)blocks[0]!["text"]!["text"]);
        Assert.Contains("Teaching award", blocks.ToJsonString(), StringComparison.Ordinal);
        var button = blocks.Select(b => b!["accessory"]).Single(a => (string?)a?["action_id"] == "nudgeDraftPost")!;
        Assert.Equal(NudgeActions.DraftPost, (string?)JsonNode.Parse((string)button["value"]!)!["action"]);
        BlockKitLimits.AssertWithin(nudge.Body);

        var row = await WaitForRowAsync(r => r.Status != NudgeOutboxRow.Pending); // marked just after the call
        Assert.Single(await Outbox(NudgeKind.ColleaguePromotion));
        Assert.Equal((NudgeTarget.Conversation(SlackAdapter.ChannelId, channel), NudgeOutboxRow.Delivered, 1, (string?)null), (row.ConversationKey, row.Status, row.Attempts, row.LastError));

        // The nudge's button drafts the post in the DM.
        using var click = await Host.InteractionAsync(SlackPayloads.ButtonClick("nudgeDraftPost", (string)button["value"]!, channel, slack.ResponseUrl(channel), ephemeral: false, messageBlocks: (JsonArray)blocks.DeepClone()));
        Assert.Equal(HttpStatusCode.OK, click.StatusCode);
        await slack.WaitForOneAsync(c => c.Channel == channel && c.Text.Contains("https://example.org/award", StringComparison.Ordinal) && !IsPromotion(c));
    }

    [Fact]
    public async Task SlackDm_Promotion_RateLimitedWithRetryAfter_IsRetriedAndDeliveredOnce()
    {
        host = await SlackHost.StartAsync(slack, Driven);
        slack.Script(SlackApiClient.PostMessage, body => IsPromotion(body) ? new RateLimited() : null);

        await SubscribeAndAddKudosAsync();
        Assert.Equal(1, await FireAsync());

        await DispatchUntilAsync(() => slack.Calls.Count(IsPromotion) >= 2);
        var calls = slack.Calls.Where(IsPromotion).ToList();
        Assert.True(calls[1].At - calls[0].At >= TimeSpan.FromSeconds(0.9), $"retried after {calls[1].At - calls[0].At}");
        Assert.Equal(calls[0].Text, calls[1].Text);
        await FireAndDispatchAsync();

        Assert.Equal(2, slack.Calls.Count(IsPromotion)); // the 429 and the one that got through; nothing after
        var row = await WaitForRowAsync(r => r.Status != NudgeOutboxRow.Pending); // marked just after the call
        Assert.Single(await Outbox(NudgeKind.ColleaguePromotion));
        Assert.Equal((NudgeOutboxRow.Delivered, 1), (row.Status, row.Attempts)); // the 429 was not an attempt
    }

    [Fact]
    public async Task SlackDm_Promotion_PermanentSlackError_IsGivenUpOnceWithItsCode()
    {
        host = await SlackHost.StartAsync(slack, Driven);
        slack.Script(SlackApiClient.PostMessage, body => IsPromotion(body) ? Results.Json(new JsonObject { ["ok"] = false, ["error"] = "channel_not_found" }) : null);

        await SubscribeAndAddKudosAsync();
        await FireAndDispatchAsync();

        var row = await WaitForRowAsync(r => r.Status != NudgeOutboxRow.Pending);
        await FireAndDispatchAsync(); // no retry by the client, the dispatcher or the next firings
        await FireAndDispatchAsync();

        Assert.Single(slack.Calls, IsPromotion);
        Assert.Equal((NudgeOutboxRow.Skipped, 1, "channel_not_found"), (row.Status, row.Attempts, row.LastError));
        Assert.Equal(row.Status, Assert.Single(await Outbox(NudgeKind.ColleaguePromotion)).Status);
        Assert.Contains(Host.Logs.GetSnapshot(), r => r.Message == "Slack chat.postMessage failed: channel_not_found");
    }

    [Fact]
    public async Task SlackKudosForAColleague_ConsentDmOpenedWithConversationsOpen_Yes_ThenThePromotion()
    {
        host = await SlackHost.StartAsync(slack, Driven);
        const string colleague = "U0COLLEAGUE";
        using (var on = await Host.EventAsync(SlackPayloads.Envelope(SlackPayloads.DirectMessage("nudges on", channel, User))))
        {
            Assert.Equal(HttpStatusCode.OK, on.StatusCode);
        }

        await slack.WaitForOneAsync(c => c.Channel == channel && (string?)c.Body["text"] == "Nudges are on");
        using (var kudos = await Host.EventAsync(SlackPayloads.Envelope(SlackPayloads.DirectMessage($"kudos <@{colleague}> publication <https://doi.org/10.1000/xyz> Outcomes of early mobilisation", channel, User))))
        {
            Assert.Equal(HttpStatusCode.OK, kudos.StatusCode);
        }

        // The consent request goes to the colleague, who never wrote to the app: conversations.open, then the
        // question in the DM it returns.
        await slack.WaitForAsync(c => c.Channel == channel, count: 2); // "Nudges are on", then the kudos answer
        await DispatchAsync(); // or the dispatcher itself, woken by the enqueue
        var ask = await slack.WaitForOneAsync(c => c.Channel == "D" + colleague);
        var open = Assert.Single(slack.Calls, c => c.Method == SlackApiClient.OpenConversation);
        Assert.Equal(colleague, (string?)open.Body["users"]);
        Assert.Equal("Bearer " + SlackHost.BotToken, open.Authorization);
        Assert.True(open.At <= ask.At);
        Assert.Equal(SlackApiClient.PostMessage, ask.Method);
        Assert.Equal("May your colleagues celebrate this publicly?", (string?)ask.Body["text"]);
        BlockKitLimits.AssertWithin(ask.Body);
        Assert.DoesNotContain(slack.Calls, IsPromotion); // not offered before consent
        var row = await WaitForRowAsync(r => r.Status != NudgeOutboxRow.Pending, NudgeKind.ConsentRequest); // marked just after the call
        Assert.Equal((NudgeTarget.DirectMessage(SlackAdapter.ChannelId, colleague), NudgeOutboxRow.Delivered), (row.ConversationKey, row.Status));

        var yes = ask.Body["blocks"]!.AsArray().SelectMany(b => b!["elements"] as JsonArray ?? []).Single(e => (string?)e!["action_id"] == "nudgeConsentYes")!;
        const string colleagueDm = "DCOLLEAGUE1";
        var click = SlackPayloads.ButtonClick("nudgeConsentYes", (string)yes["value"]!, colleagueDm, slack.ResponseUrl(colleagueDm), ephemeral: false, messageBlocks: (JsonArray)ask.Body["blocks"]!.DeepClone());
        click["user"]!["id"] = colleague;
        using (var answer = await Host.InteractionAsync(click))
        {
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        }

        await slack.WaitForOneAsync(c => c.Text.Contains("Thank you", StringComparison.Ordinal));
        await FireAndDispatchAsync();
        var nudge = await slack.WaitForOneAsync(IsPromotion); // sent by that dispatch, or by the dispatcher woken by the enqueue
        Assert.Contains("Outcomes of early mobilisation", nudge.Text, StringComparison.Ordinal);
        await FireAndDispatchAsync();
        Assert.Single(slack.Calls, IsPromotion);
        Assert.Single(slack.Calls, c => c.Channel == "D" + colleague);
    }

    [Fact]
    public async Task SlackDm_Promotion_RequestTimeoutsOutlastingTheClientsRetries_AreRetriedByTheOutbox()
    {
        host = await SlackHost.StartAsync(slack, Driven);

        // Four 408s (the client's pipeline tries four times) with Retry-After: 0 so its waits are short.
        for (var i = 0; i < 4; i++)
        {
            slack.Script(SlackApiClient.PostMessage, body => IsPromotion(body) ? new Status(StatusCodes.Status408RequestTimeout, "0") : null);
        }

        await SubscribeAndAddKudosAsync();
        Assert.Equal(1, await FireAsync());

        await DispatchUntilAsync(() => slack.Calls.Count(IsPromotion) >= 5);
        var calls = slack.Calls.Where(IsPromotion).ToList();
        var row = await WaitForRowAsync(r => r.Status != NudgeOutboxRow.Pending);
        Assert.Equal((NudgeOutboxRow.Delivered, 2), (row.Status, row.Attempts)); // the 408s cost one outbox attempt
        await FireAndDispatchAsync();
        Assert.Equal(5, slack.Calls.Count(IsPromotion));
        Assert.Equal(calls[0].Text, calls[4].Text);
    }

    private bool IsPromotion(SlackCall call) => call.Channel == channel && IsPromotion(call.Body);

    /// <summary>What a firing of the promotion schedule does (a new period each call).</summary>
    private Task<int> FireAsync() =>
        Host.App.Services.GetRequiredService<NudgePlanner>().PlanColleaguePromotionsAsync(DateTimeOffset.UtcNow.AddTicks(Interlocked.Increment(ref firings) * TimeSpan.TicksPerSecond), default);

    /// <summary>What one poll of the outbox dispatcher does.</summary>
    private Task<int> DispatchAsync() => Host.App.Services.GetRequiredService<NudgeDispatcher>().DispatchOnceAsync(default);

    private async Task FireAndDispatchAsync()
    {
        await FireAsync();
        await DispatchAsync();
    }

    /// <summary>Polls the outbox until <paramref name="done"/>: a row waiting for its retry becomes due on the clock.</summary>
    private async Task DispatchUntilAsync(Func<bool> done)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (!done())
        {
            Assert.True(DateTime.UtcNow < until, "the outbox did not deliver in time");
            if (await DispatchAsync() == 0 && !done())
            {
                await Task.Delay(100);
            }
        }
    }

    private static bool IsPromotion(JsonObject body) => (string?)body["text"] == Promotion;

    /// <summary><c>nudges on</c> in the DM, then a kudos about the sender (consented: it is their own).</summary>
    private async Task SubscribeAndAddKudosAsync()
    {
        using (var on = await Host.EventAsync(SlackPayloads.Envelope(SlackPayloads.DirectMessage("nudges on", channel, User))))
        {
            Assert.Equal(HttpStatusCode.OK, on.StatusCode);
        }

        var answer = await slack.WaitForOneAsync(c => c.Channel == channel);
        Assert.Equal("Nudges are on", (string?)answer.Body["text"]);

        using (var kudos = await Host.EventAsync(SlackPayloads.Envelope(SlackPayloads.DirectMessage($"kudos <@{User}> award <https://example.org/award> Teaching award", channel, User))))
        {
            Assert.Equal(HttpStatusCode.OK, kudos.StatusCode);
        }

        var added = await slack.WaitForOneAsync(c => c.Channel == channel && ((string?)c.Body["text"])?.StartsWith("Kudos #", StringComparison.Ordinal) == true);
        Assert.Contains("your award", added.Text, StringComparison.Ordinal);
    }

    private async Task<IReadOnlyList<NudgeOutboxRow>> Outbox(NudgeKind kind) =>
        (await Host.App.Services.GetRequiredService<NudgeStore>().OutboxAsync(default)).Where(r => r.Kind == kind.ToWire()).ToList();

    private async Task<NudgeOutboxRow> WaitForRowAsync(Func<NudgeOutboxRow, bool> match, NudgeKind kind = NudgeKind.ColleaguePromotion)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            var row = (await Outbox(kind)).FirstOrDefault(match);
            if (row is not null)
            {
                return row;
            }

            Assert.True(DateTime.UtcNow < until, "the outbox row stayed pending");
            await Task.Delay(100);
        }
    }

    private sealed class Status(int code, string retryAfter) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = code;
            httpContext.Response.Headers.RetryAfter = retryAfter;
            return Task.CompletedTask;
        }
    }

    private sealed class RateLimited : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            httpContext.Response.Headers.RetryAfter = "1";
            await httpContext.Response.WriteAsync("""{"ok":false,"error":"ratelimited"}""");
        }
    }
}
