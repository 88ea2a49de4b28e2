using CommsBot.Bot.Slack;

namespace CommsBot.Bot.Tests.Slack;

public sealed class SlackMrkdwnTests
{
    [Theory]
    [InlineData("Save 20% &amp; more &lt;3 &gt;_&lt;", "Save 20% & more <3 >_<")]
    [InlineData("Congrats <@U123ABC> on the paper", "Congrats @U123ABC on the paper")]
    [InlineData("Congrats <@U123ABC|ana> on the paper", "Congrats @ana on the paper")]
    [InlineData("Posted in <#C123|wards>", "Posted in #wards")]
    [InlineData("<!here> new clip", "@here new clip")]
    [InlineData("<!subteam^S123|@nurses> thanks", "@nurses thanks")]
    [InlineData("Use <https://shop.example/ref?code=DOC&amp;x=1>", "Use https://shop.example/ref?code=DOC&x=1")]
    [InlineData("Use <https://shop.example/ref?code=DOC|shop.example/ref?code=DOC>", "Use https://shop.example/ref?code=DOC")]
    [InlineData("Read <https://example.org/p|our paper>", "Read our paper (https://example.org/p)")]
    [InlineData("Mail <mailto:a@example.org|a@example.org>", "Mail a@example.org")]
    [InlineData("  spaced  ", "spaced")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void ToPlainText_SlackMarkup_IsPlain(string? mrkdwn, string expected)
    {
        Assert.Equal(expected, SlackMrkdwn.ToPlainText(mrkdwn));
    }

    [Theory]
    [InlineData("<@UBOT> check this", "UBOT", "check this")]
    [InlineData("<@UBOT|commsbot>: help", "UBOT", "help")]
    [InlineData("hey <@UBOT> check this", "UBOT", "hey  check this")]
    [InlineData("<@UOTHER> check this", null, "check this")]
    [InlineData("check for <@UOTHER>", "UBOT", "check for <@UOTHER>")]
    public void RemoveMention_BotMention_IsRemoved(string text, string? bot, string expected)
    {
        Assert.Equal(expected, SlackMrkdwn.RemoveMention(text, bot));
    }

    [Fact]
    public void Escape_ReservedCharacters_AreEscaped()
    {
        Assert.Equal("a &amp; b &lt;c&gt;", CommsBot.Cards.SlackText.Escape("a & b <c>"));
    }

    [Fact]
    public void Shorten_NeverSplitsAnEscape()
    {
        var text = new string('a', 10) + "&amp;" + new string('b', 10);

        var shortened = SlackMrkdwn.Shorten(text, 13);

        Assert.Equal(new string('a', 10) + "…", shortened);
        Assert.True(shortened.Length <= 13);
    }

    [Fact]
    public void Shorten_NeverSplitsASurrogatePair()
    {
        var text = "abc" + "📸📸📸";

        var shortened = SlackMrkdwn.Shorten(text, 5);

        Assert.Equal("abc…", shortened);
    }
}
