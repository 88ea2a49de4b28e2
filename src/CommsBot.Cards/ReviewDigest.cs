using CommsBot.Guidelines;

namespace CommsBot.Cards;

/// <summary>How much of a review a card shows: the renderers try plans in order until the card fits its channel's limits.</summary>
/// <param name="Issues">Most issue findings shown (the worst first).</param>
/// <param name="Opportunities">Most DO findings shown.</param>
/// <param name="Excerpt">Longest excerpt (also capped by <see cref="CardContext.MaxExcerpt"/>).</param>
/// <param name="CarryDraft">Whether the actions carry the draft, or the draftOmitted flag instead.</param>
internal sealed record CardPlan(int Issues, int Opportunities, int Excerpt, bool CarryDraft);

/// <summary>The channel-neutral reading of a review that both renderers build their view models from.</summary>
internal sealed class ReviewDigest
{
    public const string DraftOmittedNote =
        "This draft is too long for the buttons to carry. To apply fixes, see why or re-check, send it in shorter parts.";

    private ReviewDigest(Review review, CardContext ctx)
    {
        Review = review;
        Context = ctx;
        Issues = WorstFirst(review.Findings, RuleCategory.Issue);
        Opportunities = WorstFirst(review.Findings, RuleCategory.Opportunity);
        Account = ctx.Context.Account.ToWire();
        Platform = ctx.Context.Platform.ToWire();
        RuleIds = DistinctRuleIds(review.Findings);
        Summary = BuildSummary();
    }

    public Review Review { get; }

    public CardContext Context { get; }

    /// <summary>Issue findings, worst first, then by position.</summary>
    public IReadOnlyList<ReviewedFinding> Issues { get; }

    /// <summary>DO findings: suggestions (something to add) first, then praise.</summary>
    public IReadOnlyList<ReviewedFinding> Opportunities { get; }

    public string Account { get; }

    public string Platform { get; }

    /// <summary>The draft's hash for the issues' "not an issue" actions (made when the first one asks).</summary>
    public string Hash => hash ??= CardActionData.Hash(Context.Draft);

    private string? hash;

    public IReadOnlyList<string> RuleIds { get; }

    public string VerdictLabel => CardText.VerdictLabel(Review.Verdict);

    public string Verdict => Review.Verdict.ToWire();

    /// <summary>One line of counts: "2 issues to fix: 1 blocker, 1 warning · 1 thing done well".</summary>
    public string Summary { get; }

    public static ReviewDigest Create(Review review, CardContext ctx)
    {
        ArgumentNullException.ThrowIfNull(review);
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(ctx.Draft);
        ArgumentNullException.ThrowIfNull(ctx.Context);
        ArgumentOutOfRangeException.ThrowIfLessThan(ctx.MaxExcerpt, 1, nameof(ctx));
        return new ReviewDigest(review, ctx);
    }

    public string Excerpt(ReviewedFinding finding, CardPlan plan) =>
        CardText.Excerpt(Context.Draft, finding.Span, Math.Min(Context.MaxExcerpt, plan.Excerpt));

    public static IReadOnlyList<string> Missing(ReviewedFinding finding) =>
        finding.Finding.Properties.TryGetValue("missing", out var missing)
            ? [.. missing.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]
            : [];

    public static string More(int hidden, string one, string many) =>
        hidden > 0 ? $"{CardText.Ellipsis}and {CardText.Count(hidden, one, many)}." : "";

    public CardActionPayload ApplyFixes(CardPlan plan) => CardActionPayload.ForDraft(CardActions.ApplyFixes, Context.Draft, plan.CarryDraft, Account, Platform);

    public CardActionPayload Why(CardPlan plan) => CardActionPayload.ForDraft(CardActions.Why, Context.Draft, plan.CarryDraft, Account, Platform, RuleIds);

    public CardActionPayload AskReview(CardPlan plan) => CardActionPayload.ForDraft(CardActions.AskReview, Context.Draft, plan.CarryDraft, Account, Platform);

    public CardActionPayload Recheck(CardPlan plan) => CardActionPayload.ForDraft(CardActions.Recheck, Context.Draft, plan.CarryDraft, null, Platform);

    public CardActionPayload NotAnIssue(ReviewedFinding finding) => new(CardActions.NotAnIssue, RuleId: finding.RuleId, Hash: Hash);

    public static IReadOnlyList<AccountOption> AccountOptions { get; } =
        [.. WireNames.Accounts.Select(a => new AccountOption(CardText.AccountLabel(a), a))];

    /// <summary>The findings of one category, the worst first and otherwise in the review's order (a stable sort of a
    /// handful, as OrderByDescending was).</summary>
    private static ReviewedFinding[] WorstFirst(IReadOnlyList<ReviewedFinding> findings, RuleCategory category)
    {
        var count = 0;
        foreach (var f in findings)
        {
            count += f.Rule.Category == category ? 1 : 0;
        }

        var sorted = new ReviewedFinding[count];
        var n = 0;
        foreach (var f in findings)
        {
            if (f.Rule.Category != category)
            {
                continue;
            }

            var at = n++;
            while (at > 0 && sorted[at - 1].Severity < f.Severity)
            {
                sorted[at] = sorted[at - 1];
                at--;
            }

            sorted[at] = f;
        }

        return sorted;
    }

    private static string[] DistinctRuleIds(IReadOnlyList<ReviewedFinding> findings)
    {
        var ids = new List<string>(findings.Count);
        foreach (var f in findings)
        {
            if (!ids.Contains(f.RuleId)) // string equality is ordinal
            {
                ids.Add(f.RuleId);
            }
        }

        return [.. ids];
    }

    private string BuildSummary()
    {
        var parts = new List<string>();
        if (Issues.Count == 0)
        {
            parts.Add("No issues found");
        }
        else
        {
            // the issues are worst first: each severity's run, in order
            var bySeverity = new List<string>(2);
            for (var start = 0; start < Issues.Count;)
            {
                var severity = Issues[start].Severity;
                var end = start + 1;
                while (end < Issues.Count && Issues[end].Severity == severity)
                {
                    end++;
                }

                bySeverity.Add(CardText.Count(end - start, severity.ToWire(), severity.ToWire() + "s"));
                start = end;
            }

            parts.Add($"{CardText.Count(Issues.Count, "issue", "issues")} to fix: {string.Join(", ", bySeverity)}");
        }

        var praise = 0;
        foreach (var f in Opportunities)
        {
            praise += f.Severity == Severity.Praise ? 1 : 0;
        }

        var ideas = Opportunities.Count - praise;
        if (praise > 0)
        {
            parts.Add($"{CardText.Count(praise, "thing", "things")} done well");
        }

        if (ideas > 0)
        {
            parts.Add($"{CardText.Count(ideas, "idea", "ideas")} to make it better");
        }

        // a draft the checks cannot read well (not in English) says so where the verdict is read
        parts.AddRange(Review.Notices);
        return string.Join(" · ", parts);
    }
}

/// <summary>One choice of the target-account input.</summary>
internal sealed record AccountOption(string Label, string Value);

/// <summary>The rules behind a review's findings, for the Why? card: issues (worst first), then DOs.</summary>
internal static class WhyDigest
{
    public static IReadOnlyList<(GuidelineRule Rule, Severity Severity)> Rules(Review review)
    {
        ArgumentNullException.ThrowIfNull(review);
        return [.. review.Findings
            .GroupBy(f => f.RuleId, StringComparer.Ordinal)
            .Select(g => (g.First().Rule, Severity: g.Max(f => f.Severity)))
            .OrderBy(r => r.Rule.Category)
            .ThenByDescending(r => r.Severity)];
    }

    /// <summary>The rules themselves (a Why? action's rule ids, without the draft), each at its configured severity.</summary>
    public static IReadOnlyList<(GuidelineRule Rule, Severity Severity)> Rules(IEnumerable<GuidelineRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return [.. rules
            .DistinctBy(r => r.Id, StringComparer.Ordinal)
            .Select(r => (Rule: r, r.Severity))
            .OrderBy(r => r.Rule.Category)
            .ThenByDescending(r => r.Severity)];
    }
}
