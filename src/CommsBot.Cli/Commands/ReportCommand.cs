using System.CommandLine;
using System.Data.Common;
using CommsBot.Reporting;

namespace CommsBot.Cli.Commands;

/// <summary><c>commsbot report</c>: the comms team's usage report from the bot's stored counts (never drafts).</summary>
internal static class ReportCommand
{
    public static (Command Command, string[] HelpFooter) Create(CliHost host, TimeProvider? time = null)
    {
        var since = new Option<string>("--since", "-s")
        {
            Description = "The window: 24h, 30d, 12w, or a UTC date (2026-03-01). Counts are kept per UTC day.",
            DefaultValueFactory = _ => "30d",
            HelpName = "WINDOW",
        };
        var format = new Option<string>("--format", "-f")
        {
            Description = "text: for people; json: for dashboards and scripts.",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong("text", "json");
        var database = new Option<string?>("--database")
        {
            Description = "The bot's SQLite file. Default: the bot's Storage settings (environment, or appsettings.json beside this program), else data/commsbot.db here.",
            HelpName = "FILE",
        };
        var connection = new Option<string?>("--connection-string")
        {
            Description = "A connection string instead (PostgreSQL when it has Host=, else SQLite).",
            HelpName = "CS",
        };
        var provider = new Option<string?>("--provider")
        {
            Description = "The provider of --connection-string, when it cannot be told from it.",
        };
        provider.AcceptOnlyFromAmong("sqlite", "postgres");
        var chart = new Option<string?>("--chart")
        {
            Description = "Also write an SVG bar chart (verdicts, top rules, not-an-issue reports, nudges) to FILE.",
            HelpName = "FILE",
        };
        var top = new Option<int>("--top")
        {
            Description = "How many rules to list.",
            DefaultValueFactory = _ => 10,
        };

        var command = new Command("report", "The usage report for the comms team: checks run, verdict mix, top rules hit, not-an-issue reports per rule, fixes applied, nudges sent and acted on. Reads the bot's database; never drafts.")
        {
            since, format, database, connection, provider, chart, top,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(database) is not null && result.GetValue(connection) is not null)
            {
                result.AddError("give --database or --connection-string, not both.");
            }
        });

        command.SetAction(async (parse, cancellationToken) =>
        {
            var now = (time ?? TimeProvider.System).GetUtcNow();
            if (!UsageReportBuilder.TryParseSince(parse.GetValue(since), now, out var from))
            {
                await host.Error.WriteLineAsync("commsbot: --since takes 24h, 30d, 12w or a date such as 2026-03-01.");
                return ExitCodes.UsageOrInputError;
            }

            var target = ReportDatabase.Resolve(parse.GetValue(database), parse.GetValue(connection), parse.GetValue(provider), host, out var error);
            if (target is null)
            {
                await host.Error.WriteLineAsync("commsbot: " + error);
                return ExitCodes.UsageOrInputError;
            }

            UsageData data;
            try
            {
                await using var db = await target.OpenAsync(cancellationToken);
                data = await UsageDataReader.ReadAsync(db, cancellationToken);
            }
            catch (DbException e)
            {
                // The type only: a provider's message can carry the connection string's host or user.
                await host.Error.WriteLineAsync($"commsbot: could not read the bot's database {(target.IsPostgres ? "(PostgreSQL)" : target.Description)}: {e.GetType().Name}. Has the bot run against it (its tables are created at start-up)?");
                return ExitCodes.UsageOrInputError;
            }

            var report = UsageReportBuilder.Build(data, from, now, Math.Max(1, parse.GetValue(top)));
            await host.Out.WriteAsync(parse.GetValue(format) == "json" ? ReportJsonWriter.Write(report) + "\n" : ReportTextWriter.Text(report));
            if (parse.GetValue(chart) is { } chartPath)
            {
                await File.WriteAllTextAsync(chartPath, ReportSvgChart.Render(report), cancellationToken);
                await host.Error.WriteLineAsync($"Chart written to {chartPath}");
            }

            await host.Out.FlushAsync(cancellationToken);
            return ExitCodes.Ready;
        });

        string[] footer =
        [
            "The bot keeps counts, not drafts: each check adds to its verdict and rules, per UTC day.",
            "",
            "Examples:",
            "  commsbot report --database src/CommsBot.Bot/bin/Debug/net10.0/data/commsbot.db",
            "  commsbot report --since 7d --format json",
            "  commsbot report --since 2026-03-01 --chart report.svg",
            "  commsbot report --connection-string 'Host=db;Database=commsbot;Username=commsbot;Password=...'",
        ];
        return (command, footer);
    }
}
