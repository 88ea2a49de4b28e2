using System.Text.Json;
using CommsBot.Guidelines;

namespace CommsBot.Cards;

/// <summary>
/// The data the Teams review card's template (<c>cards/teams/review.json</c>) is bound to, written straight to JSON
/// from a <see cref="ReviewDigest"/> and a <see cref="CardPlan"/>: the same properties, in the same order and with the
/// same values as the view model the serializer wrote (camelCase, nulls kept; action data with its nulls left out, as
/// <see cref="CardJson.Payload"/> writes it). A card is written up to ten times a turn's plan allows, on every turn;
/// the serializer's reflection over the view model records and their action payloads cost more than the template
/// itself, for data whose shape never changes. The layout stays in the template.
/// </summary>
internal static class ReviewCardData
{
    private static readonly JsonEncodedText Verdict = JsonEncodedText.Encode("verdict");
    private static readonly JsonEncodedText VerdictLabel = JsonEncodedText.Encode("verdictLabel");
    private static readonly JsonEncodedText Summary = JsonEncodedText.Encode("summary");
    private static readonly JsonEncodedText HasIssues = JsonEncodedText.Encode("hasIssues");
    private static readonly JsonEncodedText Issues = JsonEncodedText.Encode("issues");
    private static readonly JsonEncodedText MoreIssues = JsonEncodedText.Encode("moreIssues");
    private static readonly JsonEncodedText HasOpportunities = JsonEncodedText.Encode("hasOpportunities");
    private static readonly JsonEncodedText Opportunities = JsonEncodedText.Encode("opportunities");
    private static readonly JsonEncodedText MoreOpportunities = JsonEncodedText.Encode("moreOpportunities");
    private static readonly JsonEncodedText HasEdits = JsonEncodedText.Encode("hasEdits");
    private static readonly JsonEncodedText DraftOmitted = JsonEncodedText.Encode("draftOmitted");
    private static readonly JsonEncodedText DraftOmittedNote = JsonEncodedText.Encode("draftOmittedNote");
    private static readonly JsonEncodedText Account = JsonEncodedText.Encode("account");
    private static readonly JsonEncodedText AccountOptions = JsonEncodedText.Encode("accountOptions");
    private static readonly JsonEncodedText ApplyFixes = JsonEncodedText.Encode("applyFixes");
    private static readonly JsonEncodedText Why = JsonEncodedText.Encode("why");
    private static readonly JsonEncodedText Recheck = JsonEncodedText.Encode("recheck");
    private static readonly JsonEncodedText OfferReview = JsonEncodedText.Encode("offerReview");
    private static readonly JsonEncodedText AskReview = JsonEncodedText.Encode("askReview");
    private static readonly JsonEncodedText RuleId = JsonEncodedText.Encode("ruleId");
    private static readonly JsonEncodedText Title = JsonEncodedText.Encode("title");
    private static readonly JsonEncodedText Severity = JsonEncodedText.Encode("severity");
    private static readonly JsonEncodedText SeverityLabel = JsonEncodedText.Encode("severityLabel");
    private static readonly JsonEncodedText Excerpt = JsonEncodedText.Encode("excerpt");
    private static readonly JsonEncodedText Message = JsonEncodedText.Encode("message");
    private static readonly JsonEncodedText Fix = JsonEncodedText.Encode("fix");
    private static readonly JsonEncodedText NotAnIssue = JsonEncodedText.Encode("notAnIssue");
    private static readonly JsonEncodedText IsPraise = JsonEncodedText.Encode("isPraise");
    private static readonly JsonEncodedText Missing = JsonEncodedText.Encode("missing");
    private static readonly JsonEncodedText Label = JsonEncodedText.Encode("label");
    private static readonly JsonEncodedText Value = JsonEncodedText.Encode("value");
    private static readonly JsonEncodedText Action = JsonEncodedText.Encode("action");
    private static readonly JsonEncodedText Draft = JsonEncodedText.Encode("draft");
    private static readonly JsonEncodedText Platform = JsonEncodedText.Encode("platform");
    private static readonly JsonEncodedText RuleIds = JsonEncodedText.Encode("ruleIds");
    private static readonly JsonEncodedText Hash = JsonEncodedText.Encode("hash");

    /// <summary>Writes the card data of <paramref name="d"/> shortened by <paramref name="plan"/>.</summary>
    public static void Write(Utf8JsonWriter writer, ReviewDigest d, CardPlan plan)
    {
        writer.WriteStartObject();
        writer.WriteString(Verdict, d.Verdict);
        writer.WriteString(VerdictLabel, d.VerdictLabel);
        writer.WriteString(Summary, d.Summary);
        writer.WriteBoolean(HasIssues, d.Issues.Count > 0);

        var issues = Math.Min(plan.Issues, d.Issues.Count);
        writer.WriteStartArray(Issues);
        for (var i = 0; i < issues; i++)
        {
            var f = d.Issues[i];
            writer.WriteStartObject();
            writer.WriteString(RuleId, f.RuleId);
            writer.WriteString(Title, f.Rule.Title);
            writer.WriteString(Severity, f.Severity.ToWire());
            writer.WriteString(SeverityLabel, CardText.SeverityLabel(f.Severity));
            writer.WriteString(Excerpt, d.Excerpt(f, plan));
            writer.WriteString(Message, f.Rule.Message);
            writer.WriteString(Fix, f.Fix.Title);
            writer.WritePropertyName(NotAnIssue);
            WritePayload(writer, d.NotAnIssue(f));
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteString(MoreIssues, ReviewDigest.More(d.Issues.Count - issues, "more issue", "more issues"));
        writer.WriteBoolean(HasOpportunities, d.Opportunities.Count > 0);

        var opportunities = Math.Min(plan.Opportunities, d.Opportunities.Count);
        writer.WriteStartArray(Opportunities);
        for (var i = 0; i < opportunities; i++)
        {
            var f = d.Opportunities[i];
            writer.WriteStartObject();
            writer.WriteString(RuleId, f.RuleId);
            writer.WriteString(Title, f.Rule.Title);
            writer.WriteString(Severity, f.Severity.ToWire());
            writer.WriteBoolean(IsPraise, f.Severity == Guidelines.Severity.Praise);
            writer.WriteString(Message, f.Rule.Message);
            writer.WriteStartArray(Missing);
            foreach (var missing in ReviewDigest.Missing(f))
            {
                writer.WriteStringValue(missing);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteString(MoreOpportunities, ReviewDigest.More(d.Opportunities.Count - opportunities, "more", "more"));
        writer.WriteBoolean(HasEdits, d.Review.HasEdits);
        writer.WriteBoolean(DraftOmitted, !plan.CarryDraft);
        writer.WriteString(DraftOmittedNote, ReviewDigest.DraftOmittedNote);
        writer.WriteString(Account, d.Account);
        writer.WriteStartArray(AccountOptions);
        foreach (var option in ReviewDigest.AccountOptions)
        {
            writer.WriteStartObject();
            writer.WriteString(Label, option.Label);
            writer.WriteString(Value, option.Value);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WritePropertyName(ApplyFixes);
        WritePayload(writer, d.ApplyFixes(plan));
        writer.WritePropertyName(Why);
        WritePayload(writer, d.Why(plan));
        writer.WritePropertyName(Recheck);
        WritePayload(writer, d.Recheck(plan));
        writer.WriteBoolean(OfferReview, d.Context.OfferReview);
        writer.WritePropertyName(AskReview);
        WritePayload(writer, d.AskReview(plan));
        writer.WriteEndObject();
    }

    /// <summary>An action's data as <see cref="CardJson.Payload"/> writes a <see cref="CardActionPayload"/>: its
    /// properties in order, nulls left out.</summary>
    internal static void WritePayload(Utf8JsonWriter writer, CardActionPayload p)
    {
        writer.WriteStartObject();
        writer.WriteString(Action, p.Action);
        WriteIfSet(writer, Draft, p.Draft);
        if (p.DraftOmitted is { } omitted)
        {
            writer.WriteBoolean(DraftOmitted, omitted);
        }

        WriteIfSet(writer, Account, p.Account);
        WriteIfSet(writer, Platform, p.Platform);
        if (p.RuleIds is { } ids)
        {
            writer.WriteStartArray(RuleIds);
            foreach (var id in ids)
            {
                writer.WriteStringValue(id);
            }

            writer.WriteEndArray();
        }

        WriteIfSet(writer, RuleId, p.RuleId);
        WriteIfSet(writer, Hash, p.Hash);
        writer.WriteEndObject();

        static void WriteIfSet(Utf8JsonWriter writer, JsonEncodedText name, string? value)
        {
            if (value is not null)
            {
                writer.WriteString(name, value);
            }
        }
    }
}
