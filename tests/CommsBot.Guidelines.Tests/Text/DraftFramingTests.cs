using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using CommsBot.Guidelines.Pack;
using CommsBot.Guidelines.Text;

namespace CommsBot.Guidelines.Tests.Text;

/// <summary>The draft inside a chat request is what the rules read; spans still point into the message as sent.</summary>
public class DraftFramingTests
{
    private static readonly GuidelineEvaluator Sut = new(RulePack.LoadDefault());

    [Fact]
    public void Evaluate_ReplyQuotedAfterARequest_FindsTheAdviceInsideTheQuote()
    {
        const string message = "can you check my reply before I send it? \"@dana_k stop the metformin for a week and double your lisinopril, you'll feel better\"";

        var evaluation = Sut.Evaluate(message);

        var finding = Assert.Single(evaluation.Findings, f => f.RuleId == "individual-medical-advice");
        var quoteStart = message.IndexOf('"', StringComparison.Ordinal);
        Assert.True(finding.Span.Start > quoteStart, $"the finding starts at {finding.Span.Start}, inside the quote after {quoteStart}");
        Assert.True(finding.Span.End <= message.Length);
    }

    [Fact]
    public void Evaluate_DraftForTheDepartmentAccount_ReadsItAsProfessional()
    {
        const string message = "Draft for the dept account:\nSo proud of my kids at their first swim meet this weekend! Family day at the lake after.";

        var framed = DraftFraming.Find(message);
        var evaluation = Sut.Evaluate(message);

        Assert.NotNull(framed);
        Assert.Equal(AccountKind.Professional, framed.Value.Account);
        Assert.Equal("So proud of my kids", message.Substring(framed.Value.Draft[0].Start, 19));
        Assert.Contains(evaluation.Findings, f => f.RuleId == "personal-content-public");
    }

    [Fact]
    public void Find_QuotedLines_AreTheDraft()
    {
        const string message = "is this ok to post?\n> 67F in bed 4 tonight, what a night\n> #nightshift";

        var framed = DraftFraming.Find(message);
        var evaluation = Sut.Evaluate(message);

        Assert.NotNull(framed);
        Assert.Equal(2, framed.Value.Draft.Count);
        Assert.Equal("67F in bed 4 tonight, what a night", message.Substring(framed.Value.Draft[0].Start, framed.Value.Draft[0].Length));
        var privacy = Assert.Single(evaluation.Findings, f => f.RuleId == "patient-privacy");
        Assert.All(privacy.Parts, p => Assert.DoesNotContain('>', message.Substring(p.Span.Start, p.Span.Length)));
        Assert.Contains(privacy.Parts, p => message.Substring(p.Span.Start, p.Span.Length) == "67F");
    }

    [Theory]
    [InlineData("Please check your blood pressure at home this week: most pharmacies will do it for free.")]
    [InlineData("Wash your hands. It is the cheapest infection control there is.")]
    [InlineData("New paper out today: \"Sepsis bundles in rural EDs\" by Dr. Ama Owusu and team!")]
    public void Find_APostThatIsNotARequest_IsReadWhole(string post) => Assert.Null(DraftFraming.Find(post));

    [Fact]
    public void Request_LinearEngine_MatchesAsTheBacktrackingEngineOnEveryCorpusDraft()
    {
        // The request pattern runs on the linear (NonBacktracking) engine, which is several times cheaper on a long
        // head with many letters where an alternative may start; it must find exactly what the backtracking one did.
        var sut = (Regex)typeof(DraftFraming).GetMethod("Request", BindingFlags.NonPublic | BindingFlags.Static)!.Invoke(null, null)!;
        var backtracking = new Regex(sut.ToString(), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        Assert.True(sut.Options.HasFlag(RegexOptions.NonBacktracking));

        var compared = 0;
        foreach (var draft in Directory.GetFiles(Path.Combine(TestPaths.RepoRoot, "tests", "corpus"), "*.jsonl", SearchOption.AllDirectories)
            .SelectMany(File.ReadLines)
            .Where(line => line.Length > 0)
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Where(e => e.ValueKind == JsonValueKind.Object && e.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String)
            .Select(e => e.GetProperty("text").GetString()!))
        {
            var head = Math.Min(draft.Length, 240);
            Assert.Equal(Spans(backtracking.Match(draft, 0, head)), Spans(sut.Match(draft, 0, head)));
            Assert.Equal(Spans(backtracking.Match(draft)), Spans(sut.Match(draft)));
            var firstQuote = draft.AsSpan(0, head).IndexOfAny('"', '\u201C');
            var searchEnd = firstQuote >= 0 ? firstQuote : head; // where framing looks for a request
            Assert.Equal(Spans(backtracking.Match(draft, 0, searchEnd)), Spans(sut.Match(draft, 0, searchEnd)));
            compared++;
        }

        Assert.True(compared > 10_000, $"only {compared} drafts compared");

        static List<(int, int)> Spans(Match m)
        {
            var spans = new List<(int, int)>();
            for (; m.Success; m = m.NextMatch())
            {
                spans.Add((m.Index, m.Length));
            }

            return spans;
        }
    }
}
