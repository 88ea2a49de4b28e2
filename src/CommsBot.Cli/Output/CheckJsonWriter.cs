using System.Text.Json;
using CommsBot.Guidelines;

namespace CommsBot.Cli.Output;

/// <summary>
/// <c>check --format json</c>: <c>{"verdict", "findings": [{"rule", "severity", "start", "length", "title", "message",
/// "fix": {"title", "edits": [{"start", "length", "text"}]}}], "revisedText"}</c>. Spans are in UTF-16 code units.
/// </summary>
internal static class CheckJsonWriter
{
    public static Task WriteAsync(TextWriter output, Review review) => JsonOutput.WriteAsync(output, indented: true, writer => Write(writer, review));

    public static void Write(Utf8JsonWriter writer, Review review)
    {
        writer.WriteStartObject();
        writer.WriteString("verdict", review.Verdict.ToWire());
        writer.WriteStartArray("findings");
        foreach (var finding in review.Findings)
        {
            writer.WriteStartObject();
            writer.WriteString("rule", finding.RuleId);
            writer.WriteString("severity", finding.Severity.ToWire());
            writer.WriteNumber("start", finding.Span.Start);
            writer.WriteNumber("length", finding.Span.Length);
            writer.WriteString("title", finding.Rule.Title);
            writer.WriteString("message", finding.Rule.Message);
            writer.WriteStartObject("fix");
            writer.WriteString("title", finding.Fix.Title);
            writer.WriteStartArray("edits");
            foreach (var edit in finding.Fix.Edits)
            {
                writer.WriteStartObject();
                writer.WriteNumber("start", edit.Span.Start);
                writer.WriteNumber("length", edit.Span.Length);
                writer.WriteString("text", edit.NewText);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteString("revisedText", review.RevisedText);
        writer.WriteEndObject();
    }
}
