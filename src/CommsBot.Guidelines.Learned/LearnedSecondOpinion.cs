using System.Globalization;

namespace CommsBot.Guidelines.Learned;

/// <summary>
/// The learned second opinion: embeds the draft and each of its sentences, scores every issue rule's head on the
/// whole draft and on its most telling sentence, and stacks those scores with whether the rules fired. A rule the
/// rules missed is reported when the stacked probability clears the rule's threshold, pointing at that sentence and
/// carrying the rule's message and fix; a rule whose head allows it may be withdrawn when the stacked probability is
/// low. Nothing is logged or kept. Thread-safe.
/// </summary>
public sealed class LearnedSecondOpinion : ISecondOpinion
{
    /// <summary>The property that marks a finding as the learned layer's.</summary>
    public const string SourceProperty = "source";

    /// <summary>The value of <see cref="SourceProperty"/> on learned findings.</summary>
    public const string LearnedSource = "learned";

    /// <summary>A blocker the rules found is withdrawn only in a draft at least this long: a short draft says too
    /// little for its embedding to outweigh the rules, and a missed blocker is the costly mistake.</summary>
    public const int MinCharsToWithdrawBlocker = 100;

    /// <summary>Sentences shorter than this are too little to judge on their own.</summary>
    private const int MinSentenceChars = 12;

    /// <summary>At most this many sentences are read (long posts: the first ones).</summary>
    private const int MaxSentences = 32;

    // The built-in model cannot change while the process runs and is only read once loaded: every host and command of
    // a process (a test run starts many) shares one instead of parsing its 2 MB again.
    private static readonly Lazy<LearnedSecondOpinion?> SharedInstance = new(CreateDefault, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly LearnedModel model;
    private readonly ITextEmbedder embedder;
    private readonly Dictionary<string, int> vocabulary;
    private readonly Dictionary<string, int> phraseOutputs;

    /// <summary>Creates the second opinion over a model and an embedder.</summary>
    public LearnedSecondOpinion(LearnedModel model, ITextEmbedder embedder)
    {
        this.model = model ?? throw new ArgumentNullException(nameof(model));
        this.embedder = embedder ?? throw new ArgumentNullException(nameof(embedder));
        vocabulary = (model.Vocabulary ?? []).Select((t, i) => (t, i)).ToDictionary(x => x.t, x => x.i, StringComparer.Ordinal);
        phraseOutputs = model.Phrase is { } phrase && embedder is StaticEmbedder
            ? phrase.Outputs.Select((o, i) => (o, i)).ToDictionary(x => x.o, x => x.i, StringComparer.Ordinal)
            : new Dictionary<string, int>(StringComparer.Ordinal);
    }

    /// <summary>The built-in model, read once per process and shared (it is never changed once read); null when the build has no model.</summary>
    public static LearnedSecondOpinion? Shared => SharedInstance.Value;

    /// <summary>The built-in model with the shared embedder it was trained on; null when the build has no model.</summary>
    public static LearnedSecondOpinion? CreateDefault() => LearnedModel.LoadEmbedded() is { } model ? Create(model) : null;

    /// <summary>A model with the shared embedder it was trained on (<see cref="LearnedModel.Encoder"/>).</summary>
    public static LearnedSecondOpinion Create(LearnedModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new LearnedSecondOpinion(model, EmbedderFor(model));
    }

    /// <summary>The shared embedder a model's heads read; throws <see cref="InvalidDataException"/> when this build lacks it.</summary>
    public static ITextEmbedder EmbedderFor(LearnedModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.Encoder.StartsWith(StaticEmbedder.EncoderName, StringComparison.Ordinal))
        {
            return StaticEmbedder.Shared ?? throw new InvalidDataException("The learned model reads static embeddings, and this build has no static embedding table.");
        }

        return SentenceEmbedder.Shared;
    }

    /// <inheritdoc />
    public void Adjust(SecondOpinionInput input, List<Finding> findings)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(findings);
        var firedRules = findings.Select(f => f.RuleId).ToHashSet(StringComparer.Ordinal);
        var scores = Score(input.Text, input.Context, input.Sentences, firedRules);
        foreach (var s in scores)
        {
            var fired = s.Fired > 0;
            if (!fired && s.Probability >= s.Head.Threshold && input.Pack.Find(s.RuleId) is { Retired: false } rule)
            {
                var props = new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    [SourceProperty] = LearnedSource,
                    ["confidence"] = s.Probability.ToString("0.00", CultureInfo.InvariantCulture),
                };
                findings.Add(new Finding(rule.Id, rule.Severity, s.Sentence, props));
            }
            else if (fired && s.Head.MayWithdraw && s.Probability < s.Head.Threshold &&
                (input.Pack.Find(s.RuleId)?.Severity != Severity.Blocker || input.Text.Length >= MinCharsToWithdrawBlocker))
            {
                findings.RemoveAll(f => f.RuleId == s.RuleId);
            }
        }
    }

    /// <summary>The stacked probability of every issue rule that applies to the account, and the sentence behind it.</summary>
    internal IReadOnlyList<RuleScore> Score(string text, DraftContext context, IReadOnlyList<TextSpan> sentences, IReadOnlySet<string>? fired = null)
    {
        // the draft's word pieces, once: its embedding and the phrase head both read them
        int[]? pieces = embedder is StaticEmbedder pieceEmbedder ? [.. pieceEmbedder.PieceIds(text)] : null;
        var (docZ, sentZ, sentSpans) = HeadLogits(text, sentences, context, pieces);
        var lexical = vocabulary.Count > 0 ? LexicalFeatures.Encode(text, vocabulary) : default;
        var sentenceLexical = vocabulary.Count == 0 ? [] : sentSpans.Count == 0 ? [lexical] : sentSpans.Select(span => LexicalFeatures.Encode(text.Substring(span.Start, span.Length), vocabulary)).ToArray();
        var phraseZ = phraseOutputs.Count > 0 && pieces is not null && embedder is StaticEmbedder staticEmbedder
            ? model.Phrase!.Logits(pieces, staticEmbedder.Table)
            : null;
        var length = LinearMath.LengthFactor(text.Length);
        var result = new List<RuleScore>(docZ.Count);
        foreach (var (ruleId, head) in model.Rules)
        {
            if (!docZ.TryGetValue(ruleId, out var dz))
            {
                continue;
            }

            var (sz, best) = sentZ[ruleId];
            var firedValue = fired is not null && fired.Contains(ruleId) ? 1f : 0f;
            var st = head.Stack;
            var z = (st[0] * firedValue) + (st[1] * dz) + (st[2] * sz) + st[3];
            if (head.LexicalWeights is { } lw && lexical.Indices is not null)
            {
                z += head.LexicalStack * LexicalFeatures.Dot(lw, head.LexicalBias, lexical);
            }

            var sentenceLexicalZ = head.SentenceLexicalWeights is { } slw && sentenceLexical.Length > 0
                ? sentenceLexical.Max(x => LexicalFeatures.Dot(slw, head.SentenceLexicalBias, x))
                : 0f;
            z += head.SentenceLexicalStack * sentenceLexicalZ;
            if (head.LengthStack is { } ls)
            {
                z += length * (ls[0] + (ls[1] * sz) + (ls[2] * sentenceLexicalZ));
            }

            if (phraseZ is not null)
            {
                if (phraseOutputs.TryGetValue(ruleId, out var phraseIndex))
                {
                    z += head.PhraseStack * phraseZ[phraseIndex];
                }

                if (head.PhraseStackOthers is { } phraseOthers)
                {
                    foreach (var (output, weight) in phraseOthers)
                    {
                        z += weight * phraseZ[phraseOutputs[output]];
                    }
                }
            }

            if (head.StackOthers is { } others && fired is not null)
            {
                foreach (var (other, weight) in others)
                {
                    z += fired.Contains(other) ? weight : 0f;
                }
            }

            result.Add(new RuleScore(ruleId, head, firedValue, dz, sz, LinearMath.Sigmoid(z), best < 0 ? new TextSpan(0, text.Length) : sentSpans[best]));
        }

        return result;
    }

    /// <summary>Per rule: the head's logit on the whole draft, and its largest logit on a sentence with that sentence's index.</summary>
    internal (Dictionary<string, float> Doc, Dictionary<string, (float Logit, int Sentence)> Sentence, List<TextSpan> Spans) HeadLogits(
        string text, IReadOnlyList<TextSpan> sentences, DraftContext context, int[]? pieces = null)
    {
        var spans = new List<TextSpan>();
        var texts = new List<string> { text };
        foreach (var span in sentences)
        {
            if (span.Length >= MinSentenceChars && spans.Count < MaxSentences)
            {
                spans.Add(span);
                texts.Add(text.Substring(span.Start, span.Length));
            }
        }

        // the draft alone, then its sentences together: a batch is padded to its longest text, and a long draft would
        // make every short sentence cost as much as itself
        float[] draft = pieces is not null && embedder is StaticEmbedder staticEmbedder ? staticEmbedder.EmbedPieces(pieces) : embedder.Embed([text])[0];
        float[][] vectors = texts.Count == 1 ? [draft] : [draft, .. embedder.Embed(texts.GetRange(1, texts.Count - 1))];
        return Logits(vectors, spans, context);
    }

    internal (Dictionary<string, float> Doc, Dictionary<string, (float Logit, int Sentence)> Sentence, List<TextSpan> Spans) Logits(
        float[][] vectors, List<TextSpan> spans, DraftContext context)
    {
        var standardised = vectors.Select(v => LinearMath.Standardise(v, model.Mean, model.Scale)).ToArray();
        var doc = new Dictionary<string, float>(StringComparer.Ordinal);
        var sent = new Dictionary<string, (float, int)>(StringComparer.Ordinal);
        var account = context.Account.ToWire();
        foreach (var (ruleId, head) in model.Rules)
        {
            if (head.Accounts is { } accounts && Array.IndexOf(accounts, account) < 0)
            {
                continue;
            }

            var dz = LinearMath.Dot(head.Weights, head.Bias, standardised[0]);
            var (sw, sb) = head.SentenceWeights.Length > 0 ? (head.SentenceWeights, head.SentenceBias) : (head.Weights, head.Bias);
            doc[ruleId] = dz;
            var bestZ = standardised.Length == 1 ? LinearMath.Dot(sw, sb, standardised[0]) : float.NegativeInfinity;
            var best = -1;
            for (var i = 1; i < standardised.Length; i++)
            {
                var z = LinearMath.Dot(sw, sb, standardised[i]);
                if (z > bestZ)
                {
                    bestZ = z;
                    best = i - 1;
                }
            }

            sent[ruleId] = (bestZ, best);
        }

        return (doc, sent, spans);
    }

    /// <summary>One rule's stacked score for a draft.</summary>
    internal sealed record RuleScore(string RuleId, RuleHead Head, float Fired, float DocLogit, float SentenceLogit, float Probability, TextSpan Sentence);
}
