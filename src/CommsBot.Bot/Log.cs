namespace CommsBot.Bot;

/// <summary>
/// Every log line the bot writes. Drafts can contain patient information: log ids, rule ids, counts, lengths and
/// durations, never draft text, Activity.Text, cards, names or emails.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Error, "Turn failed: activity {ActivityId}, {ExceptionType}")]
    public static partial void TurnFailed(ILogger logger, string? activityId, string exceptionType);

    [LoggerMessage(2, LogLevel.Information, "Checked a draft: activity {ActivityId}, source {Source}, verdict {Verdict}, {FindingCount} findings [{RuleIds}], {Length} chars, {ElapsedMs:F1} ms")]
    public static partial void DraftChecked(ILogger logger, string? activityId, string source, string verdict, int findingCount, string ruleIds, int length, double elapsedMs);

    [LoggerMessage(3, LogLevel.Information, "Draft not checked: activity {ActivityId}, {Length} chars")]
    public static partial void DraftRejected(ILogger logger, string? activityId, int length);

    [LoggerMessage(4, LogLevel.Information, "Command {Command}: activity {ActivityId}")]
    public static partial void CommandHandled(ILogger logger, string command, string? activityId);

    [LoggerMessage(5, LogLevel.Information, "Card action {Action}: activity {ActivityId}")]
    public static partial void CardActionHandled(ILogger logger, string action, string? activityId);

    [LoggerMessage(6, LogLevel.Information, "False positive reported for rule {RuleId}")]
    public static partial void FalsePositiveReported(ILogger logger, string ruleId);

    [LoggerMessage(7, LogLevel.Information, "Conversation reference stored: channel {ChannelId}, type {ConversationType}")]
    public static partial void ConversationStored(ILogger logger, string channelId, string? conversationType);

    [LoggerMessage(8, LogLevel.Information, "Message extension {CommandId} ({Kind}): activity {ActivityId}")]
    public static partial void MessageExtensionHandled(ILogger logger, string? commandId, string kind, string? activityId);

    [LoggerMessage(9, LogLevel.Warning, "Request rejected with 401: {Reason}")]
    public static partial void Unauthorized(ILogger logger, string reason);

    [LoggerMessage(10, LogLevel.Warning, "Request body over {Limit} bytes rejected")]
    public static partial void RequestTooLarge(ILogger logger, int limit);

    [LoggerMessage(11, LogLevel.Debug, "Usage counters written: {CounterCount} counters")]
    public static partial void CountersFlushed(ILogger logger, int counterCount);

    [LoggerMessage(12, LogLevel.Warning, "Usage counters not written ({ExceptionType}); kept for the next try")]
    public static partial void CountersFlushFailed(ILogger logger, string exceptionType);

    [LoggerMessage(13, LogLevel.Information, "Storage ready: {Provider}")]
    public static partial void StorageReady(ILogger logger, string provider);

    [LoggerMessage(14, LogLevel.Warning, "Card action ignored: activity {ActivityId}, {Reason}")]
    public static partial void CardActionIgnored(ILogger logger, string? activityId, string reason);

    [LoggerMessage(15, LogLevel.Information, "Bot added to a conversation: channel {ChannelId}, type {ConversationType}")]
    public static partial void Installed(ILogger logger, string channelId, string? conversationType);

    [LoggerMessage(16, LogLevel.Warning, "Request rejected with 400: {Reason}")]
    public static partial void BadRequest(ILogger logger, string reason);
}
