using System.Text.Json.Nodes;
using CommsBot.Guidelines;

namespace CommsBot.Cards.Tests;

/// <summary>
/// Stable inputs for the card tests: reviews built by hand with fixed rule texts (real rule ids), so approval files
/// change only when the cards change, not when the pack is tuned.
/// </summary>
internal static class Fixtures
{
    public const string Draft = "Swipe up to save 20% with code DOCTOR! Top 3 takeaways from the #ASCO25 plenary.";

    public static readonly DraftContext Context = new(AccountKind.Professional, Platform.Instagram);

    public static CardTemplates Templates { get; } = CardTemplates.Load();

    public static GuidelineRule UndisclosedPartnership { get; } = Rule(
        "undisclosed-partnership", "Promotion without a clear disclosure at the start", RuleCategory.Issue, Severity.Blocker,
        "This promotes a product without a clear disclosure at the start.",
        "The FTC requires a clear disclosure of material connections.",
        "MMS DOs and DON'Ts; FTC Endorsement Guides",
        "Add \"#ad\" or \"Paid partnership with @Brand\" at the start.");

    public static GuidelineRule PaidPromotionRisk { get; } = Rule(
        "paid-promotion-risk", "Paid promotion ties your image to a brand", RuleCategory.Issue, Severity.Warning,
        "A discount code ties your public image to a brand.",
        "The MMS asks whether a code is worth the marriage of your image to a brand.",
        "MMS DOs and DON'Ts",
        "");

    public static GuidelineRule ConferenceHighlight { get; } = Rule(
        "conference-highlight", "Shares conference takeaways", RuleCategory.Opportunity, Severity.Praise,
        "This shares takeaways from a conference.",
        "The MMS encourages sharing the most salient points from conferences.",
        "MMS DOs and DON'Ts",
        "Use the meeting's official hashtag and credit the speaker.");

    public static GuidelineRule Levity { get; } = Rule(
        "levity", "Brings levity", RuleCategory.Opportunity, Severity.Praise,
        "Good-natured humour about medicine.",
        "The MMS encourages levity and humour.",
        "MMS DOs and DON'Ts",
        "");

    /// <summary>Do not post: a blocker with an edit, a warning, a suggestion with two missing things.</summary>
    public static Review Mixed()
    {
        var code = Draft.IndexOf("Swipe", StringComparison.Ordinal);
        var takeaways = Draft.IndexOf("Top 3", StringComparison.Ordinal);
        return new Review(Verdict.DoNotPost,
        [
            new(new Finding(UndisclosedPartnership.Id, Severity.Blocker, new TextSpan(code, 37), Empty), UndisclosedPartnership,
                new SuggestedFix("Add a clear disclosure at the start", [new TextEdit(new TextSpan(0, 0), "#ad ")])),
            new(new Finding(PaidPromotionRisk.Id, Severity.Warning, new TextSpan(26, 11), Empty), PaidPromotionRisk,
                SuggestedFix.Advice("Reconsider the partnership")),
            new(new Finding(ConferenceHighlight.Id, Severity.Suggestion, new TextSpan(takeaways, 14),
                new Dictionary<string, string> { ["missing"] = "use the meeting's official hashtag|credit the speaker" }), ConferenceHighlight,
                SuggestedFix.Advice("Use the meeting's official hashtag and credit the speaker")),
        ], "#ad " + Draft, Context);
    }

    /// <summary>Ready to post: praise only, no edits.</summary>
    public static Review Ready() =>
        new(Verdict.Ready,
        [
            new(new Finding(Levity.Id, Severity.Praise, new TextSpan(0, 5), Empty), Levity, SuggestedFix.Advice("Keep it")),
        ], Draft, Context);

    /// <summary>Revise: one warning whose excerpt is the given span.</summary>
    public static Review Warning(TextSpan span, string? draft = null) =>
        new(Verdict.Revise,
        [
            new(new Finding(PaidPromotionRisk.Id, Severity.Warning, span, Empty), PaidPromotionRisk, SuggestedFix.Advice("Reconsider the partnership")),
        ], draft ?? Draft, Context);

    /// <summary>A review with <paramref name="issues"/> issue findings and <paramref name="dos"/> DO findings spread over the draft, all with edits.</summary>
    public static Review Many(string draft, int issues, int dos, GuidelineRule? rule = null)
    {
        var findings = new List<ReviewedFinding>();
        var step = Math.Max(1, draft.Length / Math.Max(1, issues + dos));
        for (var i = 0; i < issues + dos; i++)
        {
            var isIssue = i < issues;
            var r = rule ?? (isIssue ? (i % 2 == 0 ? UndisclosedPartnership : PaidPromotionRisk) : ConferenceHighlight);
            var start = Math.Min(i * step, draft.Length - 1);
            var span = new TextSpan(start, Math.Min(draft.Length - start, 400));
            findings.Add(new(new Finding(r.Id, r.Severity, span, Empty), r, new SuggestedFix("Fix it", [new TextEdit(new TextSpan(start, 1), "x")])));
        }

        return new Review(issues > 0 ? Verdict.DoNotPost : Verdict.Ready, findings, draft, Context);
    }

    public static GuidelineRule Rule(string id, string title, RuleCategory category, Severity severity, string message, string rationale, string source, string help) =>
        new()
        {
            Id = id,
            Title = title,
            Category = category,
            Severity = severity,
            Message = message,
            Rationale = rationale,
            Source = source,
            Help = help,
            FixAdvice = "Fix it.",
        };

    public static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();

    /// <summary>A rendered card is already a tree.</summary>
    public static JsonObject Parse(JsonObject card) => card;

    /// <summary>A rendered card's JSON text, as the channel receives it.</summary>
    public static string Json(JsonNode card) => CardJson.Write(card);

    /// <summary>Every node of a JSON tree, depth first.</summary>
    public static IEnumerable<JsonNode> Descendants(JsonNode? node)
    {
        if (node is null)
        {
            yield break;
        }

        yield return node;
        var children = node switch
        {
            JsonObject o => o.Select(p => p.Value),
            JsonArray a => a.AsEnumerable(),
            _ => [],
        };
        foreach (var child in children)
        {
            foreach (var d in Descendants(child))
            {
                yield return d;
            }
        }
    }

    /// <summary>Objects of a given Adaptive Card or Block Kit type.</summary>
    public static IEnumerable<JsonObject> OfType(JsonNode root, string type) =>
        Descendants(root).OfType<JsonObject>().Where(o => o["type"]?.GetValueKind() == System.Text.Json.JsonValueKind.String && o["type"]!.GetValue<string>() == type);

    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();
}
