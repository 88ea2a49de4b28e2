using System.Text.Json;
using CommsBot.Guidelines;

namespace CommsBot.Cli.Output;

/// <summary>
/// <c>eval --format json</c>: <c>{"drafts", "malformedLines", "verdictAccuracy", "issueMacroF1", "opportunityMacroF1",
/// "rules": [{"rule", "category", "precision", "recall", "f1", "support", "tp", "fp", "fn"}],
/// "confusion": [{"expected", "actual", "count"}], "errors"?: [{"id", "expected", "actual", "missed", "extra", "text"}]}</c>.
/// </summary>
internal static class EvalJsonWriter
{
    public static Task WriteAsync(TextWriter output, EvalReport report, bool showErrors) =>
        JsonOutput.WriteAsync(output, indented: true, writer => Write(writer, report, showErrors));

    private static void Write(Utf8JsonWriter writer, EvalReport report, bool showErrors)
    {
        var score = report.Score;
        writer.WriteStartObject();
        writer.WriteString("pack", report.Pack.Name);
        writer.WriteNumber("drafts", report.Drafts);
        writer.WriteNumber("malformedLines", report.MalformedLines);
        writer.WriteNumber("verdictAccuracy", JsonOutput.Round(score.VerdictAccuracy));
        writer.WriteNumber("issueMacroF1", JsonOutput.Round(score.IssueMacroF1));
        writer.WriteNumber("opportunityMacroF1", JsonOutput.Round(score.OpportunityMacroF1));
        writer.WriteBoolean("learned", report.RulesOnly is not null);
        if (report.RulesOnly is { } rulesOnly)
        {
            writer.WriteStartObject("rulesOnly");
            writer.WriteNumber("verdictAccuracy", JsonOutput.Round(rulesOnly.VerdictAccuracy));
            writer.WriteNumber("issueMacroF1", JsonOutput.Round(rulesOnly.IssueMacroF1));
            writer.WriteNumber("opportunityMacroF1", JsonOutput.Round(rulesOnly.OpportunityMacroF1));
            writer.WriteEndObject();
        }

        writer.WriteStartArray("rules");
        foreach (var rule in score.Rules)
        {
            writer.WriteStartObject();
            writer.WriteString("rule", rule.RuleId);
            writer.WriteString("category", rule.Category.ToWire());
            writer.WriteNumber("precision", JsonOutput.Round(rule.Precision));
            writer.WriteNumber("recall", JsonOutput.Round(rule.Recall));
            writer.WriteNumber("f1", JsonOutput.Round(rule.F1));
            writer.WriteNumber("support", rule.Support);
            writer.WriteNumber("tp", rule.TruePositives);
            writer.WriteNumber("fp", rule.FalsePositives);
            writer.WriteNumber("fn", rule.FalseNegatives);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("confusion");
        foreach (var expected in EvalReport.Verdicts)
        {
            foreach (var actual in EvalReport.Verdicts)
            {
                writer.WriteStartObject();
                writer.WriteString("expected", expected.ToWire());
                writer.WriteString("actual", actual.ToWire());
                writer.WriteNumber("count", report.Confusion(expected, actual));
                writer.WriteEndObject();
            }
        }

        writer.WriteEndArray();
        if (showErrors)
        {
            writer.WriteStartArray("errors");
            foreach (var outcome in report.Errors)
            {
                writer.WriteStartObject();
                writer.WriteString("id", outcome.Draft.Id);
                writer.WriteString("expected", outcome.Draft.Verdict.ToWire());
                writer.WriteString("actual", outcome.Verdict.ToWire());
                WriteStrings(writer, "missed", outcome.Missed.Where(report.IsScored));
                WriteStrings(writer, "extra", outcome.Extra);
                writer.WriteString("text", EvalTextWriter.Preview(outcome.Draft.Text));
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter writer, string name, IEnumerable<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }
}
