using System.Xml.Linq;
using Microsoft.Data.Sqlite;

namespace CommsBot.Cli.Tests.Commands;

/// <summary><c>commsbot report</c> against a database with the bot's tables (the counts the bot writes: running
/// totals and per-day copies). The bot's own session-to-report test is in CommsBot.Bot.Tests/Operations.</summary>
public sealed class ReportCommandTests : IDisposable
{
    private readonly TempDir temp = new();
    private readonly string database;

    public ReportCommandTests()
    {
        database = Path.Combine(temp.Path, "commsbot.db");
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var old = DateTime.UtcNow.AddDays(-60).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        Execute(connection, """
            CREATE TABLE "UsageCounters" ("Name" TEXT NOT NULL PRIMARY KEY, "Count" INTEGER NOT NULL, "UpdatedAt" TEXT NOT NULL);
            CREATE TABLE "FalsePositiveReports" ("Id" INTEGER PRIMARY KEY AUTOINCREMENT, "RuleId" TEXT NOT NULL, "DraftHash" TEXT NOT NULL, "ReportedAt" TEXT NOT NULL);
            CREATE TABLE "NudgeOutbox" ("Id" INTEGER PRIMARY KEY AUTOINCREMENT, "Kind" TEXT NOT NULL, "ConversationKey" TEXT NOT NULL, "Period" TEXT NOT NULL,
                "PayloadJson" TEXT NOT NULL, "Status" TEXT NOT NULL, "Attempts" INTEGER NOT NULL, "NotBeforeMs" INTEGER NOT NULL, "ClaimedBy" TEXT NULL,
                "ClaimedUntilMs" INTEGER NULL, "LastError" TEXT NULL, "CreatedAtMs" INTEGER NOT NULL, "DeliveredAtMs" INTEGER NULL);
            """);
        var counters = new Dictionary<string, long>
        {
            ["checks"] = 12, ["verdict:ready"] = 5, ["verdict:revise"] = 4, ["verdict:do-not-post"] = 3,
            ["rule:undisclosed-partnership"] = 3, ["rule:patient-identifiers"] = 2, ["fixes-applied"] = 2,
            [$"day:{today}:checks"] = 7, [$"day:{today}:verdict:ready"] = 3, [$"day:{today}:verdict:revise"] = 2, [$"day:{today}:verdict:do-not-post"] = 2,
            [$"day:{today}:rule:undisclosed-partnership"] = 2, [$"day:{today}:rule:patient-identifiers"] = 1, [$"day:{today}:fixes-applied"] = 1,
            [$"day:{today}:nudge-acted:colleague-promotion"] = 1,
            [$"day:{old}:checks"] = 5, [$"day:{old}:verdict:ready"] = 2, [$"day:{old}:verdict:revise"] = 2, [$"day:{old}:verdict:do-not-post"] = 1,
        };
        foreach (var (name, count) in counters)
        {
            Execute(connection, $"""INSERT INTO "UsageCounters" VALUES ('{name}', {count}, '2026-03-02 09:00:00+00:00')""");
        }

        var now = DateTimeOffset.UtcNow;
        Execute(connection, $"""INSERT INTO "FalsePositiveReports" ("RuleId", "DraftHash", "ReportedAt") VALUES ('patient-identifiers', 'h1', '{now.AddDays(-1):yyyy-MM-dd HH:mm:ss}+00:00'), ('patient-identifiers', 'h2', '{now.AddDays(-90):yyyy-MM-dd HH:mm:ss}+00:00')""");
        var ms = now.ToUnixTimeMilliseconds();
        Execute(connection, $"""
            INSERT INTO "NudgeOutbox" ("Kind", "ConversationKey", "Period", "PayloadJson", "Status", "Attempts", "NotBeforeMs", "CreatedAtMs", "DeliveredAtMs") VALUES
            ('colleague-promotion', 'c1', 'p1', '{"{}"}', 'delivered', 1, {ms}, {ms}, {ms}),
            ('colleague-promotion', 'c2', 'p1', '{"{}"}', 'delivered', 1, {ms}, {ms}, {ms}),
            ('conference-highlight', 'c1', 'p2', '{"{}"}', 'failed', 6, {ms}, {ms}, NULL)
            """);
    }

    [Fact]
    public async Task Report_Text_PrintsTheCountsOfTheWindow()
    {
        var result = await CliRun.RunAsync(["report", "--database", database]);

        result.AssertExitCode(0);
        Assert.Contains("Checks run              7", result.Out, StringComparison.Ordinal);
        Assert.Matches(@"do-not-post\s+2\s+29%", result.Out);
        Assert.Matches(@"undisclosed-partnership\s+2", result.Out);
        Assert.Contains("Fixes applied           1", result.Out, StringComparison.Ordinal);
        Assert.Matches(@"False-positive reports per rule\s+patient-identifiers\s+1", result.Out);
        Assert.Contains("Nudges: 2 sent, 1 acted on, 1 failed, 0 waiting", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_JsonOverNinetyDays_IncludesOlderCounts()
    {
        var result = await CliRun.RunAsync(["report", "--database", database, "--since", "90d", "--format", "json"]);

        result.AssertExitCode(0);
        using var json = result.Json();
        var root = json.RootElement;
        Assert.Equal(12, root.GetProperty("checks").GetInt64());
        Assert.Equal(5, root.GetProperty("verdicts").GetProperty("ready").GetInt64());
        Assert.Equal(12, root.GetProperty("allTimeChecks").GetInt64());
        Assert.Equal("undisclosed-partnership", root.GetProperty("topRules")[0].GetProperty("rule").GetString());
        Assert.Equal(1, root.GetProperty("falsePositiveReports").GetInt64());
        Assert.Equal(2, root.GetProperty("nudges").GetProperty("sent").GetInt64());
    }

    [Fact]
    public async Task Report_Chart_WritesAnSvgWithABarPerRow()
    {
        var chart = Path.Combine(temp.Path, "report.svg");

        var result = await CliRun.RunAsync(["report", "--database", database, "--chart", chart]);

        result.AssertExitCode(0);
        var svg = XDocument.Load(chart);
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(ns + "svg", svg.Root!.Name);
        var bars = svg.Descendants(ns + "rect").Select(r => (string?)r.Element(ns + "title")).Where(t => t is not null).ToList();
        Assert.Contains("do-not-post: 2", bars);
        Assert.Contains("undisclosed-partnership: 2", bars);
        Assert.Contains("patient-identifiers: 1", bars);
        Assert.Contains("Chart written to", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_BotSettingsFromTheEnvironment_FindTheDatabase()
    {
        var result = await CliRun.RunAsync(["report"], environment: new Dictionary<string, string> { ["Storage__DataDirectory"] = temp.Path });

        result.AssertExitCode(0);
        Assert.Contains("Checks run              7", result.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--since", "yesterday")]
    [InlineData("--since", "0d")]
    [InlineData("--database", "/nonexistent/commsbot.db")]
    public async Task Report_BadInput_ExitsWithUsageError(string option, string value)
    {
        string[] args = option == "--database" ? ["report", option, value] : ["report", "--database", database, option, value];

        var result = await CliRun.RunAsync(args);

        result.AssertExitCode(2);
        Assert.StartsWith("commsbot:", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_NotTheBotsDatabase_ExitsWithUsageErrorNamingNoSecret()
    {
        var other = temp.File("other.db", "");

        var result = await CliRun.RunAsync(["report", "--database", other]);

        result.AssertExitCode(2);
        Assert.Contains("SqliteException", result.Error, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        temp.Dispose();
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
