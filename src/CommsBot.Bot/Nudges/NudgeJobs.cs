using CommsBot.Nudges;
using Quartz;

namespace CommsBot.Bot.Nudges;

/// <summary>The colleague-promotion schedule. The trigger's scheduled fire time is the period of the outbox key, so
/// the same firing seen by two instances (or run twice) enqueues once.</summary>
[DisallowConcurrentExecution]
public sealed class ColleaguePromotionJob(NudgePlanner planner, ILogger<ColleaguePromotionJob> logger) : IJob
{
    public static readonly JobKey Key = new("colleague-promotion", "nudges");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var fireTime = context.ScheduledFireTimeUtc ?? context.FireTimeUtc;
        var enqueued = await planner.PlanColleaguePromotionsAsync(fireTime, cancellationToken);
        Log.NudgeJobRan(logger, NudgeKind.ColleaguePromotion.ToWire(), fireTime, enqueued);
    }
}

/// <summary>The conference-highlight schedule: on each day of a meeting; the period is the meeting and its day.</summary>
[DisallowConcurrentExecution]
public sealed class ConferenceHighlightJob(NudgePlanner planner, ILogger<ConferenceHighlightJob> logger) : IJob
{
    public static readonly JobKey Key = new("conference-highlight", "nudges");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var enqueued = await planner.PlanConferenceHighlightsAsync(cancellationToken);
        Log.NudgeJobRan(logger, NudgeKind.ConferenceHighlight.ToWire(), context.ScheduledFireTimeUtc ?? context.FireTimeUtc, enqueued);
    }
}
