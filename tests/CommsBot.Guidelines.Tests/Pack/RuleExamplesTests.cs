using CommsBot.Guidelines.Pack;

namespace CommsBot.Guidelines.Tests.Pack;

/// <summary>Every rule's should-fire and should-not-fire examples from the pack, with their marked spans.</summary>
public class RuleExamplesTests
{
    private static readonly RulePack Pack = RulePack.LoadDefault();
    private static readonly GuidelineEvaluator Sut = new(Pack);

    public static TheoryData<string, int> Examples()
    {
        var data = new TheoryData<string, int>();
        for (var i = 0; i < Pack.Examples.Count; i++)
        {
            data.Add(Pack.Examples[i].RuleId, i);
        }

        return data;
    }

    [Fact]
    public void Pack_EveryRule_HasFireAndQuietExamples()
    {
        foreach (var rule in Pack.Rules)
        {
            Assert.Contains(Pack.Examples, e => e.RuleId == rule.Id && e.ShouldFire);
            Assert.Contains(Pack.Examples, e => e.RuleId == rule.Id && !e.ShouldFire);
        }
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Evaluate_PackExample_BehavesAsMarked(string ruleId, int index)
    {
        var example = Pack.Examples[index];
        var findings = Sut.Evaluate(example.Text, example.Context).Findings.Where(f => f.RuleId == ruleId).ToList();
        if (!example.ShouldFire)
        {
            Assert.True(findings.Count == 0, $"{ruleId} fired on a quiet example: {example.Text}");
            return;
        }

        Assert.True(findings.Count > 0, $"{ruleId} did not fire on: {example.Text}");
        foreach (var expected in example.ExpectedSpans)
        {
            Assert.True(
                findings.Any(f => f.Span.Overlaps(expected) || f.Parts.Any(p => p.Span.Overlaps(expected))),
                $"{ruleId}: no finding covers the marked span '{example.Text.Substring(expected.Start, expected.Length)}' in: {example.Text}");
        }
    }
}
