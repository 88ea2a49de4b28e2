using CommsBot.Guidelines.Learned;
using CommsBot.Guidelines.Pack;

namespace CommsBot.Guidelines.Tests.Learned;

/// <summary>The learned second opinion with the real static embedder: what it adds, what it may withdraw, how a model is read.</summary>
public class LearnedSecondOpinionTests
{
    private static readonly RulePack Pack = RulePack.LoadDefault();

    [Fact]
    public void LoadEmbedded_BuiltInModel_HasAHeadForEveryIssueRule()
    {
        var model = LearnedModel.LoadEmbedded();

        Assert.NotNull(model);
        foreach (var rule in Pack.Rules.Where(r => r.Category == RuleCategory.Issue))
        {
            Assert.True(model.Rules.ContainsKey(rule.Id), rule.Id);
        }
    }

    [Fact]
    public void Adjust_ConfidentHeadTheRulesMissed_AddsTheRuleAtTheTellingSentence()
    {
        // a head whose sentence score is the bias alone: every sentence scores the same, so the first is chosen
        var sut = new LearnedSecondOpinion(Model("mocking-patients", bias: 4f, stack: [0f, 0f, 1f, 0f]), StaticEmbedder.Shared!);
        var evaluator = new GuidelineEvaluator(Pack, sut);
        const string draft = "Long night on the ward. Coffee is my personality now.";

        var finding = Assert.Single(evaluator.Evaluate(draft).Findings, f => f.RuleId == "mocking-patients");

        Assert.Equal(LearnedSecondOpinion.LearnedSource, finding.Properties[LearnedSecondOpinion.SourceProperty]);
        Assert.Equal(Pack["mocking-patients"].Severity, finding.Severity);
        Assert.Equal("Long night on the ward", draft.Substring(finding.Span.Start, finding.Span.Length));
    }

    [Fact]
    public void Adjust_BlockerInAShortDraft_IsNeverWithdrawn()
    {
        var sut = new LearnedSecondOpinion(Model("undisclosed-partnership", bias: -6f, stack: [0f, 0f, 1f, -6f], mayWithdraw: true), StaticEmbedder.Shared!);
        var evaluator = new GuidelineEvaluator(Pack, sut);

        var evaluation = evaluator.Evaluate("Swipe up to save 20% with code DOCTOR");

        Assert.Equal(Verdict.DoNotPost, evaluation.Verdict);
    }

    [Fact]
    public void Adjust_WarningTheHeadIsSureIsWrong_IsWithdrawn()
    {
        const string draft = "@sam_r you should stop your metformin before the colonoscopy";
        Assert.Contains(new GuidelineEvaluator(Pack).Evaluate(draft).Findings, f => f.RuleId == "individual-medical-advice");
        var sut = new LearnedSecondOpinion(Model("individual-medical-advice", bias: -6f, stack: [0f, 0f, 1f, -6f], mayWithdraw: true), StaticEmbedder.Shared!);

        var evaluation = new GuidelineEvaluator(Pack, sut).Evaluate(draft);

        Assert.DoesNotContain(evaluation.Findings, f => f.RuleId == "individual-medical-advice");
    }

    [Fact]
    public void Review_LearnedFinding_CarriesTheRulesMessageAndAFix()
    {
        var sut = new DraftReviewer(Pack, secondOpinion: new LearnedSecondOpinion(Model("disparaging-colleagues", bias: 4f, stack: [0f, 0f, 1f, 0f]), StaticEmbedder.Shared!));

        var review = sut.Review("Shoutout to the night team for another masterclass in handoffs. Truly inspiring stuff.");

        var finding = Assert.Single(review.Findings, f => f.RuleId == "disparaging-colleagues");
        Assert.Equal(Pack["disparaging-colleagues"].Message, finding.Rule.Message);
        Assert.False(string.IsNullOrWhiteSpace(finding.Fix.Title));
        Assert.Equal(Verdict.DoNotPost, review.Verdict);
    }

    [Fact]
    public void Read_BrokenModel_ListsEveryProblem()
    {
        using var stream = new MemoryStream("{\"version\":1,\"mean\":[1,2],\"scale\":[1],\"rules\":{\"patient-privacy\":{\"weights\":[1],\"stack\":[1,2]}}}"u8.ToArray());

        var e = Assert.Throws<InvalidDataException>(() => LearnedModel.Read(stream));

        Assert.Contains("mean and scale", e.Message, StringComparison.Ordinal);
        Assert.Contains("rule 'patient-privacy': weights", e.Message, StringComparison.Ordinal);
        Assert.Contains("rule 'patient-privacy': stack", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Review_LexicalHead_AddsAFindingOnlyWhenItsWordsArePresent()
    {
        // the embedding heads say nothing (zero weights, zero stack); the lexical head alone weighs "again" against the bias
        var model = Model("disparaging-colleagues", bias: 0f, stack: [0f, 0f, 0f, -4f]);
        var lexical = new LearnedModel
        {
            Encoder = model.Encoder,
            Mean = model.Mean,
            Scale = model.Scale,
            Vocabulary = ["again", "radiology again"],
            Rules = new Dictionary<string, RuleHead>(StringComparer.Ordinal)
            {
                ["disparaging-colleagues"] = new RuleHead
                {
                    Weights = model.Rules["disparaging-colleagues"].Weights,
                    SentenceWeights = model.Rules["disparaging-colleagues"].SentenceWeights,
                    Stack = [0f, 0f, 0f, -4f],
                    LexicalWeights = [6f, 6f],
                    LexicalStack = 1f,
                    Threshold = 0.5f,
                },
            },
        };
        var sut = new DraftReviewer(Pack, secondOpinion: new LearnedSecondOpinion(lexical, StaticEmbedder.Shared!));

        var flagged = sut.Review("Waiting on radiology again. Third hour of the evening.");
        var clean = sut.Review("Waiting on the read from radiology. Third hour of the evening.");

        Assert.Contains(flagged.Findings, f => f.RuleId == "disparaging-colleagues" && f.Finding.Properties[LearnedSecondOpinion.SourceProperty] == LearnedSecondOpinion.LearnedSource);
        Assert.DoesNotContain(clean.Findings, f => f.RuleId == "disparaging-colleagues");
    }

    [Fact]
    public void Read_LexicalWeightsOfTheWrongLength_IsBroken()
    {
        using var stream = new MemoryStream();
        var model = Model("patient-privacy", bias: 0f, stack: [1f, 1f, 1f, 0f]);
        new LearnedModel
        {
            Mean = model.Mean,
            Scale = model.Scale,
            Vocabulary = ["room"],
            Rules = new Dictionary<string, RuleHead>(StringComparer.Ordinal)
            {
                ["patient-privacy"] = new RuleHead { Weights = model.Rules["patient-privacy"].Weights, Stack = [1f, 1f, 1f, 0f], LexicalWeights = [1f, 2f] },
            },
        }.Write(stream);
        stream.Position = 0;

        var e = Assert.Throws<InvalidDataException>(() => LearnedModel.Read(stream));

        Assert.Contains("rule 'patient-privacy': lexical weights", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Review_LengthStack_TrustsTheBestSentenceOnlyInALongDraft()
    {
        // the stack alone cannot reach the threshold (sentence score 1 times weight 1, bias -2); the length stack adds
        // 2 x the sentence score per doubling past 280 characters, so only the long draft is flagged
        var model = Model("mocking-patients", bias: 1f, stack: [0f, 0f, 1f, -2f], lengthStack: [0f, 2f, 0f]);
        var sut = new GuidelineEvaluator(Pack, new LearnedSecondOpinion(model, StaticEmbedder.Shared!));
        const string sentence = "Long night on the ward, and the coffee machine is broken again. ";
        var shortDraft = sentence.Trim();
        var longDraft = string.Concat(Enumerable.Repeat(sentence, 10)).Trim();

        Assert.DoesNotContain(sut.Evaluate(shortDraft).Findings, f => f.RuleId == "mocking-patients");
        Assert.Contains(sut.Evaluate(longDraft).Findings, f => f.RuleId == "mocking-patients");
    }

    [Theory]
    [InlineData(0, 0f)]
    [InlineData(280, 0f)]
    [InlineData(560, 1f)]
    [InlineData(1120, 2f)]
    [InlineData(5000, 3f)]
    public void LengthFactor_IsZeroForOneScreenThenOnePerDoubling(int chars, float expected)
    {
        Assert.Equal(expected, LinearMath.LengthFactor(chars), 4);
    }

    [Fact]
    public void Read_LengthStackOfTheWrongLength_IsBroken()
    {
        using var stream = new MemoryStream();
        Model("patient-privacy", bias: 0f, stack: [1f, 1f, 1f, 0f], lengthStack: [1f, 2f]).Write(stream);
        stream.Position = 0;

        var e = Assert.Throws<InvalidDataException>(() => LearnedModel.Read(stream));

        Assert.Contains("rule 'patient-privacy': length stack must have 3 values", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NotJson_SaysSo()
    {
        using var stream = new MemoryStream("not json"u8.ToArray());

        var e = Assert.Throws<InvalidDataException>(() => LearnedModel.Read(stream));

        Assert.Contains("not valid JSON", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Model_RoundTripsThroughJson()
    {
        var model = Model("patient-privacy", bias: 1.5f, stack: [1f, 2f, 3f, 4f]);
        using var stream = new MemoryStream();

        model.Write(stream);
        stream.Position = 0;
        var read = LearnedModel.Read(stream);

        Assert.Equal(1.5f, read.Rules["patient-privacy"].Bias);
        Assert.Equal([1f, 2f, 3f, 4f], read.Rules["patient-privacy"].Stack);
        Assert.Null(read.Rules["patient-privacy"].LengthStack);
    }

    /// <summary>A model with one rule whose heads have zero weights: the score is the bias, whatever the text.</summary>
    private static LearnedModel Model(string ruleId, float bias, float[] stack, bool mayWithdraw = false, float[]? lengthStack = null) => new()
    {
        Encoder = "test",
        Mean = new float[SentenceEmbedder.Dimensions],
        Scale = Enumerable.Repeat(1f, SentenceEmbedder.Dimensions).ToArray(),
        Rules = new Dictionary<string, RuleHead>(StringComparer.Ordinal)
        {
            [ruleId] = new RuleHead
            {
                Weights = new float[SentenceEmbedder.Dimensions],
                Bias = bias,
                SentenceWeights = new float[SentenceEmbedder.Dimensions],
                SentenceBias = bias,
                Stack = stack,
                Threshold = 0.5f,
                MayWithdraw = mayWithdraw,
                LengthStack = lengthStack,
            },
        },
    };
}
