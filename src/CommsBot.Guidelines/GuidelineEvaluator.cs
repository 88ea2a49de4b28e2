using CommsBot.Guidelines.Detection;
using CommsBot.Guidelines.Pack;
using CommsBot.Guidelines.Text;

namespace CommsBot.Guidelines;

/// <summary>
/// Checks a draft against a rule pack. Pure: text and context in, verdict and findings sorted by position out;
/// nothing is logged, stored or sent anywhere. Thread-safe.
/// </summary>
public sealed class GuidelineEvaluator
{
    /// <summary>Creates an evaluator for a loaded pack.</summary>
    public GuidelineEvaluator(RulePack pack) => Pack = pack ?? throw new ArgumentNullException(nameof(pack));

    /// <summary>The pack in use.</summary>
    public RulePack Pack { get; }

    /// <summary>Evaluates <paramref name="text"/> as a draft for the given context.</summary>
    public Evaluation Evaluate(string text, DraftContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        context ??= DraftContext.Default;
        var draft = new DraftText(text);
        var matches = Pack.Index.Match(draft);
        var detection = new DetectionContext(draft, context, matches);
        var findings = new List<Finding>();
        foreach (var detector in Pack.Detectors)
        {
            detector.Detect(detection, findings);
        }

        if (findings.Count > 1)
        {
            findings.RemoveAll(f => Pack[f.RuleId].SuppressedBy is { Count: > 0 } by && findings.Exists(o => by.Contains(o.RuleId)));
        }

        findings.Sort(static (a, b) =>
        {
            var byStart = a.Span.Start.CompareTo(b.Span.Start);
            return byStart != 0 ? byStart : b.Severity.CompareTo(a.Severity);
        });

        Severity? worst = null;
        foreach (var f in findings)
        {
            if (worst is null || f.Severity > worst)
            {
                worst = f.Severity;
            }
        }

        return new Evaluation(WireNames.VerdictFor(worst), findings, text.Length);
    }
}
