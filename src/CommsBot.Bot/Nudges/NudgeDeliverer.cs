using System.Text.Json;
using CommsBot.Bot.Channels;
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

    /// <summary>Nothing to send or nowhere to send it: the row is dropped with the reason.</summary>
    public sealed record Drop(string Reason) : DeliveryOutcome;
}

/// <summary>Where a nudge goes: a conversation, or a user's personal chat (<paramref name="Dm"/>), on a channel.</summary>
public sealed record NudgeAddress(bool Dm, string ChannelId, string Id);

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
public sealed class NudgeDeliverer(NudgeStore store, ChannelCards cards, IServiceProvider services)
{
    public async Task<DeliveryOutcome> DeliverAsync(NudgeOutboxRow row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        var (dm, channelId, id) = NudgeTarget.Parse(row.ConversationKey);
        var card = await RenderAsync(row, cards.For(channelId), cancellationToken);
        if (card is null)
        {
            return new DeliveryOutcome.Drop("nothing-to-send");
        }

        var sender = services.GetKeyedService<INudgeSender>(channelId) ?? services.GetRequiredService<BotFrameworkNudgeSender>();
        return await sender.SendAsync(new NudgeAddress(dm, channelId, id), card, cancellationToken);
    }

    private async Task<Attachment?> RenderAsync(NudgeOutboxRow row, IChannelCards channel, CancellationToken cancellationToken)
    {
        var payload = JsonSerializer.Deserialize<NudgePayload>(row.PayloadJson) ?? new NudgePayload();
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
