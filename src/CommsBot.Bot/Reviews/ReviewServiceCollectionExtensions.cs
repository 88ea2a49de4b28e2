using CommsBot.Bot.Storage;
using CommsBot.Nudges;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Quartz;

namespace CommsBot.Bot.Reviews;

/// <summary>Registers the review queue.</summary>
public static class ReviewServiceCollectionExtensions
{
    /// <summary>The Data Protection application name: every instance on one database shares the key ring and can
    /// read what another encrypted (the default would isolate each by its content root path).</summary>
    public const string ApplicationName = "CommsBot";

    /// <summary>Options (validated on start), Data Protection with its key ring in the bot's database, the store,
    /// the channel cache and the queue.</summary>
    public static IServiceCollection AddCommsBotReviews(this IServiceCollection services)
    {
        services.AddOptions<ReviewOptions>().BindConfiguration(ReviewOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ReviewOptions>, ReviewOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        // The key ring's repository asks for a CommsBotDbContext in a scope: one from the bot's (pooled) factory.
        services.TryAddScoped(sp => sp.GetRequiredService<IDbContextFactory<CommsBotDbContext>>().CreateDbContext());
        services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .PersistKeysToDbContext<CommsBotDbContext>();

        services.AddSingleton<ReviewStore>();
        services.AddSingleton<ReviewChannels>();
        services.AddSingleton<ReviewProtector>();
        services.AddSingleton<ReviewWorkflow>();
        return services;
    }
}

/// <summary>Reminds about requests left open and purges the text of old ones. Each step is once-only across
/// instances: a reminder is claimed by a conditional update, and the purge is idempotent.</summary>
[DisallowConcurrentExecution]
public sealed class ReviewMaintenanceJob(ReviewWorkflow queue, ILogger<ReviewMaintenanceJob> logger) : IJob
{
    public static readonly JobKey Key = new("review-maintenance", "reviews");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var reminded = await queue.RemindAsync(cancellationToken);
            var purged = await queue.PurgeAsync(cancellationToken);
            Log.ReviewMaintenance(logger, reminded, purged);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.ReviewMaintenanceFailed(logger, e.GetType().Name);
        }
    }
}

/// <summary>Checks the review settings at start-up, listing every problem at once.</summary>
internal sealed class ReviewOptionsValidator : IValidateOptions<ReviewOptions>
{
    public ValidateOptionsResult Validate(string? name, ReviewOptions options) =>
        string.IsNullOrWhiteSpace(options.MaintenanceCron) || !CronExpression.TryParse(options.MaintenanceCron, out _)
            ? ValidateOptionsResult.Fail($"Review:MaintenanceCron '{options.MaintenanceCron}' is not a valid Quartz cron expression (seconds first, e.g. '0 */15 * * * ?').")
            : ValidateOptionsResult.Success;
}
