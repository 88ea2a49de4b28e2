using CommsBot.Bot.Conversations;
using CommsBot.Bot.Storage;
using CommsBot.Bot.Tests.Hosting;
using CommsBot.Reporting;
using Microsoft.Data.Sqlite;

namespace CommsBot.Bot.Tests.Operations;

public sealed class UsageReportTests
{
    private const string Sponsored = "Swipe up to save 20% with code DOCTOR for my favourite scrubs";
    private const string Ready = "Wash your hands: it is the cheapest infection control there is.";

    [Fact]
    public async Task ScriptedSession_ReportFromTheBotsDatabaseFile_HasTheRealCounts()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "commsbot-tests", Guid.NewGuid().ToString("N"));
        await using (var sut = new BotHostFactory(new Dictionary<string, string?> { ["Storage:DataDirectory"] = dataDirectory, ["Reports:Readers:0"] = "msteams:29:user-1" }))
        {
            using var client = sut.CreateClient();
            var card = await OperationsHost.CheckAsync(client, Sponsored);
            await OperationsHost.CheckAsync(client, Sponsored + " today");
            await OperationsHost.CheckAsync(client, Ready);
            await OperationsHost.PressAsync(client, card, "applyFixes");
            await OperationsHost.PressAsync(client, card, "notAnIssue");

            // The chat command flushes the pending counts and renders the same report as a notice card.
            var report = (await OperationsHost.CheckAsync(client, "report")).ToString();
            Assert.Contains("CommsBot usage", report, StringComparison.Ordinal);
            // Applying the fixes checks the fixed draft again: four checks in all.
            Assert.Contains("**4** checks: 1 ready, 1 revise, 2 do-not-post", report, StringComparison.Ordinal);
            Assert.Contains("`undisclosed-partnership` 2", report, StringComparison.Ordinal);
            Assert.Contains("**1** fixes applied, **1** not-an-issue reports", report, StringComparison.Ordinal);
        }

        // What `commsbot report` does: the file, opened read-only by another program, after the bot stopped.
        var file = Path.Combine(dataDirectory, "commsbot.db");
        await using var connection = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        var data = await UsageDataReader.ReadAsync(connection, CancellationToken.None);
        var now = DateTimeOffset.UtcNow;
        var sutReport = UsageReportBuilder.Build(data, now.AddDays(-30), now);

        Assert.Equal(4, sutReport.Checks);
        Assert.Equal(4, sutReport.AllTimeChecks);
        Assert.Equal(1, sutReport.Verdicts.Single(v => v.Name == "revise").Count);
        Assert.Equal(2, sutReport.Verdicts.Single(v => v.Name == "do-not-post").Count);
        Assert.Equal(1, sutReport.Verdicts.Single(v => v.Name == "ready").Count);
        Assert.Equal(new NamedCount("undisclosed-partnership", 2), sutReport.TopRules[0]);
        Assert.Equal(1, sutReport.FixesApplied);
        var falsePositive = Assert.Single(sutReport.FalsePositives);
        Assert.Equal(1, falsePositive.Count);
        Assert.NotNull(sutReport.Nudges);
        Assert.Contains(data.Counters.Keys, k => k.StartsWith("day:", StringComparison.Ordinal) && k.EndsWith(":checks", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("Reports:Readers:0", "msteams:29:someone-else")]
    [InlineData("Nudges:Admins:0", "slack:29:user-1")]
    public async Task Report_FromSomeoneNotAReaderOrAdmin_IsRefusedWithoutCounts(string? setting, string? value)
    {
        var settings = new Dictionary<string, string?>();
        if (setting is not null)
        {
            settings[setting] = value;
        }

        await using var sut = new BotHostFactory(settings);
        using var client = sut.CreateClient();
        await OperationsHost.CheckAsync(client, Sponsored);

        var card = (await OperationsHost.CheckAsync(client, "report")).ToString();

        Assert.Contains("The report is for the communications team", card, StringComparison.Ordinal);
        Assert.DoesNotContain("CommsBot usage", card, StringComparison.Ordinal);
        Assert.DoesNotContain("checks", card, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_FromANudgesAdmin_IsAnswered()
    {
        await using var sut = new BotHostFactory(new Dictionary<string, string?> { ["Nudges:Admins:0"] = "msteams:29:user-1" });
        using var client = sut.CreateClient();

        var card = (await OperationsHost.CheckAsync(client, "report")).ToString();

        Assert.Contains("CommsBot usage", card, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("report", 30)]
    [InlineData("/report", 30)]
    [InlineData("report 7d", 7)]
    [InlineData("report 2w", 14)]
    public void Parse_Report_IsTheReportCommand(string text, int days)
    {
        var command = Assert.IsType<Command.Report>(CommandParser.Parse(text, personalChat: true));
        Assert.Equal(TimeSpan.FromDays(days), command.Window);
    }

    [Fact]
    public void Parse_AReportInADraft_IsStillADraft()
    {
        Assert.IsType<Command.Check>(CommandParser.Parse("Report 5 cases of measles to the county today", personalChat: true));
    }
}
