using Microsoft.Extensions.Diagnostics.HealthChecks;
using Quartz;

namespace CommsBot.Bot.Operations;

/// <summary>Ready when the nudge scheduler (Quartz) is running; healthy with a note when this host has none.</summary>
internal sealed class SchedulerHealthCheck(IServiceProvider services) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (services.GetService<ISchedulerFactory>() is not { } factory)
        {
            return HealthCheckResult.Healthy("no scheduler in this host");
        }

        try
        {
            var scheduler = await factory.GetScheduler(cancellationToken);
            var status = await scheduler.GetStatus(cancellationToken);
            var clustered = (await scheduler.GetMetadata(cancellationToken)).JobStoreClustered;
            var data = new Dictionary<string, object> { ["clustered"] = clustered };
            return status == SchedulerStatus.Running
                ? HealthCheckResult.Healthy("running", data)
                : new HealthCheckResult(context.Registration.FailureStatus, status.ToString().ToLowerInvariant(), data: data);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "scheduler unavailable: " + e.GetType().Name);
        }
    }
}
