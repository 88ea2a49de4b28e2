using System.Buffers;
using System.Text;
using System.Text.Json;
using CommsBot.Cli.Output;
using CommsBot.Guidelines;

namespace CommsBot.Cli.Commands;

/// <summary>How a JSON-lines run went.</summary>
/// <param name="Drafts">Non-blank input lines.</param>
/// <param name="BadLines">Lines that got an error line instead of a result.</param>
/// <param name="NotReady">Drafts whose verdict is revise or do-not-post.</param>
internal readonly record struct JsonlSummary(int Drafts, int BadLines, int NotReady);

/// <summary>
/// <c>check --jsonl</c>: streams drafts in, one result or error line out per non-blank input line, in input order.
/// One bad line never stops the run; memory stays flat however long the file is.
/// </summary>
internal sealed class JsonlCheckRunner(DraftReviewer reviewer, DraftContext defaults)
{
    private const int MaxEchoedValue = 40;

    /// <summary>A result line's review: <c>"verdict", "findings": [{"rule", "severity", "start", "length", "message",
    /// "fix"}]</c>, where <c>fix</c> is the fix's title; no rule title and no revised text.</summary>
    private static readonly ReviewJsonOptions LineShape = new() { Title = FindingTitlePlacement.None, Fix = FixShape.TitleOnly, RevisedText = false };

    private readonly ArrayBufferWriter<byte> buffer = new(4096);

    public async Task<JsonlSummary> RunAsync(TextReader input, TextWriter output, CancellationToken cancellationToken)
    {
        using var writer = new Utf8JsonWriter(buffer, JsonOutput.Compact);
        var lineNumber = 0;
        var drafts = 0;
        var bad = 0;
        var notReady = 0;
        while (await input.ReadLineAsync(cancellationToken) is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            drafts++;
            buffer.ResetWrittenCount();
            writer.Reset();
            switch (WriteResult(line, lineNumber, writer))
            {
                case null:
                    bad++;
                    break;
                case not Verdict.Ready:
                    notReady++;
                    break;
            }

            writer.Flush();

            // One write per line: a consumer reading the pipe line by line never sees half a record.
            await output.WriteLineAsync(Encoding.UTF8.GetString(buffer.WrittenSpan));
        }

        await output.FlushAsync(cancellationToken);
        return new JsonlSummary(drafts, bad, notReady);
    }

    /// <summary>Writes the result line, or the error line; returns the verdict, or null for an error.</summary>
    private Verdict? WriteResult(string line, int lineNumber, Utf8JsonWriter writer)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            // JsonException's message quotes the offending character of the draft: give the position only.
            WriteError(writer, default, lineNumber, $"not valid JSON (at byte {e.BytePositionInLine + 1 ?? 1})");
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                WriteError(writer, default, lineNumber, "not a JSON object");
                return null;
            }

            var id = root.TryGetProperty("id", out var idElement) ? idElement : default;
            if (!root.TryGetProperty("text", out var textElement) || textElement.ValueKind != JsonValueKind.String)
            {
                WriteError(writer, id, lineNumber, "missing \"text\" (a string)");
                return null;
            }

            var account = defaults.Account;
            if (TryGetString(root, "account", out var accountName) && !WireNames.TryParseAccount(accountName, out account))
            {
                WriteError(writer, id, lineNumber, $"unknown account '{Shorten(accountName)}'; use one of: {string.Join(", ", WireNames.Accounts)}");
                return null;
            }

            var platform = defaults.Platform;
            if (TryGetString(root, "platform", out var platformName) && !WireNames.TryParsePlatform(platformName, out platform))
            {
                WriteError(writer, id, lineNumber, $"unknown platform '{Shorten(platformName)}'; use one of: {string.Join(", ", WireNames.Platforms)}");
                return null;
            }

            Review review;
            try
            {
                review = reviewer.Review(textElement.GetString(), new DraftContext(account, platform));
            }
            catch (InvalidDraftException e)
            {
                WriteError(writer, id, lineNumber, e.Message);
                return null;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Keep going: one draft that trips the evaluator must not cost the lines after it. The message may quote the draft.
                WriteError(writer, id, lineNumber, $"internal error ({e.GetType().Name}); the draft could not be checked");
                return null;
            }

            writer.WriteStartObject();
            if (id.ValueKind == JsonValueKind.Undefined)
            {
                writer.WriteNull("id");
            }
            else
            {
                WriteId(writer, id);
            }

            ReviewJson.WriteProperties(writer, review, LineShape);
            writer.WriteEndObject();
            return review.Verdict;
        }
    }

    private static bool TryGetString(JsonElement root, string name, out string? value)
    {
        // Absent, null or blank means "not stated": the command-line default applies.
        if (root.TryGetProperty(name, out var element) && element.ValueKind != JsonValueKind.Null)
        {
            value = element.ValueKind == JsonValueKind.String ? element.GetString() : element.GetRawText();
            return !string.IsNullOrWhiteSpace(value);
        }

        value = null;
        return false;
    }

    private static void WriteError(Utf8JsonWriter writer, JsonElement id, int lineNumber, string error)
    {
        writer.WriteStartObject();
        WriteId(writer, id);
        writer.WriteNumber("line", lineNumber);
        writer.WriteString("error", error);
        writer.WriteEndObject();
    }

    private static void WriteId(Utf8JsonWriter writer, JsonElement id)
    {
        if (id.ValueKind != JsonValueKind.Undefined)
        {
            writer.WritePropertyName("id");
            id.WriteTo(writer);
        }
    }

    private static string? Shorten(string? value) =>
        value is { Length: > MaxEchoedValue } ? string.Concat(value.AsSpan(0, MaxEchoedValue), "…") : value;
}
