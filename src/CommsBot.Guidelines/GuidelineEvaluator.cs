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
    /// <summary>The rule whose term groups say where a post discloses a paid relationship, and those groups: at the
    /// start, and further on (where they do not count as a disclosure, but are one all the same).</summary>
    private const string DisclosureRule = "undisclosed-partnership";

    private static readonly string[] DisclosureGroups = ["clear-at-start", "buried"];

    /// <summary>Creates an evaluator for a loaded pack, with an optional second opinion stacked on the rules.</summary>
    public GuidelineEvaluator(RulePack pack, ISecondOpinion? secondOpinion = null)
    {
        Pack = pack ?? throw new ArgumentNullException(nameof(pack));
        SecondOpinion = secondOpinion;
    }

    /// <summary>The pack in use.</summary>
    public RulePack Pack { get; }

    /// <summary>The second opinion, or null for the rules alone.</summary>
    public ISecondOpinion? SecondOpinion { get; }

    /// <summary>Evaluates <paramref name="text"/> as a draft for the given context.</summary>
    public Evaluation Evaluate(string text, DraftContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        context ??= DraftContext.Default;

        var (projection, effective, draft) = Prepare(text, context);
        context = effective;
        var matches = Pack.Index.Match(draft);
        var detection = new DetectionContext(draft, context, matches);
        var findings = new List<Finding>();
        foreach (var detector in Pack.Detectors)
        {
            detector.Detect(detection, findings);
        }

        if (SecondOpinion is not null)
        {
            SecondOpinion.Adjust(new SecondOpinionInput(projection.Text, context, Sentences(draft), Pack), findings);
        }

        if (findings.Count > 1)
        {
            findings.RemoveAll(f => Pack[f.RuleId].SuppressedBy is { Count: > 0 } by && findings.Exists(o => by.Contains(o.RuleId)));
        }

        if (!projection.IsIdentity)
        {
            for (var i = 0; i < findings.Count; i++)
            {
                findings[i] = projection.ToOriginal(findings[i]);
            }
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

    /// <summary>
    /// What the rules read of a message: the post inside a chat request, with invisible and look-alike characters
    /// folded (spans map back through the projection), and the context with what the request said of it.
    /// </summary>
    internal static (TextProjection Projection, DraftContext Context, DraftText Draft) Prepare(string text, DraftContext context)
    {
        var framed = DraftFraming.Find(text);
        var projection = TextProjection.Create(text, framed?.Draft);
        if (framed is { } frame)
        {
            context = context with
            {
                Account = context.Account == AccountKind.Unknown && frame.Account is { } account ? account : context.Account,
                Platform = context.Platform == Platform.Unknown && frame.Platform is { } platform ? platform : context.Platform,
            };
        }

        return (projection, context, new DraftText(projection.Text));
    }

    /// <summary>
    /// Where <paramref name="text"/> says it is an ad or a paid post (the disclosure terms of the undisclosed-partnership
    /// rule: "#ad", "Sponsored by", "I'm a paid consultant"), as spans of the message: a fix that cuts a sentence must
    /// keep them.
    /// </summary>
    internal IReadOnlyList<TextSpan> DisclosureSpans(string text)
    {
        var (projection, _, draft) = Prepare(text, DraftContext.Default);
        var matches = Pack.Index.Match(draft);
        List<TextSpan>? spans = null;
        for (var g = 0; g < Pack.Index.GroupCount; g++)
        {
            var group = Pack.Index.Group(g);
            if (group.RuleId != DisclosureRule || Array.IndexOf(DisclosureGroups, group.Name) < 0)
            {
                continue;
            }

            foreach (var m in matches.Of(g))
            {
                (spans ??= []).Add(projection.ToOriginal(m.Span));
            }
        }

        return spans ?? (IReadOnlyList<TextSpan>)[];
    }

    /// <summary>The sentences of a prepared draft.</summary>
    internal static TextSpan[] Sentences(DraftText draft)
    {
        var sentences = new TextSpan[draft.SentenceCount];
        for (var i = 0; i < sentences.Length; i++)
        {
            sentences[i] = draft.SentenceSpan(i);
        }

        return sentences;
    }
}
