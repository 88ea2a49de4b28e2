using CommsBot.Bot.Operations;
using CommsBot.Nudges;
using Microsoft.Extensions.Options;

namespace CommsBot.Bot.Nudges;

/// <summary>
/// Delivers the outbox. Each pass claims due rows for this instance (a lease; on PostgreSQL with
/// <c>FOR UPDATE SKIP LOCKED</c>, so two instances never hold the same row), sends each once, and marks it delivered,
/// or puts it back with exponential back-off (or the server's Retry-After when longer), or gives up after
/// <see cref="DeliveryOptions.MaxAttempts"/> with the reason logged.
/// </summary>
public sealed class NudgeDispatcher(
    NudgeStore store,
    IServiceScopeFactory scopes,
    IOptions<NudgeOptions> options,
    TimeProvider time,
    ILogger<NudgeDispatcher> logger,
    CommsBotMetrics? metrics = null) : BackgroundService
{
    private const int Batch = 20;

    // The deliverer's drop when the items were removed or withdrawn since planning: nothing failed.
    private const string NothingToSend = "nothing-to-send";

    /// <summary>This process's claim token.</summary>
    public string InstanceId { get; } = $"{Environment.MachineName}-{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Delivery.PollInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await DispatchOnceAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    Log.NudgeDispatchFailed(logger, e.GetType().Name);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One pass: claims the due rows and tries each once. Returns how many were delivered.</summary>
    public async Task<int> DispatchOnceAsync(CancellationToken cancellationToken)
    {
        var delivery = options.Value.Delivery;
        var rows = await store.ClaimAsync(InstanceId, delivery.Lease, Batch, cancellationToken);
        if (rows.Count == 0)
        {
            return 0;
        }

        var delivered = 0;
        using var scope = scopes.CreateScope();
        var deliverer = scope.ServiceProvider.GetRequiredService<NudgeDeliverer>();
        foreach (var row in rows)
        {
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

            switch (outcome)
            {
                case DeliveryOutcome.Delivered:
                    await store.MarkDeliveredAsync(row.Id, InstanceId, CancellationToken.None);
                    Log.NudgeDelivered(logger, row.Id, row.Kind, attempt);
                    metrics?.NudgeSent(row.Kind);
                    delivered++;
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

        return delivered;
    }
}
