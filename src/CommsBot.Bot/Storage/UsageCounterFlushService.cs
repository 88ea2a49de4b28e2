using Microsoft.Extensions.Options;

namespace CommsBot.Bot.Storage;

/// <summary>Writes <see cref="UsageCounters"/> to the store every <see cref="StorageOptions.CounterFlushInterval"/>
/// and once more on shutdown.</summary>
public sealed class UsageCounterFlushService(
    UsageCounters counters,
    IBotStore store,
    TimeProvider time,
    IOptions<StorageOptions> options,
    ILogger<UsageCounterFlushService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CounterFlushInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await FlushAsync(cancellationToken);
    }

    /// <summary>Writes the pending counts now.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        var counts = counters.Drain();
        if (counts.Count == 0)
        {
            return;
        }

        try
        {
            // Each delta is also written under today's dated name, so `commsbot report --since 30d` has a window.
            var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
            await store.AddCountsAsync(Reporting.DailyCounters.WithDaily(counts, today), cancellationToken);
            Log.CountersFlushed(logger, counts.Count);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            counters.Restore(counts);
            Log.CountersFlushFailed(logger, e.GetType().Name);
        }
    }
}
