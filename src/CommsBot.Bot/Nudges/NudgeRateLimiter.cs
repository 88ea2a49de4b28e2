using System.Threading.RateLimiting;
using CommsBot.Nudges;
using Microsoft.Extensions.Options;

namespace CommsBot.Bot.Nudges;

/// <summary>Which platform call a nudge send is about to make: each has its own buckets.</summary>
public enum NudgeCallKind
{
    /// <summary>Bot Framework: an activity to a conversation (Teams' "send to conversation").</summary>
    TeamsSend,

    /// <summary>Bot Framework: <c>POST /v3/conversations</c>, a new 1:1 chat (Teams' "create conversation").</summary>
    TeamsCreateConversation,

    /// <summary>Slack chat.postMessage.</summary>
    SlackPostMessage,

    /// <summary>Slack conversations.open.</summary>
    SlackOpenConversation,
}

/// <summary>One call to rate-limit: its kind, its group (the Teams tenant, the Slack workspace) and its destination
/// (the conversation, channel or user).</summary>
public readonly record struct NudgeCall(NudgeCallKind Kind, string Group, string Destination);

/// <summary>
/// The outbox's token buckets (System.Threading.RateLimiting): one per destination and one per group, chained, so a
/// send waits for a token from both. Group buckets refill on their own timer at their rate; destination buckets are
/// many (one per chat) and are refilled by the partitioned limiter's heartbeat and dropped when idle, so memory stays
/// flat however many chats a fan-out reaches. Waiting is queued oldest first, so sends start in outbox order.
/// </summary>
public sealed class NudgeRateLimiter : IAsyncDisposable, IDisposable
{
    private const int QueueLimit = 1_000_000;

    private readonly PartitionedRateLimiter<NudgeCall> destinations;
    private readonly PartitionedRateLimiter<NudgeCall> groups;
    private readonly PartitionedRateLimiter<NudgeCall> chained;

    public NudgeRateLimiter(IOptions<NudgeOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var limits = options.Value.Delivery.RateLimits;
        destinations = PartitionedRateLimiter.Create<NudgeCall, (NudgeCallKind, string)>(call => call.Kind switch
        {
            NudgeCallKind.TeamsSend or NudgeCallKind.TeamsCreateConversation =>
                RateLimitPartition.GetTokenBucketLimiter((call.Kind, call.Destination), _ => Bucket(limits.TeamsConversation, autoReplenish: false)),
            NudgeCallKind.SlackPostMessage =>
                RateLimitPartition.GetTokenBucketLimiter((call.Kind, call.Destination), _ => Bucket(limits.SlackChannel, autoReplenish: false)),
            _ => RateLimitPartition.GetNoLimiter((call.Kind, "")),
        });

        // Teams counts every request of an app in a tenant against one limit: sends and creations share the bucket.
        groups = PartitionedRateLimiter.Create<NudgeCall, (string, string)>(call => call.Kind switch
        {
            NudgeCallKind.TeamsSend or NudgeCallKind.TeamsCreateConversation =>
                RateLimitPartition.Get(("teams", call.Group), _ => new TokenBucketRateLimiter(Bucket(limits.TeamsTenant, autoReplenish: true))),
            NudgeCallKind.SlackPostMessage =>
                RateLimitPartition.Get(("slack-post", call.Group), _ => new TokenBucketRateLimiter(Bucket(limits.SlackWorkspace, autoReplenish: true))),
            _ => RateLimitPartition.Get(("slack-open", call.Group), _ => new TokenBucketRateLimiter(Bucket(limits.SlackOpenConversation, autoReplenish: true))),
        });

        // The destination first: it rarely waits, and a token taken from the group is not held while it does.
        chained = PartitionedRateLimiter.CreateChained(destinations, groups);
    }

    /// <summary>Waits for a token for <paramref name="call"/>. The lease is not acquired only when
    /// <paramref name="cancellationToken"/> is cancelled first (throws) or the queue is full.</summary>
    public ValueTask<RateLimitLease> AcquireAsync(NudgeCall call, CancellationToken cancellationToken) =>
        chained.AcquireAsync(call, 1, cancellationToken);

    // The group buckets pace a fan-out: their own timer adds one token every 1/rate, so sends are spread evenly. The
    // destination buckets are refilled on the partitioned limiter's 100 ms heartbeat, by the time elapsed.
    private static TokenBucketRateLimiterOptions Bucket(RateLimit limit, bool autoReplenish) => new()
    {
        TokenLimit = limit.Burst,
        TokensPerPeriod = 1,
        ReplenishmentPeriod = limit.Period,
        AutoReplenishment = autoReplenish,
        QueueLimit = QueueLimit,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    };

    public void Dispose()
    {
        chained.Dispose();
        destinations.Dispose();
        groups.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await chained.DisposeAsync();
        await destinations.DisposeAsync();
        await groups.DisposeAsync();
    }
}
