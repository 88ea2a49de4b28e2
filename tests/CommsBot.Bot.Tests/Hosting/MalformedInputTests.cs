using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CommsBot.Bot.Slack;
using CommsBot.Bot.Tests.Slack;

namespace CommsBot.Bot.Tests.Hosting;

/// <summary>Malformed input is the sender's problem: 400 (or 405) with a problem body, never a 500.</summary>
public sealed class MalformedInputTests(SharedBotHost shared) : IClassFixture<SharedBotHost>
{
    [Theory]
    [InlineData(null)]
    [InlineData("not a url")]
    [InlineData("ftp://127.0.0.1/")]
    public async Task PostMessage_LocalModeWithoutAUsableServiceUrl_Returns400Problem(string? serviceUrl)
    {
        var sut = shared.Factory;
        using var client = sut.CreateClient();
        var activity = Activities.PersonalMessage("Swipe up to save 20% with code DOCTOR");
        if (serviceUrl is null)
        {
            activity.Remove("serviceUrl");
        }
        else
        {
            activity["serviceUrl"] = serviceUrl;
        }

        using var response = await client.PostAsync("/api/messages", Activities.Json(activity));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("ServiceUrl")]
    [InlineData("SERVICEURL")]
    [InlineData("service\\u0055rl")]
    public async Task PostMessage_LocalModeWithASecondServiceUrlInAnotherCase_Returns400Problem(string name)
    {
        // The SDK's serializer matches names case-insensitively and keeps the last: the reply would go to the second.
        var sut = shared.Factory;
        using var client = sut.CreateClient();
        var json = Activities.PersonalMessage("Swipe up to save 20% with code DOCTOR").ToString(Newtonsoft.Json.Formatting.None);
        json = json[..^1] + ",\"" + name + "\":\"http://anything.invalid/\"}";

        using var response = await client.PostAsync("/api/messages", new StringContent(json, Encoding.UTF8, "application/json"));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("{\"serviceUrl\":\"http://a/\",\"x\":{\"serviceUrl\":\"http://b/\"}}", "http://a/")]
    [InlineData("{\"serviceUrl\":\"http://a/\",\"serviceUrl\":\"http://b/\"}", "http://b/")]
    [InlineData("{\"serviceUrl\":\"http://a/\",\"SERVICEURL\":null}", null)]
    [InlineData("{\"serviceUrl\":7}", null)]
    [InlineData("{\"type\":\"message\"}", null)]
    public void TryReadServiceUrl_AnObject_ReadsTheTopLevelValueTheSdkKeeps(string body, string? expected)
    {
        Assert.True(CommsBot.Bot.Hosting.BotEndpoint.TryReadServiceUrl(Encoding.UTF8.GetBytes(body), out var serviceUrl));
        Assert.Equal(expected, serviceUrl);
    }

    [Theory]
    [InlineData("[1, 2]")]
    [InlineData("\"http://127.0.0.1/\"")]
    public void TryReadServiceUrl_NotAnObject_ReturnsFalse(string body) =>
        Assert.False(CommsBot.Bot.Hosting.BotEndpoint.TryReadServiceUrl(Encoding.UTF8.GetBytes(body), out _));

    [Theory]
    [InlineData("")]
    [InlineData("{\"serviceUrl\":\"http://127.0.0.1/\"")]
    [InlineData("{\"serviceUrl\":\"http://127.0.0.1/\"} {}")]
    [InlineData("[1, 2")]
    public void TryReadServiceUrl_Malformed_Throws(string body) =>
        Assert.ThrowsAny<JsonException>(() => CommsBot.Bot.Hosting.BotEndpoint.TryReadServiceUrl(Encoding.UTF8.GetBytes(body), out _));

    [Theory]
    [InlineData("[1, 2]")]
    [InlineData("{\"type\": \"message\", \"serviceUrl\": ")]
    public async Task PostMessage_NotAnActivity_Returns400Problem(string body)
    {
        var sut = shared.Factory;
        using var client = sut.CreateClient();

        using var response = await client.PostAsync("/api/messages", new StringContent(body, Encoding.UTF8, "application/json"));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task SlackEvent_SignedButNotUtf8_Returns400Problem()
    {
        await using var slack = await FakeSlackApi.StartAsync();
        await using var host = await SlackHost.StartAsync(slack);
        var json = SlackPayloads.Envelope(SlackPayloads.DirectMessage("PLACEHOLDER", "D0DM")).ToJsonString();
        var bytes = Encoding.UTF8.GetBytes(json);
        var at = json.IndexOf("PLACEHOLDER", StringComparison.Ordinal);
        bytes[at] = 0xC3; // a lead byte followed by ASCII: invalid UTF-8
        bytes[at + 1] = 0x28;

        using var response = await host.PostSignedBytesAsync(SlackEndpoints.EventsRoute, bytes, "application/json");

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Empty(slack.Calls);
    }

    [Fact]
    public async Task SlackEventAndInteraction_WithALoneSurrogateEscape_Return400Problem()
    {
        await using var slack = await FakeSlackApi.StartAsync();
        await using var host = await SlackHost.StartAsync(slack);
        var envelope = SlackPayloads.Envelope(SlackPayloads.DirectMessage("PLACEHOLDER", "D0DM")).ToJsonString().Replace("PLACEHOLDER", "\\ud800", StringComparison.Ordinal);
        var click = SlackPayloads.ButtonClick("recheck", "{}", "C0CHAN", slack.ResponseUrl("1"), ephemeral: false);
        click["user"]!["id"] = "PLACEHOLDER";
        var form = SlackPayloads.InteractionForm(click).Replace("PLACEHOLDER", Uri.EscapeDataString("\\ud800"), StringComparison.Ordinal);

        using (var response = await host.PostSignedAsync(SlackEndpoints.EventsRoute, envelope, "application/json"))
        {
            await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        }

        using (var response = await host.PostSignedAsync(SlackEndpoints.InteractionsRoute, form, SlackPayloads.Form))
        {
            await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        }

        Assert.Empty(slack.Calls);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task Evaluate_OtherMethods_Return405Problem(string method)
    {
        var sut = shared.Factory;
        using var client = sut.CreateClient();

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), "/api/evaluate"));

        await AssertProblemAsync(response, HttpStatusCode.MethodNotAllowed);
        Assert.Equal(["POST"], response.Content.Headers.Allow);
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal((int)status, problem.RootElement.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.RootElement.GetProperty("title").GetString()));
    }
}
