using CommsBot.Guidelines.Pack;
using CommsBot.Guidelines.Text;

namespace CommsBot.Guidelines.Tests.Text;

/// <summary>Invisible and look-alike characters cannot hide a draft from the rules, and spans land on the characters sent.</summary>
public class TextProjectionTests
{
    private static readonly DraftReviewer Sut = new(RulePack.LoadDefault());

    [Fact]
    public void Review_ZeroWidthSpacesInsideWords_IsDoNotPost()
    {
        const string draft = "Sw\u200bipe up to save 20% with code DOC\u200bTOR";

        var review = Sut.Review(draft);

        Assert.Equal(Verdict.DoNotPost, review.Verdict);
        var finding = Assert.Single(review.Findings, f => f.RuleId == "undisclosed-partnership");
        Assert.Contains(finding.Finding.Parts, p => draft.Substring(p.Span.Start, p.Span.Length) == "code DOC\u200bTOR");
    }

    [Theory]
    [InlineData("\uFF33wipe up to save 20% with code DOCTOR")] // full-width S
    [InlineData("Swipe up to save 20% with code \u202EDOCTOR\u202C")] // bidi override
    [InlineData("\U0001D412\U0001D430\U0001D422\U0001D429\U0001D41E up to save 20% with code DOCTOR")] // mathematical bold
    public void Review_LookAlikeOrBidiCharacters_IsDoNotPost(string draft) => Assert.Equal(Verdict.DoNotPost, Sut.Review(draft).Verdict);

    [Fact]
    public void ToOriginal_SpanAfterRemovedAndWidenedCharacters_MapsBack()
    {
        const string original = "a\u200bb\uFB01c \U0001D400x";
        var sut = TextProjection.Create(original);

        Assert.Equal("abfic Ax", sut.Text);
        Assert.Equal(new TextSpan(0, 3), sut.ToOriginal(new TextSpan(0, 2))); // "ab" -> "a\u200bb"
        Assert.Equal(new TextSpan(3, 1), sut.ToOriginal(new TextSpan(2, 2))); // "fi" -> the ligature
        Assert.Equal(new TextSpan(6, 3), sut.ToOriginal(new TextSpan(6, 2))); // "Ax" -> the surrogate pair and x
    }

    [Fact]
    public void Create_PlainText_IsTheIdentity()
    {
        var sut = TextProjection.Create("Flu shots are now available at all our clinics 💉");

        Assert.True(sut.IsIdentity);
    }

    [Theory]
    [InlineData("Café au lait, naïve résumé, 👋 and 日本語", true)]
    [InlineData("plain ascii only", true)]
    [InlineData("é then a fullwidth \uFF21", false)]
    [InlineData("é then a circled \u24D0", false)]
    [InlineData("é then a soft\u00ADhyphen", false)]
    [InlineData("\uD835\uDC00 math bold A", false)]
    [InlineData("\uD83D\uDC4B wave then \uFB03", false)]
    [InlineData("a lone high surrogate \uD835 then text", true)]
    public void Create_WholeMessage_IsTheIdentityExactlyWhenNothingFolds(string original, bool identity)
    {
        // the whole-message scan must agree with the projection itself: identity only when no character changes
        var sut = TextProjection.Create(original);
        var projected = TextProjection.Create(original, [new TextSpan(0, original.Length), new TextSpan(original.Length, 0)]);

        Assert.Equal(identity, sut.IsIdentity);
        Assert.Equal(identity, projected.Text == original + "\n");
        if (identity)
        {
            Assert.Same(original, sut.Text);
        }
    }
}
