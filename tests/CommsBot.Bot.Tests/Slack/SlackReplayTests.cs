using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CommsBot.Bot.Slack;

namespace CommsBot.Bot.Tests.Slack;

/// <summary>A signed Slack request sent again as it was, within the signature window, is not processed again; and
/// Slack's retry of an event is dropped by a second instance or after a restart, since the ids are in the database.</summary>
public sealed class SlackReplayTests : IAsyncLifetime
{
    private const string Draft = "Swipe up to save 20% with code DOCTOR";

    // These test replays: the findings come from the rules alone (no learned second opinion).
    private static readonly Dictionary<string, string?> RulesOnly = new() { ["Guidelines:Learned"] = "false" };

    private FakeSlackApi slack = null!;
    private SlackHost host = null!;

    public async Task InitializeAsync()
    {
        slack = await FakeSlackApi.StartAsync();
        host = await SlackHost.StartAsync(slack, RulesOnly);
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        await slack.DisposeAsync();
    }

    [Fact]
    public async Task SlashCommand_ReplayedAsSigned_AnsweredOnce()
    {
        var body = SlackPayloads.CommandForm("check " + Draft, "C0CHAN", slack.ResponseUrl("cmd"));
        var headers = Signed(body);

        using var first = await host.PostAsync(SlackEndpoints.CommandsRoute, body, SlackPayloads.Form, headers);
        using var replay = await host.PostAsync(SlackEndpoints.CommandsRoute, body, SlackPayloads.Form, headers);

        Assert.Contains("undisclosed-partnership", await first.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal("", await replay.Content.ReadAsStringAsync());
        Assert.Contains(host.Logs.GetSnapshot(), l => l.Message.Contains("(a replay)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ButtonClick_ReplayedAsSigned_ProcessedOnce()
    {
        var value = new JsonObject { ["action"] = "recheck", ["draft"] = Draft, ["account"] = "personal" }.ToJsonString();
        var body = SlackPayloads.InteractionForm(SlackPayloads.ButtonClick("recheck", value, "C0CHAN", slack.ResponseUrl("button"), ephemeral: false));
        var headers = Signed(body);

        using var first = await host.PostAsync(SlackEndpoints.InteractionsRoute, body, SlackPayloads.Form, headers);
        await slack.WaitForOneAsync(c => c.Method == SlackApiClient.PostMessage);
        using var replay = await host.PostAsync(SlackEndpoints.InteractionsRoute, body, SlackPayloads.Form, headers);
        await Task.Delay(1500); // what a second turn would have sent by now

        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Single(slack.Calls, c => c.Method == SlackApiClient.PostMessage);
    }

    [Fact]
    public async Task EventWithoutEventId_ReplayedAsSigned_AnsweredOnce()
    {
        var envelope = SlackPayloads.Envelope(SlackPayloads.DirectMessage(Draft, "D0REPLAY"));
        envelope.Remove("event_id");
        var body = envelope.ToJsonString();
        var headers = Signed(body);

        using var first = await host.PostAsync(SlackEndpoints.EventsRoute, body, "application/json", headers);
        await slack.WaitForOneAsync(c => c.Channel == "D0REPLAY");
        using var replay = await host.PostAsync(SlackEndpoints.EventsRoute, body, "application/json", headers);
        await Task.Delay(1500);

        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Single(slack.Calls, c => c.Channel == "D0REPLAY");
    }

    [Fact]
    public async Task EventRetry_OnASecondInstanceAndAfterARestart_IsDropped()
    {
        var data = Path.Combine(Path.GetTempPath(), "commsbot-tests", Guid.NewGuid().ToString("N"));
        var shared = new Dictionary<string, string?>(RulesOnly) { ["Storage:DataDirectory"] = data };
        var envelope = SlackPayloads.Envelope(SlackPayloads.DirectMessage(Draft, "D0RETRY"));
        var retry = new Dictionary<string, string> { [SlackEndpoints.RetryNumHeader] = "1", [SlackEndpoints.RetryReasonHeader] = "http_timeout" };
        try
        {
            await using (var first = await SlackHost.StartAsync(slack, shared))
            {
                await using var second = await SlackHost.StartAsync(slack, shared);
                var signedAt = SlackHost.Now;
                using var taken = await first.PostSignedAsync(SlackEndpoints.EventsRoute, envelope.ToJsonString(), "application/json", signedAt);
                await slack.WaitForOneAsync(c => c.Channel == "D0RETRY");

                // Slack signs each retry anew, with a later timestamp.
                using var retried = await second.PostSignedAsync(SlackEndpoints.EventsRoute, envelope.ToJsonString(), "application/json", signedAt + 1, headers: retry);
                Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
            }

            await using (var restarted = await SlackHost.StartAsync(slack, shared))
            {
                retry[SlackEndpoints.RetryNumHeader] = "2";
                using var retried = await restarted.PostSignedAsync(SlackEndpoints.EventsRoute, envelope.ToJsonString(), "application/json", SlackHost.Now + 2, headers: retry);
                Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
                Assert.Contains(restarted.Logs.GetSnapshot(), l => l.Message.Contains("already taken", StringComparison.Ordinal));
            }

            await Task.Delay(1500);
            Assert.Single(slack.Calls, c => c.Channel == "D0RETRY");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static Dictionary<string, string> Signed(string body)
    {
        var ts = SlackHost.Now.ToString(CultureInfo.InvariantCulture);
        return new Dictionary<string, string>
        {
            [SlackSignatureVerifier.TimestampHeader] = ts,
            [SlackSignatureVerifier.SignatureHeader] = SlackSignatureVerifier.Sign(SlackHost.Secret, ts, Encoding.UTF8.GetBytes(body)),
        };
    }
}
