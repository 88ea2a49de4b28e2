namespace CommsBot.Guidelines;

/// <summary>The evaluator's output: a verdict and the findings sorted by position.</summary>
/// <param name="Verdict">From the worst finding.</param>
/// <param name="Findings">Sorted by start, then by severity (worst first).</param>
/// <param name="TextLength">Length of the evaluated text (for logs: never the text itself).</param>
public sealed record Evaluation(Verdict Verdict, IReadOnlyList<Finding> Findings, int TextLength)
{
    /// <summary>The worst severity among the findings, or null when there are none.</summary>
    public Severity? WorstSeverity => Findings.Count == 0 ? null : Findings.Max(f => f.Severity);
}

/// <summary>A finding together with its rule and suggested fix: what a card or report needs.</summary>
/// <param name="Finding">The finding.</param>
/// <param name="Rule">Its rule's descriptor.</param>
/// <param name="Fix">The suggested fix.</param>
public sealed record ReviewedFinding(Finding Finding, GuidelineRule Rule, SuggestedFix Fix)
{
    /// <summary>The rule id.</summary>
    public string RuleId => Finding.RuleId;

    /// <summary>The effective severity.</summary>
    public Severity Severity => Finding.Severity;

    /// <summary>The span in the draft.</summary>
    public TextSpan Span => Finding.Span;
}

/// <summary>A full review of a draft: verdict, findings with fixes, and the draft with every fix applied.</summary>
/// <param name="Verdict">From the worst finding.</param>
/// <param name="Findings">Findings with rules and fixes, by position.</param>
/// <param name="RevisedText">The draft with every non-conflicting edit applied; equal to the draft when no edit applies.</param>
/// <param name="Context">The context the draft was evaluated in.</param>
public sealed record Review(Verdict Verdict, IReadOnlyList<ReviewedFinding> Findings, string RevisedText, DraftContext Context)
{
    /// <summary>What the user should know beside the findings (a draft not in English, which the checks cannot read
    /// well); empty for most drafts.</summary>
    public IReadOnlyList<string> Notices { get; init; } = [];

    /// <summary>Findings of issue rules (DON'Ts).</summary>
    public IEnumerable<ReviewedFinding> Issues => Findings.Where(f => f.Rule.Category == RuleCategory.Issue);

    /// <summary>Findings of opportunity rules (DOs).</summary>
    public IEnumerable<ReviewedFinding> Opportunities => Findings.Where(f => f.Rule.Category == RuleCategory.Opportunity);

    /// <summary>Whether any fix has a text edit.</summary>
    public bool HasEdits => Findings.Any(f => !f.Fix.IsAdviceOnly);
}
