using System.Text.Json.Nodes;
using CommsBot.Bot.Channels;
using CommsBot.Cards;
using CommsBot.Guidelines;
using CommsBot.Nudges;
using Microsoft.Bot.Schema;

namespace CommsBot.Bot.Slack;

/// <summary>Block Kit, for Slack: each card is a whole Slack message (<c>{"blocks":[…],"text":"…"}</c>) carried, as
/// the System.Text.Json tree the renderer built, in an attachment of <see cref="ContentType"/>; <see cref="SlackAdapter"/>
/// sends it as it is. Never converted to Newtonsoft: Slack turns do not go through the Bot Framework's serializer.</summary>
public sealed class SlackCards(BlockKitRenderer blocks, CardTemplates templates) : IChannelCards
{
    /// <summary>An attachment whose content is a whole Slack message.</summary>
    public const string ContentType = "application/vnd.commsbot.slack-message+json";

    /// <summary>An attachment whose content is a modal view: <see cref="SlackAdapter"/> opens it with the turn's trigger id.</summary>
    public const string ModalContentType = "application/vnd.commsbot.slack-modal+json";

    private readonly NudgeCardRenderer nudges = NudgeCardRenderer.ForSlack(templates);

    private readonly ReviewQueueCards reviews = ReviewQueueCards.ForSlack(templates);

    public Attachment Review(Review review, CardContext ctx) => Attach(blocks.RenderReview(review, ctx));

    public Attachment Why(Review review) => Attach(blocks.RenderWhy(review));

    public Attachment Why(IEnumerable<GuidelineRule> rules) => Attach(blocks.RenderWhy(rules));

    /// <summary>Slack has no install greeting of its own here: the help message serves.</summary>
    public Attachment Welcome() => Attach(blocks.RenderHelp());

    public Attachment Help() => Attach(blocks.RenderHelp());

    /// <summary>Notices are written with Markdown's <c>**bold**</c>; Slack's mrkdwn bolds with single asterisks.</summary>
    public Attachment Notice(string title, string text, bool isError = false) =>
        Attach(blocks.RenderNotice(title, text.Replace("**", "*", StringComparison.Ordinal), isError));

    public Attachment ColleaguePromotion(IReadOnlyList<Accomplishment> items) => Attach(nudges.RenderColleaguePromotion(items));

    public Attachment ConferenceHighlight(Conference conference) => Attach(nudges.RenderConferenceHighlight(conference));

    public Attachment ConsentRequest(Accomplishment accomplishment) => Attach(nudges.RenderConsentRequest(accomplishment));

    /// <summary>The confirmation is a modal: the note and the wanted-by date are its inputs.</summary>
    public Attachment ReviewConfirm(string channelName, long? resubmitOf, ReviewActionPayload submit) =>
        new() { ContentType = ModalContentType, Content = reviews.RenderConfirm(channelName, resubmitOf, submit) };

    public Attachment ReviewRequest(ReviewRequestView view) => Attach(reviews.RenderRequest(view));

    /// <summary>The reviewer's comment form is a modal.</summary>
    public Attachment ReviewCommentForm(long id, string decision, string draft, ReviewActionPayload submit) =>
        new() { ContentType = ModalContentType, Content = reviews.RenderCommentForm(id, decision, draft, submit) };

    public Attachment ReviewDecision(ReviewRequestView view) => Attach(reviews.RenderDecision(view));

    public Attachment ReviewList(IReadOnlyList<ReviewListItem> items) => Attach(reviews.RenderList(items));

    /// <summary>The modal view an attachment of <see cref="ModalContentType"/> carries; null for any other attachment.</summary>
    public static JsonObject? Modal(Attachment attachment) =>
        attachment is { ContentType: ModalContentType, Content: JsonObject view } ? view : null;

    /// <summary>The Slack message an attachment of <see cref="ContentType"/> carries; null for any other attachment.</summary>
    public static JsonObject? Message(Attachment attachment) =>
        attachment is { ContentType: ContentType, Content: JsonObject message } ? message : null;

    private static Attachment Attach(JsonObject message) => new() { ContentType = ContentType, Content = message };
}
