using CommsBot.Bot.Conversations;

namespace CommsBot.Bot.Tests.Conversations;

public sealed class HtmlTextTests
{
    [Theory]
    [InlineData("<p>Swipe up to save 20% with code <b>DOCTOR</b></p>", "Swipe up to save 20% with code DOCTOR")]
    [InlineData("<div>Line one<br>Line&nbsp;two &amp; more</div>", "Line one\nLine two & more")]
    [InlineData("<p>One</p><p>Two</p>", "One\nTwo")]
    [InlineData("plain text", "plain text")]
    [InlineData("", "")]
    public void ToPlainText_StripsTagsAndDecodesEntities(string html, string expected) =>
        Assert.Equal(expected, HtmlText.ToPlainText(html));
}
