using System.Globalization;
using CommsBot.Bot.Hosting;
using CommsBot.Bot.Storage;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;

namespace CommsBot.Bot.Nudges;

/// <summary>Proactive cards to Teams and the other Bot Framework channels (nudges, review requests and decisions):
/// <c>ContinueConversationAsync</c> with the stored conversation reference (the user's personal chat for a DM), then
/// a new message or <c>UpdateActivityAsync</c> of one sent before.</summary>
public sealed class BotFrameworkNudgeSender(
    NudgeStore store,
    IBotStore botStore,
    CloudAdapter adapter,
    IOptions<BotAuthenticationOptions> auth,
    TimeProvider time) : INudgeSender
{
    public async Task<DeliveryOutcome> SendAsync(NudgeAddress address, Attachment card, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        string? id = null;
        return await ContinueAsync(address, async (turn, ct) => id = (await turn.SendActivityAsync(MessageFactory.Attachment(card), ct))?.Id, () => id, cancellationToken);
    }

    public Task<DeliveryOutcome> UpdateAsync(NudgeAddress address, string messageId, Attachment card, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        var update = (Activity)MessageFactory.Attachment(card);
        update.Id = messageId;
        return ContinueAsync(address, async (turn, ct) => await turn.UpdateActivityAsync(update, ct), () => messageId, cancellationToken);
    }

    private async Task<DeliveryOutcome> ContinueAsync(NudgeAddress address, Func<ITurnContext, CancellationToken, Task> send, Func<string?> messageId, CancellationToken cancellationToken)
    {
        var (dm, channelId, id) = address;
        var reference = dm
            ? await store.FindPersonalConversationAsync(channelId, id, cancellationToken)
            : await botStore.GetConversationReferenceAsync(channelId, id, cancellationToken);
        if (reference is null)
        {
            return new DeliveryOutcome.Drop(dm ? "no-personal-chat" : "no-conversation-reference");
        }

        if (!dm && reference.Conversation is { } conversation && conversation.Id != id)
        {
            // A channel stored from a message in a thread: the card goes to the channel itself.
            conversation.Id = id;
        }

        try
        {
            // The adapter's turn-error handler would swallow a failed send (and apologise into the conversation):
            // catch it inside the turn and rethrow it here, where the caller decides.
            Exception? failed = null;
            await adapter.ContinueConversationAsync(
                auth.Value.MicrosoftAppId ?? "",
                reference,
                async (turn, ct) =>
                {
                    try
                    {
                        await send(turn, ct);
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

            return new DeliveryOutcome.Delivered(messageId());
        }
        catch (ErrorResponseException e) when (e.Response is not null)
        {
            var status = (int)e.Response.StatusCode;
            var reason = "http_" + status.ToString(CultureInfo.InvariantCulture);
            return status is 429 or 408 or >= 500
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
