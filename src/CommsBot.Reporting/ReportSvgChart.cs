using System.Globalization;
using System.Security;
using System.Text;

namespace CommsBot.Reporting;

/// <summary>
/// The report as an SVG bar chart: verdict mix, top rules and false-positive reports per rule, one horizontal bar per
/// row, each section scaled to its own largest count. Hand-written SVG: no chart library, no fonts to ship.
/// </summary>
public static class ReportSvgChart
{
    private const int Width = 760;
    private const int LabelWidth = 260;
    private const int BarMax = 400;
    private const int Row = 24;

    private static readonly Dictionary<string, string> VerdictColours = new(StringComparer.Ordinal)
    {
        ["ready"] = "#2e7d32",
        ["revise"] = "#f9a825",
        ["do-not-post"] = "#c62828",
    };

    public static string Render(UsageReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var body = new StringBuilder();
        var y = 40;
        Title(body, ref y, $"CommsBot usage {Day(report.Since)} to {Day(report.Until)}: {report.Checks} checks, {report.FixesApplied} fixes applied", 16);
        Section(body, ref y, "Verdicts", report.Verdicts, v => VerdictColours.GetValueOrDefault(v, "#546e7a"));
        Section(body, ref y, "Top rules hit", report.TopRules, _ => "#1565c0");
        Section(body, ref y, "Not-an-issue reports per rule", report.FalsePositives, _ => "#6a1b9a");
        if (report.Nudges is { } n)
        {
            Section(body, ref y, "Nudges", [new("sent", n.Sent), new("acted on", n.ActedOn), new("failed", n.Failed)], _ => "#00838f");
        }

        if (report.Reviews is { } r)
        {
            Section(
                body,
                ref y,
                $"Review requests (median time to decision {ReportTextWriter.Duration(r.MedianTimeToDecision)})",
                [new("requests", r.Requests), new("open", r.Open), .. r.Decisions],
                name => name switch { "approved" => "#2e7d32", "changes-requested" => "#f9a825", _ => "#455a64" });
        }

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"""<svg xmlns="http://www.w3.org/2000/svg" width="{Width}" height="{y + 10}" viewBox="0 0 {Width} {y + 10}" font-family="sans-serif" font-size="13" role="img">""").Append('\n');
        svg.Append(CultureInfo.InvariantCulture, $"""<rect width="{Width}" height="{y + 10}" fill="#ffffff"/>""").Append('\n');
        svg.Append(body);
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static void Title(StringBuilder s, ref int y, string text, int size)
    {
        s.Append(CultureInfo.InvariantCulture, $"""<text x="16" y="{y - 14}" font-size="{size}" font-weight="bold" fill="#212121">{Escape(text)}</text>""").Append('\n');
        y += 8;
    }

    private static void Section(StringBuilder s, ref int y, string title, IReadOnlyList<NamedCount> rows, Func<string, string> colour)
    {
        y += 14;
        Title(s, ref y, title, 14);
        if (rows.Count == 0)
        {
            s.Append(CultureInfo.InvariantCulture, $"""<text x="24" y="{y + 2}" fill="#757575">none</text>""").Append('\n');
            y += Row;
            return;
        }

        var max = Math.Max(1, rows.Max(r => r.Count));
        foreach (var r in rows)
        {
            var width = r.Count == 0 ? 0 : Math.Max(2, (int)Math.Round((double)r.Count / max * BarMax));
            s.Append(CultureInfo.InvariantCulture, $"""<text x="{LabelWidth - 8}" y="{y + 2}" text-anchor="end" fill="#212121">{Escape(r.Name)}</text>""").Append('\n');
            s.Append(CultureInfo.InvariantCulture, $"""<rect x="{LabelWidth}" y="{y - 12}" width="{width}" height="16" fill="{colour(r.Name)}"><title>{Escape(r.Name)}: {r.Count}</title></rect>""").Append('\n');
            s.Append(CultureInfo.InvariantCulture, $"""<text x="{LabelWidth + width + 6}" y="{y + 2}" fill="#424242">{r.Count}</text>""").Append('\n');
            y += Row;
        }
    }

    private static string Escape(string text) => SecurityElement.Escape(text) ?? "";

    private static string Day(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
