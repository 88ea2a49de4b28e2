using CommsBot.Cards;
using CommsBot.Guidelines;

namespace CommsBot.Bot.Conversations;

/// <summary>
/// One channel's cards, as <see cref="DraftChecker"/> uses them: Adaptive Cards for Teams and the Bot Framework
/// channels, Block Kit for Slack. The conversation logic is the same for every channel; only this differs.
/// </summary>
public interface ICardRenderer
{
    /// <summary>The content type of the attachments that carry this renderer's JSON.</summary>
    string ContentType { get; }

    string RenderReview(Review review, CardContext ctx);

    string RenderWhy(Review review);

    string RenderWelcome();

    string RenderHelp();

    /// <summary>A short notice. The text may use <c>**bold**</c> and <c>`code`</c>; each renderer shows it in its channel's markup.</summary>
    string RenderNotice(string title, string text, bool isError = false);
}

/// <summary>Adaptive Cards, for Teams and the other Bot Framework channels.</summary>
public sealed class AdaptiveCardChannelRenderer(AdaptiveCardRenderer cards) : ICardRenderer
{
    public string ContentType => DraftChecker.AdaptiveCardContentType;

    public string RenderReview(Review review, CardContext ctx) => cards.RenderReview(review, ctx);

    public string RenderWhy(Review review) => cards.RenderWhy(review);

    public string RenderWelcome() => cards.RenderWelcome();

    public string RenderHelp() => cards.RenderHelp();

    public string RenderNotice(string title, string text, bool isError = false) => cards.RenderNotice(title, text, isError);
}
