using System.Collections.Concurrent;
using CommsBot.Bot.Operations;
using CommsBot.Nudges;
using Microsoft.Extensions.Options;

namespace CommsBot.Bot.Nudges;

/// <summary>
/// Delivers the outbox. Each pass claims up to <see cref="DeliveryOptions.BatchSize"/> due rows for this instance (a
/// lease; on PostgreSQL with <c>FOR UPDATE SKIP LOCKED</c>, so two instances never hold the same row) and sends them
/// in parallel, <see cref="DeliveryOptions.MaxConcurrentSends"/> at a time, each send waiting for a token from its
/// destination's buckets (<see cref="NudgeRateLimiter"/>): the buckets, not the poll, set the pace. A full pass is
/// followed at once by the next. Only the instance that holds the lead delivers (<see cref="IDispatchLeadership"/>: on
/// PostgreSQL an advisory lock), since the buckets are per process and the platforms' limits are not.
/// <list type="bullet">
/// <item>Delivered: the row is marked delivered.</item>
/// <item>429: that destination is paused for exactly the Retry-After; this row and any other row for it are given back
/// for the end of the pause, and the attempt is not counted. Other destinations go on. A destination that has answered
/// nothing but 429 for <see cref="DeliveryOptions.MaxRateLimitedFor"/> has its rows given up
/// (<see cref="RateLimitedTooLong"/>).</item>
/// <item>Another failure: the row is given back with exponential back-off (or the server's longer Retry-After), or
/// given up after <see cref="DeliveryOptions.MaxAttempts"/>, the reason logged with the row id.</item>
/// </list>
/// </summary>
public sealed class NudgeDispatcher(
    NudgeStore store,
    IServiceScopeFactory scopes,
    IOptions<NudgeOptions> options,
    TimeProvider time,
    ILogger<NudgeDispatcher> logger,
    OutboxSignal? enqueued = null,
    CommsBotMetrics? metrics = null,
    IDispatchLeadership? leadership = null) : BackgroundService
{
    // One instance delivers at a time (the rate buckets are per process); alone, this one.
    private readonly IDispatchLeadership lead = leadership ?? new SoleInstanceLeadership();

    // The deliverer's drop when the items were removed or withdrawn since planning: nothing failed.
    private const string NothingToSend = "nothing-to-send";

    // Why a claimed row was given back unsent.
    internal const string DestinationPaused = "destination-paused";
    internal const string LeaseEnding = "lease-ending";

    /// <summary>The reason a row is given up when its destination answered only 429 for too long.</summary>
    internal const string RateLimitedTooLong = "rate-limited-too-long";

    // Destinations (outbox conversation keys) paused by a 429, until when. Entries are dropped once past.
    private readonly ConcurrentDictionary<string, DateTimeOffset> paused = new(StringComparer.Ordinal);

    // Destinations answering 429: since when without a break, and the latest 429. Dropped on any other answer.
    private readonly ConcurrentDictionary<string, (DateTimeOffset Since, DateTimeOffset Last)> throttled = new(StringComparer.Ordinal);

    /// <summary>This process's claim token.</summary>
    public string InstanceId { get; } = $"{Environment.MachineName}-{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delivery = options.Value.Delivery;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var wait = delivery.PollInterval;
                enqueued?.Reset();
                try
                {
                    // another instance delivering: stand by and try for the lead at the next poll
                    if (await lead.HoldAsync(stoppingToken))
                    {
                        var pass = await RunPassAsync(stoppingToken);
                        if (pass.Claimed >= delivery.BatchSize)
                        {
                            continue; // more may be due now
                        }

                        // A paused destination is tried again when its Retry-After ends, not at the next poll.
                        if (pass.NextDue is { } due)
                        {
                            var untilDue = due - time.GetUtcNow();
                            wait = untilDue < wait ? (untilDue > TimeSpan.Zero ? untilDue : TimeSpan.Zero) : wait;
                        }
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    Log.NudgeDispatchFailed(logger, e.GetType().Name);
                }

                if (enqueued is null)
                {
                    await Task.Delay(wait, time, stoppingToken);
                }
                else
                {
                    await enqueued.WaitAsync(wait, time, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            // a stopping instance hands the lead on at once, not when its process ends
            await lead.DisposeAsync();
        }
    }

    /// <summary>One pass: claims the due rows and tries each once. Returns how many were delivered.</summary>
    public async Task<int> DispatchOnceAsync(CancellationToken cancellationToken) => (await RunPassAsync(cancellationToken)).Delivered;

    private async Task<Pass> RunPassAsync(CancellationToken cancellationToken)
    {
        var delivery = options.Value.Delivery;
        var rows = await store.ClaimAsync(InstanceId, delivery.Lease, delivery.BatchSize, cancellationToken);
        if (rows.Count == 0)
        {
            return new Pass(0, 0, null);
        }

        // Rows not started by half the lease go back: a send that waited for its bucket must still end inside the
        // lease, or another instance could claim the row and send it again.
        var startBy = time.GetUtcNow() + (delivery.Lease / 2);
        var pass = new PassState();
        using var scope = scopes.CreateScope();
        var deliverer = scope.ServiceProvider.GetRequiredService<NudgeDeliverer>();
        await Parallel.ForEachAsync(
            rows,
            new ParallelOptions { MaxDegreeOfParallelism = delivery.MaxConcurrentSends, CancellationToken = cancellationToken },
            async (row, ct) => await DeliverRowAsync(row, deliverer, startBy, pass, ct));
        ForgetEndedPauses();
        return new Pass(rows.Count, pass.Delivered, pass.NextDue);
    }

    private async Task DeliverRowAsync(NudgeOutboxRow row, NudgeDeliverer deliverer, DateTimeOffset startBy, PassState pass, CancellationToken cancellationToken)
    {
        var delivery = options.Value.Delivery;
        var now = time.GetUtcNow();
        if (paused.TryGetValue(row.ConversationKey, out var pausedUntil) && pausedUntil > now)
        {
            await DeferAsync(row, pausedUntil, DestinationPaused, pass);
            return;
        }

        if (now >= startBy)
        {
            await DeferAsync(row, now, LeaseEnding, pass);
            return;
        }

        var attempt = row.Attempts + 1;
        DeliveryOutcome outcome;
        try
        {
            outcome = await deliverer.DeliverAsync(row, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            outcome = new DeliveryOutcome.Retry(e.GetType().Name, null);
        }

        if (outcome is not DeliveryOutcome.RateLimited)
        {
            throttled.TryRemove(row.ConversationKey, out _);
        }

        switch (outcome)
        {
            case DeliveryOutcome.Delivered:
                await store.MarkDeliveredAsync(row.Id, InstanceId, CancellationToken.None);
                Log.NudgeDelivered(logger, row.Id, row.Kind, attempt);
                metrics?.NudgeSent(row.Kind);
                Interlocked.Increment(ref pass.Delivered);
                break;
            case DeliveryOutcome.RateLimited when ThrottledSince(row.ConversationKey) is var since
                                                  && time.GetUtcNow() - since >= delivery.MaxRateLimitedFor:
                await store.MarkDoneAsync(row.Id, InstanceId, NudgeOutboxRow.Failed, RateLimitedTooLong, CancellationToken.None);
                Log.NudgeGaveUpRateLimited(logger, row.Id, row.Kind, since);
                metrics?.NudgeFailed(row.Kind, RateLimitedTooLong);
                break;
            case DeliveryOutcome.RateLimited limited:
                // Exactly the server's Retry-After, from when its answer arrived.
                var until = time.GetUtcNow() + (limited.RetryAfter ?? delivery.DefaultRetryAfter);
                paused.AddOrUpdate(row.ConversationKey, until, (_, current) => current > until ? current : until);
                Log.NudgeRateLimited(logger, row.Id, row.Kind, limited.Reason, until);
                metrics?.NudgeRateLimited(row.Kind);
                await store.DeferAsync(row.Id, InstanceId, until, limited.Reason, CancellationToken.None);
                pass.Due(until);
                break;
            case DeliveryOutcome.Retry retry when attempt >= delivery.MaxAttempts:
                await store.MarkDoneAsync(row.Id, InstanceId, NudgeOutboxRow.Failed, retry.Reason, CancellationToken.None);
                Log.NudgeGaveUp(logger, row.Id, row.Kind, attempt, retry.Reason);
                metrics?.NudgeFailed(row.Kind, retry.Reason);
                break;
            case DeliveryOutcome.Retry retry:
                var next = delivery.NextAttempt(time.GetUtcNow(), attempt, retry.RetryAfter);
                await store.MarkRetryAsync(row.Id, InstanceId, next, retry.Reason, CancellationToken.None);
                Log.NudgeRetry(logger, row.Id, row.Kind, attempt, retry.Reason, next);
                metrics?.NudgeFailed(row.Kind, retry.Reason);
                pass.Due(next);
                break;
            case DeliveryOutcome.Drop drop:
                await store.MarkDoneAsync(row.Id, InstanceId, NudgeOutboxRow.Skipped, drop.Reason, CancellationToken.None);
                Log.NudgeDropped(logger, row.Id, row.Kind, drop.Reason);
                if (drop.Reason != NothingToSend)
                {
                    metrics?.NudgeFailed(row.Kind, drop.Reason);
                }

                break;
        }
    }

    /// <summary>Records a 429 from <paramref name="key"/> and returns since when the destination has answered only 429:
    /// a streak ends at any other answer, or when no 429 came for <see cref="DeliveryOptions.MaxRateLimitedFor"/>.</summary>
    private DateTimeOffset ThrottledSince(string key)
    {
        var now = time.GetUtcNow();
        var window = options.Value.Delivery.MaxRateLimitedFor;
        return throttled.AddOrUpdate(
            key,
            (now, now),
            (_, streak) => now - streak.Last > window ? (now, now) : (streak.Since, now)).Since;
    }

    private async Task DeferAsync(NudgeOutboxRow row, DateTimeOffset until, string reason, PassState pass)
    {
        await store.DeferAsync(row.Id, InstanceId, until, reason, CancellationToken.None);
        Log.NudgeDeferred(logger, row.Id, row.Kind, reason, until);
        pass.Due(until);
    }

    private void ForgetEndedPauses()
    {
        var now = time.GetUtcNow();
        foreach (var (key, until) in paused)
        {
            if (until <= now)
            {
                paused.TryRemove(new KeyValuePair<string, DateTimeOffset>(key, until));
            }
        }

        var window = options.Value.Delivery.MaxRateLimitedFor;
        foreach (var entry in throttled)
        {
            if (now - entry.Value.Last > window)
            {
                throttled.TryRemove(entry);
            }
        }
    }

    private readonly record struct Pass(int Claimed, int Delivered, DateTimeOffset? NextDue);

    private sealed class PassState
    {
        private readonly Lock gate = new();
        public int Delivered;

        public DateTimeOffset? NextDue { get; private set; }

        public void Due(DateTimeOffset at)
        {
            lock (gate)
            {
                if (NextDue is null || at < NextDue)
                {
                    NextDue = at;
                }
            }
        }
    }
}
