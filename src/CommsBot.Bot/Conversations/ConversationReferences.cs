using CommsBot.Bot.Storage;
using Microsoft.Bot.Builder;

namespace CommsBot.Bot.Conversations;

/// <summary>Keeps where to reach a conversation (for nudges): on install, and on a conversation's first check.</summary>
public sealed class ConversationReferences(IBotStore store, KnownConversations known, ILogger<ConversationReferences> logger)
{
    /// <summary>Stores the turn's conversation reference, unless it has no conversation or service URL.</summary>
    public async Task StoreAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var activity = turnContext.Activity;
        if (activity.Conversation?.Id is null || string.IsNullOrEmpty(activity.ServiceUrl))
        {
            return;
        }

        await store.SaveConversationReferenceAsync(activity.GetConversationReference(), cancellationToken);
        Log.ConversationStored(logger, activity.ChannelId, activity.Conversation.ConversationType);
    }

    /// <summary>Installs store the reference; a chat that started before the bot kept state (or lost it) is stored
    /// on its first check. The set keeps this to one write per conversation per process.</summary>
    public async Task RememberAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        if (known.FirstTime(turnContext.Activity.ChannelId, turnContext.Activity.Conversation?.Id))
        {
            await StoreAsync(turnContext, cancellationToken);
        }
    }
}
