using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Newtonsoft.Json.Linq;

namespace CommsBot.Bot.Tests.Hosting;

public sealed class BotHostTests(SharedBotHost shared, BotHostTests.AppIdHost withAppId, BotHostTests.SmallBodyHost smallBody)
    : IClassFixture<SharedBotHost>, IClassFixture<BotHostTests.AppIdHost>, IClassFixture<BotHostTests.SmallBodyHost>
{
    private const string AppId = "00000000-0000-0000-0000-00000000b07b";

    [Fact]
    public async Task PostMessage_LocalMode_ReturnsTheCardInTheResponse()
    {
        var sut = shared.Factory;
        using var client = sut.CreateClient();

        using var response = await client.PostAsync("/api/messages", Activities.Json(Activities.PersonalMessage("Swipe up to save 20% with code DOCTOR")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JObject.Parse(await response.Content.ReadAsStringAsync());
        var card = body["activities"]![0]!["attachments"]![0]!["content"]!.ToString();
        Assert.Contains("undisclosed-partnership", card, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Healthz_Answers()
    {
        var sut = shared.Factory;
        using var client = sut.CreateClient();

        Assert.Equal("ok", await client.GetStringAsync("/healthz"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer not.a.jwt")]
    [InlineData("Bearer abc")]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("forged")]
    public async Task PostMessage_WithAppIdAndNoValidToken_Returns401(string? authorization)
    {
        var sut = withAppId.Factory;
        using var client = sut.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = Activities.Json(Activities.PersonalMessage("Swipe up to save 20% with code DOCTOR", expectReplies: false)) };
        if (authorization == "forged")
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ForgedToken());
        }
        else if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task PostMessage_OverTheBodyLimit_Returns413()
    {
        var sut = smallBody.Factory;
        using var client = sut.CreateClient();

        using var response = await client.PostAsync("/api/messages", Activities.Json(Activities.PersonalMessage(new string('x', 20_000))));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task PostMessage_ChunkedOverTheBodyLimit_Returns413()
    {
        var sut = smallBody.Factory;
        using var client = sut.CreateClient();
        var bytes = Encoding.UTF8.GetBytes(Activities.PersonalMessage(new string('x', 20_000)).ToString());
        using var content = new StreamContent(new NonSeekableStream(bytes));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await client.PostAsync("/api/messages", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task PostMessage_NotJson_Returns400()
    {
        var sut = shared.Factory;
        using var client = sut.CreateClient();

        using var response = await client.PostAsync("/api/messages", new StringContent("{not json", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Start_WithPostgresProvider_FailsAtStartUp()
    {
        await using var sut = new BotHostFactory(new Dictionary<string, string?> { ["Storage:Provider"] = "Postgres" });

        var error = Assert.ThrowsAny<Exception>(() => sut.CreateClient());

        Assert.Contains("Postgres", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WithAppIdButNoPassword_FailsAtStartUp()
    {
        await using var sut = new BotHostFactory(new Dictionary<string, string?> { ["MicrosoftAppId"] = AppId });

        var error = Assert.ThrowsAny<Exception>(() => sut.CreateClient());

        Assert.Contains("MicrosoftAppPassword", error.ToString(), StringComparison.Ordinal);
    }

    /// <summary>A well-formed JWT for this app from an issuer the Bot Framework does not trust, with a made-up
    /// signature. (One claiming the real issuer is rejected the same way once the signing keys are fetched, which
    /// needs the Bot Framework's OpenID endpoint: not reachable from this sandbox.)</summary>
    private static string ForgedToken()
    {
        static string B64(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = B64("""{"alg":"RS256","typ":"JWT","kid":"forged-key"}""");
        var payload = B64($$"""{"iss":"https://login.forged.example/botframework","aud":"{{AppId}}","serviceurl":"http://127.0.0.1:9/","nbf":{{now - 60}},"exp":{{now + 3600}}}""");
        var signature = Convert.ToBase64String(Enumerable.Range(0, 256).Select(i => (byte)i).ToArray()).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return $"{header}.{payload}.{signature}";
    }

    private sealed class NonSeekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();
    }

    /// <summary>A host with an app id and password (so every request needs a valid token), shared by the 401 cases.</summary>
    public sealed class AppIdHost() : SharedBotHost(new Dictionary<string, string?> { ["MicrosoftAppId"] = AppId, ["MicrosoftAppPassword"] = "not-a-real-secret" });

    /// <summary>A host with an 8 KiB body limit, shared by the 413 cases.</summary>
    public sealed class SmallBodyHost() : SharedBotHost(new Dictionary<string, string?> { ["Bot:MaxRequestBodyBytes"] = "8192" });
}
