using CommsBot.Cards;
using CommsBot.Guidelines;
using CommsBot.Nudges;
using Microsoft.Bot.Schema;

namespace CommsBot.Bot.Channels;

/// <summary>
/// One channel's cards, as attachments ready to send: Adaptive Cards for Teams and the other Bot Framework channels
/// (<see cref="TeamsCards"/>), Block Kit for Slack (<see cref="Slack.SlackCards"/>). The conversation logic is the
/// same for every channel and asks <see cref="ChannelCards"/> for the turn's; only this differs.
/// </summary>
public interface IChannelCards
{
    /// <summary>The review card, with its actions.</summary>
    Attachment Review(Review review, CardContext ctx);

    /// <summary>The rules behind a review's findings.</summary>
    Attachment Why(Review review);

    /// <summary>The rules named by a Why? action that carries no draft.</summary>
    Attachment Why(IEnumerable<GuidelineRule> rules);

    /// <summary>The greeting when the bot is added.</summary>
    Attachment Welcome();

    /// <summary>The help card.</summary>
    Attachment Help();

    /// <summary>A short notice. The text may use <c>**bold**</c> and <c>`code`</c>; each channel shows it in its own markup.</summary>
    Attachment Notice(string title, string text, bool isError = false);

    /// <summary>New, consented accomplishments, each with "Draft a post".</summary>
    Attachment ColleaguePromotion(IReadOnlyList<Accomplishment> items);

    /// <summary>A meeting's highlight nudge with its photo and embargo policy.</summary>
    Attachment ConferenceHighlight(Conference conference);

    /// <summary>The DM asking a colleague for consent to be promoted.</summary>
    Attachment ConsentRequest(Accomplishment accomplishment);

    /// <summary>Asks the author to confirm sharing the draft with the comms team (a card with inputs on Teams, a
    /// modal on Slack); <paramref name="submit"/> comes back with the note and wanted-by date.</summary>
    Attachment ReviewConfirm(string channelName, long? resubmitOf, ReviewActionPayload submit);

    /// <summary>A review request's card in the comms team's channel, in its current state.</summary>
    Attachment ReviewRequest(ReviewRequestView view);

    /// <summary>The reviewer's comment (and edited draft) form for a decision: a modal on Slack.</summary>
    Attachment ReviewCommentForm(long id, string decision, string draft, ReviewActionPayload submit);

    /// <summary>The decision, for the author's personal chat.</summary>
    Attachment ReviewDecision(ReviewRequestView view);

    /// <summary>The open requests of a review channel.</summary>
    Attachment ReviewList(IReadOnlyList<ReviewListItem> items);
}

/// <summary>The cards of a conversation's channel: Slack's for channel id <c>slack</c>, Teams' (Adaptive Cards) for
/// every other channel. Channels register their cards as a keyed <see cref="IChannelCards"/>.</summary>
public sealed class ChannelCards(IServiceProvider services, TeamsCards teams)
{
    /// <summary>The cards of the channel with this id.</summary>
    public IChannelCards For(string? channelId) =>
        channelId is null ? teams : services.GetKeyedService<IChannelCards>(channelId) ?? teams;

    /// <summary>The cards of the channel the activity came from.</summary>
    public IChannelCards For(IActivity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return For(activity.ChannelId);
    }
}
