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
        Issues = [.. review.Issues.OrderByDescending(f => f.Severity)];
        Opportunities = [.. review.Opportunities.OrderByDescending(f => f.Severity)];
        Account = ctx.Context.Account.ToWire();
        Platform = ctx.Context.Platform.ToWire();
        RuleIds = [.. review.Findings.Select(f => f.RuleId).Distinct(StringComparer.Ordinal)];
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

    private string BuildSummary()
    {
        var parts = new List<string>();
        if (Issues.Count == 0)
        {
            parts.Add("No issues found");
        }
        else
        {
            var bySeverity = Issues.GroupBy(f => f.Severity).OrderByDescending(g => g.Key)
                .Select(g => CardText.Count(g.Count(), g.Key.ToWire(), g.Key.ToWire() + "s"));
            parts.Add($"{CardText.Count(Issues.Count, "issue", "issues")} to fix: {string.Join(", ", bySeverity)}");
        }

        var praise = Opportunities.Count(f => f.Severity == Severity.Praise);
        var ideas = Opportunities.Count - praise;
        if (praise > 0)
        {
            parts.Add($"{CardText.Count(praise, "thing", "things")} done well");
        }

        if (ideas > 0)
        {
            parts.Add($"{CardText.Count(ideas, "idea", "ideas")} to make it better");
        }

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
