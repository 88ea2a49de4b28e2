using CommsBot.Bot.Nudges;
using Microsoft.Bot.Schema;

namespace CommsBot.Bot.Slack;

/// <summary>Nudges to Slack: <c>chat.postMessage</c> to the channel, or for a DM to the channel
/// <c>conversations.open</c> gives for the user (opened if they never wrote to the app).</summary>
public sealed class SlackNudgeSender(SlackApiClient slack, NudgeRateLimiter limiter) : INudgeSender
{
    // One bot token is one workspace: its buckets are the app's.
    private const string Workspace = "workspace";

    public async Task<DeliveryOutcome> SendAsync(NudgeAddress address, Attachment card, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(card);
        var message = SlackCards.Message(card) ?? throw new ArgumentException("Not a Slack message.", nameof(card));
        using var outbox = OutboxRequests.Begin();
        var channel = address.Id;
        if (address.Dm)
        {
            // The app's DM with the user, opened if it is not yet: works for someone who never wrote to the bot.
            using var opening = await limiter.AcquireAsync(new NudgeCall(NudgeCallKind.SlackOpenConversation, Workspace, address.Id), cancellationToken);
            if (!opening.IsAcquired)
            {
                return new DeliveryOutcome.RateLimited("local_queue_full", null);
            }

            var opened = await slack.OpenConversationAsync(address.Id, cancellationToken);
            if (!opened.Ok || opened.Channel is null)
            {
                return Outcome(opened);
            }

            channel = opened.Channel;
        }

        using var lease = await limiter.AcquireAsync(new NudgeCall(NudgeCallKind.SlackPostMessage, Workspace, channel), cancellationToken);
        if (!lease.IsAcquired)
        {
            return new DeliveryOutcome.RateLimited("local_queue_full", null);
        }

        var result = await slack.PostMessageAsync(channel, null, message, cancellationToken);
        return result.Ok ? new DeliveryOutcome.Delivered() : Outcome(result);
    }

    private static DeliveryOutcome Outcome(SlackApiResult result)
    {
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
