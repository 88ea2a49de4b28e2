using System.Globalization;
using CommsBot.Nudges;
using Microsoft.Extensions.Options;

namespace CommsBot.Bot.Nudges;

/// <summary>What the scheduled jobs do: decide, per subscribed conversation, whether a nudge is due and put it in the
/// outbox once. Delivery is the dispatcher's.</summary>
public sealed class NudgePlanner(NudgeStore store, IOptions<NudgeOptions> options, TimeProvider time, ILogger<NudgePlanner> logger)
{
    private static readonly TimeSpan CapWindow = TimeSpan.FromDays(14);

    /// <summary>The colleague-promotion run of the schedule that fired at <paramref name="fireTime"/> (the period).</summary>
    public async Task<int> PlanColleaguePromotionsAsync(DateTimeOffset fireTime, CancellationToken cancellationToken)
    {
        var rules = options.Value.ToRules();
        var now = time.GetUtcNow();
        var period = fireTime.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var enqueued = 0;

        // Subscriptions of one scope mostly share a watermark: one query each, not one per conversation.
        var consented = new Dictionary<(string Scope, long After), IReadOnlyList<AccomplishmentRecord>>();
        foreach (var subscription in await store.ActiveSubscriptionsAsync(cancellationToken))
        {
            var key = (subscription.Scope, subscription.LastAccomplishmentId);
            if (!consented.TryGetValue(key, out var items))
            {
                consented[key] = items = await store.NewConsentedAsync(subscription.Scope, subscription.LastAccomplishmentId, cancellationToken);
            }

            if (items.Count == 0)
            {
                continue;
            }

            if (await DecideAsync(rules, subscription, now, NudgeKind.ColleaguePromotion, cancellationToken) is not { } at)
            {
                continue;
            }

            var ids = items.Select(i => i.Id).ToArray();
            if (await store.TryEnqueueAsync(NudgeKind.ColleaguePromotion, subscription.ConversationKey, period, new NudgePayload { Ids = ids }, at, ids.Max(), cancellationToken))
            {
                enqueued++;
                Log.NudgeEnqueued(logger, NudgeKind.ColleaguePromotion.ToWire(), period, ids.Length);
            }
        }

        return enqueued;
    }

    /// <summary>The conference-highlight run: one nudge per subscribed conversation and meeting on each meeting day.</summary>
    public async Task<int> PlanConferenceHighlightsAsync(CancellationToken cancellationToken)
    {
        var rules = options.Value.ToRules();
        var now = time.GetUtcNow();
        var on = (await store.ListConferencesAsync(cancellationToken))
            .Select(NudgeMapping.ToModel)
            .Where(c => ConferenceCalendar.IsOn(c, now))
            .ToList();
        if (on.Count == 0)
        {
            return 0;
        }

        var enqueued = 0;
        foreach (var subscription in await store.ActiveSubscriptionsAsync(cancellationToken))
        {
            foreach (var conference in on)
            {
                if (await DecideAsync(rules, subscription, now, NudgeKind.ConferenceHighlight, cancellationToken) is not { } at)
                {
                    break;
                }

                var period = ConferenceCalendar.HighlightPeriod(conference, now);
                if (await store.TryEnqueueAsync(NudgeKind.ConferenceHighlight, subscription.ConversationKey, period, new NudgePayload { Conference = conference.Id }, at, null, cancellationToken))
                {
                    enqueued++;
                    Log.NudgeEnqueued(logger, NudgeKind.ConferenceHighlight.ToWire(), period, 1);
                }
            }
        }

        return enqueued;
    }

    /// <summary>The one consent DM for an accomplishment (not a nudge: no quiet hours or cap). <paramref name="addedIn"/>
    /// is the conversation the kudos was added in (told if the colleague cannot be reached), and
    /// <paramref name="colleagueAadObjectId"/> the colleague's AAD object id when the mention carried it.</summary>
    public Task<bool> EnqueueConsentAsync(AccomplishmentRecord accomplishment, string? addedIn, string? colleagueAadObjectId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accomplishment);
        var target = NudgeTarget.DirectMessage(accomplishment.ChannelId, accomplishment.ColleagueId!);
        var payload = new NudgePayload { Ids = [accomplishment.Id], From = addedIn, Aad = colleagueAadObjectId };
        return store.TryEnqueueAsync(NudgeKind.ConsentRequest, target, "a" + accomplishment.Id.ToString(CultureInfo.InvariantCulture), payload, time.GetUtcNow(), null, cancellationToken);
    }

    private async Task<DateTimeOffset?> DecideAsync(DeliveryRules rules, NudgeSubscription subscription, DateTimeOffset now, NudgeKind kind, CancellationToken cancellationToken)
    {
        var planned = await store.PlannedNudgesAsync(subscription.ConversationKey, (now - CapWindow).ToUnixTimeMilliseconds(), cancellationToken);
        var paused = subscription.PausedUntilMs is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : (DateTimeOffset?)null;
        switch (NudgePolicy.Decide(rules, new SubscriptionState(subscription.Enabled, paused), now, planned))
        {
            case NudgeDecision.Send send:
                return send.At;
            case NudgeDecision.Skip skip:
                Log.NudgeSkipped(logger, kind.ToWire(), skip.Reason);
                return null;
            default:
                return null;
        }
    }
}

/// <summary>An outbox row's payload: ids only.</summary>
public sealed class NudgePayload
{
    public long[]? Ids { get; set; }

    public string? Conference { get; set; }

    /// <summary>A consent request's: the conversation id the kudos was added in.</summary>
    public string? From { get; set; }

    /// <summary>A consent request's: the colleague's AAD object id, when the mention carried it (Teams).</summary>
    public string? Aad { get; set; }
}

/// <summary>Outbox targets: a conversation key (<c>channel|conversation id</c>, as the bot store keys references) or a
/// direct message to a user (<c>dm:channel|user id</c>).</summary>
public static class NudgeTarget
{
    private const string DmPrefix = "dm:";

    public static string Conversation(string channelId, string conversationId) => $"{channelId}|{conversationId}";

    public static string DirectMessage(string channelId, string userId) => $"{DmPrefix}{channelId}|{userId}";

    public static (bool Dm, string ChannelId, string Id) Parse(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var dm = key.StartsWith(DmPrefix, StringComparison.Ordinal);
        var rest = dm ? key[DmPrefix.Length..] : key;
        var bar = rest.IndexOf('|', StringComparison.Ordinal);
        return (dm, rest[..bar], rest[(bar + 1)..]);
    }
}

/// <summary>Rows to the pure models.</summary>
internal static class NudgeMapping
{
    public static Conference ToModel(ConferenceRecord row)
    {
        _ = NudgeNames.TryParsePhotoPolicy(row.Photos, out var photos);
        return new Conference(row.Id, row.Name, row.Start, row.End, row.TimeZoneId, row.Hashtag, photos, row.Embargo,
            Uri.TryCreate(row.Link, UriKind.Absolute, out var link) ? link : null);
    }

    public static Accomplishment ToModel(AccomplishmentRecord row)
    {
        _ = NudgeNames.TryParseKind(row.Kind, out var kind);
        return new Accomplishment(row.Id, row.ColleagueName, kind, row.Title, new Uri(row.Link),
            row.CoAuthors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }
}
