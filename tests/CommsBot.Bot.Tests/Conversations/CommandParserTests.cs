using CommsBot.Bot.Conversations;
using CommsBot.Guidelines;

namespace CommsBot.Bot.Tests.Conversations;

public sealed class CommandParserTests
{
    [Theory]
    [InlineData("help", true)]
    [InlineData(" HELP ", true)]
    [InlineData("/help", false)]
    [InlineData("?", true)]
    [InlineData("", true)]
    public void Parse_HelpWords_AreHelp(string text, bool personal) =>
        Assert.IsType<Command.Help>(CommandParser.Parse(text, personal));

    [Theory]
    [InlineData("foo", true)]
    [InlineData("hi", true)]
    [InlineData("/foo", true)]
    [InlineData("/foo some words", true)]
    [InlineData("foo bar baz", false)]
    [InlineData("help me with this", false)]
    public void Parse_UnknownCommands_AreUnknown(string text, bool personal) =>
        Assert.IsType<Command.Unknown>(CommandParser.Parse(text, personal));

    [Theory]
    [InlineData("Check out our new clinic hours!")]
    [InlineData("Help us raise funds for the free clinic")]
    [InlineData("Account of my night shift: 14 admissions and a lot of coffee")]
    [InlineData("Swipe up to save 20% with code DOCTOR")]
    public void Parse_PersonalChatSentences_AreDrafts(string text)
    {
        var check = Assert.IsType<Command.Check>(CommandParser.Parse(text, personalChat: true));
        Assert.Equal(text, check.Draft);
        Assert.Null(check.Account);
    }

    [Theory]
    [InlineData("account personal", AccountKind.Personal)]
    [InlineData("Account Professional", AccountKind.Professional)]
    [InlineData("/account personal", AccountKind.Personal)]
    public void Parse_AccountCommand_SetsTheAccount(string text, AccountKind expected) =>
        Assert.Equal(expected, Assert.IsType<Command.SetAccount>(CommandParser.Parse(text, personalChat: true)).Account);

    [Fact]
    public void Parse_AccountAlone_ShowsTheAccount() =>
        Assert.Null(Assert.IsType<Command.SetAccount>(CommandParser.Parse("account", personalChat: true)).Account);

    [Fact]
    public void Parse_AccountWithBadValue_IsInvalid() =>
        Assert.IsType<Command.Invalid>(CommandParser.Parse("account martian", personalChat: true));

    [Theory]
    [InlineData(true, "check --account personal --platform x My post", AccountKind.Personal, Platform.X)]
    [InlineData(true, "check --account=professional My post", AccountKind.Professional, null)]
    [InlineData(true, "/check My post", null, null)]
    [InlineData(false, "check My post", null, null)]
    [InlineData(false, "CHECK --platform linkedin My post", null, Platform.LinkedIn)]
    public void Parse_CheckCommand_ReadsOverridesAndDraft(bool personal, string text, AccountKind? account, Platform? platform)
    {
        var check = Assert.IsType<Command.Check>(CommandParser.Parse(text, personal));
        Assert.Equal("My post", check.Draft);
        Assert.Equal(account, check.Account);
        Assert.Equal(platform, check.Platform);
    }

    [Theory]
    [InlineData("check --account martian My post")]
    [InlineData("check --platform myspace My post")]
    [InlineData("check --colour red My post")]
    [InlineData("check --account personal")]
    public void Parse_CheckWithBadOptions_IsInvalid(string text) =>
        Assert.IsType<Command.Invalid>(CommandParser.Parse(text, personalChat: false));

    [Fact]
    public void Parse_CheckInAChannelWithNoDraft_IsInvalid() =>
        Assert.IsType<Command.Invalid>(CommandParser.Parse("check", personalChat: false));
}
