namespace CommsBot.Bot;

/// <summary>
/// Every log line the bot writes. Drafts can contain patient information: log ids, rule ids, counts, lengths and
/// durations, never draft text, Activity.Text, cards, names or emails.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Error, "Turn failed: activity {ActivityId}, {ExceptionType}")]
    public static partial void TurnFailed(ILogger logger, string? activityId, string exceptionType);

    [LoggerMessage(2, LogLevel.Debug, "Checked a draft: activity {ActivityId}, source {Source}, verdict {Verdict}, {FindingCount} findings [{RuleIds}], {Length} chars, {ElapsedMs:F1} ms")]
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

    [LoggerMessage(20, LogLevel.Warning, "Database not reachable: {Provider}, attempt {Attempt} failed ({Reason}); next try in {DelaySeconds:F1} s")]
    public static partial void DatabaseUnreachable(ILogger logger, string provider, int attempt, string reason, double delaySeconds);

    [LoggerMessage(21, LogLevel.Critical, "Database given up: {Provider}, {Attempts} attempts, last {Reason}")]
    public static partial void DatabaseGaveUp(ILogger logger, string provider, int attempts, string reason);

    [LoggerMessage(14, LogLevel.Warning, "Card action ignored: activity {ActivityId}, {Reason}")]
    public static partial void CardActionIgnored(ILogger logger, string? activityId, string reason);

    [LoggerMessage(15, LogLevel.Information, "Bot added to a conversation: channel {ChannelId}, type {ConversationType}")]
    public static partial void Installed(ILogger logger, string channelId, string? conversationType);

    [LoggerMessage(16, LogLevel.Warning, "Request rejected with 400: {Reason}")]
    public static partial void BadRequest(ILogger logger, string reason);

    [LoggerMessage(17, LogLevel.Warning, "Local mode in the {Environment} environment (Bot:AllowLocalMode): /api/messages is not authenticated; replies go only to a serviceUrl on this machine")]
    public static partial void LocalModeAllowed(ILogger logger, string environment);

    [LoggerMessage(18, LogLevel.Error, "Reply given up: activity {ActivityId}, the connector failed after retries ({Reason})")]
    public static partial void ReplyGivenUp(ILogger logger, string? activityId, string reason);

    [LoggerMessage(19, LogLevel.Error, "Rule pattern switched off: it timed out on a draft; rules {RuleIds}, pattern {Pattern}")]
    public static partial void PatternDisabled(ILogger logger, string ruleIds, string pattern);

    // Slack (100-199): ids, types, counts, status and error codes, durations; never text, blocks or user names.
    [LoggerMessage(100, LogLevel.Information, "Slack endpoints on /api/slack/*, Web API at {ApiHost}")]
    public static partial void SlackEnabled(ILogger logger, string apiHost);

    [LoggerMessage(101, LogLevel.Debug, "Slack endpoints off: Slack:SigningSecret is not set")]
    public static partial void SlackDisabled(ILogger logger);

    [LoggerMessage(102, LogLevel.Information, "Slack event {EventId} accepted: {ConversationType} conversation, retry {RetryNum}")]
    public static partial void SlackEventAccepted(ILogger logger, string eventId, string? conversationType, string retryNum);

    [LoggerMessage(103, LogLevel.Information, "Slack event {EventId} already taken: retry {RetryNum} ({RetryReason}) dropped")]
    public static partial void SlackEventDuplicate(ILogger logger, string eventId, string retryNum, string retryReason);

    [LoggerMessage(104, LogLevel.Debug, "Slack event {EventId} ignored: {Reason}")]
    public static partial void SlackEventIgnored(ILogger logger, string eventId, string reason);

    [LoggerMessage(105, LogLevel.Information, "Slack {Kind} ignored: {Reason}")]
    public static partial void SlackRequestIgnored(ILogger logger, string kind, string reason);

    [LoggerMessage(106, LogLevel.Information, "Slack {InteractionType} accepted: activity {ActivityId}")]
    public static partial void SlackInteractionAccepted(ILogger logger, string interactionType, string? activityId);

    [LoggerMessage(107, LogLevel.Information, "Slack command {ActivityId}: {Answer}, {ReplyCount} replies held, {ElapsedMs:F1} ms")]
    public static partial void SlackCommandAnsweredCore(ILogger logger, string? activityId, string answer, int replyCount, double elapsedMs);

    public static void SlackCommandAnswered(ILogger logger, string? activityId, bool inTime, int replyCount, double elapsedMs) =>
        SlackCommandAnsweredCore(logger, activityId, inTime ? "answered in the response" : "acknowledged, answer to follow", replyCount, elapsedMs);

    [LoggerMessage(108, LogLevel.Debug, "Slack {Method}: HTTP {StatusCode} in {ElapsedMs:F1} ms")]
    public static partial void SlackApiCalled(ILogger logger, string method, int statusCode, double elapsedMs);

    [LoggerMessage(109, LogLevel.Warning, "Slack {Method} failed: {Error}")]
    public static partial void SlackApiFailed(ILogger logger, string method, string error);

    [LoggerMessage(110, LogLevel.Warning, "Slack reply dropped: activity {ActivityId}, a {ActivityType} with content {ContentType} has nothing Slack can show")]
    public static partial void SlackReplyDropped(ILogger logger, string? activityId, string activityType, string contentType);

    [LoggerMessage(111, LogLevel.Warning, "Slack {Kind} refused with 503: the turn queue is full")]
    public static partial void SlackQueueFull(ILogger logger, string kind);

    [LoggerMessage(112, LogLevel.Error, "Slack work failed: {ExceptionType}")]
    public static partial void SlackWorkFailed(ILogger logger, string exceptionType);

    [LoggerMessage(113, LogLevel.Warning, "Slack request rejected with 400: {Reason}")]
    public static partial void SlackBadRequest(ILogger logger, string reason);

    [LoggerMessage(114, LogLevel.Warning, "Slack request on {Route} dropped: the same signed request was taken before (a replay)")]
    public static partial void SlackReplayDropped(ILogger logger, string route);

    // Web API and preview page (200-299): status codes, reason codes, counts; never the body, the draft or a key.
    [LoggerMessage(200, LogLevel.Information, "Web: preview page {PreviewPage}, /api/evaluate {KeyState}, {PermitLimit} requests per client per {WindowSeconds} s")]
    public static partial void WebEnabled(ILogger logger, string previewPage, string keyState, int permitLimit, double windowSeconds);

    [LoggerMessage(201, LogLevel.Information, "API request rejected with {StatusCode}: {Reason}")]
    public static partial void ApiRejected(ILogger logger, int statusCode, string reason);

    [LoggerMessage(202, LogLevel.Information, "API request rate-limited ({PartitionKind}): retry after {RetryAfterSeconds} s")]
    public static partial void ApiRateLimited(ILogger logger, string partitionKind, int retryAfterSeconds);

    // Nudges (300-399): kinds, periods, counts, outbox ids, reason codes; never names, titles, links or cards.
    [LoggerMessage(300, LogLevel.Information, "Nudge {Kind} enqueued for period {Period}: {ItemCount} items")]
    public static partial void NudgeEnqueued(ILogger logger, string kind, string period, int itemCount);

    [LoggerMessage(301, LogLevel.Debug, "Nudge {Kind} not planned for a conversation: {Reason}")]
    public static partial void NudgeSkipped(ILogger logger, string kind, string reason);

    [LoggerMessage(302, LogLevel.Information, "Nudge {OutboxId} ({Kind}) delivered on attempt {Attempt}")]
    public static partial void NudgeDelivered(ILogger logger, long outboxId, string kind, int attempt);

    [LoggerMessage(303, LogLevel.Warning, "Nudge {OutboxId} ({Kind}) attempt {Attempt} failed ({Reason}); retry at {NextAttempt:O}")]
    public static partial void NudgeRetry(ILogger logger, long outboxId, string kind, int attempt, string reason, DateTimeOffset nextAttempt);

    [LoggerMessage(304, LogLevel.Error, "Nudge {OutboxId} ({Kind}) given up after {Attempt} attempts: {Reason}")]
    public static partial void NudgeGaveUp(ILogger logger, long outboxId, string kind, int attempt, string reason);

    [LoggerMessage(305, LogLevel.Information, "Nudge {OutboxId} ({Kind}) dropped: {Reason}")]
    public static partial void NudgeDropped(ILogger logger, long outboxId, string kind, string reason);

    [LoggerMessage(306, LogLevel.Information, "Nudge job {Job} ran for {FireTime:O}: {Enqueued} enqueued")]
    public static partial void NudgeJobRan(ILogger logger, string job, DateTimeOffset fireTime, int enqueued);

    [LoggerMessage(307, LogLevel.Information, "Nudges: scheduler {Store}, promotions {PromotionCron}, highlights {HighlightCron}, time zone {TimeZone}, {ConferenceCount} seeded meetings")]
    public static partial void NudgesReady(ILogger logger, string store, string promotionCron, string highlightCron, string timeZone, int conferenceCount);

    [LoggerMessage(308, LogLevel.Information, "Nudge command {Command}: activity {ActivityId}")]
    public static partial void NudgeCommandHandled(ILogger logger, string command, string? activityId);

    [LoggerMessage(309, LogLevel.Error, "Nudge dispatch pass failed: {ExceptionType}")]
    public static partial void NudgeDispatchFailed(ILogger logger, string exceptionType);

    [LoggerMessage(314, LogLevel.Information, "This instance now delivers the nudge outbox (the PostgreSQL advisory lock is held)")]
    public static partial void NudgeDispatchLeadTaken(ILogger logger);

    [LoggerMessage(315, LogLevel.Warning, "This instance lost the lead on the nudge outbox ({ExceptionType} on its lock connection); another instance takes over")]
    public static partial void NudgeDispatchLeadLost(ILogger logger, string exceptionType);

    [LoggerMessage(316, LogLevel.Warning, "Could not try for the lead on the nudge outbox: {ExceptionType}; trying again at the next poll")]
    public static partial void NudgeDispatchLeadUnavailable(ILogger logger, string exceptionType);

    // Review queue (400-499): request ids, actions, states, counts, lengths, reason codes; never the draft, the note,
    // the comment, the edited draft or a name.
    [LoggerMessage(400, LogLevel.Information, "Review channel registered for {ChannelId}: activity {ActivityId}")]
    public static partial void ReviewChannelRegistered(ILogger logger, string channelId, string? activityId);

    [LoggerMessage(401, LogLevel.Information, "Review request {RequestId} created: {Length} chars, note {NoteLength} chars, verdict {Verdict}, resubmits {ResubmitOf}")]
    public static partial void ReviewRequested(ILogger logger, long requestId, int length, int noteLength, string verdict, long? resubmitOf);

    [LoggerMessage(402, LogLevel.Information, "Review request {RequestId}: {Action} ({Outcome})")]
    public static partial void ReviewAction(ILogger logger, long requestId, string action, string outcome);

    [LoggerMessage(403, LogLevel.Warning, "Review request {RequestId}: {Message} not delivered ({Reason})")]
    public static partial void ReviewNotDelivered(ILogger logger, long requestId, string message, string reason);

    [LoggerMessage(404, LogLevel.Information, "Review maintenance: {Reminded} reminded, {Purged} purged")]
    public static partial void ReviewMaintenance(ILogger logger, int reminded, int purged);

    [LoggerMessage(405, LogLevel.Information, "Review action {Action} refused: activity {ActivityId}, {Reason}")]
    public static partial void ReviewRefused(ILogger logger, string action, string? activityId, string reason);

    [LoggerMessage(406, LogLevel.Error, "Review maintenance pass failed: {ExceptionType}")]
    public static partial void ReviewMaintenanceFailed(ILogger logger, string exceptionType);

    [LoggerMessage(310, LogLevel.Information, "Nudge {OutboxId} ({Kind}) answered {Reason}: its destination paused until {Until:O}, not counted as an attempt")]
    public static partial void NudgeRateLimited(ILogger logger, long outboxId, string kind, string reason, DateTimeOffset until);

    [LoggerMessage(312, LogLevel.Warning, "Nudge {OutboxId}: the adder could not be told that the colleague is unreachable ({Outcome})")]
    public static partial void NudgeNoticeNotSent(ILogger logger, long outboxId, string outcome);

    [LoggerMessage(313, LogLevel.Error, "Nudge {OutboxId} ({Kind}) given up: its destination has answered 429 since {Since:O}")]
    public static partial void NudgeGaveUpRateLimited(ILogger logger, long outboxId, string kind, DateTimeOffset since);

    [LoggerMessage(311, LogLevel.Debug, "Nudge {OutboxId} ({Kind}) given back unsent ({Reason}) until {Until:O}")]
    public static partial void NudgeDeferred(ILogger logger, long outboxId, string kind, string reason, DateTimeOffset until);
}
