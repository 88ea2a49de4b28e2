using System.Text.Json;
using CommsBot.Guidelines;
using CommsBot.Guidelines.Learned;
using CommsBot.Guidelines.Pack;
using CommsBot.Guidelines.Scoring;

namespace CommsBot.Cli.Tests.Commands;

public class EvalCommandTests
{
    private static string Line(string id, string text, string account, string verdict, string[] issues, string[]? tags = null) =>
        JsonSerializer.Serialize(new { id, text, account, platform = "instagram", issues, tags = tags ?? [], verdict });

    private static readonly string[] Corpus =
    [
        Line("promo", Drafts.DoNotPost, "personal", "do-not-post", ["undisclosed-partnership"]),
        Line("hands", Drafts.Ready, "professional", "ready", []),
        Line("advice", Drafts.Revise, "professional", "revise", ["individual-medical-advice"]),
        // Deliberately mislabelled: the evaluator will (rightly) disagree, so it shows up under --show-errors.
        Line("mislabelled", "Use code NURSE15 for 15% off these compression socks, link in bio", "personal", "ready", []),
    ];

    [Fact]
    public async Task Eval_SmallCorpus_ReportsTheScorersNumbers()
    {
        using var dir = new TempDir();
        var file = dir.File("corpus.jsonl", Corpus);
        var expected = CorpusScorer.Score(new GuidelineEvaluator(RulePack.LoadDefault(), LearnedSecondOpinion.CreateDefault()), Corpus.Select(LabelledDraft.Parse));

        var result = await CliRun.RunAsync(["eval", file, "--format", "json"]);

        result.AssertExitCode(0);
        var root = result.Json().RootElement;
        Assert.Equal(4, root.GetProperty("drafts").GetInt32());
        Assert.Equal(0, root.GetProperty("malformedLines").GetInt32());
        Assert.Equal(Math.Round(expected.VerdictAccuracy, 4), root.GetProperty("verdictAccuracy").GetDouble());
        Assert.Equal(Math.Round(expected.IssueMacroF1, 4), root.GetProperty("issueMacroF1").GetDouble());
        Assert.Equal(Math.Round(expected.OpportunityMacroF1, 4), root.GetProperty("opportunityMacroF1").GetDouble());
        var rules = root.GetProperty("rules").EnumerateArray().ToList();
        Assert.Equal(expected.Rules.Select(r => r.RuleId), rules.Select(r => r.GetProperty("rule").GetString()));
        var partnership = rules.Single(r => r.GetProperty("rule").GetString() == "undisclosed-partnership");
        var expectedPartnership = expected.Rules.Single(r => r.RuleId == "undisclosed-partnership");
        Assert.Equal(expectedPartnership.Support, partnership.GetProperty("support").GetInt32());
        Assert.Equal(Math.Round(expectedPartnership.Precision, 4), partnership.GetProperty("precision").GetDouble());
        Assert.Equal(Math.Round(expectedPartnership.Recall, 4), partnership.GetProperty("recall").GetDouble());
        Assert.Equal(Math.Round(expectedPartnership.F1, 4), partnership.GetProperty("f1").GetDouble());
        Assert.Equal(9, root.GetProperty("confusion").GetArrayLength());
        Assert.Equal(4, root.GetProperty("confusion").EnumerateArray().Sum(c => c.GetProperty("count").GetInt32()));
        Assert.False(root.TryGetProperty("errors", out _));
    }

    [Fact]
    public async Task Eval_TextFormat_ShowsTablesAccuracyAndConfusion()
    {
        using var dir = new TempDir();
        var file = dir.File("corpus.jsonl", Corpus);

        var result = await CliRun.RunAsync(["eval", file]);

        result.AssertExitCode(0);
        Assert.Contains("Scored 4 drafts", result.Out, StringComparison.Ordinal);
        Assert.Contains("Issue rules", result.Out, StringComparison.Ordinal);
        Assert.Contains("Opportunity rules", result.Out, StringComparison.Ordinal);
        Assert.Contains("PRECISION", result.Out, StringComparison.Ordinal);
        Assert.Contains("SUPPORT", result.Out, StringComparison.Ordinal);
        Assert.Contains("macro-F1", result.Out, StringComparison.Ordinal);
        Assert.Contains("Verdict accuracy", result.Out, StringComparison.Ordinal);
        Assert.Contains("EXPECTED \\ ACTUAL", result.Out, StringComparison.Ordinal);
        Assert.Contains("undisclosed-partnership", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("Drafts with errors", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_ShowErrors_ListsMissedAndExtraRuleIdsByDraft()
    {
        using var dir = new TempDir();
        var file = dir.File("corpus.jsonl", Corpus);

        var result = await CliRun.RunAsync(["eval", file, "--show-errors"]);

        Assert.Contains("Drafts with errors", result.Out, StringComparison.Ordinal);
        var section = result.Out[result.Out.IndexOf("Drafts with errors", StringComparison.Ordinal)..];
        Assert.Contains("mislabelled", section, StringComparison.Ordinal);
        Assert.Contains("expected ready, got do-not-post", section, StringComparison.Ordinal);
        Assert.Contains("extra:  undisclosed-partnership", section, StringComparison.Ordinal);
        Assert.Contains("text:   Use code NURSE15", section, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_ShowErrorsJson_ListsErrors()
    {
        using var dir = new TempDir();
        var file = dir.File("corpus.jsonl", Corpus);

        var result = await CliRun.RunAsync(["eval", file, "--show-errors", "--format", "json"]);

        var errors = result.Json().RootElement.GetProperty("errors").EnumerateArray().ToList();
        var mislabelled = Assert.Single(errors, e => e.GetProperty("id").GetString() == "mislabelled");
        Assert.Contains("undisclosed-partnership", mislabelled.GetProperty("extra").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("ready", mislabelled.GetProperty("expected").GetString());
    }

    [Fact]
    public async Task Eval_MalformedLine_IsReportedWithLineNumberAndSkipped()
    {
        using var dir = new TempDir();
        var file = dir.File("corpus.jsonl", [Corpus[0], Corpus[1], "{\"id\": \"x\"", "", "{\"id\": \"no-text\"}", Corpus[2]]);

        var result = await CliRun.RunAsync(["eval", file, "--format", "json"]);

        result.AssertExitCode(2);
        Assert.Contains("line 3: not valid JSON", result.Error, StringComparison.Ordinal);
        Assert.Contains("line 5: missing string field 'text'", result.Error, StringComparison.Ordinal);
        var root = result.Json().RootElement;
        Assert.Equal(3, root.GetProperty("drafts").GetInt32());
        Assert.Equal(2, root.GetProperty("malformedLines").GetInt32());
    }

    [Fact]
    public async Task Eval_UnknownLabel_IsReported()
    {
        using var dir = new TempDir();
        var file = dir.File("corpus.jsonl", [Line("typo", Drafts.Ready, "professional", "ready", ["patient-privacyy"])]);

        var result = await CliRun.RunAsync(["eval", file]);

        result.AssertExitCode(0);
        Assert.Contains("not rules of the pack (not scored): patient-privacyy", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_EmptyFile_ExitsTwo()
    {
        using var dir = new TempDir();
        var file = dir.File("empty.jsonl", "\n\n");

        var result = await CliRun.RunAsync(["eval", file]);

        result.AssertExitCode(2);
        Assert.Contains("no labelled drafts", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_MissingFile_ExitsTwo()
    {
        var result = await CliRun.RunAsync(["eval", Path.Combine(Path.GetTempPath(), "no-such-corpus.jsonl")]);

        result.AssertExitCode(2);
        Assert.Contains("cannot read", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_Stdin_IsScored()
    {
        var result = await CliRun.RunAsync(["eval", "-", "--format", "json"], string.Join('\n', Corpus));

        result.AssertExitCode(0);
        Assert.Equal(4, result.Json().RootElement.GetProperty("drafts").GetInt32());
    }

    [Fact]
    public async Task Eval_NoFile_ExitsTwo()
    {
        var result = await CliRun.RunAsync(["eval"]);

        result.AssertExitCode(2);
        Assert.Contains("commsbot eval --help", result.Error, StringComparison.Ordinal);
    }
}
