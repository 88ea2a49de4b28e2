using CommsBot.Bot.Nudges;
using Microsoft.Bot.Schema;

namespace CommsBot.Bot.Slack;

/// <summary>Proactive messages to Slack: <c>chat.postMessage</c> to the channel, or to the user id for a DM (Slack
/// opens it); <c>chat.update</c> to change one in place.</summary>
public sealed class SlackNudgeSender(SlackApiClient slack) : INudgeSender
{
    public async Task<DeliveryOutcome> SendAsync(NudgeAddress address, Attachment card, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(card);
        var message = SlackCards.Message(card) ?? throw new ArgumentException("Not a Slack message.", nameof(card));
        return Outcome(await slack.PostMessageAsync(address.Id, null, message, cancellationToken));
    }

    public async Task<DeliveryOutcome> UpdateAsync(NudgeAddress address, string messageId, Attachment card, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(card);
        var message = SlackCards.Message(card) ?? throw new ArgumentException("Not a Slack message.", nameof(card));
        return Outcome(await slack.UpdateMessageAsync(address.Id, messageId, message, cancellationToken));
    }

    private static DeliveryOutcome Outcome(SlackApiResult result)
    {
        if (result.Ok)
        {
            return new DeliveryOutcome.Delivered(result.Ts);
        }

        // The client's pipeline already waited out Retry-After on 429s; what is left is retried later.
        var error = result.Error ?? "unknown_error";
        return error is "ratelimited" or "http_429" or "http_408" or "internal_error" or "fatal_error" or "service_unavailable" or "request_timeout"
               || error.StartsWith("http_5", StringComparison.Ordinal)
            ? new DeliveryOutcome.Retry(error, null)
            : new DeliveryOutcome.Drop(error);
    }
}
