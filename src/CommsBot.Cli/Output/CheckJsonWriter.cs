using CommsBot.Guidelines;

namespace CommsBot.Cli.Output;

/// <summary>
/// <c>check --format json</c>: the review as <see cref="ReviewJson"/> writes it by default, indented:
/// <c>{"verdict", "findings": [{"rule", "severity", "start", "length", "title", "message",
/// "fix": {"title", "edits": [{"start", "length", "text"}]}}], "revisedText"}</c>. Spans are in UTF-16 code units.
/// </summary>
internal static class CheckJsonWriter
{
    public static Task WriteAsync(TextWriter output, Review review) => JsonOutput.WriteAsync(output, indented: true, writer => ReviewJson.Write(writer, review));
}
