using CommsBot.Guidelines;

namespace CommsBot.Cards;

/// <summary>
/// Made-up reviews that reach every branch of the review templates (issues of each severity, praise, suggestions
/// with something missing, edits, lists too long to show whole, a draft too long to carry, no findings at all).
/// The renderers render them at construction, so a template error shows at start-up, not in a conversation.
/// </summary>
internal static class SampleReviews
{
    public static IEnumerable<(Review Review, CardContext Context)> All()
    {
        var context = new DraftContext(AccountKind.Professional, Platform.X);
        const string shortDraft = "Sample draft for the start-up check.";
        yield return (Build([Severity.Blocker, Severity.Warning, Severity.Suggestion], [Severity.Praise, Severity.Suggestion], withEdits: true, shortDraft.Length),
            new CardContext(shortDraft, context, OfferReview: true));

        var longDraft = new string('x', 60_000);
        var many = Enumerable.Repeat(Severity.Warning, 20).Prepend(Severity.Blocker).ToArray();
        yield return (Build(many, [.. Enumerable.Repeat(Severity.Praise, 10)], withEdits: false, longDraft.Length), new CardContext(longDraft, context));

        yield return (new Review(Verdict.Ready, [], shortDraft, DraftContext.Default), new CardContext(shortDraft, DraftContext.Default));
    }

    private static Review Build(Severity[] issues, Severity[] opportunities, bool withEdits, int length)
    {
        var findings = new List<ReviewedFinding>();
        var i = 0;
        foreach (var severity in issues)
        {
            findings.Add(Finding(RuleCategory.Issue, severity, i++, withEdits, length, null));
        }

        foreach (var severity in opportunities)
        {
            findings.Add(Finding(RuleCategory.Opportunity, severity, i++, false, length, severity == Severity.Suggestion ? "one thing|another" : null));
        }

        var verdict = WireNames.VerdictFor(findings.Where(f => f.Rule.Category == RuleCategory.Issue).Select(f => (Severity?)f.Severity).Max());
        return new Review(verdict, findings, "revised", DraftContext.Default);
    }

    private static ReviewedFinding Finding(RuleCategory category, Severity severity, int n, bool withEdit, int length, string? missing)
    {
        var rule = new GuidelineRule
        {
            Id = $"sample-{n}",
            Title = "Sample rule",
            Category = category,
            Severity = severity,
            Message = "Sample message.",
            Rationale = "Sample rationale.",
            Source = "Sample source",
            Help = n % 2 == 0 ? "Sample help." : "",
            FixAdvice = "Sample advice.",
        };
        var properties = missing is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["missing"] = missing };
        var span = new TextSpan(Math.Min(n, length - 1), Math.Min(5, length - Math.Min(n, length - 1)));
        var fix = withEdit ? new SuggestedFix("Sample fix", [new TextEdit(span, "y")]) : SuggestedFix.Advice("Sample fix");
        return new ReviewedFinding(new Finding(rule.Id, severity, span, properties), rule, fix);
    }
}
