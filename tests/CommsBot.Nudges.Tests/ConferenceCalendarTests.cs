namespace CommsBot.Nudges.Tests;

public class ConferenceCalendarTests
{
    private static readonly Conference Asco = new("asco", "ASCO", new DateOnly(2026, 5, 29), new DateOnly(2026, 6, 2), "America/Chicago", "#ASCO26", PhotoPolicy.NoSlides, "", null);

    [Theory]
    [InlineData("2026-05-29T04:59:00Z", false)] // 23:59 on the 28th in Chicago
    [InlineData("2026-05-29T05:00:00Z", true)]  // midnight on the 29th in Chicago
    [InlineData("2026-06-03T04:59:00Z", true)]  // 23:59 on the last day
    [InlineData("2026-06-03T05:00:00Z", false)]
    public void IsOn_UsesTheMeetingsTimeZone(string instant, bool expected) =>
        Assert.Equal(expected, ConferenceCalendar.IsOn(Asco, DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void HighlightPeriod_IsMeetingAndLocalDay()
    {
        var sut = ConferenceCalendar.HighlightPeriod(Asco, new DateTimeOffset(2026, 5, 30, 22, 0, 0, TimeSpan.Zero));
        Assert.Equal("asco:2026-05-30", sut);
    }

    [Fact]
    public void NamedIn_MatchesWholeHashtagIgnoringCase()
    {
        Assert.Single(ConferenceCalendar.NamedIn("Great session at #asco26 today", [Asco]));
        Assert.Empty(ConferenceCalendar.NamedIn("Great session at #ASCO2026", [Asco]));
    }

    [Fact]
    public void ParseSeed_ReportsEveryProblemWithTheFileName()
    {
        const string yaml = """
            conferences:
              - name: Ok
                start: 2026-01-01
                hashtag: "#Ok"
              - name: Bad
                start: 2026-13-01
                time-zone: Mars/Olympus
                hashtag: "#Bad"
                photos: sometimes
            """;
        var e = Assert.Throws<FormatException>(() => ConferenceCalendar.ParseSeed(yaml, "seed.yaml"));
        Assert.Contains("seed.yaml", e.Message, StringComparison.Ordinal);
        Assert.Contains("start", e.Message, StringComparison.Ordinal);
        Assert.Contains("Mars/Olympus", e.Message, StringComparison.Ordinal);
        Assert.Contains("photos", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseSeed_TheShippedSeedParses()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "deploy", "conferences.yaml");
        var sut = ConferenceCalendar.ParseSeed(File.ReadAllText(path), path);
        Assert.NotEmpty(sut);
        Assert.All(sut, c => Assert.StartsWith("#", c.Hashtag, StringComparison.Ordinal));
    }
}
