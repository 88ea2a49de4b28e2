using CommsBot.Bot.Storage;
using CommsBot.Guidelines;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace CommsBot.Bot.Conversations;

/// <summary>What a handler's answer is: an optional plain-text draft (a revised or ready draft, shown as typed), the
/// card, and an optional card after it (a meeting's policy reminder).</summary>
public sealed record BotReply(string? Draft, Attachment Card, Attachment? FollowUp = null)
{
    public static implicit operator BotReply(Attachment card) => new(null, card);
}

/// <summary>Facts about a turn that every handler uses, and how replies are sent.</summary>
public static class Turn
{
    /// <summary>A personal (one-to-one) conversation, as opposed to a channel or group chat.</summary>
    public static bool IsPersonal(IActivity activity) =>
        activity.Conversation?.ConversationType is { } type
            ? string.Equals(type, "personal", StringComparison.OrdinalIgnoreCase)
            : activity.Conversation?.IsGroup != true;

    /// <summary>The key of the user's stored preferences: channel and user id.</summary>
    public static string UserKey(IActivity activity) => $"{activity.ChannelId}:{activity.From?.Id}";

    /// <summary>The user's default account, or unknown when they have not chosen one.</summary>
    public static async Task<AccountKind> DefaultAccountAsync(this IBotStore store, ITurnContext turnContext, CancellationToken cancellationToken) =>
        await store.GetDefaultAccountAsync(UserKey(turnContext.Activity), cancellationToken) ?? AccountKind.Unknown;

    /// <summary>Sends a reply: the draft as plain text, then the card, then the follow-up card.</summary>
    public static async Task SendAsync(ITurnContext turnContext, BotReply reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reply);
        if (reply.Draft is { } draft)
        {
            await SendAsync(turnContext, PlainText(draft), cancellationToken);
        }

        await SendAsync(turnContext, MessageFactory.Attachment(reply.Card), cancellationToken);
        if (reply.FollowUp is { } followUp)
        {
            await SendAsync(turnContext, MessageFactory.Attachment(followUp), cancellationToken);
        }
    }

    /// <summary>Sends one message; in a channel, in the thread of the message that asked.</summary>
    public static async Task SendAsync(ITurnContext turnContext, IMessageActivity reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(reply);
        if (!IsPersonal(turnContext.Activity))
        {
            reply.ReplyToId = turnContext.Activity.Id;
        }

        await turnContext.SendActivityAsync(reply, cancellationToken);
    }

    /// <summary>A message shown as typed (a draft), not as markdown.</summary>
    public static Activity PlainText(string text)
    {
        var message = (Activity)MessageFactory.Text(text);
        message.TextFormat = TextFormatTypes.Plain;
        return message;
    }
}
