using System.Globalization;
using System.Text;

namespace CommsBot.Reporting;

/// <summary>The report as plain text for a terminal (and, with <see cref="Markdown"/>, for a chat notice card).</summary>
public static class ReportTextWriter
{
    /// <summary>The report as aligned plain text.</summary>
    public static string Text(UsageReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var s = new StringBuilder();
        s.Append(CultureInfo.InvariantCulture, $"CommsBot usage, {Day(report.Since)} to {Day(report.Until)} (UTC)").AppendLine();
        s.AppendLine();
        s.Append(CultureInfo.InvariantCulture, $"Checks run       {report.Checks,8}").AppendLine();
        foreach (var v in report.Verdicts)
        {
            s.Append(CultureInfo.InvariantCulture, $"  {v.Name,-14} {v.Count,8}  {Percent(v.Count, report.Checks),5}").AppendLine();
        }

        s.Append(CultureInfo.InvariantCulture, $"Fixes applied    {report.FixesApplied,8}  ({report.FixedFindings} findings fixed)").AppendLine();
        s.Append(CultureInfo.InvariantCulture, $"Not-an-issue     {report.FalsePositiveTotal,8}").AppendLine();
        s.AppendLine();
        Table(s, "Top rules hit (checks in which the rule fired)", report.TopRules);
        Table(s, "False-positive reports per rule", report.FalsePositives);
        if (report.Nudges is { } n)
        {
            s.Append(CultureInfo.InvariantCulture, $"Nudges: {n.Sent} sent, {n.ActedOn} acted on, {n.Failed} failed, {n.Pending} waiting").AppendLine();
            foreach (var k in n.Kinds)
            {
                s.Append(CultureInfo.InvariantCulture, $"  {k.Kind,-28} {k.Sent,6} sent {k.ActedOn,6} acted on {k.Failed,6} failed").AppendLine();
            }
        }
        else
        {
            s.AppendLine("Nudges: not set up in this database.");
        }

        if (report.Reviews is { } r)
        {
            s.Append(CultureInfo.InvariantCulture, $"Review requests: {r.Requests} made, {r.Open} still open, {r.DecisionTotal} decided, median time to decision {Duration(r.MedianTimeToDecision)}").AppendLine();
            foreach (var d in r.Decisions)
            {
                s.Append(CultureInfo.InvariantCulture, $"  {d.Name,-28} {d.Count,6}").AppendLine();
            }
        }

        if (report.WindowPredatesCounts)
        {
            s.AppendLine();
            s.Append(CultureInfo.InvariantCulture, $"Daily counts start on {report.FirstDay:yyyy-MM-dd}; {report.AllTimeChecks} checks in all since the database was created.").AppendLine();
        }

        return s.ToString();
    }

    /// <summary>The report as notice-card text: <c>**bold**</c> and <c>`code`</c> only, which each channel's
    /// renderer turns into its own markup.</summary>
    public static string Markdown(UsageReport report, int maxRules = 5)
    {
        ArgumentNullException.ThrowIfNull(report);
        var s = new StringBuilder();
        s.Append(CultureInfo.InvariantCulture, $"{Day(report.Since)} to {Day(report.Until)} (UTC)").AppendLine().AppendLine();
        s.Append(CultureInfo.InvariantCulture, $"**{report.Checks}** checks: ")
            .AppendJoin(", ", report.Verdicts.Select(v => $"{v.Count} {v.Name}")).AppendLine().AppendLine();
        s.Append(CultureInfo.InvariantCulture, $"**{report.FixesApplied}** fixes applied, **{report.FalsePositiveTotal}** not-an-issue reports").AppendLine().AppendLine();
        if (report.TopRules.Count > 0)
        {
            s.Append("**Top rules:** ").AppendJoin(", ", report.TopRules.Take(maxRules).Select(r => $"`{r.Name}` {r.Count}")).AppendLine().AppendLine();
        }

        if (report.FalsePositives.Count > 0)
        {
            s.Append("**Not an issue:** ").AppendJoin(", ", report.FalsePositives.Take(maxRules).Select(r => $"`{r.Name}` {r.Count}")).AppendLine().AppendLine();
        }

        if (report.Nudges is { } n)
        {
            s.Append(CultureInfo.InvariantCulture, $"**Nudges:** {n.Sent} sent, {n.ActedOn} acted on, {n.Failed} failed").AppendLine();
        }

        if (report.Reviews is { } r)
        {
            s.AppendLine();
            s.Append(CultureInfo.InvariantCulture, $"**Review requests:** {r.Requests} made, {r.Open} open; ")
                .AppendJoin(", ", r.Decisions.Select(d => $"{d.Count} {d.Name}"))
                .Append(CultureInfo.InvariantCulture, $"; median time to decision {Duration(r.MedianTimeToDecision)}").AppendLine();
        }

        return s.ToString().TrimEnd();
    }

    private static void Table(StringBuilder s, string title, IReadOnlyList<NamedCount> rows)
    {
        s.AppendLine(title);
        if (rows.Count == 0)
        {
            s.AppendLine("  (none)");
        }

        var width = rows.Count == 0 ? 0 : rows.Max(r => r.Name.Length);
        foreach (var r in rows)
        {
            s.Append("  ").Append(r.Name.PadRight(width)).Append(CultureInfo.InvariantCulture, $" {r.Count,8}").AppendLine();
        }

        s.AppendLine();
    }

    /// <summary>A time to decision: minutes under an hour, hours under two days, days after that; "n/a" without one.</summary>
    public static string Duration(TimeSpan? span) => span switch
    {
        null => "n/a",
        { TotalHours: < 1 } t => $"{t.TotalMinutes.ToString("0", CultureInfo.InvariantCulture)} min",
        { TotalHours: < 48 } t => $"{t.TotalHours.ToString("0.#", CultureInfo.InvariantCulture)} h",
        { } t => $"{t.TotalDays.ToString("0.#", CultureInfo.InvariantCulture)} days",
    };

    private static string Day(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Percent(long part, long whole) =>
        whole == 0 ? "" : ((double)part / whole).ToString("P0", CultureInfo.InvariantCulture).Replace(" ", "", StringComparison.Ordinal);
}
