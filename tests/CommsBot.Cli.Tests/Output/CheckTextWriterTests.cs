using CommsBot.Cli.Output;
using CommsBot.Guidelines;

namespace CommsBot.Cli.Tests.Output;

public class CheckTextWriterTests
{
    private static GuidelineRule Rule(string id) => new()
    {
        Id = id,
        Title = id + " title",
        Category = RuleCategory.Issue,
        Severity = Severity.Warning,
        Message = id + " message",
        Rationale = "why",
        Source = "test",
        FixAdvice = "advice",
    };

    private static ReviewedFinding Finding(string id, Severity severity, int start, int length, params TextEdit[] edits) =>
        new(new Finding(id, severity, new TextSpan(start, length), new Dictionary<string, string>()), Rule(id), new SuggestedFix(id + " fix", edits));

    private static async Task<string> WriteAsync(string draft, bool useColor, params ReviewedFinding[] findings)
    {
        var worst = findings.Length == 0 ? (Severity?)null : findings.Max(f => f.Severity);
        var review = new Review(WireNames.VerdictFor(worst), findings, draft, DraftContext.Default);
        using var output = new StringWriter();
        var sut = new CheckTextWriter(output, useColor);

        await sut.WriteAsync(draft, review);

        return output.ToString();
    }

    [Fact]
    public async Task WriteAsync_OverlappingFindings_OneHighlightWithBothNumbers()
    {
        var text = await WriteAsync("one two three four", false, Finding("a", Severity.Warning, 4, 9), Finding("b", Severity.Blocker, 8, 10));

        Assert.Contains("  one »two three four«[1,2]", text, StringComparison.Ordinal);
        Assert.Contains("[1] WARNING  a", text, StringComparison.Ordinal);
        Assert.Contains("[2] BLOCKER  b", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_SeparateFindings_NumberedInOrder()
    {
        var text = await WriteAsync("one two three four", false, Finding("a", Severity.Warning, 0, 3), Finding("b", Severity.Suggestion, 14, 4));

        Assert.Contains("»one«[1] two three »four«[2]", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_EmptySpan_MarksThePoint()
    {
        var text = await WriteAsync("Use my code", false, Finding("a", Severity.Blocker, 0, 0, new TextEdit(new TextSpan(0, 0), "#ad ")));

        Assert.Contains("  »«[1]Use my code", text, StringComparison.Ordinal);
        Assert.Contains("insert at the start: \"#ad\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_Edits_DescribedAsDeleteAndReplace()
    {
        var text = await WriteAsync("bed 9 tonight", false, Finding("a", Severity.Blocker, 0, 13, new TextEdit(new TextSpan(0, 5), ""), new TextEdit(new TextSpan(6, 7), "recently")));

        Assert.Contains("delete \"bed 9\"", text, StringComparison.Ordinal);
        Assert.Contains("replace \"tonight\" with \"recently\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_LongExcerpt_IsShortenedInTheMiddle()
    {
        var draft = string.Join(' ', Enumerable.Range(0, 40).Select(i => "word" + i));

        var text = await WriteAsync(draft, false, Finding("a", Severity.Warning, 0, draft.Length));

        var excerpt = text.Split('\n').Single(l => l.TrimStart().StartsWith("\"word0", StringComparison.Ordinal));
        Assert.Contains(" … ", excerpt, StringComparison.Ordinal);
        Assert.DoesNotContain("  … ", excerpt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_ControlCharactersInDraft_AreNotSentToTheTerminal()
    {
        var text = await WriteAsync("hello \u001b[31mred\u001b[0m", true, Finding("a", Severity.Warning, 0, 5));

        Assert.DoesNotContain("\u001b[31mred", text, StringComparison.Ordinal);
        Assert.Contains("\uFFFD[31mred", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_MultiLineDraft_IsIndented()
    {
        var text = await WriteAsync("first line\nsecond line", false);

        Assert.Contains("  first line" + Environment.NewLine + "  second line", text, StringComparison.Ordinal);
        Assert.Contains("No findings.", text, StringComparison.Ordinal);
        Assert.Contains("Verdict: ready", text, StringComparison.Ordinal);
    }
}
