using CommsBot.Guidelines;
using CommsBot.Guidelines.Pack;
using CommsBot.Guidelines.Scoring;

namespace CommsBot.Cli.Output;

/// <summary>What <c>eval</c> reports: the scores, and where they came from.</summary>
internal sealed record EvalReport(CorpusScore Score, RulePack Pack, string Path, int MalformedLines, CorpusScore? RulesOnly = null)
{
    public static IReadOnlyList<Verdict> Verdicts { get; } = [Verdict.Ready, Verdict.Revise, Verdict.DoNotPost];

    public int Drafts => Score.Outcomes.Count;

    public int CorrectVerdicts => Score.Outcomes.Count(o => o.Verdict == o.Draft.Verdict);

    public int Confusion(Verdict expected, Verdict actual) => Score.Confusion.GetValueOrDefault((expected, actual));

    /// <summary>Drafts with a missed or extra rule, or a wrong verdict, in corpus order.</summary>
    public IEnumerable<DraftOutcome> Errors =>
        Score.Outcomes.Where(o => o.Verdict != o.Draft.Verdict || o.Missed.Any(IsScored) || o.Extra.Any());

    /// <summary>Labels outside the pack are not scored, so they are not errors of the evaluator.</summary>
    public bool IsScored(string ruleId) => Pack.Find(ruleId) is { Retired: false };
}
