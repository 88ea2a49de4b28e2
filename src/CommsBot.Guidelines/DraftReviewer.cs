using CommsBot.Guidelines.Fixes;
using CommsBot.Guidelines.Pack;
using CommsBot.Guidelines.Text;

namespace CommsBot.Guidelines;

/// <summary>
/// The one call the bot, the CLI and the API make: validates a draft, evaluates it, suggests a fix for each finding
/// and applies the edits to give a revised draft. Thread-safe.
/// </summary>
public sealed class DraftReviewer
{
    /// <summary>Creates a reviewer for a loaded pack, with an optional second opinion stacked on the rules.</summary>
    public DraftReviewer(RulePack pack, DraftLimits? limits = null, ISecondOpinion? secondOpinion = null)
    {
        Evaluator = new GuidelineEvaluator(pack, secondOpinion);
        Limits = limits ?? new DraftLimits();
    }

    /// <summary>The evaluator.</summary>
    public GuidelineEvaluator Evaluator { get; }

    /// <summary>The pack.</summary>
    public RulePack Pack => Evaluator.Pack;

    /// <summary>The draft limits.</summary>
    public DraftLimits Limits { get; }

    /// <summary>Reviews a draft. Throws <see cref="InvalidDraftException"/> for an empty or over-long draft.</summary>
    public Review Review(string? text, DraftContext? context = null)
    {
        if (Limits.Validate(text) is { } problem)
        {
            throw new InvalidDraftException(problem);
        }

        context ??= DraftContext.Default;
        var evaluation = Evaluator.Evaluate(text!, context);
        var reviewed = new List<ReviewedFinding>(evaluation.Findings.Count);
        IReadOnlyList<TextSpan>? disclosures = null;
        foreach (var finding in evaluation.Findings)
        {
            var rule = Pack[finding.RuleId];
            reviewed.Add(new ReviewedFinding(finding, rule, SuggestFix(text!, finding, ref disclosures)));
        }

        var revised = reviewed.Count == 0 ? text! : FixApplier.Apply(text!, reviewed.SelectMany(r => r.Fix.Edits));
        return new Review(evaluation.Verdict, reviewed, revised, context)
        {
            Notices = DraftLanguage.Notice(text!) is { } notice ? [notice] : [],
        };
    }

    /// <summary>The suggested fix for one finding of a draft.</summary>
    public SuggestedFix SuggestFix(string text, Finding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        IReadOnlyList<TextSpan>? disclosures = null;
        return SuggestFix(text, finding, ref disclosures);
    }

    // The disclosures are found once per draft, and only when a fixer that cuts sentences asks for them.
    private SuggestedFix SuggestFix(string text, Finding finding, ref IReadOnlyList<TextSpan>? disclosures)
    {
        var spec = Pack.Fixes[finding.RuleId];
        var fixer = FixerRegistry.Fixer(spec.Kind);
        if (fixer.CutsSentences)
        {
            disclosures ??= Evaluator.DisclosureSpans(text);
        }

        return fixer.Suggest(new FixRequest(text, finding, spec, disclosures));
    }
}
