using System.Text.Json;

namespace CommsBot.Guidelines;

/// <summary>Where a finding's rule title goes in <see cref="ReviewJson"/>'s output, if anywhere.</summary>
public enum FindingTitlePlacement
{
    /// <summary>No title.</summary>
    None,

    /// <summary>Right after <c>rule</c>: <c>rule, title, severity, …</c>.</summary>
    AfterRule,

    /// <summary>After the span: <c>…, start, length, title, message, …</c>.</summary>
    AfterSpan,
}

/// <summary>How a finding's fix is written by <see cref="ReviewJson"/>.</summary>
public enum FixShape
{
    /// <summary><c>"fix": {"title", "edits": [{"start", "length", "text"}]}</c>.</summary>
    TitleAndEdits,

    /// <summary><c>"fix": "title"</c>: the fix's title only.</summary>
    TitleOnly,
}

/// <summary>Which of a review's fields <see cref="ReviewJson"/> writes, and in which shape. The default is the full
/// review of <c>commsbot check --format json</c>; each output states only what it adds or leaves out.</summary>
public sealed record ReviewJsonOptions
{
    /// <summary>The defaults: <c>{"verdict", "findings": [{"rule", "severity", "start", "length", "title", "message",
    /// "fix": {"title", "edits": [{"start", "length", "text"}]}}], "revisedText"}</c>, and <c>"notices": [...]</c> when
    /// the review has any (a draft not in English).</summary>
    public static ReviewJsonOptions Default { get; } = new();

    /// <summary>Where each finding's rule title goes (default: after the span).</summary>
    public FindingTitlePlacement Title { get; init; } = FindingTitlePlacement.AfterSpan;

    /// <summary>Whether each finding also carries its rule's <c>category</c> (after <c>severity</c>), and its
    /// <c>rationale</c> and <c>source</c> (after <c>message</c>).</summary>
    public bool RuleDetails { get; init; }

    /// <summary>How each finding's fix is written (default: the object with its edits).</summary>
    public FixShape Fix { get; init; } = FixShape.TitleAndEdits;

    /// <summary>Whether <c>revisedText</c> follows the findings (default: yes).</summary>
    public bool RevisedText { get; init; } = true;
}

/// <summary>
/// The one projection of a <see cref="Review"/> to JSON, for every output that shows one (the CLI's
/// <c>check --format json</c> and <c>check --jsonl</c>, and the REST API). Enums are written by their wire names
/// (<see cref="WireNames.Converter"/>: kebab-case); spans count UTF-16 code units; property names are camelCase. A
/// caller that adds fields of its own (an id, cards) opens the object and calls <see cref="WriteProperties"/>.
/// </summary>
public static class ReviewJson
{
    private static readonly JsonEncodedText VerdictName = JsonEncodedText.Encode("verdict");
    private static readonly JsonEncodedText FindingsName = JsonEncodedText.Encode("findings");
    private static readonly JsonEncodedText RevisedTextName = JsonEncodedText.Encode("revisedText");
    private static readonly JsonEncodedText RuleName = JsonEncodedText.Encode("rule");
    private static readonly JsonEncodedText TitleName = JsonEncodedText.Encode("title");
    private static readonly JsonEncodedText SeverityName = JsonEncodedText.Encode("severity");
    private static readonly JsonEncodedText CategoryName = JsonEncodedText.Encode("category");
    private static readonly JsonEncodedText StartName = JsonEncodedText.Encode("start");
    private static readonly JsonEncodedText LengthName = JsonEncodedText.Encode("length");
    private static readonly JsonEncodedText MessageName = JsonEncodedText.Encode("message");
    private static readonly JsonEncodedText RationaleName = JsonEncodedText.Encode("rationale");
    private static readonly JsonEncodedText SourceName = JsonEncodedText.Encode("source");
    private static readonly JsonEncodedText FixName = JsonEncodedText.Encode("fix");
    private static readonly JsonEncodedText EditsName = JsonEncodedText.Encode("edits");
    private static readonly JsonEncodedText TextName = JsonEncodedText.Encode("text");
    private static readonly JsonEncodedText NoticesName = JsonEncodedText.Encode("notices");

    /// <summary>Writes the review as one JSON object.</summary>
    /// <param name="writer">Where to write; its options decide indentation and escaping.</param>
    /// <param name="review">The review.</param>
    /// <param name="options">Which fields, in which shape; null for <see cref="ReviewJsonOptions.Default"/>.</param>
    public static void Write(Utf8JsonWriter writer, Review review, ReviewJsonOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        WriteProperties(writer, review, options);
        writer.WriteEndObject();
    }

    /// <summary>Writes the review's properties (<c>verdict</c>, <c>findings</c> and, unless left out,
    /// <c>revisedText</c>) into an object the caller has opened and will close.</summary>
    /// <param name="writer">Where to write, inside an open object.</param>
    /// <param name="review">The review.</param>
    /// <param name="options">Which fields, in which shape; null for <see cref="ReviewJsonOptions.Default"/>.</param>
    public static void WriteProperties(Utf8JsonWriter writer, Review review, ReviewJsonOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(review);
        options ??= ReviewJsonOptions.Default;

        writer.WriteString(VerdictName, review.Verdict.ToWire());
        writer.WriteStartArray(FindingsName);
        foreach (var finding in review.Findings)
        {
            WriteFinding(writer, finding, options);
        }

        writer.WriteEndArray();
        if (options.RevisedText)
        {
            writer.WriteString(RevisedTextName, review.RevisedText);
        }

        if (review.Notices.Count > 0)
        {
            // only when there is one: what a draft in English gets stays as it was
            writer.WriteStartArray(NoticesName);
            foreach (var notice in review.Notices)
            {
                writer.WriteStringValue(notice);
            }

            writer.WriteEndArray();
        }
    }

    private static void WriteFinding(Utf8JsonWriter writer, ReviewedFinding finding, ReviewJsonOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString(RuleName, finding.RuleId);
        if (options.Title == FindingTitlePlacement.AfterRule)
        {
            writer.WriteString(TitleName, finding.Rule.Title);
        }

        writer.WriteString(SeverityName, finding.Severity.ToWire());
        if (options.RuleDetails)
        {
            writer.WriteString(CategoryName, finding.Rule.Category.ToWire());
        }

        writer.WriteNumber(StartName, finding.Span.Start);
        writer.WriteNumber(LengthName, finding.Span.Length);
        if (options.Title == FindingTitlePlacement.AfterSpan)
        {
            writer.WriteString(TitleName, finding.Rule.Title);
        }

        writer.WriteString(MessageName, finding.Rule.Message);
        if (options.RuleDetails)
        {
            writer.WriteString(RationaleName, finding.Rule.Rationale);
            writer.WriteString(SourceName, finding.Rule.Source);
        }

        if (options.Fix == FixShape.TitleOnly)
        {
            writer.WriteString(FixName, finding.Fix.Title);
        }
        else
        {
            WriteFix(writer, finding.Fix);
        }

        writer.WriteEndObject();
    }

    private static void WriteFix(Utf8JsonWriter writer, SuggestedFix fix)
    {
        writer.WriteStartObject(FixName);
        writer.WriteString(TitleName, fix.Title);
        writer.WriteStartArray(EditsName);
        foreach (var edit in fix.Edits)
        {
            writer.WriteStartObject();
            writer.WriteNumber(StartName, edit.Span.Start);
            writer.WriteNumber(LengthName, edit.Span.Length);
            writer.WriteString(TextName, edit.NewText);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
