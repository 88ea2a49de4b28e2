using CommsBot.Guidelines;
using Microsoft.Bot.Schema;

namespace CommsBot.Bot.Storage;

/// <summary>The bot's state: user preferences, conversation references, false-positive reports and counts.</summary>
public interface IBotStore
{
    Task<AccountKind?> GetDefaultAccountAsync(string userKey, CancellationToken cancellationToken);

    Task SetDefaultAccountAsync(string userKey, AccountKind account, CancellationToken cancellationToken);

    /// <summary>Stores (or refreshes) where to reach a conversation later. Display names are dropped.</summary>
    Task SaveConversationReferenceAsync(ConversationReference reference, CancellationToken cancellationToken);

    Task<ConversationReference?> GetConversationReferenceAsync(string channelId, string conversationId, CancellationToken cancellationToken);

    Task AddFalsePositiveReportAsync(string ruleId, string draftHash, CancellationToken cancellationToken);

    Task<IReadOnlyList<FalsePositiveReport>> GetFalsePositiveReportsAsync(CancellationToken cancellationToken);

    Task AddCountsAsync(IReadOnlyDictionary<string, long> deltas, CancellationToken cancellationToken);

    Task<IReadOnlyDictionary<string, long>> GetCountsAsync(CancellationToken cancellationToken);
}
