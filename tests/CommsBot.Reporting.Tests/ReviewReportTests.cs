using System.Text.Json;

namespace CommsBot.Reporting.Tests;

public sealed class ReviewReportTests
{
    private static readonly DateTimeOffset Since = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Until = new(2026, 3, 8, 0, 0, 0, TimeSpan.Zero);

    private static UsageData Data() => new(
        new Dictionary<string, long>(StringComparer.Ordinal),
        [],
        null,
        [
            new ReviewRow("approved", Since.AddHours(1), Since.AddHours(3)), // 2 h
            new ReviewRow("changes-requested", Since.AddHours(2), Since.AddHours(8)), // 6 h
            new ReviewRow("approved", Since.AddDays(1), Since.AddDays(1).AddHours(4)), // 4 h
            new ReviewRow("open", Since.AddDays(2), null),
            new ReviewRow("taken", Since.AddDays(3), null),
            new ReviewRow("approved", Since.AddDays(-10), Since.AddDays(-9)), // before the window
        ]);

    [Fact]
    public void Build_ReviewRows_CountsRequestsDecisionsByKindAndTheMedianTimeToDecision()
    {
        var sut = UsageReportBuilder.Build(Data(), Since, Until).Reviews;

        Assert.NotNull(sut);
        Assert.Equal((5L, 2L), (sut.Requests, sut.Open));
        Assert.Equal([new NamedCount("approved", 2), new NamedCount("changes-requested", 1)], sut.Decisions);
        Assert.Equal(TimeSpan.FromHours(4), sut.MedianTimeToDecision);
    }

    [Fact]
    public void Writers_ReviewSummary_InTextJsonAndChart()
    {
        var report = UsageReportBuilder.Build(Data(), Since, Until);

        Assert.Contains("Review requests: 5 made, 2 still open, 3 decided, median time to decision 4 h", ReportTextWriter.Text(report), StringComparison.Ordinal);
        Assert.Contains("**Review requests:** 5 made, 2 open; 2 approved, 1 changes-requested; median time to decision 4 h", ReportTextWriter.Markdown(report), StringComparison.Ordinal);
        using var json = JsonDocument.Parse(ReportJsonWriter.Write(report));
        var reviews = json.RootElement.GetProperty("reviews");
        Assert.Equal(5, reviews.GetProperty("requests").GetInt32());
        Assert.Equal(2, reviews.GetProperty("decisions").GetProperty("approved").GetInt32());
        Assert.Equal(1, reviews.GetProperty("decisions").GetProperty("changes-requested").GetInt32());
        Assert.Equal(4.0, reviews.GetProperty("medianHoursToDecision").GetDouble());
        var svg = ReportSvgChart.Render(report);
        Assert.Contains("Review requests (median time to decision 4 h)", svg, StringComparison.Ordinal);
        Assert.Contains("changes-requested", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_NoReviewTables_ReviewsIsNullAndJsonSaysSo()
    {
        var report = UsageReportBuilder.Build(Data() with { Reviews = null }, Since, Until);

        Assert.Null(report.Reviews);
        using var json = JsonDocument.Parse(ReportJsonWriter.Write(report));
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("reviews").ValueKind);
    }
}
