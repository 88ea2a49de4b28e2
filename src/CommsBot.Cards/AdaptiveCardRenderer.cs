using System.Text.Json.Nodes;
using CommsBot.Guidelines;

namespace CommsBot.Cards;

/// <summary>
/// Renders Adaptive Cards (version 1.5 at most) for Teams and other Bot Framework channels from the
/// <c>cards/teams/*.json</c> templates. Returns the card as a JSON tree: the bot wraps it in an attachment of content type
/// <c>application/vnd.microsoft.card.adaptive</c>. Thread-safe.
/// </summary>
public sealed class AdaptiveCardRenderer
{
    /// <summary>
    /// The largest card, in bytes of UTF-16 (how Teams measures its 40 KB message limit). The rest of the 40 KB is
    /// left for the activity around the card. With three draft-carrying actions, drafts up to about 4,500 characters
    /// travel with the card; longer ones are left out of the actions (<c>draftOmitted</c>).
    /// </summary>
    internal const int MaxCardBytes = 36_000;

    /// <summary>Plans tried in order: first shorten the lists, then stop carrying the draft, then shorten again.</summary>
    internal static readonly CardPlan[] Plans =
    [
        new(12, 5, int.MaxValue, true),
        new(8, 3, 80, true),
        new(5, 2, 60, true),
        new(3, 1, 40, true),
        new(12, 5, int.MaxValue, false),
        new(8, 3, 80, false),
        new(5, 2, 60, false),
        new(3, 1, 40, false),
        new(1, 0, 20, false),
        new(0, 0, 20, false),
    ];

    private readonly CardTemplates templates;

    /// <summary>Creates the renderer and renders every template once with sample data, so a template that names a missing property fails here, at start-up.</summary>
    public AdaptiveCardRenderer(CardTemplates t)
    {
        ArgumentNullException.ThrowIfNull(t);
        templates = t;
        foreach (var (review, ctx) in SampleReviews.All())
        {
            RenderReview(review, ctx);
            RenderWhy(review);
        }

        RenderWelcome();
        RenderHelp();
        RenderNotice("Sample", "Sample", isError: true);
        RenderNotice("Sample", "Sample");
    }

    /// <summary>
    /// The evaluation card: verdict header, summary, each issue (title, severity, rule id, excerpt, message, fix,
    /// Not an issue), the DOs, the target-account input, and Apply fixes (when the review has edits), Why? and
    /// Re-check. Shortened (fewer findings, shorter excerpts, finally without the draft in the actions) until it is
    /// at most 36,000 bytes in UTF-16, under Teams' 40 KB message limit.
    /// </summary>
    public JsonObject RenderReview(Review review, CardContext ctx) => JsonNode.Parse(RenderReviewJson(review, ctx))!.AsObject();

    /// <summary>The evaluation card of <see cref="RenderReview"/> as JSON text, as the channel receives it: the text
    /// whose size was checked, written straight from the template (no tree), so a caller that sends text need not
    /// write the card again.</summary>
    public string RenderReviewJson(Review review, CardContext ctx)
    {
        var digest = ReviewDigest.Create(review, ctx);
        var json = "{}";
        foreach (var plan in Plans)
        {
            json = templates.Write(CardTemplates.TeamsReview, (digest, plan), static (writer, state) => ReviewCardData.Write(writer, state.digest, state.plan));
            if (CardJson.Utf16Length(json) <= MaxCardBytes)
            {
                break;
            }
        }

        return json;
    }

    /// <summary>A card's JSON text as the channel receives it (minimal escaping, as its size is measured).</summary>
    public static string Write(JsonObject card) => CardJson.Write(card);

    /// <summary>The Why? card: each distinct rule behind the findings with its rationale, source and help.</summary>
    public JsonObject RenderWhy(Review review) => RenderWhy(WhyDigest.Rules(review));

    /// <summary>The Why? card for rules named by id (a Why? action that carries no draft), each at its configured severity.</summary>
    public JsonObject RenderWhy(IEnumerable<GuidelineRule> rules) => RenderWhy(WhyDigest.Rules(rules));

    /// <summary>The card sent when the bot is added to a conversation.</summary>
    public JsonObject RenderWelcome() => templates.Bind(CardTemplates.TeamsWelcome, HelpModel.Current);

    /// <summary>The help card.</summary>
    public JsonObject RenderHelp() => templates.Bind(CardTemplates.TeamsHelp, HelpModel.Current);

    /// <summary>A short notice (an error when <paramref name="isError"/>). Title and text are the bot's own words; the text may use Teams markdown.</summary>
    public JsonObject RenderNotice(string title, string text, bool isError = false)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(text);
        return templates.Bind(CardTemplates.TeamsNotice, new NoticeModel(title, text, isError));
    }

    private JsonObject RenderWhy(IReadOnlyList<(GuidelineRule Rule, Severity Severity)> digest)
    {
        var rules = digest
            .Select(r => new WhyRule(r.Rule.Id, r.Rule.Title, r.Severity.ToWire(), CardText.SeverityLabel(r.Severity),
                r.Rule.Rationale, r.Rule.Source, r.Rule.Help))
            .ToList();
        return templates.Bind(CardTemplates.TeamsWhy, new WhyModel(rules.Count > 0, rules));
    }

    private sealed record WhyModel(bool HasRules, IReadOnlyList<WhyRule> Rules);

    private sealed record WhyRule(string Id, string Title, string Severity, string SeverityLabel, string Rationale, string Source, string Help);

    private sealed record NoticeModel(string Title, string Text, bool IsError);
}

/// <summary>The data of the welcome and help cards.</summary>
internal sealed record HelpModel(string Accounts, string Platforms)
{
    public static HelpModel Current { get; } = new(string.Join(", ", WireNames.Accounts), string.Join(", ", WireNames.Platforms));
}
