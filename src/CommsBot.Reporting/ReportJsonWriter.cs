using System.Text.Encodings.Web;
using System.Text.Json;

namespace CommsBot.Reporting;

/// <summary>The report as JSON (a stable, documented shape for dashboards and scripts).</summary>
public static class ReportJsonWriter
{
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(UsageReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, Options))
        {
            w.WriteStartObject();
            w.WriteString("since", report.Since.ToUniversalTime());
            w.WriteString("until", report.Until.ToUniversalTime());
            w.WriteNumber("checks", report.Checks);
            Counts(w, "verdicts", report.Verdicts);
            w.WriteNumber("fixesApplied", report.FixesApplied);
            w.WriteNumber("fixedFindings", report.FixedFindings);
            w.WriteNumber("falsePositiveReports", report.FalsePositiveTotal);
            List(w, "topRules", "rule", report.TopRules);
            List(w, "falsePositivesByRule", "rule", report.FalsePositives);
            if (report.Nudges is { } n)
            {
                w.WriteStartObject("nudges");
                w.WriteNumber("sent", n.Sent);
                w.WriteNumber("actedOn", n.ActedOn);
                w.WriteNumber("failed", n.Failed);
                w.WriteNumber("pending", n.Pending);
                w.WriteStartArray("kinds");
                foreach (var k in n.Kinds)
                {
                    w.WriteStartObject();
                    w.WriteString("kind", k.Kind);
                    w.WriteNumber("sent", k.Sent);
                    w.WriteNumber("actedOn", k.ActedOn);
                    w.WriteNumber("failed", k.Failed);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }
            else
            {
                w.WriteNull("nudges");
            }

            if (report.Reviews is { } r)
            {
                w.WriteStartObject("reviews");
                w.WriteNumber("requests", r.Requests);
                w.WriteNumber("open", r.Open);
                Counts(w, "decisions", r.Decisions);
                if (r.MedianTimeToDecision is { } median)
                {
                    w.WriteNumber("medianHoursToDecision", Math.Round(median.TotalHours, 2));
                }
                else
                {
                    w.WriteNull("medianHoursToDecision");
                }

                w.WriteEndObject();
            }
            else
            {
                w.WriteNull("reviews");
            }

            w.WriteNumber("allTimeChecks", report.AllTimeChecks);
            if (report.FirstDay is { } first)
            {
                w.WriteString("dailyCountsSince", first.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                w.WriteNull("dailyCountsSince");
            }

            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Counts(Utf8JsonWriter w, string name, IReadOnlyList<NamedCount> counts)
    {
        w.WriteStartObject(name);
        foreach (var c in counts)
        {
            w.WriteNumber(c.Name, c.Count);
        }

        w.WriteEndObject();
    }

    private static void List(Utf8JsonWriter w, string name, string key, IReadOnlyList<NamedCount> counts)
    {
        w.WriteStartArray(name);
        foreach (var c in counts)
        {
            w.WriteStartObject();
            w.WriteString(key, c.Name);
            w.WriteNumber("count", c.Count);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }
}
