using System.Diagnostics;
using CommsBot.Guidelines.Pack;

namespace CommsBot.Guidelines.Tests.Pack;

/// <summary>An institution's pattern cannot stall a turn: linear-time matching where the pattern allows it, a load
/// error for the catastrophic shape the linear engine cannot take, and a pattern that still times out is switched
/// off. A draft's patterns share a time budget.</summary>
public sealed class RegexSafetyTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("commsbot-regex-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void Evaluate_NestedQuantifierPattern_RunsInLinearTimeAndStillMatches()
    {
        var pack = RulePack.Load(Pack("nested", "'(a+)+$'"));
        var sut = new GuidelineEvaluator(pack);
        var nearMiss = "Look at this: " + new string('a', 40) + "!";

        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 10; i++)
        {
            Assert.DoesNotContain(sut.Evaluate(nearMiss).Findings, f => f.RuleId == "custom-nested");
        }

        // Backtracking took 2 s per draft here (its timeout), ten times over: 20 s.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"ten near misses took {clock.Elapsed.TotalSeconds:F1} s");
        Assert.Contains(sut.Evaluate("Look at this: aaaa").Findings, f => f.RuleId == "custom-nested");
        Assert.Empty(pack.DisabledPatterns);
    }

    [Fact]
    public void Load_CatastrophicPatternNeedingBacktracking_IsAPackError()
    {
        var path = Pack("lookbehind", "'(?<=x)(a+)+$'");

        var e = Assert.Throws<RulePackException>(() => RulePack.Load(path));

        var error = Assert.Single(e.Errors);
        Assert.Equal((path, "custom-lookbehind"), (error.File, error.RuleId));
        Assert.Contains("'(?<=x)(a+)+$' can take exponential time", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_PatternThatKeepsTimingOut_IsSwitchedOffAndReportedOnce()
    {
        // Exponential (the alternatives overlap) without nesting, and the lookahead keeps it on the backtracking engine.
        var pack = RulePack.Load(Pack("overlap", "'(?=a)(a|aa)+$'"));
        var sut = new GuidelineEvaluator(pack);
        var reports = new List<PatternDisabledEventArgs>();
        pack.PatternDisabled += (_, e) => reports.Add(e);
        var nearMiss = "Look at this: " + new string('a', 60) + "!";

        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 8; i++)
        {
            sut.Evaluate(nearMiss);
        }

        // Three timeouts in a row switch it off (one could be a starved thread); with backtracking timeouts of 2 s and
        // no switch-off this took 16 s.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(8), $"eight near misses took {clock.Elapsed.TotalSeconds:F1} s");
        var report = Assert.Single(reports);
        Assert.Equal("(?=a)(a|aa)+$", report.Pattern);
        Assert.Equal(["custom-overlap"], report.RuleIds);
        Assert.Equal(["(?=a)(a|aa)+$"], pack.DisabledPatterns);
    }

    [Fact]
    public void Evaluate_ManySlowPatterns_OneDraftStaysWithinTheBudget()
    {
        var path = Pack("slow", "'(?=b)(b|bb)+$'", "'(?=b)(b|bbb)+$'", "'(?=b)(bb|b)+$'", "'(?=b)(bbb|b)+$'", "'(?=b)(b|b b)+$'");
        var sut = new GuidelineEvaluator(RulePack.Load(path));

        var clock = Stopwatch.StartNew();
        sut.Evaluate("Look at this: " + new string('b', 60) + "!");

        // Each pattern alone could take its timeout; together they stop at the budget (with backtracking timeouts of
        // 2 s each this took 10 s).
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"one draft took {clock.Elapsed.TotalSeconds:F1} s");
    }

    [Theory]
    [InlineData("(a+)+", true)]
    [InlineData("(a*)*b", true)]
    [InlineData("(?:\\w+\\s?){2,}x", true)]
    [InlineData("((ab)+c)+", true)]
    [InlineData("(a|aa)+", false)]
    [InlineData("(a+){1,3}", false)]
    [InlineData("[(a+)]+", false)]
    [InlineData("\\(a+\\)+", false)]
    [InlineData("(?<=^|\\s)'[^'\\n]{2,40}'(?=[\\s.,!?:;)]|$)", false)]
    [InlineData("\\b(?:bed|room)(?<!\\b(?:exam|call) \\w+)\\s?#?\\d{1,3}[a-z]?\\b", false)]
    public void HasNestedQuantifier_Shapes(string pattern, bool expected) =>
        Assert.Equal(expected, PatternCompiler.HasNestedQuantifier(pattern));

    private string Pack(string name, params string[] patterns)
    {
        var path = Path.Combine(dir, name + ".yaml");
        File.WriteAllText(path, $$"""
            rules:
              - id: custom-{{name}}
                title: A custom rule
                severity: warning
                message: m.
                rationale: r.
                source: s.
                fix: { kind: advice, title: Rephrase. }
                detector:
                  kind: signals
                  groups:
                    a: { patterns: [{{string.Join(", ", patterns)}}] }
                  clauses:
                    - { all: [a] }
            """);
        return path;
    }
}
