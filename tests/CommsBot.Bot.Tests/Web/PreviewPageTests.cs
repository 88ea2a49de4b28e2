using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using CommsBot.Bot.Tests.EndToEnd;
using CommsBot.Bot.Tests.Hosting;
using CommsBot.Bot.Web;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;

namespace CommsBot.Bot.Tests.Web;

/// <summary>The page, its files and the OpenAPI document, as the host serves them.</summary>
public sealed class PreviewPageTests(SharedBotHost shared) : IClassFixture<SharedBotHost>
{
    [PreviewRendererFact]
    public async Task GetRoot_ServesThePageWithAPolicyThatAllowsOnlyThisHost()
    {
        Prerequisites.Require(PreviewRendererFactAttribute.Test, Prerequisites.ForPreviewRenderer());
        var sut = shared.Factory;
        using var client = sut.CreateClient();

        using var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<textarea id=\"draft\"", html, StringComparison.Ordinal);
        Assert.Contains("<label for=\"draft\">", html, StringComparison.Ordinal);
        Assert.Contains("aria-live=\"polite\"", html, StringComparison.Ordinal);
        Assert.Contains("src=\"/preview/adaptivecards.min.js\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal); // nothing from a CDN
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self'", csp, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("preview.js", "text/javascript", "/api/evaluate")]
    [InlineData("preview.css", "text/css", "@media")]
    public async Task GetAsset_ServesTheEmbeddedFile(string file, string mediaType, string content)
    {
        await AssertServedAsync(file, mediaType, content);
    }

    [PreviewRendererTheory]
    [InlineData("adaptivecards.min.js", "text/javascript", "AdaptiveCards")]
    [InlineData("adaptivecards.css", "text/css", ".ac-pushButton")]
    [InlineData("adaptivecards.LICENSE.txt", "text/plain", "MIT License")]
    [InlineData("swiper.LICENSE.txt", "text/plain", "MIT License")]
    public async Task GetAsset_ServesTheEmbeddedRendererFile(string file, string mediaType, string content)
    {
        Prerequisites.Require(PreviewRendererFactAttribute.Test, Prerequisites.ForPreviewRenderer());
        await AssertServedAsync(file, mediaType, content);
    }

    [Fact]
    public async Task GetRoot_BuildWithoutTheRenderer_ServesAPageThatSaysHowToAddIt()
    {
        var withoutRenderer = PreviewAssets.Load(EmbeddedFiles().Where(f => !PreviewAssets.Renderer.Contains(f.Name)));
        await using var host = new BotHostFactory();
        await using var sut = host.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton(withoutRenderer)));
        using var client = sut.CreateClient();

        using var response = await client.GetAsync("/");
        using var renderer = await client.GetAsync("/preview/adaptivecards.min.js");
        using var direct = await client.GetAsync("/preview/" + PreviewAssets.RendererMissingPage);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("default-src 'none'", string.Join(";", response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Node.js 20", html, StringComparison.Ordinal);
        Assert.Contains("npm ci", html, StringComparison.Ordinal);
        Assert.Contains("POST /api/evaluate", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, renderer.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, direct.StatusCode);
        Assert.Contains(sut.Services.GetFakeLogCollector().GetSnapshot(), r => r.Message.Contains("preview page on, without its renderer", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_WithoutTheRenderer_HasNoRendererAndServesTheExplanationAtRoot()
    {
        var sut = PreviewAssets.Load(EmbeddedFiles().Where(f => f.Name != "adaptivecards.min.js"));

        Assert.False(sut.HasRenderer);
        Assert.Equal(PreviewAssets.RendererMissingPage, sut.IndexPage.Name);
    }

    [Fact]
    public void Load_WithoutAPageFile_FailsNamingIt()
    {
        var error = Assert.Throws<InvalidOperationException>(() => PreviewAssets.Load(EmbeddedFiles().Where(f => f.Name != "preview.js")));

        Assert.Contains("preview.js", error.Message, StringComparison.Ordinal);
    }

    private static List<(string Name, Func<Stream> Open)> EmbeddedFiles()
    {
        var assembly = typeof(PreviewAssets).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(PreviewAssets.ResourcePrefix, StringComparison.Ordinal))
            .Select(n => (n[PreviewAssets.ResourcePrefix.Length..], (Func<Stream>)(() => assembly.GetManifestResourceStream(n)!)))
            .ToList();
    }

    private async Task AssertServedAsync(string file, string mediaType, string content)
    {
        var sut = shared.Factory;
        using var client = sut.CreateClient();

        using var response = await client.GetAsync("/preview/" + file);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains(content, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAsset_WithItsETag_Returns304()
    {
        var sut = shared.Factory;
        using var client = sut.CreateClient();
        using var first = await client.GetAsync("/preview/preview.js");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/preview/preview.js");
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        using var second = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
    }

    [Theory]
    [InlineData("/preview/nope.js")]
    [InlineData("/preview/index.html")]
    [InlineData("/preview/..%2Fappsettings.json")]
    public async Task GetAsset_Unknown_Returns404(string path)
    {
        var sut = shared.Factory;
        using var client = sut.CreateClient();

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task GetRoot_PreviewPageOff_Returns404ButTheApiAnswers()
    {
        await using var sut = new BotHostFactory(new Dictionary<string, string?> { ["Api:PreviewPage"] = "false" });
        using var client = sut.CreateClient();

        using var page = await client.GetAsync("/");
        using var api = await client.EvaluateAsync(ApiClient.Draft(ApiClient.PromoDraft));

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
    }

    [Fact]
    public async Task GetOpenApi_DescribesTheEvaluateEndpointOnly()
    {
        var sut = shared.Factory;
        using var client = sut.CreateClient();

        using var response = await client.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.StartsWith("3.", (string?)document["openapi"], StringComparison.Ordinal);
        Assert.Equal("CommsBot API", (string?)document["info"]!["title"]);
        var paths = document["paths"]!.AsObject();
        Assert.Equal(["/api/evaluate"], paths.Select(p => p.Key));
        var post = paths["/api/evaluate"]!["post"]!;
        Assert.Equal("EvaluateDraft", (string?)post["operationId"]);
        var responses = post["responses"]!.AsObject().Select(r => r.Key).Order(StringComparer.Ordinal);
        Assert.Equal(["200", "400", "401", "413", "415", "429"], responses);
        var schemas = document["components"]!["schemas"]!.AsObject();
        Assert.True(schemas.ContainsKey("EvaluateRequest") && schemas.ContainsKey("EvaluateResponse") && schemas.ContainsKey("EvaluatedFinding"));
        Assert.Equal(["text"], schemas["EvaluateRequest"]!["required"]!.AsArray().Select(r => (string?)r));
        Assert.Equal("X-Api-Key", (string?)document["components"]!["securitySchemes"]!["ApiKey"]!["name"]);
        Assert.Null(document["security"]); // no keys configured: open
    }

    [Fact]
    public async Task GetOpenApi_WithKeys_RequiresTheApiKeyScheme()
    {
        await using var sut = new BotHostFactory(new Dictionary<string, string?> { ["Api:Keys:0"] = "key-a-0123456789abcdef" });
        using var client = sut.CreateClient();

        var document = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!;

        Assert.Contains("ApiKey", document["security"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetRoot_WithAcceptHtml_IsNotRateLimitedOrKeyed()
    {
        await using var sut = new BotHostFactory(new Dictionary<string, string?> { ["Api:Keys:0"] = "key-a-0123456789abcdef", ["Api:RateLimit:PermitLimit"] = "1" });
        using var client = sut.CreateClient();
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));

        for (var i = 0; i < 3; i++)
        {
            using var response = await client.GetAsync("/");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }
}
