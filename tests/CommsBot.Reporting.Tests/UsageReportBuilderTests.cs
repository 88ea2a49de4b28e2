using System.Text.Json;

namespace CommsBot.Reporting.Tests;

public sealed class UsageReportBuilderTests
{
    private static readonly DateOnly Day = new(2026, 3, 2);
    private static readonly DateTimeOffset Since = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Until = new(2026, 3, 3, 23, 0, 0, TimeSpan.Zero);

    private static UsageData Data()
    {
        var counters = new Dictionary<string, long>(StringComparer.Ordinal)
        {
            ["checks"] = 40, // the running total, all time
            [DailyCounters.Name(Day, "checks")] = 7,
            [DailyCounters.Name(Day, "verdict:do-not-post")] = 2,
            [DailyCounters.Name(Day, "verdict:ready")] = 5,
            [DailyCounters.Name(Day, "rule:patient-privacy")] = 2,
            [DailyCounters.Name(Day, "rule:levity")] = 3,
            [DailyCounters.Name(Day, "fixes-applied")] = 1,
            [DailyCounters.Name(Day.AddDays(-30), "checks")] = 33, // before the window
        };
        return new UsageData(
            counters,
            [new FalsePositiveRow("levity", Since.AddDays(1)), new FalsePositiveRow("levity", Since.AddDays(-5))],
            null);
    }

    [Fact]
    public void DailyCounters_NameThenTryParse_RoundTrips()
    {
        Assert.True(DailyCounters.TryParse(DailyCounters.Name(Day, "rule:levity"), out var day, out var counter));
        Assert.Equal((Day, "rule:levity"), (day, counter));
        Assert.False(DailyCounters.TryParse("checks", out _, out _));
        Assert.Equal(
            new Dictionary<string, long> { ["checks"] = 2, ["day:2026-03-02:checks"] = 2 },
            DailyCounters.WithDaily(new Dictionary<string, long> { ["checks"] = 2 }, Day));
    }

    [Fact]
    public void Build_DatedCounters_CountsOnlyTheWindow()
    {
        var sut = UsageReportBuilder.Build(Data(), Since, Until);

        Assert.Equal(7, sut.Checks);
        Assert.Equal(40, sut.AllTimeChecks);
        Assert.Equal(Day.AddDays(-30), sut.FirstDay);
        Assert.Equal(1, sut.FixesApplied);
        Assert.Equal([new NamedCount("levity", 3), new NamedCount("patient-privacy", 2)], sut.TopRules);
        Assert.Equal([new NamedCount("levity", 1)], sut.FalsePositives); // the one before the window is not counted
        Assert.Contains(new NamedCount("do-not-post", 2), sut.Verdicts);
        Assert.Contains(new NamedCount("ready", 5), sut.Verdicts);
        Assert.Null(sut.Nudges);
    }

    [Theory]
    [InlineData("30d", 30 * 24)]
    [InlineData("2w", 14 * 24)]
    [InlineData("24h", 24)]
    public void TryParseSince_RelativeWindows_AreHoursBeforeNow(string text, int hours)
    {
        Assert.True(UsageReportBuilder.TryParseSince(text, Until, out var since));
        Assert.Equal(Until.AddHours(-hours), since);
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("0d")]
    [InlineData("5y")]
    [InlineData("2099-01-01")]
    public void TryParseSince_Nonsense_IsRefused(string text) =>
        Assert.False(UsageReportBuilder.TryParseSince(text, Until, out _));

    [Fact]
    public void Writers_OneReport_ShowTheSameCounts()
    {
        var report = UsageReportBuilder.Build(Data(), Since, Until);

        using var json = JsonDocument.Parse(ReportJsonWriter.Write(report));
        Assert.Contains("7", ReportTextWriter.Text(report), StringComparison.Ordinal);
        Assert.Contains("patient-privacy", ReportTextWriter.Markdown(report), StringComparison.Ordinal);
        Assert.Contains("levity", json.RootElement.GetRawText(), StringComparison.Ordinal);
        var svg = ReportSvgChart.Render(report);
        Assert.StartsWith("<svg", svg.TrimStart(), StringComparison.Ordinal);
        Assert.Contains("<rect", svg, StringComparison.Ordinal);
    }
}
