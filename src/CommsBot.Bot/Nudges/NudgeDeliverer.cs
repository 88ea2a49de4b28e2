using System.Collections.Concurrent;
using System.Text.Json;
using CommsBot.Bot.Channels;
using CommsBot.Bot.Storage;
using CommsBot.Nudges;
using Microsoft.Bot.Schema;

namespace CommsBot.Bot.Nudges;

/// <summary>How one delivery attempt ended. Reasons are short codes (HTTP status, Slack error, exception type).</summary>
public abstract record DeliveryOutcome
{
    private DeliveryOutcome()
    {
    }

    /// <summary>Sent; <paramref name="MessageId"/> is the message's id (a Teams activity id, a Slack ts) when the
    /// channel gave one, for updating it in place.</summary>
    public sealed record Delivered(string? MessageId = null) : DeliveryOutcome;

    public sealed record Retry(string Reason, TimeSpan? RetryAfter) : DeliveryOutcome;

    /// <summary>The platform asked to slow down (HTTP 429): the destination is paused for <paramref name="RetryAfter"/>
    /// (or the configured default when it sent none) and the row tried again then. Not a failed attempt.</summary>
    public sealed record RateLimited(string Reason, TimeSpan? RetryAfter) : DeliveryOutcome;

    /// <summary>Nothing to send or nowhere to send it: the row is dropped with the reason.</summary>
    public sealed record Drop(string Reason) : DeliveryOutcome;

    /// <summary>The drop reason when the platform refuses a personal chat with the user (Teams: 403 or 404 when the
    /// app is not installed for them).</summary>
    public const string AppNotInstalled = "app_not_installed";
}

/// <summary>Where a nudge goes: a conversation, or a user's personal chat (<paramref name="Dm"/>), on a channel.
/// <paramref name="Reach"/> says how to open a personal chat that is not on record yet.</summary>
public sealed record NudgeAddress(bool Dm, string ChannelId, string Id, NudgeReach? Reach = null);

/// <summary>What opening a personal chat with a user needs: the channel's service URL, the user's tenant and AAD object
/// id (Teams), and the bot's account there. Ids only.</summary>
public sealed record NudgeReach(string? ServiceUrl, string? TenantId, string? AadObjectId, string? BotId);

/// <summary>Sends a proactive card (a nudge, a review request or decision) to its address on one channel, and
/// updates one it sent. Channels register theirs keyed by channel id; <see cref="BotFrameworkNudgeSender"/> serves
/// every channel without one.</summary>
public interface INudgeSender
{
    Task<DeliveryOutcome> SendAsync(NudgeAddress address, Attachment card, CancellationToken cancellationToken);

    /// <summary>Replaces the card of message <paramref name="messageId"/> in a conversation (not a DM), in place.</summary>
    Task<DeliveryOutcome> UpdateAsync(NudgeAddress address, string messageId, Attachment card, CancellationToken cancellationToken);
}

/// <summary>Builds a nudge's card from the ids in its outbox row, in its channel's format, and hands it to the
/// channel's <see cref="INudgeSender"/>.</summary>
public sealed class NudgeDeliverer(NudgeStore store, IBotStore botStore, ChannelCards cards, IServiceProvider services, ILogger<NudgeDeliverer> logger)
{
    // A fan-out sends one card to thousands of chats: it is built once per dispatcher pass (this deliverer's scope).
    private readonly ConcurrentDictionary<(string Kind, string Payload, string Channel), Lazy<Task<Attachment?>>> rendered = new();

    public async Task<DeliveryOutcome> DeliverAsync(NudgeOutboxRow row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        var (dm, channelId, id) = NudgeTarget.Parse(row.ConversationKey);
        var card = await rendered.GetOrAdd(
            (row.Kind, row.PayloadJson, channelId),
            _ => new Lazy<Task<Attachment?>>(() => RenderAsync(row, cards.For(channelId), CancellationToken.None))).Value;
        if (card is null)
        {
            return new DeliveryOutcome.Drop("nothing-to-send");
        }

        var sender = services.GetKeyedService<INudgeSender>(channelId) ?? services.GetRequiredService<BotFrameworkNudgeSender>();
        if (row.Kind != NudgeKind.ConsentRequest.ToWire())
        {
            return await sender.SendAsync(new NudgeAddress(dm, channelId, id), card, cancellationToken);
        }

        // A consent question may go to someone who never opened the bot: the sender opens the chat with what the
        // kudos recorded, and when it cannot (the app is not installed for them) the person who added it is told.
        var payload = Payload(row);
        var item = await store.GetAccomplishmentsAsync(payload.Ids ?? [], cancellationToken) is [var first, ..] ? first : null;
        var adder = payload.From is { } from ? await botStore.GetConversationReferenceAsync(channelId, from, cancellationToken) : null;
        var reach = new NudgeReach(item?.ServiceUrl ?? adder?.ServiceUrl, item?.TenantId, payload.Aad, adder?.Bot?.Id);
        var outcome = await sender.SendAsync(new NudgeAddress(dm, channelId, id, reach), card, cancellationToken);
        if (outcome is DeliveryOutcome.Drop { Reason: DeliveryOutcome.AppNotInstalled } && item is not null && payload.From is { } adderConversation)
        {
            var notice = cards.For(channelId).Notice(
                "I couldn't ask " + item.ColleagueName,
                $"CommsBot isn't installed for {item.ColleagueName}, so I can't ask them whether kudos #{item.Id} may be promoted. "
                + "Ask them to add CommsBot (Apps, search for CommsBot, Add), then add the kudos again.",
                isError: true);
            var told = await sender.SendAsync(new NudgeAddress(false, channelId, adderConversation), notice, cancellationToken);
            if (told is not DeliveryOutcome.Delivered)
            {
                Log.NudgeNoticeNotSent(logger, row.Id, told.GetType().Name);
            }
        }

        return outcome;
    }

    private static NudgePayload Payload(NudgeOutboxRow row) => JsonSerializer.Deserialize<NudgePayload>(row.PayloadJson) ?? new NudgePayload();

    private async Task<Attachment?> RenderAsync(NudgeOutboxRow row, IChannelCards channel, CancellationToken cancellationToken)
    {
        var payload = Payload(row);
        if (row.Kind == NudgeKind.ConferenceHighlight.ToWire())
        {
            var conference = (await store.ListConferencesAsync(cancellationToken)).FirstOrDefault(c => c.Id == payload.Conference);
            return conference is null ? null : channel.ConferenceHighlight(NudgeMapping.ToModel(conference));
        }

        var items = await store.GetAccomplishmentsAsync(payload.Ids ?? [], cancellationToken);
        if (row.Kind == NudgeKind.ConsentRequest.ToWire())
        {
            var item = items.FirstOrDefault(a => a.Consent == ConsentState.Pending.ToWire());
            return item is null ? null : channel.ConsentRequest(NudgeMapping.ToModel(item));
        }

        // Removed or withdrawn since it was enqueued: never offered.
        var offered = items.Where(a => a.Consent == ConsentState.Granted.ToWire()).Select(NudgeMapping.ToModel).ToList();
        return offered.Count == 0 ? null : channel.ColleaguePromotion(offered);
    }
}
