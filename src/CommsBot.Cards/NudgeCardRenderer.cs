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

/// <summary>The nudge cards of one channel, from <c>cards/*/nudge-*.json</c>: <see cref="ForTeams"/> (Adaptive
/// Cards) or <see cref="ForSlack"/> (Block Kit). Thread-safe.</summary>
public abstract class NudgeCardRenderer
{
    private readonly CardTemplates templates;

    private protected NudgeCardRenderer(CardTemplates t)
    {
        ArgumentNullException.ThrowIfNull(t);
        templates = t;
    }

    /// <summary>The Adaptive Cards, for Teams and the other Bot Framework channels.</summary>
    public static NudgeCardRenderer ForTeams(CardTemplates templates) => Checked(new AdaptiveNudgeCards(templates));

    /// <summary>The Block Kit messages, for Slack.</summary>
    public static NudgeCardRenderer ForSlack(CardTemplates templates) => Checked(new BlockKitNudgeCards(templates));

    /// <summary>New, consented accomplishments, each with "Draft a post".</summary>
    public JsonObject RenderColleaguePromotion(IReadOnlyList<Accomplishment> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var intro = items.Count == 1
            ? "A colleague has news worth sharing. Want a ready draft?"
            : $"{items.Count} colleagues' accomplishments are worth sharing. Want a ready draft?";
        var models = items.Select(a => new PromotionItem(
                Text(Headline(a)),
                Text(Detail(a)),
                a.Link.AbsoluteUri,
                Payload(new NudgeActionPayload(NudgeActions.DraftPost, Id: a.Id))))
            .ToList();
        return Finish(templates.Bind(PromotionTemplate, new PromotionModel(intro, models)));
    }

    /// <summary>"Sharing takeaways from #HASHTAG today?" with the photo and embargo policy and "Draft a highlight".</summary>
    public JsonObject RenderConferenceHighlight(Conference conference)
    {
        ArgumentNullException.ThrowIfNull(conference);
        var dates = conference.Start == conference.End
            ? conference.Start.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)
            : $"{conference.Start.ToString("d MMM", CultureInfo.InvariantCulture)} to {conference.End.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}";
        var model = new HighlightModel(
            Text(conference.Hashtag),
            Text(conference.Name),
            dates,
            Text(conference.Photos.Describe()),
            Text(conference.Embargo.Length > 0 ? conference.Embargo : "None announced: still share only what was presented publicly."),
            conference.Link?.AbsoluteUri ?? "",
            Payload(new NudgeActionPayload(NudgeActions.DraftHighlight, Conference: conference.Id)));
        return Finish(templates.Bind(HighlightTemplate, model));
    }

    /// <summary>The DM asking a colleague whether they are happy to be promoted publicly.</summary>
    public JsonObject RenderConsentRequest(Accomplishment accomplishment)
    {
        ArgumentNullException.ThrowIfNull(accomplishment);
        var model = new ConsentModel(
            Text(Headline(accomplishment)),
            Payload(new NudgeActionPayload(NudgeActions.Consent, Id: accomplishment.Id, Answer: "yes")),
            Payload(new NudgeActionPayload(NudgeActions.Consent, Id: accomplishment.Id, Answer: "no")));
        return Finish(templates.Bind(ConsentTemplate, model));
    }

    private protected abstract string PromotionTemplate { get; }

    private protected abstract string HighlightTemplate { get; }

    private protected abstract string ConsentTemplate { get; }

    /// <summary>Pack or user text as the channel shows it as written.</summary>
    private protected abstract string Text(string text);

    /// <summary>A button's data as the channel carries it.</summary>
    private protected abstract JsonNode Payload(NudgeActionPayload data);

    /// <summary>The channel's limits applied to a bound card.</summary>
    private protected virtual JsonObject Finish(JsonObject card) => card;

    // Renders each template with sample data, so a broken template fails at start-up.
    private static NudgeCardRenderer Checked(NudgeCardRenderer renderer)
    {
        var sample = new Accomplishment(1, "Sample", AccomplishmentKind.Publication, "Sample", new Uri("https://example.org/"), ["Co Author"]);
        var meeting = new Conference("sample", "Sample", new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 2), "UTC", "#Sample", PhotoPolicy.NoSlides, "", null);
        renderer.RenderColleaguePromotion([sample]);
        renderer.RenderConferenceHighlight(meeting);
        renderer.RenderConsentRequest(sample);
        return renderer;
    }

    private static string Headline(Accomplishment a)
    {
        var kind = a.Kind.ToWire();
        var label = char.ToUpperInvariant(kind[0]) + kind[1..];
        return a.Title.Length > 0 ? $"{label}: {a.ColleagueName}, \"{a.Title}\"" : $"{label}: {a.ColleagueName}";
    }

    private static string Detail(Accomplishment a) => a.CoAuthors.Count > 0 ? "With " + string.Join(", ", a.CoAuthors) : "";

    private sealed record PromotionModel(string Intro, IReadOnlyList<PromotionItem> Items);

    private sealed record PromotionItem(string Headline, string Detail, string Link, JsonNode DraftPost);

    private sealed record HighlightModel(string Hashtag, string Name, string Dates, string Photos, string Embargo, string Link, JsonNode DraftHighlight);

    private sealed record ConsentModel(string Headline, JsonNode Yes, JsonNode No);

    /// <summary>Adaptive Cards carry the data as an object; text shows as written.</summary>
    private sealed class AdaptiveNudgeCards(CardTemplates t) : NudgeCardRenderer(t)
    {
        private protected override string PromotionTemplate => CardTemplates.TeamsNudgePromotion;

        private protected override string HighlightTemplate => CardTemplates.TeamsNudgeHighlight;

        private protected override string ConsentTemplate => CardTemplates.TeamsNudgeConsent;

        private protected override string Text(string text) => text;

        private protected override JsonNode Payload(NudgeActionPayload data) => data.ToNode();
    }

    /// <summary>Slack buttons carry the data as a string value; text is escaped for mrkdwn and shortened to Slack's limits.</summary>
    private sealed class BlockKitNudgeCards(CardTemplates t) : NudgeCardRenderer(t)
    {
        private protected override string PromotionTemplate => CardTemplates.SlackNudgePromotion;

        private protected override string HighlightTemplate => CardTemplates.SlackNudgeHighlight;

        private protected override string ConsentTemplate => CardTemplates.SlackNudgeConsent;

        private protected override string Text(string text) => SlackText.Escape(text);

        private protected override JsonNode Payload(NudgeActionPayload data) => JsonValue.Create(data.ToJson());

        private protected override JsonObject Finish(JsonObject card)
        {
            SlackLimits.CapBlocks(card);
            SlackLimits.Enforce(card);
            return card;
        }
    }
}
