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
