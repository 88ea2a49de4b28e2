using CommsBot.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CommsBot.Bot.Operations;

/// <summary>Ready when the bot's database answers a query on its own schema (so migrations have run). The store
/// is behind a pooled factory, not a DbContext in DI, hence this check rather than AddDbContextCheck.</summary>
internal sealed class DatabaseHealthCheck(IDbContextFactory<CommsBotDbContext> contexts) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await db.UsageCounters.AsNoTracking().AnyAsync(cancellationToken);
            return HealthCheckResult.Healthy(db.Database.ProviderName?.Split('.').LastOrDefault());
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The type only: a provider's message can name hosts, users or file paths.
            return new HealthCheckResult(context.Registration.FailureStatus, "query failed: " + e.GetType().Name);
        }
    }
}
