using CommsBot.Guidelines.Learned;

namespace CommsBot.Guidelines.Tests.Learned;

public class LexicalFeaturesTests
{
    [Fact]
    public void Terms_WordsAndPairs_LowerCasedWithNumbersFolded()
    {
        var terms = LexicalFeatures.Terms("Bed 12's patient — #NightShift @Dr_Lee’s call");

        Assert.Contains("bed", terms);
        Assert.Contains("bed #", terms);
        Assert.Contains("#", terms);
        Assert.Contains("nightshift", terms);
        Assert.Contains("lee's", terms);
        Assert.Contains("dr lee's", terms);
        Assert.DoesNotContain("12", terms);
        Assert.DoesNotContain(terms, t => t.Any(char.IsUpper));
    }

    [Fact]
    public void Terms_Emoji_EachATokenWithoutSelectorJoinerOrSkinTone()
    {
        var terms = LexicalFeatures.Terms("Thanks, radiology 🙄🙄 so helpful ☕️ 👍🏽 🤷‍♀️");

        Assert.Contains("🙄", terms);
        Assert.Contains("radiology 🙄", terms);
        Assert.Contains("🙄 🙄", terms);
        Assert.Contains("🙄 so", terms);
        Assert.Contains("☕", terms);
        Assert.Contains("👍", terms);
        Assert.Contains("🤷 ♀", terms);
        Assert.Contains("helpful ☕", terms);
        Assert.DoesNotContain("radiology so", terms);
        Assert.DoesNotContain(terms, t => t.Contains('\uFE0F') || t.Contains('\u200D') || t.Contains("🏽", StringComparison.Ordinal));
    }

    [Fact]
    public void Encode_OnlyVocabularyTerms_EachWorthOneOverRootN()
    {
        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal) { ["again"] = 0, ["radiology"] = 1, ["unused"] = 2 };

        var (indices, value) = LexicalFeatures.Encode("Radiology, again.", vocabulary);

        Assert.Equal([0, 1], indices);
        Assert.Equal(1f / MathF.Sqrt(2), value, 5);
        Assert.Equal(0.5f + ((1f + 2f) / MathF.Sqrt(2)), LexicalFeatures.Dot([1f, 2f, 4f], 0.5f, (indices, value)), 5);
    }

    [Fact]
    public void Encode_NoKnownTerm_IsTheBiasAlone()
    {
        var x = LexicalFeatures.Encode("nothing known", new Dictionary<string, int>(StringComparer.Ordinal) { ["again"] = 0 });

        Assert.Empty(x.Indices);
        Assert.Equal(-1f, LexicalFeatures.Dot([3f], -1f, x));
    }
}
