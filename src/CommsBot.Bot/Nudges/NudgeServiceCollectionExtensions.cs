using System.Globalization;
using CommsBot.Bot.Storage;
using CommsBot.Cards;
using CommsBot.Nudges;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Quartz;

namespace CommsBot.Bot.Nudges;

/// <summary>Registers the nudges: the conversation side (commands, buttons, reminders) with the bot, and the
/// scheduler and outbox dispatcher with the host.</summary>
public static class NudgeServiceCollectionExtensions
{
    /// <summary>Options (validated on start), the registry store, planner, cards, conversation handling, the outbox
    /// dispatcher and the seeding of the conference calendar.</summary>
    public static IServiceCollection AddCommsBotNudges(this IServiceCollection services)
    {
        services.AddOptions<NudgeOptions>().BindConfiguration(NudgeOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<NudgeOptions>, NudgeOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<NudgeStore>();
        services.AddSingleton<NudgePlanner>();
        services.AddSingleton<NudgeCommands>();
        services.AddSingleton<NudgeActionHandler>();
        services.AddSingleton<ConferenceReminders>();
        services.AddSingleton<NudgeRateLimiter>();
        services.AddTransient<BotFrameworkNudgeSender>();
        services.AddTransient<NudgeDeliverer>();
        services.TryAddSingleton<IDispatchLeadership>(sp => sp.GetRequiredService<IOptions<StorageOptions>>().Value.Provider == StorageProvider.Postgres
            ? new PostgresAdvisoryLockLeadership(sp.GetRequiredService<IOptions<StorageOptions>>(), sp.GetRequiredService<ILogger<PostgresAdvisoryLockLeadership>>())
            : new SoleInstanceLeadership());
        services.AddSingleton<NudgeDispatcher>();
        services.AddSingleton<ConferenceSeeder>();
        services.AddHostedService(sp => sp.GetRequiredService<ConferenceSeeder>());
        services.AddHostedService(sp => sp.GetRequiredService<NudgeDispatcher>());
        return services;
    }

    /// <summary>
    /// Quartz with the two nudge schedules. On PostgreSQL the job store is Quartz's ADO store on the same database,
    /// clustered (each firing runs on one instance), its tables created on start when missing. With SQLite (one
    /// instance) the schedule lives in memory: it is rebuilt from configuration at each start, and the outbox in
    /// SQLite is what makes delivery once-only across restarts.
    /// </summary>
    public static IServiceCollection AddCommsBotNudgeScheduler(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var storage = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        var nudges = configuration.GetSection(NudgeOptions.Section).Get<NudgeOptions>() ?? new NudgeOptions();
        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(s => s.InstanceName = "commsbot-nudges");
            if (storage.Provider == StorageProvider.Postgres && !string.IsNullOrWhiteSpace(storage.ConnectionString))
            {
                q.UsePersistentStore(store =>
                {
                    store.UsePostgres(storage.ConnectionString);
                    store.UseClustering(c => c.CheckinInterval = TimeSpan.FromSeconds(5));
                    store.ProvisionSchema();
                });
            }
            else
            {
                q.UseInMemoryStore(_ => { });
            }

            if (nudges.ColleaguePromotion.Enabled)
            {
                q.ScheduleJob<ColleaguePromotionJob>(
                    (sp, trigger) => Cron(trigger.WithIdentity("colleague-promotion", "nudges"), sp, o => o.ColleaguePromotion.Cron),
                    (_, job) => job.WithIdentity(ColleaguePromotionJob.Key));
            }

            if (nudges.ConferenceHighlights.Enabled)
            {
                q.ScheduleJob<ConferenceHighlightJob>(
                    (sp, trigger) => Cron(trigger.WithIdentity("conference-highlight", "nudges"), sp, o => o.ConferenceHighlights.Cron),
                    (_, job) => job.WithIdentity(ConferenceHighlightJob.Key));
            }

            // The review queue's reminder and purge pass (Review:MaintenanceCron, UTC).
            q.ScheduleJob<Reviews.ReviewMaintenanceJob>(
                (sp, trigger) => trigger.WithIdentity("review-maintenance", "reviews")
                    .WithCronSchedule(sp.GetRequiredService<IOptions<Reviews.ReviewOptions>>().Value.MaintenanceCron, b => b.InTimeZone(TimeZoneInfo.Utc)),
                (_, job) => job.WithIdentity(Reviews.ReviewMaintenanceJob.Key));
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        services.AddHostedService(sp => new NudgeBanner(sp, storage.Provider == StorageProvider.Postgres ? "PostgreSQL, clustered" : "in memory"));
        return services;
    }

    private static void Cron<TJob>(ITriggerConfigurator<TJob> trigger, IServiceProvider sp, Func<NudgeOptions, string> cron)
        where TJob : IJob
    {
        var options = sp.GetRequiredService<IOptions<NudgeOptions>>().Value;
        trigger.WithCronSchedule(cron(options), b => b.InTimeZone(options.ResolveTimeZone()));
    }

    private sealed class NudgeBanner(IServiceProvider services, string store) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            var o = services.GetRequiredService<IOptions<NudgeOptions>>().Value;
            Log.NudgesReady(services.GetRequiredService<ILogger<NudgeDispatcher>>(), store, o.ColleaguePromotion.Cron, o.ConferenceHighlights.Cron, o.TimeZone, services.GetRequiredService<ConferenceSeeder>().Seeded);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

/// <summary>Checks the nudge settings at start-up, listing every problem at once.</summary>
internal sealed class NudgeOptionsValidator : IValidateOptions<NudgeOptions>
{
    public ValidateOptionsResult Validate(string? name, NudgeOptions options)
    {
        var errors = new List<string>();
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(options.TimeZone, out _))
        {
            errors.Add($"Nudges:TimeZone '{options.TimeZone}' is not a known time zone (use an IANA id such as Europe/London).");
        }

        CheckCron(errors, "Nudges:ColleaguePromotion:Cron", options.ColleaguePromotion);
        CheckCron(errors, "Nudges:ConferenceHighlights:Cron", options.ConferenceHighlights);
        var start = TimeOnly.TryParse(options.QuietHours.Start, CultureInfo.InvariantCulture, out var s);
        var end = TimeOnly.TryParse(options.QuietHours.End, CultureInfo.InvariantCulture, out var e);
        if (!start || !end)
        {
            errors.Add("Nudges:QuietHours:Start and End must be times such as 09:00 and 17:00.");
        }
        else if (s >= e)
        {
            errors.Add("Nudges:QuietHours:Start must be before End.");
        }

        if (options.QuietHours.MaxPerWeek is < 1 or > 50)
        {
            errors.Add("Nudges:QuietHours:MaxPerWeek must be between 1 and 50.");
        }

        var d = options.Delivery;
        if (d.PollInterval <= TimeSpan.Zero || d.Lease <= TimeSpan.FromSeconds(5) || d.MaxAttempts < 1 || d.FirstRetryDelay <= TimeSpan.Zero || d.MaxRetryDelay < d.FirstRetryDelay)
        {
            errors.Add("Nudges:Delivery: PollInterval and FirstRetryDelay must be positive, Lease over 5 s, MaxAttempts at least 1, MaxRetryDelay at least FirstRetryDelay.");
        }

        if (d.BatchSize is < 1 or > 10_000 || d.MaxConcurrentSends is < 1 or > 1_000 || d.DefaultRetryAfter <= TimeSpan.Zero)
        {
            errors.Add("Nudges:Delivery: BatchSize must be 1 to 10,000, MaxConcurrentSends 1 to 1,000, DefaultRetryAfter positive.");
        }

        if (d.MaxRateLimitedFor < TimeSpan.FromMinutes(1))
        {
            errors.Add("Nudges:Delivery:MaxRateLimitedFor must be at least a minute.");
        }

        foreach (var (key, limit) in d.RateLimits.All())
        {
            if (!limit.IsValid)
            {
                errors.Add($"Nudges:Delivery:RateLimits:{key}: PerSecond must be 0.001 to 10,000 and Burst 1 to 10,000.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckCron(List<string> errors, string key, ScheduleOptions schedule)
    {
        if (!schedule.Enabled)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(schedule.Cron) || !CronExpression.TryParse(schedule.Cron, out _))
        {
            errors.Add($"{key} '{schedule.Cron}' is not a valid Quartz cron expression (seconds minutes hours day-of-month month day-of-week, e.g. '0 30 9 ? * MON').");
        }
    }
}

/// <summary>Loads <see cref="NudgeOptions.ConferencesFile"/> into the calendar at start-up (a bad file stops the
/// host, listing every problem). Meetings added or edited in chat are kept.</summary>
internal sealed class ConferenceSeeder(NudgeStore store, IOptions<NudgeOptions> options) : IHostedService
{
    /// <summary>How many meetings this host seeded at start (per host: two hosts in one process do not share it).</summary>
    public int Seeded { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var file = options.Value.ConferencesFile;
        if (string.IsNullOrWhiteSpace(file))
        {
            return;
        }

        var path = Path.GetFullPath(file, AppContext.BaseDirectory);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Nudges:ConferencesFile: {path} does not exist (set it to empty to seed no meetings).", path);
        }

        var conferences = ConferenceCalendar.ParseSeed(await File.ReadAllTextAsync(path, cancellationToken), path);
        foreach (var conference in conferences)
        {
            await store.UpsertConferenceAsync(conference, NudgeStore.SeedAuthor, cancellationToken);
        }

        Seeded = conferences.Count;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
