using System.Text.Json;

namespace CommsBot.Guidelines.Scoring;

/// <summary>A labelled draft from a corpus file (the format of RULES.md).</summary>
/// <param name="Id">The draft's id.</param>
/// <param name="Text">The draft.</param>
/// <param name="Context">Account and platform.</param>
/// <param name="Issues">Issue rule ids a reviewer would raise.</param>
/// <param name="Tags">Opportunity rule ids that apply.</param>
/// <param name="Verdict">The expected verdict.</param>
public sealed record LabelledDraft(string Id, string Text, DraftContext Context, IReadOnlySet<string> Issues, IReadOnlySet<string> Tags, Verdict Verdict)
{
    /// <summary>Issues and tags together.</summary>
    public IEnumerable<string> Labels => Issues.Concat(Tags);

    /// <summary>Parses one corpus line; throws <see cref="FormatException"/> with the reason when it is malformed.</summary>
    public static LabelledDraft Parse(string line)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            throw new FormatException($"not valid JSON ({e.Message})", e);
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("not a JSON object");
            }

            string Str(string name, bool required)
            {
                if (root.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String)
                {
                    return p.GetString()!;
                }

                return required ? throw new FormatException($"missing string field '{name}'") : "";
            }

            HashSet<string> Set(string name)
            {
                var set = new HashSet<string>(StringComparer.Ordinal);
                if (root.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.Array)
                {
                    foreach (var item in p.EnumerateArray())
                    {
                        if (item.ValueKind == JsonValueKind.String)
                        {
                            set.Add(item.GetString()!);
                        }
                    }
                }

                return set;
            }

            var id = Str("id", true);
            var text = Str("text", true);
            if (!WireNames.TryParseAccount(Str("account", false), out var account))
            {
                throw new FormatException($"unknown account '{Str("account", false)}'");
            }

            if (!WireNames.TryParsePlatform(Str("platform", false), out var platform))
            {
                throw new FormatException($"unknown platform '{Str("platform", false)}'");
            }

            var verdictName = Str("verdict", false);
            var verdict = Verdict.Ready;
            if (verdictName.Length > 0 && !WireNames.TryParseVerdict(verdictName, out verdict))
            {
                throw new FormatException($"unknown verdict '{verdictName}'");
            }

            return new LabelledDraft(id, text, new DraftContext(account, platform), Set("issues"), Set("tags"), verdict);
        }
    }
}

/// <summary>Precision, recall and F1 of one rule over a corpus.</summary>
/// <param name="RuleId">The rule.</param>
/// <param name="Category">Issue or opportunity.</param>
/// <param name="TruePositives">Fired and labelled.</param>
/// <param name="FalsePositives">Fired, not labelled.</param>
/// <param name="FalseNegatives">Labelled, did not fire.</param>
public sealed record RuleScore(string RuleId, RuleCategory Category, int TruePositives, int FalsePositives, int FalseNegatives)
{
    /// <summary>TP / (TP + FP); 1 when the rule never fired and nothing was labelled.</summary>
    public double Precision => TruePositives + FalsePositives == 0 ? (FalseNegatives == 0 ? 1 : 0) : (double)TruePositives / (TruePositives + FalsePositives);

    /// <summary>TP / (TP + FN); 1 when nothing was labelled.</summary>
    public double Recall => TruePositives + FalseNegatives == 0 ? 1 : (double)TruePositives / (TruePositives + FalseNegatives);

    /// <summary>The harmonic mean of precision and recall.</summary>
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    /// <summary>How many drafts carry the label.</summary>
    public int Support => TruePositives + FalseNegatives;
}

/// <summary>One draft's labels against what the evaluator found.</summary>
/// <param name="Draft">The labelled draft.</param>
/// <param name="Found">The rule ids the evaluator reported.</param>
/// <param name="Verdict">The evaluator's verdict.</param>
public sealed record DraftOutcome(LabelledDraft Draft, IReadOnlySet<string> Found, Verdict Verdict)
{
    /// <summary>Labelled rules the evaluator missed.</summary>
    public IEnumerable<string> Missed => Draft.Labels.Where(l => !Found.Contains(l));

    /// <summary>Rules the evaluator reported that are not labelled.</summary>
    public IEnumerable<string> Extra => Found.Where(f => !Draft.Issues.Contains(f) && !Draft.Tags.Contains(f));
}

/// <summary>The scores of a whole corpus run.</summary>
/// <param name="Rules">Per-rule scores, in pack order.</param>
/// <param name="Outcomes">Per-draft outcomes, in corpus order.</param>
/// <param name="Confusion">Verdict confusion counts: (expected, actual) to count.</param>
public sealed record CorpusScore(IReadOnlyList<RuleScore> Rules, IReadOnlyList<DraftOutcome> Outcomes, IReadOnlyDictionary<(Verdict Expected, Verdict Actual), int> Confusion)
{
    /// <summary>Share of drafts whose verdict matches the label.</summary>
    public double VerdictAccuracy => Outcomes.Count == 0 ? 0 : (double)Outcomes.Count(o => o.Verdict == o.Draft.Verdict) / Outcomes.Count;

    /// <summary>Mean F1 over issue rules that are labelled or fired in the corpus (a rule with neither says nothing).</summary>
    public double IssueMacroF1 => Mean(Rules.Where(r => r.Category == RuleCategory.Issue && r.TruePositives + r.FalsePositives + r.FalseNegatives > 0).Select(r => r.F1));

    /// <summary>Mean F1 over opportunity rules that are labelled or fired in the corpus.</summary>
    public double OpportunityMacroF1 => Mean(Rules.Where(r => r.Category == RuleCategory.Opportunity && r.TruePositives + r.FalsePositives + r.FalseNegatives > 0).Select(r => r.F1));

    private static double Mean(IEnumerable<double> values)
    {
        var list = values.ToList();
        return list.Count == 0 ? 0 : list.Average();
    }
}

/// <summary>Runs a reviewer's evaluator over a labelled corpus and scores it per rule and per verdict.</summary>
public static class CorpusScorer
{
    /// <summary>Scores <paramref name="drafts"/> with <paramref name="evaluator"/>.</summary>
    public static CorpusScore Score(GuidelineEvaluator evaluator, IEnumerable<LabelledDraft> drafts)
    {
        ArgumentNullException.ThrowIfNull(evaluator);
        var outcomes = new List<DraftOutcome>();
        foreach (var draft in drafts)
        {
            var evaluation = evaluator.Evaluate(draft.Text, draft.Context);
            outcomes.Add(new DraftOutcome(draft, evaluation.Findings.Select(f => f.RuleId).ToHashSet(StringComparer.Ordinal), evaluation.Verdict));
        }

        var rules = new List<RuleScore>();
        foreach (var rule in evaluator.Pack.Rules.Where(r => !r.Retired))
        {
            int tp = 0, fp = 0, fn = 0;
            foreach (var o in outcomes)
            {
                var labelled = o.Draft.Issues.Contains(rule.Id) || o.Draft.Tags.Contains(rule.Id);
                var found = o.Found.Contains(rule.Id);
                if (labelled && found)
                {
                    tp++;
                }
                else if (found)
                {
                    fp++;
                }
                else if (labelled)
                {
                    fn++;
                }
            }

            rules.Add(new RuleScore(rule.Id, rule.Category, tp, fp, fn));
        }

        var confusion = outcomes
            .GroupBy(o => (o.Draft.Verdict, o.Verdict))
            .ToDictionary(g => g.Key, g => g.Count());
        return new CorpusScore(rules, outcomes, confusion);
    }
}
