using System.Net;
using CommsBot.Bot.Tests.Hosting;
using CommsBot.Bot.Web;
using Microsoft.Extensions.Options;

namespace CommsBot.Bot.Tests.Web;

/// <summary>API keys (when configured), the per-client rate limit, and the options that govern both.</summary>
public sealed class ApiSecurityTests(ApiSecurityTests.KeyedHost keyed) : IClassFixture<ApiSecurityTests.KeyedHost>
{
    private const string KeyA = "key-a-0123456789abcdef";
    private const string KeyB = "key-b-0123456789abcdef";

    private static Dictionary<string, string?> WithKeys(params (string Key, string? Value)[] more)
    {
        var settings = new Dictionary<string, string?> { ["Api:Keys:0"] = KeyA, ["Api:Keys:1"] = KeyB };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return settings;
    }

    [Theory]
    [InlineData(null, "An API key is required")]
    [InlineData("", "An API key is required")]
    [InlineData("key-a-0123456789abcdeF", "The API key is not valid")]
    [InlineData("key-a-0123456789abcde", "The API key is not valid")]
    [InlineData("key-a-0123456789abcdef ", "The API key is not valid")]
    public async Task Evaluate_KeysConfiguredAndNoValidKey_Returns401Problem(string? key, string title)
    {
        var sut = keyed.Factory;
        using var client = sut.CreateClient();

        using var response = await client.EvaluateAsync(ApiClient.Draft(ApiClient.PromoDraft), key);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.ContentType()?.MediaType);
        var problem = await response.ReadObjectAsync();
        Assert.Equal(title, (string?)problem["title"]);
        Assert.Contains("X-Api-Key", (string?)problem["detail"], StringComparison.Ordinal);
        var logs = string.Join("\n", sut.Logs.GetSnapshot().Select(r => r.Message));
        Assert.DoesNotContain(KeyA, logs, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(KeyA)]
    [InlineData(KeyB)]
    public async Task Evaluate_KeysConfiguredAndAValidKey_Answers(string key)
    {
        var sut = keyed.Factory;
        using var client = sut.CreateClient();

        using var response = await client.EvaluateAsync(ApiClient.Draft(ApiClient.PromoDraft), key);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Evaluate_KeysConfigured_TheKeyIsCheckedBeforeTheBody()
    {
        var sut = keyed.Factory;
        using var client = sut.CreateClient();

        using var response = await client.EvaluateAsync(ApiClient.Json("not json"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Evaluate_NoKeysConfigured_IsOpenAndIgnoresAKey()
    {
        await using var sut = new BotHostFactory();
        using var client = sut.CreateClient();

        using var response = await client.EvaluateAsync(ApiClient.Draft(ApiClient.PromoDraft), "anything-at-all-here");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Evaluate_OverTheRateLimit_Returns429WithRetryAfter()
    {
        await using var sut = new BotHostFactory(new Dictionary<string, string?> { ["Api:RateLimit:PermitLimit"] = "2", ["Api:RateLimit:Window"] = "00:01:00" });
        using var client = sut.CreateClient();

        using var first = await client.EvaluateAsync(ApiClient.Draft(ApiClient.PromoDraft));
        using var second = await client.EvaluateAsync(ApiClient.Json("{}")); // refused requests count too
        using var third = await client.EvaluateAsync(ApiClient.Draft(ApiClient.PromoDraft));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Equal("application/problem+json", third.ContentType()?.MediaType);
        var retryAfter = third.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value.TotalSeconds, 1, 60);
        var problem = await third.ReadObjectAsync();
        Assert.Equal(429, (int)problem["status"]!);
        Assert.Contains("2 requests every 60 seconds", (string?)problem["detail"], StringComparison.Ordinal);
        Assert.Contains(sut.Logs.GetSnapshot(), r => r.Message.StartsWith("API request rate-limited", StringComparison.Ordinal));

        // The page and the rest of the host are not limited.
        using var page = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task Evaluate_RateLimit_IsPerClient_EachApiKeyHasItsOwnWindow()
    {
        await using var sut = new BotHostFactory(WithKeys(("Api:RateLimit:PermitLimit", "1")));
        using var client = sut.CreateClient();

        using var a1 = await client.EvaluateAsync(ApiClient.Draft(ApiClient.PromoDraft), KeyA);
        using var a2 = await client.EvaluateAsync(ApiClient.Draft(ApiClient.PromoDraft), KeyA);
        using var b1 = await client.EvaluateAsync(ApiClient.Draft(ApiClient.PromoDraft), KeyB);
        using var anonymous = await client.EvaluateAsync(ApiClient.Draft(ApiClient.PromoDraft));

        Assert.Equal(HttpStatusCode.OK, a1.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, a2.StatusCode);
        Assert.Equal(HttpStatusCode.OK, b1.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode); // its own (address) window, then no key
    }

    [Theory]
    [InlineData("Api:Keys:0", "tooshort", "Api:Keys:0 must be at least 16 characters")]
    [InlineData("Api:Keys:0", "white space key 0123456789", "Api:Keys:0 must be at least 16 characters")]
    [InlineData("Api:RateLimit:PermitLimit", "0", "PermitLimit")]
    [InlineData("Api:RateLimit:Window", "00:00:00", "Window")]
    [InlineData("Api:MaxRequestBodyBytes", "10", "MaxRequestBodyBytes")]
    public void Start_InvalidApiOptions_FailsNamingTheSettingButNotTheKey(string key, string value, string expected)
    {
        using var sut = new BotHostFactory(new Dictionary<string, string?> { [key] = value });

        var error = Assert.ThrowsAny<Exception>(() => sut.CreateClient()).ToString();

        Assert.Contains(expected, error, StringComparison.Ordinal);
        if (key.StartsWith("Api:Keys", StringComparison.Ordinal))
        {
            Assert.DoesNotContain(value, error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Start_DuplicateKeys_Fails()
    {
        using var sut = new BotHostFactory(new Dictionary<string, string?> { ["Api:Keys:0"] = KeyA, ["Api:Keys:1"] = KeyA });

        var error = Assert.ThrowsAny<Exception>(() => sut.CreateClient()).ToString();

        Assert.Contains("more than once", error, StringComparison.Ordinal);
        Assert.DoesNotContain(KeyA, error, StringComparison.Ordinal);
    }

    [Fact]
    public void ApiKeys_Match_ReturnsThePositionOfTheKeyOnly()
    {
        var sut = new ApiKeys(Options.Create(new ApiOptions { Keys = [KeyA, KeyB] }));

        Assert.True(sut.Required);
        Assert.Equal(0, sut.Match(KeyA));
        Assert.Equal(1, sut.Match(KeyB));
        Assert.Null(sut.Match(KeyA.ToUpperInvariant()));
        Assert.Null(sut.Match(KeyA[..^1]));
        Assert.Null(sut.Match(""));
        Assert.Null(sut.Match(null));
        Assert.False(new ApiKeys(Options.Create(new ApiOptions())).Required);
    }

    /// <summary>A host with two API keys, shared by the tests that send one request each with or without a key.</summary>
    public sealed class KeyedHost() : SharedBotHost(WithKeys());
}
