using System.Text.Json;

namespace CommsBot.Cli.Tests.Commands;

/// <summary>A finding only the learned layer makes is shown like a rule's: same fields, the rule's message and fix,
/// a span in the draft, in text and in JSON.</summary>
public class LearnedFindingTests
{
    /// <summary>A jab at another team in a parenthesis, without a word the rules look for: the rules alone pass it.</summary>
    internal const string Draft = "Great grand rounds today on sepsis bundles. Turns out early antibiotics matter (someone tell our hospitalist team 🙄).";

    private const string Jab = "Turns out early antibiotics matter (someone tell our hospitalist team 🙄"; // the sentence, as the splitter cuts it

    [Fact]
    public async Task Check_LearnedFinding_HasTheShapeOfARuleFinding()
    {
        var rulesAlone = await CliRun.RunAsync(["check", Draft, "-a", "professional", "-f", "json", "--learned", "off"]);
        var stacked = await CliRun.RunAsync(["check", Draft, "-a", "professional", "-f", "json"]);
        var ruleFound = await CliRun.RunAsync(["check", Drafts.DoNotPost, "-a", "personal", "-f", "json"]);

        using var alone = rulesAlone.Json();
        Assert.DoesNotContain(alone.RootElement.GetProperty("findings").EnumerateArray(), f => f.GetProperty("rule").GetString() == "disparaging-colleagues");
        stacked.AssertExitCode(1);
        using var json = stacked.Json();
        using var reference = ruleFound.Json();
        Assert.Equal("do-not-post", json.RootElement.GetProperty("verdict").GetString());
        var finding = Assert.Single(json.RootElement.GetProperty("findings").EnumerateArray(), f => f.GetProperty("rule").GetString() == "disparaging-colleagues");
        var expectedFields = reference.RootElement.GetProperty("findings")[0].EnumerateObject().Select(p => p.Name);
        Assert.Equal(expectedFields, finding.EnumerateObject().Select(p => p.Name));
        Assert.Equal(Jab, Draft.Substring(finding.GetProperty("start").GetInt32(), finding.GetProperty("length").GetInt32()));
        Assert.False(string.IsNullOrWhiteSpace(finding.GetProperty("message").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(finding.GetProperty("fix").GetProperty("title").GetString()));
        // the fix is the rule's own: the sentence goes, the rest stays
        Assert.Equal("Great grand rounds today on sepsis bundles.", json.RootElement.GetProperty("revisedText").GetString());
    }

    [Fact]
    public async Task Check_LearnedFinding_IsHighlightedInText()
    {
        var result = await CliRun.RunAsync(["check", Draft, "-a", "professional"]);

        result.AssertExitCode(1);
        Assert.Contains($"\"{Jab}\" (at {Draft.IndexOf(Jab, StringComparison.Ordinal)}, {Jab.Length} characters)", result.Out, StringComparison.Ordinal);
        Assert.Contains("BLOCKER  disparaging-colleagues", result.Out, StringComparison.Ordinal);
        Assert.Contains("Verdict: do-not-post", result.Out, StringComparison.Ordinal);
    }
}
