using System.Globalization;
using System.Security.Claims;
using CommsBot.Bot.Hosting;
using CommsBot.Bot.Storage;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using Microsoft.Bot.Schema.Teams;
using Microsoft.Extensions.Options;

namespace CommsBot.Bot.Nudges;

/// <summary>Proactive cards to Teams and the other Bot Framework channels (nudges, review requests and decisions):
/// <c>ContinueConversationAsync</c> with the stored conversation reference (the user's personal chat for a DM), then
/// a new message or <c>UpdateActivityAsync</c> of one sent before. A DM to someone who never opened the bot first
/// creates the 1:1 conversation (<c>CreateConversationAsync</c>: <c>POST /v3/conversations</c> with the tenant and the
/// user's ids) and stores its reference; a 403 or 404 there means the app is not installed for them.</summary>
public sealed class BotFrameworkNudgeSender(
    NudgeStore store,
    IBotStore botStore,
    CloudAdapter adapter,
    IOptions<BotAuthenticationOptions> auth,
    BotFrameworkAuthentication authentication,
    NudgeRateLimiter limiter,
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
        var (dm, channelId, id, _) = address;
        var reference = dm
            ? await store.FindPersonalConversationAsync(channelId, id, cancellationToken)
            : await botStore.GetConversationReferenceAsync(channelId, id, cancellationToken);
        if (reference is null && dm && address.Reach is { ServiceUrl: { Length: > 0 } serviceUrl } reach)
        {
            var (opened, failedToOpen) = await OpenPersonalChatAsync(channelId, id, reach, serviceUrl, cancellationToken);
            if (failedToOpen is not null)
            {
                return failedToOpen;
            }

            reference = opened;
        }

        if (reference is null)
        {
            return new DeliveryOutcome.Drop(dm ? "no-personal-chat" : "no-conversation-reference");
        }

        if (!dm && reference.Conversation is { } conversation && conversation.Id != id)
        {
            // A channel stored from a message in a thread: the card goes to the channel itself.
            conversation.Id = id;
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
            // A personal chat that answers 403 is one the user has since removed the app from.
            return Outcome(e, dm);
        }
        catch (Exception e) when (CommsBotAdapter.ConnectorFailure(e) is { } reason)
        {
            // Network errors, the client's timeouts and an open circuit: the outbox tries again later.
            return new DeliveryOutcome.Retry(reason, null);
        }
    }

    private async Task<(ConversationReference? Reference, DeliveryOutcome? Failed)> OpenPersonalChatAsync(string channelId, string userId, NudgeReach reach, string serviceUrl, CancellationToken cancellationToken)
    {
        using var lease = await limiter.AcquireAsync(new NudgeCall(NudgeCallKind.TeamsCreateConversation, reach.TenantId ?? "", userId), cancellationToken);
        if (!lease.IsAcquired)
        {
            return (null, new DeliveryOutcome.RateLimited("local_queue_full", null));
        }

        var bot = reach.BotId is { Length: > 0 } botId ? new ChannelAccount(botId) : null;
        var parameters = new ConversationParameters
        {
            IsGroup = false,
            Bot = bot,
            Members = [new ChannelAccount(userId, aadObjectId: reach.AadObjectId)],
            TenantId = reach.TenantId,
            ChannelData = reach.TenantId is { } tenant ? new TeamsChannelData { Tenant = new TenantInfo(tenant) } : null,
        };
        string? conversationId;
        using var outbox = OutboxRequests.Begin();
        try
        {
            // The connector directly rather than the adapter's CreateConversationAsync, which runs a turn for the new
            // conversation that CommsBot has no use for.
            var appId = auth.Value.MicrosoftAppId ?? "";
            var identity = new ClaimsIdentity(
            [
                new Claim(AuthenticationConstants.AudienceClaim, appId),
                new Claim(AuthenticationConstants.AppIdClaim, appId),
                new Claim(AuthenticationConstants.ServiceUrlClaim, serviceUrl),
            ]);
            using var connector = await authentication.CreateConnectorFactory(identity).CreateAsync(serviceUrl, null, cancellationToken);
            using var response = await connector.Conversations.CreateConversationWithHttpMessagesAsync(parameters, cancellationToken: cancellationToken);
            conversationId = response.Body?.Id;
        }
        catch (ErrorResponseException e) when (e.Response is not null)
        {
            return (null, Outcome(e, dm: true));
        }
        catch (Exception e) when (CommsBotAdapter.ConnectorFailure(e) is { } reason)
        {
            return (null, new DeliveryOutcome.Retry(reason, null));
        }

        if (string.IsNullOrEmpty(conversationId))
        {
            return (null, new DeliveryOutcome.Retry("no_conversation_id", null));
        }

        var reference = new ConversationReference
        {
            ChannelId = channelId,
            ServiceUrl = serviceUrl,
            Bot = bot,
            User = new ChannelAccount(userId),
            Conversation = new ConversationAccount(isGroup: false, conversationType: "personal", id: conversationId, tenantId: reach.TenantId),
        };
        await botStore.SaveConversationReferenceAsync(reference, CancellationToken.None);
        return (reference, null);
    }

    private DeliveryOutcome Outcome(ErrorResponseException e, bool dm)
    {
        var status = (int)e.Response.StatusCode;
        var reason = "http_" + status.ToString(CultureInfo.InvariantCulture);
        return status switch
        {
            429 => new DeliveryOutcome.RateLimited(reason, RetryAfter(e.Response.Headers, time.GetUtcNow())),
            408 or 412 or >= 500 => new DeliveryOutcome.Retry(reason, RetryAfter(e.Response.Headers, time.GetUtcNow())),
            403 or 404 when dm => new DeliveryOutcome.Drop(DeliveryOutcome.AppNotInstalled),
            _ => new DeliveryOutcome.Drop(reason),
        };
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
