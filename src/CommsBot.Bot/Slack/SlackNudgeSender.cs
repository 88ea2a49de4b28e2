using CommsBot.Bot.Nudges;
using Microsoft.Bot.Schema;

namespace CommsBot.Bot.Slack;

/// <summary>Nudges to Slack: <c>chat.postMessage</c> to the channel, or to the user id for a DM (Slack opens it).</summary>
public sealed class SlackNudgeSender(SlackApiClient slack, NudgeRateLimiter limiter) : INudgeSender
{
    // One bot token is one workspace: its buckets are the app's.
    private const string Workspace = "workspace";

    public async Task<DeliveryOutcome> SendAsync(NudgeAddress address, Attachment card, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(card);
        var message = SlackCards.Message(card) ?? throw new ArgumentException("Not a Slack message.", nameof(card));
        using var lease = await limiter.AcquireAsync(new NudgeCall(NudgeCallKind.SlackPostMessage, Workspace, address.Id), cancellationToken);
        if (!lease.IsAcquired)
        {
            return new DeliveryOutcome.RateLimited("local_queue_full", null);
        }

        using var outbox = OutboxRequests.Begin();
        var result = await slack.PostMessageAsync(address.Id, null, message, cancellationToken);
        if (result.Ok)
        {
            return new DeliveryOutcome.Delivered();
        }

        // A 429 comes back at once (the client leaves it to the outbox); other transient errors were retried by the
        // client's pipeline, and what is left is retried later.
        var error = result.Error ?? "unknown_error";
        if (error is "ratelimited" or "http_429")
        {
            return new DeliveryOutcome.RateLimited(error, result.RetryAfter);
        }

        return error is "http_408" or "internal_error" or "fatal_error" or "service_unavailable" or "request_timeout"
               || error.StartsWith("http_5", StringComparison.Ordinal)
            ? new DeliveryOutcome.Retry(error, null)
            : new DeliveryOutcome.Drop(error);
    }
}
