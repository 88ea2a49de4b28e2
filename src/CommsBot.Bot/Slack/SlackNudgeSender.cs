using CommsBot.Bot.Nudges;
using Microsoft.Bot.Schema;

namespace CommsBot.Bot.Slack;

/// <summary>Proactive messages to Slack (nudges, review requests and decisions): <c>chat.postMessage</c> to the channel,
/// or for a DM to the channel <c>conversations.open</c> gives for the user (opened if they never wrote to the app);
/// <c>chat.update</c> to change one in place.</summary>
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
        var (channel, failed) = await ChannelAsync(address, cancellationToken);
        if (failed is not null)
        {
            return failed;
        }

        using var lease = await limiter.AcquireAsync(new NudgeCall(NudgeCallKind.SlackPostMessage, Workspace, channel), cancellationToken);
        if (!lease.IsAcquired)
        {
            return new DeliveryOutcome.RateLimited("local_queue_full", null);
        }

        var result = await slack.PostMessageAsync(channel, null, message, cancellationToken);
        return result.Ok ? new DeliveryOutcome.Delivered(result.Ts) : Outcome(result);
    }

    public async Task<DeliveryOutcome> UpdateAsync(NudgeAddress address, string messageId, Attachment card, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(card);
        var message = SlackCards.Message(card) ?? throw new ArgumentException("Not a Slack message.", nameof(card));
        using var outbox = OutboxRequests.Begin();
        var (channel, failed) = await ChannelAsync(address, cancellationToken);
        if (failed is not null)
        {
            return failed;
        }

        var result = await slack.UpdateMessageAsync(channel, messageId, message, cancellationToken);
        return result.Ok ? new DeliveryOutcome.Delivered(result.Ts ?? messageId) : Outcome(result);
    }

    /// <summary>The channel to post in: the address's, or for a DM the app's DM with the user, opened if it is not
    /// yet (works for someone who never wrote to the bot).</summary>
    private async Task<(string Channel, DeliveryOutcome? Failed)> ChannelAsync(NudgeAddress address, CancellationToken cancellationToken)
    {
        if (!address.Dm)
        {
            return (address.Id, null);
        }

        using var opening = await limiter.AcquireAsync(new NudgeCall(NudgeCallKind.SlackOpenConversation, Workspace, address.Id), cancellationToken);
        if (!opening.IsAcquired)
        {
            return (address.Id, new DeliveryOutcome.RateLimited("local_queue_full", null));
        }

        var opened = await slack.OpenConversationAsync(address.Id, cancellationToken);
        return opened.Ok && opened.Channel is { } channel ? (channel, null) : (address.Id, Outcome(opened));
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
