using System.Diagnostics;
using System.Net;
using CommsBot.Bot.Tests.Nudges;
using Microsoft.Extensions.Logging;

namespace CommsBot.Bot.Tests.Hosting;

/// <summary>A reply reaches the user through a connector that throttles or fails for a moment, and a connector that
/// hangs cannot hold the inbound request: the reply is given up with a logged reason.</summary>
public sealed class ConnectorResilienceTests
{
    // These test delivery: the draft's findings come from the rules alone (no learned second opinion).
    private static readonly Dictionary<string, string?> RulesOnly = new() { ["Guidelines:Learned"] = "false" };

    [Theory]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(503)]
    public async Task PostMessage_ConnectorFailsTwiceThenAccepts_TheCardIsDelivered(int status)
    {
        await using var connector = await FakeConnector.StartAsync();
        connector.FailNext.Enqueue(status);
        connector.FailNext.Enqueue(status);
        await using var sut = new BotHostFactory(RulesOnly);
        using var client = sut.CreateClient();

        using var response = await client.PostAsync("/api/messages", Activities.Json(Activities.PersonalMessage("Swipe up to save 20% with code DOCTOR", expectReplies: false, serviceUrl: connector.Url)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(connector.Cards("undisclosed-partnership"));
        Assert.Equal(3, connector.Attempts);
        Assert.DoesNotContain(sut.Logs.GetSnapshot(), l => l.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task PostMessage_ConnectorHangs_InboundRequestReleasedWithin15SecondsAndTheGiveUpLogged()
    {
        await using var connector = await FakeConnector.StartAsync();
        connector.Hang = true;
        await using var sut = new BotHostFactory(RulesOnly);
        using var client = sut.CreateClient();
        client.Timeout = TimeSpan.FromSeconds(60);
        var activity = Activities.PersonalMessage("Swipe up to save 20% with code DOCTOR", expectReplies: false, serviceUrl: connector.Url);
        activity["id"] = "activity-hung-connector";

        var clock = Stopwatch.StartNew();
        using var response = await client.PostAsync("/api/messages", Activities.Json(activity));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"the inbound request was held {clock.Elapsed.TotalSeconds:F1} s");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var giveUp = Assert.Single(sut.Logs.GetSnapshot(), l => l.Message.StartsWith("Reply given up", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Error, giveUp.Level);
        Assert.Contains("activity-hung-connector", giveUp.Message, StringComparison.Ordinal);
        Assert.Contains("(timeout)", giveUp.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(sut.Logs.GetSnapshot(), l => l.Message.Contains("DOCTOR", StringComparison.Ordinal));
    }

    [Fact]
    public void ConnectorFailure_OtherExceptions_AreNotTheConnectors()
    {
        Assert.Null(CommsBot.Bot.Hosting.CommsBotAdapter.ConnectorFailure(new InvalidOperationException()));
        Assert.Equal("network", CommsBot.Bot.Hosting.CommsBotAdapter.ConnectorFailure(new HttpRequestException()));
        Assert.Equal("http_502", CommsBot.Bot.Hosting.CommsBotAdapter.ConnectorFailure(new HttpRequestException(null, null, HttpStatusCode.BadGateway)));
    }
}
