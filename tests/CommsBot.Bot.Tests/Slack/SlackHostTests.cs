using System.Net;
using System.Text.Json.Nodes;
using CommsBot.Bot.Slack;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CommsBot.Bot.Tests.Slack;

/// <summary>Host-level Slack behaviour that needs its own host: configuration, the late answer, the privacy canary.</summary>
public sealed class SlackHostTests
{
    [Theory]
    [InlineData(SlackEndpoints.CommandsRoute)]
    [InlineData(SlackEndpoints.EventsRoute)]
    [InlineData(SlackEndpoints.InteractionsRoute)]
    public async Task SlackEndpoints_WithoutASigningSecret_Return404(string route)
    {
        await using var host = await SlackHost.StartAsync(slack: null);

        using var response = await host.PostSignedAsync(route, "payload=%7B%7D", SlackPayloads.Form);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Start_SigningSecretWithoutBotToken_FailsWithTheSetting()
    {
        var settings = new Dictionary<string, string?> { ["Slack:SigningSecret"] = "secret", ["Slack:BotToken"] = "" };

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => SlackHost.StartAsync(slack: null, settings));

        Assert.Contains("Slack:BotToken is required", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SlashCommand_SlowerThanTheAckTimeout_AcknowledgesThenAnswersAtTheResponseUrl()
    {
        await using var slack = await FakeSlackApi.StartAsync();
        await using var host = await SlackHost.StartAsync(slack, new Dictionary<string, string?> { ["Slack:CommandAckTimeout"] = "00:00:00.050" });
        host.App.Services.GetRequiredService<SlackAdapter>().Use(new DelayMiddleware(TimeSpan.FromMilliseconds(400)));

        using var response = await host.CommandAsync("check Quick clip from the trauma bay during tonight's shift", "D0SLOW", slack.ResponseUrl("slow"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
        var call = await slack.WaitForOneAsync(c => c.Method == "response_url:slow");
        Assert.Equal("ephemeral", (string?)call.Body["response_type"]);
        Assert.Contains("on-the-job-media", call.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FullSlackTurns_WithACanaryDraft_NeverLogIt()
    {
        var canary = "Canary" + Guid.NewGuid().ToString("N");
        var draft = $"Swipe up to save 20% with code {canary} from the trauma bay";
        await using var slack = await FakeSlackApi.StartAsync();
        await using var host = await SlackHost.StartAsync(slack);

        using var command = await host.CommandAsync("check " + draft, "D0CANARY", slack.ResponseUrl("canary"));
        var review = (JsonObject)JsonNode.Parse(await command.Content.ReadAsStringAsync())!;
        foreach (var action in new[] { "applyFixes", "why", "recheck", "notAnIssue" })
        {
            var value = review["blocks"]!.AsArray()
                .SelectMany(b => b!["elements"] is JsonArray e ? e.Select(x => x!) : b!["accessory"] is JsonObject a ? [a] : [])
                .First(e => (string?)e["action_id"] == action)["value"]!.GetValue<string>();
            using var click = await host.InteractionAsync(SlackPayloads.ButtonClick(action, value, "D0CANARY", slack.ResponseUrl("canary"), ephemeral: true));
        }

        using var dm = await host.EventAsync(SlackPayloads.Envelope(SlackPayloads.DirectMessage(draft, "D0CANARY2")));
        using var mention = await host.EventAsync(SlackPayloads.Envelope(SlackPayloads.Mention("check " + draft, "C0CANARY")));
        using var shortcut = await host.InteractionAsync(SlackPayloads.Shortcut(draft, "C0CANARY2", slack.ResponseUrl("canary2")));
        slack.Script(SlackApiClient.PostMessage, body => (string?)body["channel"] == "D0CANARY3" ? Microsoft.AspNetCore.Http.Results.Json(new JsonObject { ["ok"] = false, ["error"] = "msg_too_long" }) : null);
        using var failing = await host.EventAsync(SlackPayloads.Envelope(SlackPayloads.DirectMessage(draft, "D0CANARY3")));
        using var unsigned = await host.PostAsync(SlackEndpoints.CommandsRoute, SlackPayloads.CommandForm("check " + draft, "D0CANARY", slack.ResponseUrl("x")), SlackPayloads.Form);
        using var badJson = await host.PostSignedAsync(SlackEndpoints.EventsRoute, "{\"type\":\"event_callback\",\"event\":" + canary, "application/json");

        await slack.WaitForAsync(c => c.Method == "response_url:canary", count: 5);
        await slack.WaitForOneAsync(c => c.Channel == "D0CANARY2");
        await slack.WaitForOneAsync(c => c.Channel == "C0CANARY");
        await slack.WaitForOneAsync(c => c.Channel == "C0CANARY2");
        await slack.WaitForOneAsync(c => c.Channel == "D0CANARY3");
        await Task.Delay(200);

        var records = host.Logs.GetSnapshot();
        Assert.Contains(records, r => r.Message.StartsWith("Checked a draft", StringComparison.Ordinal));
        Assert.Contains(records, r => r.Message.StartsWith("Turn failed", StringComparison.Ordinal));
        Assert.Contains(records, r => r.Message.StartsWith("Slack request rejected with 400", StringComparison.Ordinal));
        foreach (var record in records)
        {
            var everything = string.Join(
                "\n",
                new[] { record.Message, record.Exception?.ToString() ?? "" }
                    .Concat(record.StructuredState?.Select(kv => kv.Key + "=" + kv.Value) ?? []));
            Assert.False(everything.Contains(canary, StringComparison.Ordinal), $"[{record.Category}] {record.Message}");
            Assert.False(everything.Contains("/hooks/", StringComparison.Ordinal), $"response_url logged: [{record.Category}] {record.Message}");
            Assert.False(everything.Contains(SlackHost.BotToken, StringComparison.Ordinal), $"token logged: [{record.Category}] {record.Message}");
        }
    }

    private sealed class DelayMiddleware(TimeSpan delay) : IMiddleware
    {
        public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken)
        {
            await Task.Delay(delay, cancellationToken);
            await next(cancellationToken);
        }
    }
}
