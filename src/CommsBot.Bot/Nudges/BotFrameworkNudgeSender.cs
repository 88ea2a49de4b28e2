using System.Globalization;
using CommsBot.Bot.Hosting;
using CommsBot.Bot.Storage;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;

namespace CommsBot.Bot.Nudges;

/// <summary>Nudges to Teams and the other Bot Framework channels: <c>ContinueConversationAsync</c> with the stored
/// conversation reference (the user's personal chat for a DM).</summary>
public sealed class BotFrameworkNudgeSender(
    NudgeStore store,
    IBotStore botStore,
    CloudAdapter adapter,
    IOptions<BotAuthenticationOptions> auth,
    NudgeRateLimiter limiter,
    TimeProvider time) : INudgeSender
{
    public async Task<DeliveryOutcome> SendAsync(NudgeAddress address, Attachment card, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        var (dm, channelId, id) = address;
        var reference = dm
            ? await store.FindPersonalConversationAsync(channelId, id, cancellationToken)
            : await botStore.GetConversationReferenceAsync(channelId, id, cancellationToken);
        if (reference is null)
        {
            return new DeliveryOutcome.Drop(dm ? "no-personal-chat" : "no-conversation-reference");
        }

        using var lease = await limiter.AcquireAsync(new NudgeCall(NudgeCallKind.TeamsSend, reference.Conversation?.TenantId ?? "", reference.Conversation?.Id ?? ""), cancellationToken);
        if (!lease.IsAcquired)
        {
            return new DeliveryOutcome.RateLimited("local_queue_full", null);
        }

        using var outbox = OutboxRequests.Begin();
        try
        {
            // The adapter's turn-error handler would swallow a failed send (and apologise into the conversation):
            // catch it inside the turn and rethrow it here, where the outbox decides.
            Exception? failed = null;
            await adapter.ContinueConversationAsync(
                auth.Value.MicrosoftAppId ?? "",
                reference,
                async (turn, ct) =>
                {
                    try
                    {
                        await turn.SendActivityAsync(MessageFactory.Attachment(card), ct);
                    }
                    catch (Exception e) when (CommsBotAdapter.ConnectorFailure(e) is not null)
                    {
                        failed = e;
                    }
                },
                cancellationToken);
            if (failed is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failed).Throw();
            }

            return new DeliveryOutcome.Delivered();
        }
        catch (ErrorResponseException e) when (e.Response is not null)
        {
            var status = (int)e.Response.StatusCode;
            var reason = "http_" + status.ToString(CultureInfo.InvariantCulture);
            if (status == 429)
            {
                return new DeliveryOutcome.RateLimited(reason, RetryAfter(e.Response.Headers, time.GetUtcNow()));
            }

            return status is 408 or 412 or >= 500
                ? new DeliveryOutcome.Retry(reason, RetryAfter(e.Response.Headers, time.GetUtcNow()))
                : new DeliveryOutcome.Drop(reason);
        }
        catch (Exception e) when (CommsBotAdapter.ConnectorFailure(e) is { } reason)
        {
            // Network errors, the client's timeouts and an open circuit: the outbox tries again later.
            return new DeliveryOutcome.Retry(reason, null);
        }
    }

    internal static TimeSpan? RetryAfter(IDictionary<string, IEnumerable<string>>? headers, DateTimeOffset now)
    {
        if (headers is null)
        {
            return null;
        }

        var value = headers.FirstOrDefault(h => string.Equals(h.Key, "Retry-After", StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return TimeSpan.FromSeconds(Math.Min(seconds, 3600));
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at - now is { } wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero
            : null;
    }
}
