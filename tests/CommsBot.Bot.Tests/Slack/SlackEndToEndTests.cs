using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using CommsBot.Bot.Slack;
using CommsBot.Guidelines;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CommsBot.Bot.Tests.Slack;

/// <summary>One bot host on a loopback port and a fake Slack Web API, shared by the end-to-end tests (each uses its own
/// channel ids, so their calls do not mix).</summary>
public sealed class SlackEndToEndFixture : IAsyncLifetime
{
    internal FakeSlackApi Slack { get; private set; } = null!;

    internal SlackHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Slack = await FakeSlackApi.StartAsync();
        Host = await SlackHost.StartAsync(Slack);
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Slack.DisposeAsync();
    }
}

public sealed class SlackEndToEndTests(SlackEndToEndFixture fixture) : IClassFixture<SlackEndToEndFixture>
{
    private const string TraumaBayDraft = "Quick clip from the trauma bay during tonight's shift, the team was amazing";
    private const string ColleaguePaperDraft = "Congrats to Dr. Ana Ruiz on her new paper on sepsis outcomes published today!";
    private const string PromoDraft = "Swipe up to save 20% with code DOCTOR";

    private FakeSlackApi Slack => fixture.Slack;

    private SlackHost Host => fixture.Host;

    [Fact]
    public async Task SlashCommand_CheckTraumaBayDraft_AnswersWithin3sWithBlocksNamingTheRule()
    {
        var channel = NewChannel('D');
        var clock = Stopwatch.StartNew();

        using var response = await Host.CommandAsync("check " + TraumaBayDraft, channel, Slack.ResponseUrl(channel));

        clock.Stop();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"took {clock.Elapsed}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var message = (JsonObject)JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("ephemeral", (string?)message["response_type"]);
        Assert.Contains("on-the-job-media", message["blocks"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("Do not post", (string?)message["text"], StringComparison.Ordinal);
        BlockKitLimits.AssertWithin(message);
        Assert.DoesNotContain(Slack.Calls, c => c.Channel == channel || c.Method.EndsWith(channel, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("help", "How to use CommsBot")]
    [InlineData("", "How to use CommsBot")]
    [InlineData("frobnicate", "How to use CommsBot")]
    [InlineData("Some words that are not a command", "How to use CommsBot")]
    [InlineData("account", "Your default account")]
    [InlineData("account banana", "I didn't get that")]
    [InlineData("check", "I didn't get that")]
    [InlineData("check --platform myspace hello there", "I didn't get that")]
    public async Task SlashCommand_Commands_AnswerAsTeamsDoes(string text, string title)
    {
        var channel = NewChannel('C');

        using var response = await Host.CommandAsync(text, channel, Slack.ResponseUrl(channel));

        var message = (JsonObject)JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(title, (string?)message["text"]);
        BlockKitLimits.AssertWithin(message);
    }

    [Fact]
    public async Task SlashCommand_AccountPersonal_IsRememberedForTheNextCheck()
    {
        var channel = NewChannel('D');
        const string user = "U0ACCOUNT";

        using var set = await Host.CommandAsync("account personal", channel, Slack.ResponseUrl(channel), user);
        using var show = await Host.CommandAsync("account", channel, Slack.ResponseUrl(channel), user);

        Assert.Equal("Default account saved", (string?)JsonNode.Parse(await set.Content.ReadAsStringAsync())!["text"]);
        Assert.Contains("*personal*", JsonNode.Parse(await show.Content.ReadAsStringAsync())!["blocks"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("unsigned")]
    [InlineData("mis-signed")]
    [InlineData("10 minutes old")]
    [InlineData("tampered")]
    public async Task AnyEndpoint_WithoutAValidSignature_Returns401AndDoesNothing(string how)
    {
        var channel = NewChannel('D');
        var requests = new (string Route, string Body, string ContentType)[]
        {
            (SlackEndpoints.CommandsRoute, SlackPayloads.CommandForm("check " + TraumaBayDraft, channel, Slack.ResponseUrl(channel)), SlackPayloads.Form),
            (SlackEndpoints.EventsRoute, SlackPayloads.Envelope(SlackPayloads.DirectMessage(TraumaBayDraft, channel)).ToJsonString(), "application/json"),
            (SlackEndpoints.InteractionsRoute, SlackPayloads.InteractionForm(SlackPayloads.Shortcut(TraumaBayDraft, channel, Slack.ResponseUrl(channel))), SlackPayloads.Form),
        };

        foreach (var (route, body, contentType) in requests)
        {
            using var response = how switch
            {
                "unsigned" => await Host.PostAsync(route, body, contentType),
                "mis-signed" => await Host.PostSignedAsync(route, body, contentType, secret: "not-the-signing-secret"),
                "10 minutes old" => await Host.PostSignedAsync(route, body, contentType, timestamp: SlackHost.Now - 600),
                _ => await PostTamperedAsync(route, body, contentType),
            };

            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("", await response.Content.ReadAsStringAsync());
        }

        await Task.Delay(300);
        Assert.DoesNotContain(Slack.Calls, c => c.Text.Contains(channel, StringComparison.Ordinal) || c.Method.EndsWith(channel, StringComparison.Ordinal));
    }

    [Fact]
    public async Task UrlVerification_EchoesTheChallenge()
    {
        var challenge = "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P";

        using var response = await Host.EventAsync(new JsonObject { ["token"] = "t", ["challenge"] = challenge, ["type"] = "url_verification" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(challenge, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task DirectMessage_AboutAColleaguesPaper_PostsTheReviewInThatDm()
    {
        var channel = NewChannel('D');

        using var response = await Host.EventAsync(SlackPayloads.Envelope(SlackPayloads.DirectMessage(ColleaguePaperDraft, channel)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var call = await Slack.WaitForOneAsync(c => c.Channel == channel);
        Assert.Equal(SlackApiClient.PostMessage, call.Method);
        Assert.Equal("Bearer " + SlackHost.BotToken, call.Authorization);
        Assert.Null(call.Body["thread_ts"]);
        Assert.Contains("colleague-promotion", call.Body["blocks"]!.ToJsonString(), StringComparison.Ordinal);
        BlockKitLimits.AssertWithin(call.Body);
    }

    [Fact]
    public async Task AppMention_ChecksTheDraftAndRepliesInTheThread()
    {
        var channel = NewChannel('C');
        var ts = SlackPayloads.NewTs();

        using var response = await Host.EventAsync(SlackPayloads.Envelope(SlackPayloads.Mention("check " + PromoDraft, channel, ts: ts)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var call = await Slack.WaitForOneAsync(c => c.Channel == channel);
        Assert.Equal(SlackApiClient.PostMessage, call.Method);
        Assert.Equal(ts, (string?)call.Body["thread_ts"]);
        Assert.Contains("undisclosed-partnership", call.Body["blocks"]!.ToJsonString(), StringComparison.Ordinal);
        BlockKitLimits.AssertWithin(call.Body);
    }

    [Fact]
    public async Task Events_FromBotsOrTheBotItself_AreNotAnswered()
    {
        var channel = NewChannel('D');
        var bot = SlackPayloads.DirectMessage(PromoDraft, channel);
        bot["bot_id"] = "B0OTHER";
        var own = SlackPayloads.DirectMessage(PromoDraft, channel, user: SlackHost.BotUserId);
        var botMessage = SlackPayloads.DirectMessage(PromoDraft, channel);
        botMessage["subtype"] = "bot_message";

        foreach (var e in new[] { bot, own, botMessage })
        {
            using var response = await Host.EventAsync(SlackPayloads.Envelope(e));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        // A person's message after them is answered, and is the only one.
        using var person = await Host.EventAsync(SlackPayloads.Envelope(SlackPayloads.DirectMessage(PromoDraft, channel)));
        await Slack.WaitForOneAsync(c => c.Channel == channel);
        await Task.Delay(300);
        Assert.Single(Slack.Calls, c => c.Channel == channel);
    }

    [Fact]
    public async Task Events_SlacksRetries_AreAnsweredOnce()
    {
        var channel = NewChannel('D');
        var envelope = SlackPayloads.Envelope(SlackPayloads.DirectMessage(PromoDraft, channel));

        // Slack signs each delivery anew: a retry has a later timestamp, so a new signature.
        using var first = await Host.EventAsync(envelope);
        using var retry1 = await Host.PostSignedAsync(SlackEndpoints.EventsRoute, envelope.ToJsonString(), "application/json", SlackHost.Now + 1, headers: new Dictionary<string, string> { [SlackEndpoints.RetryNumHeader] = "1", [SlackEndpoints.RetryReasonHeader] = "http_timeout" });
        using var retry2 = await Host.PostSignedAsync(SlackEndpoints.EventsRoute, envelope.ToJsonString(), "application/json", SlackHost.Now + 2, headers: new Dictionary<string, string> { [SlackEndpoints.RetryNumHeader] = "2", [SlackEndpoints.RetryReasonHeader] = "http_timeout" });

        Assert.All(new[] { first, retry1, retry2 }, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        await Slack.WaitForOneAsync(c => c.Channel == channel);
        await Task.Delay(300);
        Assert.Single(Slack.Calls, c => c.Channel == channel);
        Assert.Contains(Host.Logs.GetSnapshot(), r => r.Message.Contains("already taken: retry 2 (http_timeout)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ApplyFixesButton_OnTheCommandsAnswer_SendsTheRevisedDraftAndItsReview()
    {
        var channel = NewChannel('D');
        var hook = Slack.ResponseUrl(channel);
        using var response = await Host.CommandAsync("check " + PromoDraft, channel, hook);
        var review = (JsonObject)JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var value = ButtonValue(review, "applyFixes");

        using var click = await Host.InteractionAsync(SlackPayloads.ButtonClick("applyFixes", value, channel, hook, ephemeral: true));

        Assert.Equal(HttpStatusCode.OK, click.StatusCode);
        var calls = await Slack.WaitForAsync(c => c.Method == "response_url:" + channel, count: 2);
        var revised = Host.App.Services.GetRequiredService<DraftReviewer>().Review(PromoDraft).RevisedText;
        Assert.NotEqual(PromoDraft, revised);
        Assert.Equal(CommsBot.Cards.SlackText.Escape(revised), (string?)calls[0].Body["text"]);
        Assert.Equal("ephemeral", (string?)calls[0].Body["response_type"]);
        Assert.Equal(false, (bool?)calls[0].Body["replace_original"]);
        Assert.Equal("", calls[0].Authorization); // a response_url needs no token, and gets none
        Assert.NotNull(calls[1].Body["blocks"]);
        BlockKitLimits.AssertWithin(calls[1].Body);
    }

    [Fact]
    public async Task WhyButton_OnADmReview_PostsTheExplanationInTheDm()
    {
        var channel = NewChannel('D');
        using var dm = await Host.EventAsync(SlackPayloads.Envelope(SlackPayloads.DirectMessage(TraumaBayDraft, channel)));
        var review = await Slack.WaitForOneAsync(c => c.Channel == channel);

        using var click = await Host.InteractionAsync(SlackPayloads.ButtonClick("why", ButtonValue(review.Body, "why"), channel, Slack.ResponseUrl(channel), ephemeral: false, messageBlocks: (JsonArray)review.Body["blocks"]!.DeepClone()));

        var calls = await Slack.WaitForAsync(c => c.Channel == channel, count: 2);
        Assert.Equal(SlackApiClient.PostMessage, calls[1].Method);
        Assert.Contains("on-the-job-media", calls[1].Text, StringComparison.Ordinal);
        BlockKitLimits.AssertWithin(calls[1].Body);
    }

    [Fact]
    public async Task NotAnIssueButton_RecordsTheReportAndThanks()
    {
        var channel = NewChannel('D');
        var hook = Slack.ResponseUrl(channel);
        using var response = await Host.CommandAsync("check " + TraumaBayDraft, channel, hook);
        var value = ButtonValue((JsonObject)JsonNode.Parse(await response.Content.ReadAsStringAsync())!, "notAnIssue");
        Assert.DoesNotContain("trauma", value, StringComparison.Ordinal); // the report carries the rule and a hash only

        using var click = await Host.InteractionAsync(SlackPayloads.ButtonClick("notAnIssue", value, channel, hook, ephemeral: true));

        var call = await Slack.WaitForOneAsync(c => c.Method == "response_url:" + channel);
        Assert.Equal("Thanks for the report", (string?)call.Body["text"]);
    }

    [Fact]
    public async Task AccountChoice_OnAnEphemeralReview_SavesTheDefaultAccount()
    {
        var channel = NewChannel('D');

        using var click = await Host.InteractionAsync(SlackPayloads.AccountChoice("professional", channel, Slack.ResponseUrl(channel), ephemeral: true));

        var call = await Slack.WaitForOneAsync(c => c.Method == "response_url:" + channel);
        Assert.Equal("Default account saved", (string?)call.Body["text"]);
    }

    [Fact]
    public async Task MessageShortcut_ChecksTheMessageEphemerallyForTheUser()
    {
        var channel = NewChannel('C');

        using var response = await Host.InteractionAsync(SlackPayloads.Shortcut(TraumaBayDraft, channel, Slack.ResponseUrl(channel)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var call = await Slack.WaitForOneAsync(c => c.Channel == channel);
        Assert.Equal(SlackApiClient.PostEphemeral, call.Method);
        Assert.Equal("U0USER", (string?)call.Body["user"]);
        Assert.Contains("on-the-job-media", call.Body["blocks"]!.ToJsonString(), StringComparison.Ordinal);
        BlockKitLimits.AssertWithin(call.Body);
    }

    [Fact]
    public async Task MessageShortcut_WhereTheBotIsNotInTheChannel_AnswersThroughTheResponseUrl()
    {
        var channel = NewChannel('C');
        Slack.Script(SlackApiClient.PostEphemeral, body => (string?)body["channel"] == channel ? Results.Json(new JsonObject { ["ok"] = false, ["error"] = "channel_not_found" }) : null);

        using var response = await Host.InteractionAsync(SlackPayloads.Shortcut(TraumaBayDraft, channel, Slack.ResponseUrl(channel)));

        var call = await Slack.WaitForOneAsync(c => c.Method == "response_url:" + channel);
        Assert.Contains("on-the-job-media", call.Text, StringComparison.Ordinal);
        Assert.Contains(Host.Logs.GetSnapshot(), r => r.Message == "Slack chat.postEphemeral failed: channel_not_found");
    }

    [Fact]
    public async Task MessageShortcut_OnAnEmptyMessage_SaysThereIsNothingToCheck()
    {
        var channel = NewChannel('C');

        using var response = await Host.InteractionAsync(SlackPayloads.Shortcut("", channel, Slack.ResponseUrl(channel)));

        var call = await Slack.WaitForOneAsync(c => c.Channel == channel);
        Assert.Equal("Nothing to check", (string?)call.Body["text"]);
    }

    [Fact]
    public async Task WebApi_RateLimited_WaitsForRetryAfterAndRetries()
    {
        var channel = NewChannel('D');
        Slack.Script(SlackApiClient.PostMessage, body => (string?)body["channel"] == channel ? new RateLimitedResult() : null);

        using var response = await Host.EventAsync(SlackPayloads.Envelope(SlackPayloads.DirectMessage(PromoDraft, channel)));

        var calls = await Slack.WaitForAsync(c => c.Channel == channel, count: 2, seconds: 15);
        Assert.True(calls[1].At - calls[0].At >= TimeSpan.FromSeconds(0.9), $"retried after {calls[1].At - calls[0].At}");
        Assert.Equal(calls[0].Text, calls[1].Text);
    }

    [Fact]
    public async Task WebApi_SlackError_IsLoggedByItsCode()
    {
        var channel = NewChannel('D');
        Slack.Script(SlackApiClient.PostMessage, body => (string?)body["channel"] == channel ? Results.Json(new JsonObject { ["ok"] = false, ["error"] = "not_in_channel" }) : null);

        using var response = await Host.EventAsync(SlackPayloads.Envelope(SlackPayloads.DirectMessage(PromoDraft, channel)));

        await Slack.WaitForOneAsync(c => c.Channel == channel);
        var clock = Stopwatch.StartNew();
        while (!Host.Logs.GetSnapshot().Any(r => r.Message == "Slack chat.postMessage failed: not_in_channel") && clock.Elapsed < TimeSpan.FromSeconds(5))
        {
            await Task.Delay(20);
        }

        Assert.Contains(Host.Logs.GetSnapshot(), r => r.Message == "Slack chat.postMessage failed: not_in_channel");
        Assert.Single(Slack.Calls, c => c.Channel == channel); // an error answer is final: no retry, no apology that would fail the same way
    }

    [Fact]
    public async Task ContinueConversation_FromAStoredReference_PostsInThatConversation()
    {
        var channel = NewChannel('D');
        var reference = new Microsoft.Bot.Schema.ConversationReference
        {
            ChannelId = SlackAdapter.ChannelId,
            ServiceUrl = Slack.ApiBaseUrl.AbsoluteUri,
            Conversation = new Microsoft.Bot.Schema.ConversationAccount(id: channel, conversationType: "personal"),
            User = new Microsoft.Bot.Schema.ChannelAccount("U0USER"),
            Bot = new Microsoft.Bot.Schema.ChannelAccount(SlackHost.BotUserId),
        };

        await Host.App.Services.GetRequiredService<SlackAdapter>().ContinueConversationAsync(
            "",
            reference,
            (turn, ct) => turn.SendActivityAsync("Congratulations on the paper!", cancellationToken: ct),
            CancellationToken.None);

        var call = await Slack.WaitForOneAsync(c => c.Channel == channel);
        Assert.Equal(SlackApiClient.PostMessage, call.Method);
        Assert.Equal("Congratulations on the paper!", (string?)call.Body["text"]);
    }

    [Fact]
    public async Task Requests_OverTheSizeLimit_Get413()
    {
        var body = SlackPayloads.CommandForm("check " + new string('a', 300_000), NewChannel('D'), Slack.ResponseUrl("x"));

        using var response = await Host.PostSignedAsync(SlackEndpoints.CommandsRoute, body, SlackPayloads.Form);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    private static string ButtonValue(JsonObject message, string actionId) =>
        message["blocks"]!.AsArray()
            .SelectMany(b => b!["elements"] is JsonArray e ? e : b!["accessory"] is JsonObject a ? new JsonArray(a.DeepClone()) : [])
            .Where(e => (string?)e!["action_id"] == actionId)
            .Select(e => (string?)e!["value"])
            .First()!;

    private static string NewChannel(char kind) => kind + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();

    private async Task<HttpResponseMessage> PostTamperedAsync(string route, string body, string contentType)
    {
        var ts = SlackHost.Now.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var signature = SlackSignatureVerifier.Sign(SlackHost.Secret, ts, System.Text.Encoding.UTF8.GetBytes(body));
        return await Host.PostAsync(route, body + "&x=1", contentType, new Dictionary<string, string>
        {
            [SlackSignatureVerifier.TimestampHeader] = ts,
            [SlackSignatureVerifier.SignatureHeader] = signature,
        });
    }

    private sealed class RateLimitedResult : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            httpContext.Response.Headers.RetryAfter = "1";
            await httpContext.Response.WriteAsync("""{"ok":false,"error":"ratelimited"}""");
        }
    }
}
