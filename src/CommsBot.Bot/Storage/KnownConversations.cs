using System.Collections.Concurrent;

namespace CommsBot.Bot.Storage;

/// <summary>The conversations whose reference this process has stored, so a check stores it once, not every turn.</summary>
public sealed class KnownConversations
{
    private readonly ConcurrentDictionary<string, byte> seen = new(StringComparer.Ordinal);

    /// <summary>True the first time a conversation is seen by this process.</summary>
    public bool FirstTime(string channelId, string? conversationId) =>
        conversationId is not null && seen.TryAdd(channelId + "|" + conversationId, 0);
}
