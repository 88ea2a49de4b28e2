using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CommsBot.Cards.Templating;

namespace CommsBot.Cards;

/// <summary>
/// The card templates (<c>cards/teams/*.json</c>, <c>cards/slack/*.json</c>), loaded and compiled once.
/// Immutable and safe to share: register one instance for the app's lifetime.
/// </summary>
public sealed class CardTemplates
{
    /// <summary>The highest Adaptive Card version the Teams templates may declare (Teams supports 1.5).</summary>
    internal const double MaxAdaptiveCardVersion = 1.5;

    internal const string TeamsReview = "teams/review.json";
    internal const string TeamsWhy = "teams/why.json";
    internal const string TeamsWelcome = "teams/welcome.json";
    internal const string TeamsHelp = "teams/help.json";
    internal const string TeamsNotice = "teams/notice.json";
    internal const string SlackReview = "slack/review.json";
    internal const string SlackWhy = "slack/why.json";
    internal const string SlackHelp = "slack/help.json";
    internal const string SlackNotice = "slack/notice.json";
    internal const string TeamsNudgePromotion = "teams/nudge-colleague-promotion.json";
    internal const string TeamsNudgeHighlight = "teams/nudge-conference-highlight.json";
    internal const string TeamsNudgeConsent = "teams/nudge-consent.json";
    internal const string SlackNudgePromotion = "slack/nudge-colleague-promotion.json";
    internal const string SlackNudgeHighlight = "slack/nudge-conference-highlight.json";
    internal const string SlackNudgeConsent = "slack/nudge-consent.json";
    internal const string TeamsReviewConfirm = "teams/review-confirm.json";
    internal const string TeamsReviewRequest = "teams/review-request.json";
    internal const string TeamsReviewComment = "teams/review-comment.json";
    internal const string TeamsReviewDecision = "teams/review-decision.json";
    internal const string SlackReviewConfirm = "slack/review-confirm.json";
    internal const string SlackReviewRequest = "slack/review-request.json";
    internal const string SlackReviewComment = "slack/review-comment.json";
    internal const string SlackReviewDecision = "slack/review-decision.json";
    internal const string TeamsReviewList = "teams/review-list.json";
    internal const string SlackReviewList = "slack/review-list.json";

    /// <summary>Every template the renderers use, relative to the cards folder.</summary>
    internal static IReadOnlyList<string> Required { get; } =
        [TeamsReview, TeamsWhy, TeamsWelcome, TeamsHelp, TeamsNotice, SlackReview, SlackWhy, SlackHelp, SlackNotice,
         TeamsNudgePromotion, TeamsNudgeHighlight, TeamsNudgeConsent, SlackNudgePromotion, SlackNudgeHighlight, SlackNudgeConsent,
         TeamsReviewConfirm, TeamsReviewRequest, TeamsReviewComment, TeamsReviewDecision,
         SlackReviewConfirm, SlackReviewRequest, SlackReviewComment, SlackReviewDecision, TeamsReviewList, SlackReviewList];

    private readonly Dictionary<string, CardTemplate> templates;

    private CardTemplates(string directory, Dictionary<string, CardTemplate> templates)
    {
        Directory = directory;
        this.templates = templates;
    }

    /// <summary>The folder the templates were loaded from.</summary>
    public string Directory { get; }

    /// <summary>
    /// Loads and compiles every template from <paramref name="directory"/>, by default the <c>cards</c> folder next
    /// to the app (<see cref="AppContext.BaseDirectory"/>, never the working directory). Throws
    /// <see cref="CardTemplateException"/> listing every missing or invalid file at once.
    /// </summary>
    public static CardTemplates Load(string? directory = null)
    {
        directory = Path.GetFullPath(directory ?? Path.Combine(AppContext.BaseDirectory, "cards"));
        var errors = new List<string>();
        var loaded = new Dictionary<string, CardTemplate>(StringComparer.Ordinal);
        foreach (var name in Required)
        {
            var path = Path.Combine(directory, name);
            if (!File.Exists(path))
            {
                errors.Add($"{name}: missing (looked for {path}).");
                continue;
            }

            if (CardTemplate.TryCompile(name, File.ReadAllText(path), errors) is { } template)
            {
                if (name.StartsWith("teams/", StringComparison.Ordinal))
                {
                    CheckAdaptiveCard(name, template.Root, errors);
                }

                loaded[name] = template;
            }
        }

        if (errors.Count > 0)
        {
            throw new CardTemplateException(
                $"The card templates in {directory} have {errors.Count} problem(s):{Environment.NewLine}  "
                + string.Join(Environment.NewLine + "  ", errors));
        }

        return new CardTemplates(directory, loaded);
    }

    /// <summary>Binds a template to a view model.</summary>
    internal JsonObject Bind(string name, object model) => templates[name].Build(CardJson.ToElement(model));

    /// <summary>Binds a template to a view model and returns the card's JSON text as the channel receives it.</summary>
    internal string Write(string name, object model)
    {
        // The text is written from the data and keeps nothing of it: the data's buffers are pooled, not left to the GC.
        using var data = CardJson.ToDocument(model);
        return templates[name].Write(data.RootElement);
    }

    /// <summary>Binds a template to data that <paramref name="writeData"/> writes as JSON (a card written on every
    /// turn, whose data is written without a view model), and returns the card's JSON text as the channel receives it.</summary>
    internal string Write<TState>(string name, TState state, Action<Utf8JsonWriter, TState> writeData)
    {
        var template = templates[name];
        var buffer = DataBuffer.Rent();
        try
        {
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writeData(writer, state);
            }

            // read in place, and the document's own buffers pooled: nothing of the data outlives the card's text
            using var data = JsonDocument.Parse(buffer.WrittenMemory);
            return template.Write(data.RootElement);
        }
        finally
        {
            DataBuffer.Return(buffer);
        }
    }

    /// <summary>One buffer per thread for a card's data, kept between cards (a card is written on one thread, start to end).</summary>
    private static class DataBuffer
    {
        [ThreadStatic]
        private static ArrayBufferWriter<byte>? cached;

        public static ArrayBufferWriter<byte> Rent()
        {
            var buffer = cached ?? new ArrayBufferWriter<byte>(8 * 1024);
            cached = null;
            return buffer;
        }

        public static void Return(ArrayBufferWriter<byte> buffer)
        {
            if (buffer.Capacity <= 256 * 1024)
            {
                buffer.ResetWrittenCount();
                cached = buffer;
            }
        }
    }

    private static void CheckAdaptiveCard(string name, JsonNode root, List<string> errors)
    {
        if (root["type"]?.GetValue<string>() != "AdaptiveCard")
        {
            errors.Add($"{name}: \"type\" must be \"AdaptiveCard\".");
        }

        if (root["$schema"] is null)
        {
            errors.Add($"{name}: \"$schema\" is not set.");
        }

        var version = root["version"] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
        if (version is null || !double.TryParse(version, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            errors.Add($"{name}: \"version\" must be a string such as \"1.5\".");
        }
        else if (number > MaxAdaptiveCardVersion)
        {
            errors.Add($"{name}: version {version} is above {MaxAdaptiveCardVersion.ToString(CultureInfo.InvariantCulture)}, the highest Teams supports.");
        }
    }
}
