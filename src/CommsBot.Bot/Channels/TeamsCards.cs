using System.Text.Json.Nodes;
using CommsBot.Cards;
using CommsBot.Guidelines;
using CommsBot.Nudges;
using Microsoft.Bot.Schema;

namespace CommsBot.Bot.Channels;

/// <summary>Adaptive Cards, for Teams and the other Bot Framework channels.</summary>
public sealed class TeamsCards(AdaptiveCardRenderer cards, CardTemplates templates) : IChannelCards
{
    /// <summary>The content type of an Adaptive Card attachment.</summary>
    public const string ContentType = "application/vnd.microsoft.card.adaptive";

    private readonly NudgeCardRenderer nudges = NudgeCardRenderer.ForTeams(templates);

    private readonly ReviewQueueCards reviews = ReviewQueueCards.ForTeams(templates);

    public Attachment Review(Review review, CardContext ctx) => Attach(cards.RenderReviewJson(review, ctx));

    public Attachment Why(Review review) => Attach(cards.RenderWhy(review));

    public Attachment Why(IEnumerable<GuidelineRule> rules) => Attach(cards.RenderWhy(rules));

    public Attachment Welcome() => Attach(cards.RenderWelcome());

    public Attachment Help() => Attach(cards.RenderHelp());

    public Attachment Notice(string title, string text, bool isError = false) => Attach(cards.RenderNotice(title, text, isError));

    public Attachment ColleaguePromotion(IReadOnlyList<Accomplishment> items) => Attach(nudges.RenderColleaguePromotion(items));

    public Attachment ConferenceHighlight(Conference conference) => Attach(nudges.RenderConferenceHighlight(conference));

    public Attachment ConsentRequest(Accomplishment accomplishment) => Attach(nudges.RenderConsentRequest(accomplishment));

    public Attachment ReviewConfirm(string channelName, long? resubmitOf, ReviewActionPayload submit) => Attach(reviews.RenderConfirm(channelName, resubmitOf, submit));

    public Attachment ReviewRequest(ReviewRequestView view) => Attach(reviews.RenderRequest(view));

    public Attachment ReviewCommentForm(long id, string decision, string draft, ReviewActionPayload submit) => Attach(reviews.RenderCommentForm(id, decision, draft, submit));

    public Attachment ReviewDecision(ReviewRequestView view) => Attach(reviews.RenderDecision(view));

    public Attachment ReviewList(IReadOnlyList<ReviewListItem> items) => Attach(reviews.RenderList(items));

    /// <summary>
    /// The one boundary between the two JSON libraries: the cards are System.Text.Json trees, and the Bot Framework
    /// SDK serialises activities with Newtonsoft, so the card travels as its JSON text (<see cref="AdaptiveCardContent"/>),
    /// which Newtonsoft writes into the activity as it is.
    /// </summary>
    internal static Attachment Attach(JsonObject card) => Attach(AdaptiveCardRenderer.Write(card));

    /// <summary>A card already written as JSON text (the review card, whose text the renderer measured).</summary>
    internal static Attachment Attach(string cardJson) => new()
    {
        ContentType = ContentType,
        Content = new AdaptiveCardContent(cardJson),
    };
}
