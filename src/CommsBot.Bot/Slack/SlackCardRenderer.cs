using CommsBot.Bot.Conversations;
using CommsBot.Cards;
using CommsBot.Guidelines;

namespace CommsBot.Bot.Slack;

/// <summary>Block Kit, for Slack: the cards of <see cref="BlockKitRenderer"/> as attachments of
/// <see cref="ContentType"/>, which <see cref="SlackAdapter"/> sends as the message itself.</summary>
public sealed class SlackCardRenderer(BlockKitRenderer blocks) : ICardRenderer
{
    /// <summary>An attachment whose content is a whole Slack message: <c>{"blocks":[…],"text":"…"}</c>.</summary>
    public const string ContentType = "application/vnd.commsbot.slack-message+json";

    string ICardRenderer.ContentType => ContentType;

    public string RenderReview(Review review, CardContext ctx) => blocks.RenderReview(review, ctx);

    public string RenderWhy(Review review) => blocks.RenderWhy(review);

    /// <summary>Slack has no install greeting of its own here: the help message serves.</summary>
    public string RenderWelcome() => blocks.RenderHelp();

    public string RenderHelp() => blocks.RenderHelp();

    /// <summary>Notices are written with Markdown's <c>**bold**</c>; Slack's mrkdwn bolds with single asterisks.</summary>
    public string RenderNotice(string title, string text, bool isError = false) =>
        blocks.RenderNotice(title, text.Replace("**", "*", StringComparison.Ordinal), isError);
}
