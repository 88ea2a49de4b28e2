using CommsBot.Guidelines.Learned;
using CommsBot.Guidelines.Pack;

namespace CommsBot.Guidelines.Tests.Learned;

/// <summary>The phrase head with the real static table: it learns word order, trains the same each time, is read
/// with its shapes checked, and its logit is stacked.</summary>
public class PhraseNetworkTests
{
    private static readonly string[] Animals = ["dog", "horse", "snake", "goose", "cat", "rat", "bee", "shark", "wasp", "bull"];
    private static readonly string[] People = ["nurse", "porter", "surgeon", "student", "teacher", "farmer", "pilot", "chef", "baker", "driver"];

    [Fact]
    public void Train_LabelDecidedByWordOrderAlone_LearnsItForUnseenPairs()
    {
        // "the dog bit the nurse" is labelled and "the nurse bit the dog" is not: the same pieces, so a sum of
        // embeddings cannot tell them apart, and a window over the pieces can
        var embedder = StaticEmbedder.Shared!;
        var (train, test) = (Pairs(embedder, 0, 7), Pairs(embedder, 7, 10));

        var network = PhraseTrainer.Train(train, ["animal-bites"], embedder.Table, Options());

        var correct = test.Count(e => network.Logits(e.Pieces, embedder.Table)[0] > 0 == e.Labels[0]);
        Assert.True(correct >= test.Count * 0.9, $"{correct} of {test.Count} unseen drafts right");
    }

    [Fact]
    public void Train_SameDraftsAndSeed_GivesTheSameNetwork()
    {
        var embedder = StaticEmbedder.Shared!;
        var drafts = Pairs(embedder, 0, 4);

        var first = PhraseTrainer.Train(drafts, ["animal-bites"], embedder.Table, Options() with { Epochs = 3 });
        var second = PhraseTrainer.Train(drafts, ["animal-bites"], embedder.Table, Options() with { Epochs = 3 });

        Assert.Equal(first.Conv, second.Conv);
        Assert.Equal(first.Out, second.Out);
    }

    [Fact]
    public void Logits_FromKeptPieceResponses_AreTheFullProductsOfTraining()
    {
        var embedder = StaticEmbedder.Shared!;
        var network = PhraseTrainer.Train(Pairs(embedder, 0, 3), ["animal-bites"], embedder.Table, Options() with { Epochs = 2 });
        int[] pieces = [.. embedder.PieceIds("Shoutout to the night team on 4 West: the goose bit the porter again, nobody hurt. #NightShift")];

        var fast = network.Logits(pieces, embedder.Table);
        var again = network.Logits(pieces, embedder.Table);
        var direct = network.LogitsDirect(pieces, embedder.Table);

        Assert.Equal(direct[0], fast[0], 4);
        Assert.Equal(fast[0], again[0]);
        Assert.Equal(network.OutBias[0], network.Logits([], embedder.Table)[0]);
    }

    [Fact]
    public void Average_NetworksFromTwoSeeds_ScoresTheMeanOfTheirLogits()
    {
        var embedder = StaticEmbedder.Shared!;
        var drafts = Pairs(embedder, 0, 3);
        var one = PhraseTrainer.Train(drafts, ["animal-bites"], embedder.Table, Options() with { Epochs = 2 });
        var two = PhraseTrainer.Train(drafts, ["animal-bites"], embedder.Table, Options() with { Epochs = 2, Seed = 2 });
        int[] pieces = [.. embedder.PieceIds("Overheard on the ward: the shark bit the pilot, and the pilot bit back. Nobody hurt.")];

        var average = PhraseNetwork.Average([one, two]);

        Assert.NotEqual(one.Conv, two.Conv);
        Assert.Equal(32, average.Filters);
        Assert.Empty(average.Problems());
        var expected = (one.Logits(pieces, embedder.Table)[0] + two.Logits(pieces, embedder.Table)[0]) / 2;
        Assert.Equal(expected, average.Logits(pieces, embedder.Table)[0], 4);
        Assert.Equal(expected, average.LogitsDirect(pieces, embedder.Table)[0], 4);
    }

    [Fact]
    public void Average_NetworksOverOtherOutputs_IsRefused()
    {
        var embedder = StaticEmbedder.Shared!;
        var drafts = Pairs(embedder, 0, 2);
        var one = PhraseTrainer.Train(drafts, ["animal-bites"], embedder.Table, Options() with { Epochs = 1 });
        var other = PhraseTrainer.Train(drafts, ["people-bite"], embedder.Table, Options() with { Epochs = 1 });

        var e = Assert.Throws<ArgumentException>(() => PhraseNetwork.Average([one, other]));

        Assert.Contains("same outputs", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => PhraseNetwork.Average([]));
    }

    [Fact]
    public void Read_PhraseHeadOfTheWrongShape_IsBroken()
    {
        using var stream = new MemoryStream();
        new LearnedModel
        {
            Mean = new float[SentenceEmbedder.Dimensions],
            Scale = new float[SentenceEmbedder.Dimensions],
            Phrase = new PhraseNetwork { Outputs = ["patient-privacy"], Filters = 2, Mean = [1f], Scale = [1f], Conv = [1f], ConvBias = [0f, 0f], Out = [1f, 1f], OutBias = [0f] },
        }.Write(stream);
        stream.Position = 0;

        var e = Assert.Throws<InvalidDataException>(() => LearnedModel.Read(stream));

        Assert.Contains("phrase head's mean and scale", e.Message, StringComparison.Ordinal);
        Assert.Contains("phrase head's filters", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(5f, true)]
    [InlineData(0f, false)]
    public void Review_PhraseLogitIsStacked_AddsTheRuleOnlyWhenItsWeightSaysSo(float phraseStack, bool added)
    {
        // one filter that is 1 wherever there is a word (zero weights, bias 1), read by the output as logit 1: the
        // stacked logit is phraseStack * 1 - 3
        var head = new RuleHead { Stack = [0f, 0f, 0f, -3f], PhraseStack = phraseStack };

        Assert.Equal(added, ReviewFindsMockery(["mocking-patients"], [1f], head));
    }

    [Theory]
    [InlineData(5f, true)]
    [InlineData(-5f, false)]
    public void Review_AnotherPhraseOutputIsStacked_WeighsTheRuleBySign(float levityWeight, bool added)
    {
        // the phrase head's second output (levity) is logit 1 on any draft; the rule's own phrase weight is 0, so the
        // stacked logit is levityWeight * 1 - 1
        var head = new RuleHead { Stack = [0f, 0f, 0f, -1f], PhraseStackOthers = new Dictionary<string, float>(StringComparer.Ordinal) { ["levity"] = levityWeight } };

        Assert.Equal(added, ReviewFindsMockery(["mocking-patients", "levity"], [0f, 1f], head));
    }

    [Fact]
    public void Read_StackerReadsAPhraseOutputTheHeadLacks_IsBroken()
    {
        const int dims = SentenceEmbedder.Dimensions;
        using var stream = new MemoryStream();
        new LearnedModel
        {
            Mean = new float[dims],
            Scale = new float[dims],
            Phrase = new PhraseNetwork { Outputs = ["mocking-patients"], Filters = 1, Mean = new float[dims], Scale = new float[dims], Conv = new float[PhraseNetwork.Width * dims], ConvBias = [0f], Out = [1f], OutBias = [0f] },
            Rules = new Dictionary<string, RuleHead>(StringComparer.Ordinal)
            {
                ["mocking-patients"] = new RuleHead
                {
                    Weights = new float[dims],
                    Stack = [0f, 0f, 0f, 0f],
                    PhraseStackOthers = new Dictionary<string, float>(StringComparer.Ordinal) { ["levity"] = 1f },
                },
            },
        }.Write(stream);
        stream.Position = 0;

        var e = Assert.Throws<InvalidDataException>(() => LearnedModel.Read(stream));

        Assert.Contains("phrase head output the model does not have", e.Message, StringComparison.Ordinal);
    }

    /// <summary>Reviews an ordinary draft with a model whose phrase head has one filter that is 1 wherever there is a
    /// word, read by each output with weight <paramref name="outWeights"/>[k], and whose mocking-patients stacker is
    /// <paramref name="head"/> (zero embedding weights, threshold 0.5); whether mocking-patients is found.</summary>
    private static bool ReviewFindsMockery(string[] outputs, float[] outWeights, RuleHead head)
    {
        const int dims = SentenceEmbedder.Dimensions;
        var model = new LearnedModel
        {
            Encoder = StaticEmbedder.EncoderName,
            Mean = new float[dims],
            Scale = Enumerable.Repeat(1f, dims).ToArray(),
            Phrase = new PhraseNetwork
            {
                Outputs = outputs,
                Filters = 1,
                Mean = new float[dims],
                Scale = Enumerable.Repeat(1f, dims).ToArray(),
                Conv = new float[PhraseNetwork.Width * dims],
                ConvBias = [1f],
                Out = outWeights,
                OutBias = new float[outputs.Length],
            },
            Rules = new Dictionary<string, RuleHead>(StringComparer.Ordinal)
            {
                ["mocking-patients"] = head with { Weights = new float[dims], SentenceWeights = new float[dims], Threshold = 0.5f },
            },
        };
        var sut = new DraftReviewer(RulePack.LoadDefault(), secondOpinion: new LearnedSecondOpinion(model, StaticEmbedder.Shared!));

        return sut.Review("Long night on the ward. Coffee is my personality now.").Findings.Any(f => f.RuleId == "mocking-patients");
    }

    private static PhraseOptions Options() => new() { Filters = 16, Epochs = 25, LearningRate = 1e-2f, WeightDecay = 0f, PieceDropout = 0f, FilterDropout = 0f, BatchSize = 8 };

    /// <summary>Both orders of "the ANIMAL bit the PERSON" for animals and people [from, to).</summary>
    private static List<PhraseExample> Pairs(StaticEmbedder embedder, int from, int to)
    {
        var result = new List<PhraseExample>();
        for (var a = from; a < to; a++)
        {
            foreach (var person in People)
            {
                result.Add(Example(embedder, $"the {Animals[a]} bit the {person}", true));
                result.Add(Example(embedder, $"the {person} bit the {Animals[a]}", false));
            }
        }

        return result;
    }

    private static PhraseExample Example(StaticEmbedder embedder, string text, bool label) => new([.. embedder.PieceIds(text)], [label], [true]);
}
