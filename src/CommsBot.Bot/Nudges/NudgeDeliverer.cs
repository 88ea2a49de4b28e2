using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using CommsBot.Bot.Conversations;
using CommsBot.Bot.Hosting;
using CommsBot.Bot.Slack;
using CommsBot.Bot.Storage;
using CommsBot.Cards;
using CommsBot.Nudges;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;
using Newtonsoft.Json.Linq;

namespace CommsBot.Bot.Nudges;

/// <summary>How one delivery attempt ended. Reasons are short codes (HTTP status, Slack error, exception type).</summary>
public abstract record DeliveryOutcome
{
    private DeliveryOutcome()
    {
    }

    public sealed record Delivered : DeliveryOutcome;

    public sealed record Retry(string Reason, TimeSpan? RetryAfter) : DeliveryOutcome;

    /// <summary>Nothing to send or nowhere to send it: the row is dropped with the reason.</summary>
    public sealed record Drop(string Reason) : DeliveryOutcome;
}

/// <summary>Builds a nudge's card from the ids in its outbox row and sends it: Teams (and the other Bot Framework
/// channels) through <c>ContinueConversationAsync</c> with the stored conversation reference, Slack through
/// <c>chat.postMessage</c>.</summary>
public sealed class NudgeDeliverer(
    NudgeStore store,
    IBotStore botStore,
    NudgeCardRenderer cards,
    CloudAdapter adapter,
    SlackApiClient slack,
    IOptions<BotAuthenticationOptions> auth)
{
    public async Task<DeliveryOutcome> DeliverAsync(NudgeOutboxRow row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        var (dm, channelId, id) = NudgeTarget.Parse(row.ConversationKey);
        var isSlack = channelId == SlackAdapter.ChannelId;
        var json = await RenderAsync(row, isSlack, cancellationToken);
        if (json is null)
        {
            return new DeliveryOutcome.Drop("nothing-to-send");
        }

        return isSlack
            ? await SendSlackAsync(id, json, cancellationToken)
            : await SendBotFrameworkAsync(dm, channelId, id, json, cancellationToken);
    }

    private async Task<string?> RenderAsync(NudgeOutboxRow row, bool isSlack, CancellationToken cancellationToken)
    {
        var payload = JsonSerializer.Deserialize<NudgePayload>(row.PayloadJson) ?? new NudgePayload();
        if (row.Kind == NudgeKind.ConferenceHighlight.ToWire())
        {
            var conference = (await store.ListConferencesAsync(cancellationToken)).FirstOrDefault(c => c.Id == payload.Conference);
            return conference is null ? null : cards.RenderConferenceHighlight(NudgeMapping.ToModel(conference), isSlack);
        }

        var items = await store.GetAccomplishmentsAsync(payload.Ids ?? [], cancellationToken);
        if (row.Kind == NudgeKind.ConsentRequest.ToWire())
        {
            var item = items.FirstOrDefault(a => a.Consent == ConsentState.Pending.ToWire());
            return item is null ? null : cards.RenderConsentRequest(NudgeMapping.ToModel(item), isSlack);
        }

        // Removed or withdrawn since it was enqueued: never offered.
        var offered = items.Where(a => a.Consent == ConsentState.Granted.ToWire()).Select(NudgeMapping.ToModel).ToList();
        return offered.Count == 0 ? null : cards.RenderColleaguePromotion(offered, isSlack);
    }

    private async Task<DeliveryOutcome> SendSlackAsync(string channel, string json, CancellationToken cancellationToken)
    {
        var result = await slack.PostMessageAsync(channel, null, JsonNode.Parse(json)!.AsObject(), cancellationToken);
        if (result.Ok)
        {
            return new DeliveryOutcome.Delivered();
        }

        // The client's pipeline already waited out Retry-After on 429s; what is left is retried later.
        var error = result.Error ?? "unknown_error";
        return error is "ratelimited" or "http_429" or "http_408" or "internal_error" or "fatal_error" or "service_unavailable" or "request_timeout"
               || error.StartsWith("http_5", StringComparison.Ordinal)
            ? new DeliveryOutcome.Retry(error, null)
            : new DeliveryOutcome.Drop(error);
    }

    private async Task<DeliveryOutcome> SendBotFrameworkAsync(bool dm, string channelId, string id, string json, CancellationToken cancellationToken)
    {
        var reference = dm
            ? await store.FindPersonalConversationAsync(channelId, id, cancellationToken)
            : await botStore.GetConversationReferenceAsync(channelId, id, cancellationToken);
        if (reference is null)
        {
            return new DeliveryOutcome.Drop(dm ? "no-personal-chat" : "no-conversation-reference");
        }

        var attachment = new Attachment { ContentType = DraftChecker.AdaptiveCardContentType, Content = JObject.Parse(json) };
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
                        await turn.SendActivityAsync(MessageFactory.Attachment(attachment), ct);
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
            return status is 429 or 408 or >= 500
                ? new DeliveryOutcome.Retry(reason, RetryAfter(e.Response.Headers))
                : new DeliveryOutcome.Drop(reason);
        }
        catch (Exception e) when (CommsBotAdapter.ConnectorFailure(e) is { } reason)
        {
            // Network errors, the client's timeouts and an open circuit: the outbox tries again later.
            return new DeliveryOutcome.Retry(reason, null);
        }
    }

    internal static TimeSpan? RetryAfter(IDictionary<string, IEnumerable<string>>? headers)
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
            ? at - DateTimeOffset.UtcNow is { } wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero
            : null;
    }
}
