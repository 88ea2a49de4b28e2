using System.Collections.Concurrent;
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

    public sealed record Delivered : DeliveryOutcome;

    public sealed record Retry(string Reason, TimeSpan? RetryAfter) : DeliveryOutcome;

    /// <summary>The platform asked to slow down (HTTP 429): the destination is paused for <paramref name="RetryAfter"/>
    /// (or the configured default when it sent none) and the row tried again then. Not a failed attempt.</summary>
    public sealed record RateLimited(string Reason, TimeSpan? RetryAfter) : DeliveryOutcome;

    /// <summary>Nothing to send or nowhere to send it: the row is dropped with the reason.</summary>
    public sealed record Drop(string Reason) : DeliveryOutcome;
}

/// <summary>Where a nudge goes: a conversation, or a user's personal chat (<paramref name="Dm"/>), on a channel.</summary>
public sealed record NudgeAddress(bool Dm, string ChannelId, string Id);

/// <summary>Sends a nudge's card to its address on one channel. Channels register theirs keyed by channel id;
/// <see cref="BotFrameworkNudgeSender"/> serves every channel without one.</summary>
public interface INudgeSender
{
    Task<DeliveryOutcome> SendAsync(NudgeAddress address, Attachment card, CancellationToken cancellationToken);
}

/// <summary>Builds a nudge's card from the ids in its outbox row, in its channel's format, and hands it to the
/// channel's <see cref="INudgeSender"/>.</summary>
public sealed class NudgeDeliverer(NudgeStore store, ChannelCards cards, IServiceProvider services)
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
