using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace CommsBot.LoadAnchor;

/// <summary>Answers every message with the same Adaptive Card, parsed once at start-up (a card the bot rendered for
/// one of the load drafts, about the average size of the four).</summary>
internal sealed class ConstantCardBot(JObject card) : ActivityHandler
{
    protected override Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken) =>
        turnContext.SendActivityAsync(
            MessageFactory.Attachment(new Attachment { ContentType = "application/vnd.microsoft.card.adaptive", Content = card }),
            cancellationToken);
}
