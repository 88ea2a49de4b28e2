using System.Text.Json;
using CommsBot.Cli.Commands;
using CommsBot.Guidelines;
using CommsBot.Guidelines.Pack;

namespace CommsBot.Cli.Tests.Commands;

public class JsonlCheckRunnerTests
{
    private static readonly Lazy<RulePack> Pack = new(RulePack.LoadDefault);

    private static string Line(object value) => JsonSerializer.Serialize(value);

    [Fact]
    public async Task CheckJsonl_GoodLines_OneResultPerLineInOrder()
    {
        using var dir = new TempDir();
        var file = dir.File("drafts.jsonl",
        [
            Line(new { id = "a", text = Drafts.DoNotPost, account = "personal", platform = "instagram", note = "ignored" }),
            Line(new { id = "b", text = Drafts.Ready, account = "professional" }),
            Line(new { id = 3, text = Drafts.Revise, account = "professional" }),
        ]);

        var result = await CliRun.RunAsync(["check", "--jsonl", file]);

        result.AssertExitCode(1);
        var lines = result.OutLines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(3, lines.Count);
        Assert.Equal("a", lines[0].GetProperty("id").GetString());
        Assert.Equal("do-not-post", lines[0].GetProperty("verdict").GetString());
        Assert.Equal("b", lines[1].GetProperty("id").GetString());
        Assert.Equal("ready", lines[1].GetProperty("verdict").GetString());
        Assert.Equal(3, lines[2].GetProperty("id").GetInt32());
        Assert.Equal("revise", lines[2].GetProperty("verdict").GetString());
    }

    [Fact]
    public async Task CheckJsonl_EveryDraftReady_ExitsZero()
    {
        var stdin = string.Join('\n', Line(new { id = "a", text = Drafts.Ready, account = "professional" }), Line(new { id = "b", text = Drafts.Ready, account = "professional" }));

        var result = await CliRun.RunAsync(["check", "--jsonl", "-"], stdin);

        result.AssertExitCode(0);
        Assert.Equal(2, result.OutLines.Count);
        Assert.Equal("", result.Error);
    }

    [Theory]
    [InlineData(Drafts.Revise)]
    [InlineData(Drafts.DoNotPost)]
    public async Task CheckJsonl_OneDraftNotReady_ExitsOneAndSaysHowMany(string notReady)
    {
        var stdin = string.Join('\n', Line(new { id = "a", text = Drafts.Ready, account = "professional" }), Line(new { id = "b", text = notReady, account = "professional" }));

        var result = await CliRun.RunAsync(["check", "--jsonl", "-"], stdin);

        result.AssertExitCode(1);
        Assert.Equal(2, result.OutLines.Count);
        Assert.Contains("1 of 2 drafts are not ready", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckJsonl_BadLineAndDraftNotReady_ExitsTwo()
    {
        var stdin = string.Join('\n', Line(new { id = "a", text = Drafts.DoNotPost }), "{not json");

        var result = await CliRun.RunAsync(["check", "--jsonl", "-"], stdin);

        result.AssertExitCode(2);
        Assert.Equal(2, result.OutLines.Count);
    }

    [Fact]
    public async Task CheckJsonl_ResultLine_HasTheDocumentedShape()
    {
        var stdin = Line(new { id = "a", text = Drafts.DoNotPost, platform = "instagram" }) + "\n";

        var result = await CliRun.RunAsync(["check", "--jsonl", "-"], stdin);

        var root = JsonDocument.Parse(Assert.Single(result.OutLines)).RootElement;
        Assert.Equal(["id", "verdict", "findings"], root.EnumerateObject().Select(p => p.Name));
        var finding = root.GetProperty("findings").EnumerateArray().First();
        Assert.Equal(["rule", "severity", "start", "length", "message", "fix"], finding.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.String, finding.GetProperty("fix").ValueKind);
    }

    [Fact]
    public async Task CheckJsonl_BadLines_GetErrorLinesAndRunGoesOn()
    {
        string[] input =
        [
            Line(new { id = "ok-1", text = Drafts.Ready, account = "professional" }),
            "{\"id\": \"broken\", \"text\": ",
            Line(new { id = "no-text", account = "personal" }),
            "",
            Line(new { id = "empty", text = "  " }),
            Line(new { id = "who", text = Drafts.Ready, account = "corporate" }),
            Line(new { id = "where", text = Drafts.Ready, platform = "myspace" }),
            "[1, 2, 3]",
            Line(new { id = "too-long", text = new string('x', 10_001) }),
            Line(new { id = "ok-2", text = Drafts.DoNotPost }),
        ];

        var result = await CliRun.RunAsync(["check", "--jsonl", "-"], string.Join('\n', input));

        result.AssertExitCode(2);
        var lines = result.OutLines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(9, lines.Count);
        Assert.Equal("ok-1", lines[0].GetProperty("id").GetString());
        AssertError(lines[1], null, 2, "not valid JSON");
        AssertError(lines[2], "no-text", 3, "missing \"text\"");
        AssertError(lines[3], "empty", 5, "empty");
        AssertError(lines[4], "who", 6, "unknown account 'corporate'");
        AssertError(lines[5], "where", 7, "unknown platform 'myspace'");
        AssertError(lines[6], null, 8, "not a JSON object");
        AssertError(lines[7], "too-long", 9, "the limit is 10,000");
        Assert.Equal("ok-2", lines[8].GetProperty("id").GetString());
        Assert.Equal("do-not-post", lines[8].GetProperty("verdict").GetString());
        Assert.Contains("7 of 9 lines could not be checked", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckJsonl_TenThousandDraftsWithMalformedLines_LosesNoGoodLine()
    {
        const int total = 10_000;
        string[] texts = [Drafts.Ready, Drafts.Revise, Drafts.DoNotPost, "Proud of our residents presenting at #ACEP24 today! Great work on sepsis bundles.", "67F in bed 4 tonight, what a night"];
        var malformedAt = new Dictionary<int, string>
        {
            [17] = "{not json",
            [2_500] = Line(new { id = "bad-empty", text = "" }),
            [5_001] = Line(new { id = "bad-account", text = Drafts.Ready, account = "robot" }),
            [7_777] = "{\"id\": \"bad-no-text\"}",
            [9_999] = "\"just a string\"",
        };
        var lines = new List<string>(total + 10);
        var expectedIds = new List<string>();
        for (var i = 0; i < total; i++)
        {
            if (malformedAt.TryGetValue(i, out var bad))
            {
                lines.Add(bad);
            }

            if (i % 1_000 == 0)
            {
                lines.Add("");
            }

            var id = $"d{i:D5}";
            expectedIds.Add(id);
            lines.Add(Line(new { id, text = texts[i % texts.Length], account = i % 2 == 0 ? "professional" : "personal", platform = "x" }));
        }

        using var dir = new TempDir();
        var file = dir.File("big.jsonl", lines);

        // streaming and bookkeeping, not judgement: the rules alone (the learned layer would add minutes, not coverage)
        var result = await CliRun.RunAsync(["check", "--jsonl", file, "--learned", "off"]);

        result.AssertExitCode(2);
        var output = result.OutLines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(total + malformedAt.Count, output.Count);
        var errors = output.Where(o => o.TryGetProperty("error", out _)).ToList();
        var good = output.Where(o => o.TryGetProperty("verdict", out _)).ToList();
        Assert.Equal(malformedAt.Count, errors.Count);
        Assert.Equal(expectedIds, good.Select(o => o.GetProperty("id").GetString()));
        Assert.All(good, o => Assert.Contains(o.GetProperty("verdict").GetString(), new[] { "ready", "revise", "do-not-post" }));
        Assert.Equal(malformedAt.Values, errors.Select(e => lines[e.GetProperty("line").GetInt32() - 1]));
        Assert.Contains($"5 of {total + malformedAt.Count:N0} lines", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_LongInput_WritesEachResultBeforeReadingTheNextLine()
    {
        var sut = new JsonlCheckRunner(new DraftReviewer(Pack.Value), DraftContext.Default);
        using var output = new StringWriter();
        var input = new ProbeReader(Enumerable.Range(0, 50).Select(i => Line(new { id = i, text = Drafts.Ready })), output);

        var summary = await sut.RunAsync(input, output, CancellationToken.None);

        Assert.Equal(new JsonlSummary(50, 0, 0), summary);
        Assert.Equal(Enumerable.Range(0, 51), input.OutputLinesSeenAtEachRead);
    }

    [Fact]
    public async Task RunAsync_DefaultsFromOptions_ApplyToLinesThatDoNotSay()
    {
        var sut = new JsonlCheckRunner(new DraftReviewer(Pack.Value), new DraftContext(AccountKind.Personal, Platform.Instagram));
        using var output = new StringWriter();
        using var input = new StringReader(Line(new { id = "a", text = Drafts.DoNotPost }) + "\n" + Line(new { id = "b", text = Drafts.DoNotPost, account = "professional", platform = "linkedin" }));

        await sut.RunAsync(input, output, CancellationToken.None);

        var reviewer = new DraftReviewer(Pack.Value);
        var expected = new[]
        {
            reviewer.Review(Drafts.DoNotPost, new DraftContext(AccountKind.Personal, Platform.Instagram)),
            reviewer.Review(Drafts.DoNotPost, new DraftContext(AccountKind.Professional, Platform.LinkedIn)),
        };
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(expected[i].Findings.Select(f => f.RuleId), lines[i].GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("rule").GetString()));
        }
    }

    [Fact]
    public async Task RunAsync_LineWithoutId_GetsNullId()
    {
        var sut = new JsonlCheckRunner(new DraftReviewer(Pack.Value), DraftContext.Default);
        using var output = new StringWriter();
        using var input = new StringReader(Line(new { text = Drafts.Ready }));

        await sut.RunAsync(input, output, CancellationToken.None);

        var root = JsonDocument.Parse(output.ToString()).RootElement;
        Assert.Equal(JsonValueKind.Null, root.GetProperty("id").ValueKind);
    }

    [Fact]
    public async Task CheckJsonl_MissingFile_ExitsTwo()
    {
        var result = await CliRun.RunAsync(["check", "--jsonl", Path.Combine(Path.GetTempPath(), "no-such-drafts.jsonl")]);

        result.AssertExitCode(2);
        Assert.Contains("cannot read", result.Error, StringComparison.Ordinal);
    }

    private static void AssertError(JsonElement line, string? id, int lineNumber, string error)
    {
        if (id is null)
        {
            Assert.False(line.TryGetProperty("id", out _));
        }
        else
        {
            Assert.Equal(id, line.GetProperty("id").GetString());
        }

        Assert.Equal(lineNumber, line.GetProperty("line").GetInt32());
        Assert.Contains(error, line.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.False(line.TryGetProperty("verdict", out _));
    }

    /// <summary>Serves lines one at a time and records how many output lines existed at each read.</summary>
    private sealed class ProbeReader(IEnumerable<string> lines, StringWriter output) : TextReader
    {
        private readonly IEnumerator<string> next = lines.GetEnumerator();

        public List<int> OutputLinesSeenAtEachRead { get; } = [];

        public override ValueTask<string?> ReadLineAsync(CancellationToken cancellationToken)
        {
            OutputLinesSeenAtEachRead.Add(output.ToString().Count(c => c == '\n'));
            return ValueTask.FromResult(next.MoveNext() ? next.Current : null);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                next.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
