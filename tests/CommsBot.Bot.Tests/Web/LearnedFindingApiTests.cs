using System.Net;
using System.Text.Json.Nodes;
using CommsBot.Bot.Tests.Hosting;

namespace CommsBot.Bot.Tests.Web;

/// <summary>A finding only the learned layer makes reaches the REST answer, the Teams card and the Slack blocks exactly
/// as a rule's does: same fields, the rule's title, message and fix, a span in the draft.</summary>
public sealed class LearnedFindingApiTests
{
    /// <summary>A jab at another team in a parenthesis, without a word the rules look for.</summary>
    private const string Draft = "Great grand rounds today on sepsis bundles. Turns out early antibiotics matter (someone tell our hospitalist team 🙄).";

    [Fact]
    public async Task Evaluate_LearnedFinding_IsShownLikeARuleFinding()
    {
        await using var sut = new BotHostFactory();
        using var client = sut.CreateClient();

        using var response = await client.EvaluateAsync(ApiClient.Draft(Draft, "professional", "linkedin"));
        using var reference = await client.EvaluateAsync(ApiClient.Draft(ApiClient.PromoDraft, "personal", "instagram"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadObjectAsync();
        Assert.Equal("do-not-post", (string?)body["verdict"]);
        var finding = body["findings"]!.AsArray().Single(f => (string?)f!["rule"] == "disparaging-colleagues")!.AsObject();
        var ruleFinding = (await reference.ReadObjectAsync())["findings"]!.AsArray()[0]!.AsObject();
        Assert.Equal(ruleFinding.Select(p => p.Key), finding.Select(p => p.Key));
        Assert.Equal("blocker", (string?)finding["severity"]);
        Assert.StartsWith("Turns out early antibiotics matter", Draft[(int)finding["start"]!..], StringComparison.Ordinal);
        foreach (var field in new[] { "title", "message", "rationale", "source" })
        {
            Assert.False(string.IsNullOrWhiteSpace((string?)finding[field]), field);
        }

        Assert.Equal("Great grand rounds today on sepsis bundles.", (string?)body["revisedText"]);
        var card = Assert.IsType<JsonObject>(body["card"]).ToJsonString();
        Assert.Contains((string)finding["title"]!, card, StringComparison.Ordinal);
        Assert.Contains("Do not post", card, StringComparison.Ordinal);
        Assert.Contains((string)finding["title"]!, Assert.IsType<JsonArray>(body["blocks"]).ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_LearnedLayerOff_TheRulesAlonePassTheJab()
    {
        await using var sut = new BotHostFactory(new Dictionary<string, string?> { ["Guidelines:Learned"] = "false" });
        using var client = sut.CreateClient();

        using var response = await client.EvaluateAsync(ApiClient.Draft(Draft, "professional", "linkedin"));

        var body = await response.ReadObjectAsync();
        Assert.DoesNotContain(body["findings"]!.AsArray(), f => (string?)f!["rule"] == "disparaging-colleagues");
    }
}
