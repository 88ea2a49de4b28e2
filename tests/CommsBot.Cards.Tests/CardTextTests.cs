using CommsBot.Guidelines;

namespace CommsBot.Cards.Tests;

public class CardTextTests
{
    [Fact]
    public void Excerpt_ShortSpan_ReturnsDraftText()
    {
        Assert.Equal("code DOCTOR", CardText.Excerpt("Swipe up with code DOCTOR", new TextSpan(14, 11), 120));
    }

    [Fact]
    public void Excerpt_WhitespaceAndNewlines_CollapseToOneLine()
    {
        Assert.Equal("a b c", CardText.Excerpt("  a \n\n b\t\tc  ", new TextSpan(0, 13), 120));
    }

    [Fact]
    public void Excerpt_BeyondMax_EndsWithEllipsisWithinMax()
    {
        var sut = CardText.Excerpt(new string('a', 500), new TextSpan(0, 500), 120);

        Assert.Equal(120, sut.Length);
        Assert.EndsWith("…", sut, StringComparison.Ordinal);
    }

    [Fact]
    public void Excerpt_SpanOutsideDraft_IsClamped()
    {
        Assert.Equal("cd", CardText.Excerpt("abcd", new TextSpan(2, 50), 120));
        Assert.Equal("", CardText.Excerpt("abcd", new TextSpan(10, 5), 120));
    }

    [Fact]
    public void Shorten_AtSurrogatePair_NeverSplitsIt()
    {
        var text = "ab😀😀😀";

        var sut = CardText.Shorten(text, 4);

        Assert.Equal("ab…", sut);
    }

    [Fact]
    public void Escape_SlackSpecials_AreEntities()
    {
        Assert.Equal("&lt;script&gt; &amp;amp; \"q\"", SlackText.Escape("<script> &amp; \"q\""));
    }

    [Fact]
    public void Shorten_Mrkdwn_NeverCutsAnEntity()
    {
        var escaped = SlackText.Escape("abcd<efgh");

        var sut = SlackText.Shorten(escaped, 8);

        Assert.Equal("abcd…", sut);
    }
}
