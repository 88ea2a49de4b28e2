using CommsBot.Guidelines.Learned;
using CommsBot.Guidelines.Scoring;

namespace CommsBot.Guidelines.Tests.Learned;

/// <summary>The blockers' thresholds are lowered for recall only within the ready-draft budget, calibrated on the
/// natural corpora (not the contrast sets), and never below the precision floor.</summary>
public class ReadyBlockerBudgetTests
{
    private readonly List<TrainingDraft> drafts = [];

    [Fact]
    public void Budget_RuleWhoseMissesCostNoReadyDraft_IsLoweredAndTheCostlyOneIsNot()
    {
        // privacy: 20 labelled drafts at 0.9 and 20 at 0.45, four ready drafts at 0.4; disparaging: 20 labelled at
        // 0.9 and 20 at 0.3, but ten ready drafts at 0.35. Budget 5% of 100 ready drafts: privacy's 20 cost nothing,
        // disparaging's 20 would cost 10 ready drafts.
        var ready = Add(100, Verdict.Ready);
        var privacyPositives = Add(40, Verdict.DoNotPost);
        var disparagingPositives = Add(40, Verdict.DoNotPost);
        var privacy = Fit("patient-privacy", p => privacyPositives.IndexOf(p) switch
        {
            >= 20 => 0.45f,
            >= 0 => 0.9f,
            _ => ready.IndexOf(p) is >= 0 and < 4 ? 0.4f : 0.05f,
        }, privacyPositives);
        var disparaging = Fit("disparaging-colleagues", p => disparagingPositives.IndexOf(p) switch
        {
            >= 20 => 0.3f,
            >= 0 => 0.9f,
            _ => ready.IndexOf(p) is >= 0 and < 10 ? 0.35f : 0.05f,
        }, disparagingPositives);

        var (thresholds, summary) = Budget(privacy, disparaging);

        Assert.InRange(thresholds["patient-privacy"], 0.425f, 0.45f);
        Assert.Equal(0.8f, thresholds["disparaging-colleagues"]);
        Assert.Contains("0 -> 0 given a blocker", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Budget_ReadyDraftsOfAContrastSet_DoNotSpendIt()
    {
        // 20 ready drafts of a contrast set score 0.5: counted, they would use up the budget of 5
        var ready = Add(100, Verdict.Ready);
        var contrastReady = Add(20, Verdict.Ready, contrast: true);
        var positives = Add(40, Verdict.DoNotPost);
        var privacy = Fit("patient-privacy", p => positives.IndexOf(p) switch
        {
            >= 20 => 0.45f,
            >= 0 => 0.9f,
            _ => contrastReady.Contains(p) ? 0.5f : 0.05f,
        }, positives);

        var (thresholds, _) = Budget(privacy);

        Assert.InRange(thresholds["patient-privacy"], 0.425f, 0.45f);
        Assert.Equal(100, ready.Count);
    }

    [Fact]
    public void Budget_LoweringThatWouldDropPrecisionBelowTheFloor_IsNotTaken()
    {
        // 10 labelled drafts at 0.5 come with 20 unlabelled revise drafts at 0.5: precision 0.5 there
        Add(100, Verdict.Ready);
        var revise = Add(20, Verdict.Revise);
        var positives = Add(20, Verdict.DoNotPost);
        var privacy = Fit("patient-privacy", p => positives.IndexOf(p) switch
        {
            >= 10 => 0.5f,
            >= 0 => 0.9f,
            _ => revise.Contains(p) ? 0.5f : 0.05f,
        }, positives);

        var (thresholds, _) = Budget(privacy);

        Assert.Equal(0.8f, thresholds["patient-privacy"]);
    }

    [Fact]
    public void Budget_RuleBelowTheRecallTarget_TakesTheBudgetBeforeAMoreEfficientRuleAboveIt()
    {
        // on-the-job: 36 of 40 found at 0.8 (0.90, over the target), 4 more at 0.5 for one ready draft; privacy: 20 of 40
        // (0.50), 20 more at 0.5 for four ready drafts. Budget 4 of 100: only one of the two steps fits, and privacy,
        // under the target, takes it although on-the-job's step buys more recall per ready draft (0.1 against 0.125)
        var ready = Add(100, Verdict.Ready);
        var filming = Add(40, Verdict.DoNotPost);
        var privacyPositives = Add(40, Verdict.DoNotPost);
        var onTheJob = Fit("on-the-job-media", p => filming.IndexOf(p) switch
        {
            >= 36 => 0.5f,
            >= 0 => 0.9f,
            _ => ready.IndexOf(p) == 99 ? 0.5f : 0.05f,
        }, filming);
        var privacy = Fit("patient-privacy", p => privacyPositives.IndexOf(p) switch
        {
            >= 20 => 0.5f,
            >= 0 => 0.9f,
            _ => ready.IndexOf(p) is >= 0 and < 4 ? 0.5f : 0.05f,
        }, privacyPositives);

        var (thresholds, _) = LearnedTrainer.BudgetThresholds([onTheJob, privacy], new Dictionary<string, float>(StringComparer.Ordinal) { ["on-the-job-media"] = 0.8f, ["patient-privacy"] = 0.8f },
            drafts, new TrainingOptions { ReadyBlockerBudget = 0.04f, MinBlockerPrecision = 0.75f, BlockerRecallTarget = 0.85f });

        Assert.Equal(0.5f, thresholds["patient-privacy"], 3);
        Assert.Equal(0.8f, thresholds["on-the-job-media"]);
    }

    private (Dictionary<string, float> Thresholds, string Summary) Budget(params LearnedTrainer.ThresholdFit[] fits) =>
        LearnedTrainer.BudgetThresholds([.. fits], fits.ToDictionary(f => f.RuleId, _ => 0.8f, StringComparer.Ordinal), drafts,
            new TrainingOptions { ReadyBlockerBudget = 0.05f, MinBlockerPrecision = 0.75f });

    /// <summary>Adds <paramref name="count"/> drafts and returns their indices.</summary>
    private List<int> Add(int count, Verdict verdict, bool contrast = false)
    {
        var added = new List<int>();
        for (var i = 0; i < count; i++)
        {
            added.Add(drafts.Count);
            var draft = new LabelledDraft($"d{drafts.Count}", "a draft", DraftContext.Default, new HashSet<string>(), new HashSet<string>(), verdict);
            drafts.Add(new TrainingDraft(draft, contrast ? "contrast" : "natural", new HashSet<string>(), contrast));
        }

        return added;
    }

    /// <summary>A blocker's out-of-fold fit over every draft: <paramref name="probability"/> by draft index, labelled on <paramref name="labelled"/>.</summary>
    private LearnedTrainer.ThresholdFit Fit(string rule, Func<int, float> probability, List<int> labelled)
    {
        var rows = Enumerable.Range(0, drafts.Count).ToList();
        return new LearnedTrainer.ThresholdFit(rule, rows, rows.Select(probability).ToList(), rows.Select(labelled.Contains).ToList(),
            rows.Select(_ => false).ToList(), rows.Select(_ => false).ToList(), MayWithdraw: true, RulesF1: 0);
    }
}
