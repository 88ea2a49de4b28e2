using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Newtonsoft.Json.Linq;

namespace CommsBot.Bot.Tests.Hosting;

/// <summary>With an app id, a token that cannot be validated gets 401, quickly, whatever state Microsoft's metadata
/// endpoint is in; a valid one still works; /readyz says whether tokens can be validated.</summary>
public sealed class AuthenticationTests
{
    private const string AppId = "00000000-0000-0000-0000-00000000b07b";
    private const string ServiceUrl = "http://127.0.0.1:9/";

    [Theory]
    [InlineData("unreachable")]
    [InlineData("hanging")]
    public async Task PostMessage_MetadataEndpointDown_TwentyForgedTokensEachGet401Within5Seconds(string endpoint)
    {
        await using var hanging = await FakeOpenIdProvider.StartAsync(hang: true);
        var (channel, emulator) = endpoint == "hanging"
            ? (hanging.ChannelMetadataUrl, hanging.EmulatorMetadataUrl)
            : (FakeOpenIdProvider.UnreachableUrl("channel/.well-known/openidconfiguration"), FakeOpenIdProvider.UnreachableUrl("emulator/.well-known/openid-configuration"));
        await using var sut = Host(channel, emulator);
        using var client = sut.CreateClient();
        var forged = FakeOpenIdProvider.ForgedChannelTokens(AppId, ServiceUrl).ToList();

        for (var i = 0; i < 20; i++)
        {
            var clock = Stopwatch.StartNew();
            using var response = await PostAsync(client, forged[i % forged.Count]);

            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"request {i} took {clock.Elapsed.TotalSeconds:F1} s");
        }

        // The metadata is fetched again only after a back-off, not once per request.
        Assert.True(endpoint != "hanging" || hanging.Requests >= 1, "the hanging endpoint was never asked");
        Assert.True(hanging.Requests <= 6, $"{hanging.Requests} metadata requests for 20 tokens");

        using var ready = await client.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        using var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
        Assert.Equal("Unhealthy", body.RootElement.GetProperty("checks").GetProperty("authMetadata").GetProperty("status").GetString());
        Assert.DoesNotContain("127.0.0.1", body.RootElement.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostMessage_MetadataReachable_ValidTokenAnsweredAndForgedTokensGet401()
    {
        await using var provider = await FakeOpenIdProvider.StartAsync();
        await using var sut = Host(provider.ChannelMetadataUrl, provider.EmulatorMetadataUrl);
        using var client = sut.CreateClient();

        using (var valid = await PostAsync(client, provider.ChannelToken(AppId, ServiceUrl)))
        {
            Assert.True(HttpStatusCode.OK == valid.StatusCode, string.Join("\n", sut.Logs.GetSnapshot().Where(l => l.Level >= Microsoft.Extensions.Logging.LogLevel.Warning).Select(l => l.Category + ": " + l.Message + " " + l.Exception)));
            var card = JObject.Parse(await valid.Content.ReadAsStringAsync())["activities"]![0]!["attachments"]![0]!["content"]!.ToString();
            Assert.Contains("undisclosed-partnership", card, StringComparison.Ordinal);
        }

        // A key the metadata does not list made the SDK throw, and the adapter answer 500.
        foreach (var token in FakeOpenIdProvider.ForgedChannelTokens(AppId, ServiceUrl).Append(provider.ChannelToken(AppId, ServiceUrl, TimeSpan.FromHours(-1))).Append(provider.ChannelToken("another-app", ServiceUrl)))
        {
            using var forged = await PostAsync(client, token);
            Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        }

        using var ready = await client.GetAsync("/readyz");
        using var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", body.RootElement.GetProperty("checks").GetProperty("authMetadata").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    [Fact]
    public async Task Readyz_LocalMode_AuthMetadataHealthyWithoutFetching()
    {
        await using var sut = new BotHostFactory();
        using var client = sut.CreateClient();

        // the body, whatever the status: this is about the auth check, and on a loaded machine the scheduler may still
        // be starting (503 from its check) when the first request comes
        using var ready = await client.GetAsync("/readyz");
        using var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());

        var check = body.RootElement.GetProperty("checks").GetProperty("authMetadata");
        Assert.Equal("Healthy", check.GetProperty("status").GetString());
        Assert.StartsWith("local mode", check.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    private static BotHostFactory Host(string channelMetadataUrl, string emulatorMetadataUrl) => new(new Dictionary<string, string?>
    {
        ["MicrosoftAppId"] = AppId,
        ["MicrosoftAppPassword"] = "not-a-real-secret",
        ["ToBotFromChannelOpenIdMetadataUrl"] = channelMetadataUrl,
        ["ToBotFromEmulatorOpenIdMetadataUrl"] = emulatorMetadataUrl,
        ["Guidelines:Learned"] = "false", // the rules' findings alone: these test authentication
    });

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = Activities.Json(Activities.PersonalMessage("Swipe up to save 20% with code DOCTOR", expectReplies: true, serviceUrl: ServiceUrl)),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request);
    }
}
