namespace CommsBot.Nudges.Tests;

public class NudgeCommandParserTests
{
    private static NudgeCommand Parse(string text)
    {
        Assert.True(NudgeCommandParser.TryParse(text, out var command));
        return command;
    }

    [Fact]
    public void TryParse_TeamsKudosWithTitleAndCoAuthors()
    {
        var sut = Assert.IsType<NudgeCommand.AddKudos>(Parse("kudos <at>Jane Doe</at> paper https://doi.org/10.1/x \"Outcomes of X\"; with Ann Lee, Bob Roe"));
        Assert.Equal("Jane Doe", sut.Colleague.Name);
        Assert.Equal(AccomplishmentKind.Publication, sut.Kind);
        Assert.Equal("https://doi.org/10.1/x", sut.Link.AbsoluteUri);
        Assert.Equal("Outcomes of X", sut.Title);
        Assert.Equal(["Ann Lee", "Bob Roe"], sut.CoAuthors);
    }

    [Fact]
    public void TryParse_SlackMentionAndLink()
    {
        var sut = Assert.IsType<NudgeCommand.AddKudos>(Parse("kudos <@U12345|jane> award <https://example.org/a|example.org> Teaching award"));
        Assert.Equal("U12345", sut.Colleague.PlatformId);
        Assert.Equal("https://example.org/a", sut.Link.AbsoluteUri);
    }

    [Theory]
    [InlineData("kudos")]
    [InlineData("kudos @jane thing https://x.org")]
    [InlineData("kudos @jane talk not-a-link")]
    [InlineData("kudos remove abc")]
    [InlineData("nudges pause forever")]
    [InlineData("nudges pause 0d")]
    [InlineData("nudges pause 30w")]
    [InlineData("conference add name=X start=2026-02-30 hashtag=#X")]
    public void TryParse_BadArguments_AreInvalid(string text) => Assert.IsType<NudgeCommand.Invalid>(Parse(text));

    [Fact]
    public void TryParse_NudgesCommands()
    {
        Assert.Equal(new NudgeCommand.Subscribe(true), Parse("nudges on"));
        Assert.Equal(new NudgeCommand.Subscribe(false), Parse("/nudges off"));
        Assert.Equal(new NudgeCommand.Pause(TimeSpan.FromDays(14)), Parse("nudges pause 2w"));
        Assert.Equal(new NudgeCommand.Pause(TimeSpan.FromDays(3)), Parse("nudges pause 3d"));
        Assert.IsType<NudgeCommand.ListKudos>(Parse("kudos list"));
        Assert.Equal(new NudgeCommand.RemoveKudos(7), Parse("kudos remove 7"));
    }

    [Fact]
    public void TryParse_ConferenceAdd()
    {
        var sut = Assert.IsType<NudgeCommand.AddConference>(Parse("conference add name=\"Heart Week\" hashtag=#HW26 start=2026-09-01 end=2026-09-03 tz=Europe/Paris photos=no-slides embargo=\"Until talks\" link=https://hw.example"));
        Assert.Equal("hw26", sut.Conference.Id);
        Assert.Equal("Heart Week", sut.Conference.Name);
        Assert.Equal(PhotoPolicy.NoSlides, sut.Conference.Photos);
        Assert.Equal("Until talks", sut.Conference.Embargo);
    }

    [Theory]
    [InlineData("Check out our new clinic")]
    [InlineData("kudosly speaking")]
    public void TryParse_OtherText_IsNotANudgeCommand(string text) => Assert.False(NudgeCommandParser.TryParse(text, out _));
}
