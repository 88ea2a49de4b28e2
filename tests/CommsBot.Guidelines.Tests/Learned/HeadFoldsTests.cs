using CommsBot.Guidelines.Learned;

namespace CommsBot.Guidelines.Tests.Learned;

/// <summary>The heads' folds of corpora (<see cref="TrainingOptions.HeadFolds"/>): every corpus in exactly one fold.</summary>
public class HeadFoldsTests
{
    private static readonly string[] Corpora = [.. Enumerable.Range(0, 7).Select(i => $"blind{i}")];

    [Fact]
    public void HeadFolds_Three_PutsCorpusKInFoldKModThree()
    {
        var folds = LearnedTrainer.HeadFolds(Corpora, 3);

        Assert.Equal(3, folds.Count);
        Assert.Equal(["blind0", "blind3", "blind6"], folds[0].Order(StringComparer.Ordinal));
        Assert.Equal(["blind1", "blind4"], folds[1].Order(StringComparer.Ordinal));
        Assert.Equal(Corpora.Length, folds.Sum(f => f.Count));
        Assert.Equal(Corpora.Length, folds.SelectMany(f => f).Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(50)]
    public void HeadFolds_NoneOrAsManyAsTheCorpora_IsOneFoldPerCorpus(int folds)
    {
        var result = LearnedTrainer.HeadFolds(Corpora, folds);

        Assert.Equal(Corpora, result.Select(f => Assert.Single(f)));
    }

    [Fact]
    public void HeadFolds_Negative_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => LearnedTrainer.HeadFolds(Corpora, -1));
    }
}
