using System.Globalization;
using System.Text.Json.Nodes;
using CommsBot.Nudges;

namespace CommsBot.Cards;

/// <summary>The data of the nudge cards' buttons: an <c>action</c> and ids, never text.</summary>
public static class NudgeActions
{
    /// <summary>"Draft a post" on a colleague-promotion card: <c>{"action":…,"id":accomplishment id}</c>.</summary>
    public const string DraftPost = "nudge-draft-post";

    /// <summary>"Draft a highlight" on a conference card: <c>{"action":…,"conference":id}</c>.</summary>
    public const string DraftHighlight = "nudge-draft-highlight";

    /// <summary>The consent DM's answer: <c>{"action":…,"id":accomplishment id,"answer":"yes"|"no"}</c>.</summary>
    public const string Consent = "nudge-consent";

    /// <summary>Every nudge action.</summary>
    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal) { DraftPost, DraftHighlight, Consent };
}

/// <summary>The nudge cards, for Teams (Adaptive Card) and Slack (Block Kit), from <c>cards/*/nudge-*.json</c>.
/// Thread-safe.</summary>
public sealed class NudgeCardRenderer
{
    private readonly CardTemplates templates;

    /// <summary>Creates the renderer and renders each template with sample data, so a broken template fails at start-up.</summary>
    public NudgeCardRenderer(CardTemplates t)
    {
        ArgumentNullException.ThrowIfNull(t);
        templates = t;
        var sample = new Accomplishment(1, "Sample", AccomplishmentKind.Publication, "Sample", new Uri("https://example.org/"), ["Co Author"]);
        var meeting = new Conference("sample", "Sample", new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 2), "UTC", "#Sample", PhotoPolicy.NoSlides, "", null);
        foreach (var slack in new[] { false, true })
        {
            RenderColleaguePromotion([sample], slack);
            RenderConferenceHighlight(meeting, slack);
            RenderConsentRequest(sample, slack);
        }
    }

    /// <summary>New, consented accomplishments, each with "Draft a post".</summary>
    public string RenderColleaguePromotion(IReadOnlyList<Accomplishment> items, bool slack)
    {
        ArgumentNullException.ThrowIfNull(items);
        var intro = items.Count == 1
            ? "A colleague has news worth sharing. Want a ready draft?"
            : $"{items.Count} colleagues' accomplishments are worth sharing. Want a ready draft?";
        var models = items.Select(a => new PromotionItem(
                Text(Headline(a), slack),
                Text(Detail(a), slack),
                a.Link.AbsoluteUri,
                Payload(new JsonObject { ["action"] = NudgeActions.DraftPost, ["id"] = a.Id }, slack)))
            .ToList();
        return Finish(slack ? CardTemplates.SlackNudgePromotion : CardTemplates.TeamsNudgePromotion, new PromotionModel(intro, models), slack);
    }

    /// <summary>"Sharing takeaways from #HASHTAG today?" with the photo and embargo policy and "Draft a highlight".</summary>
    public string RenderConferenceHighlight(Conference conference, bool slack)
    {
        ArgumentNullException.ThrowIfNull(conference);
        var dates = conference.Start == conference.End
            ? conference.Start.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)
            : $"{conference.Start.ToString("d MMM", CultureInfo.InvariantCulture)} to {conference.End.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}";
        var model = new HighlightModel(
            Text(conference.Hashtag, slack),
            Text(conference.Name, slack),
            dates,
            Text(conference.Photos.Describe(), slack),
            Text(conference.Embargo.Length > 0 ? conference.Embargo : "None announced: still share only what was presented publicly.", slack),
            conference.Link?.AbsoluteUri ?? "",
            Payload(new JsonObject { ["action"] = NudgeActions.DraftHighlight, ["conference"] = conference.Id }, slack));
        return Finish(slack ? CardTemplates.SlackNudgeHighlight : CardTemplates.TeamsNudgeHighlight, model, slack);
    }

    /// <summary>The DM asking a colleague whether they are happy to be promoted publicly.</summary>
    public string RenderConsentRequest(Accomplishment accomplishment, bool slack)
    {
        ArgumentNullException.ThrowIfNull(accomplishment);
        var model = new ConsentModel(
            Text(Headline(accomplishment), slack),
            Payload(new JsonObject { ["action"] = NudgeActions.Consent, ["id"] = accomplishment.Id, ["answer"] = "yes" }, slack),
            Payload(new JsonObject { ["action"] = NudgeActions.Consent, ["id"] = accomplishment.Id, ["answer"] = "no" }, slack));
        return Finish(slack ? CardTemplates.SlackNudgeConsent : CardTemplates.TeamsNudgeConsent, model, slack);
    }

    private static string Headline(Accomplishment a)
    {
        var kind = a.Kind.ToWire();
        var label = char.ToUpperInvariant(kind[0]) + kind[1..];
        return a.Title.Length > 0 ? $"{label}: {a.ColleagueName}, \"{a.Title}\"" : $"{label}: {a.ColleagueName}";
    }

    private static string Detail(Accomplishment a) => a.CoAuthors.Count > 0 ? "With " + string.Join(", ", a.CoAuthors) : "";

    private static string Text(string text, bool slack) => slack ? SlackText.Escape(text) : text;

    // Adaptive Cards carry the data as an object; Slack buttons as a string value.
    private static JsonNode Payload(JsonObject data, bool slack) => slack ? JsonValue.Create(data.ToJsonString())! : data;

    private string Finish(string template, object model, bool slack)
    {
        var bound = templates.Bind(template, model);
        if (slack)
        {
            SlackLimits.CapBlocks(bound);
            SlackLimits.Enforce(bound);
        }

        return CardJson.Write(bound);
    }

    private sealed record PromotionModel(string Intro, IReadOnlyList<PromotionItem> Items);

    private sealed record PromotionItem(string Headline, string Detail, string Link, JsonNode DraftPost);

    private sealed record HighlightModel(string Hashtag, string Name, string Dates, string Photos, string Embargo, string Link, JsonNode DraftHighlight);

    private sealed record ConsentModel(string Headline, JsonNode Yes, JsonNode No);
}
