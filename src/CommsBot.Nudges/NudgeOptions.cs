using System.Globalization;

namespace CommsBot.Nudges;

/// <summary>The nudges' settings (section <c>Nudges</c> of appsettings.json). Validated at start-up by the host.</summary>
public sealed class NudgeOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Nudges";

    /// <summary>The IANA time zone the schedules and quiet hours are read in.</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>The YAML seed of the conference calendar, relative to the app's base directory.</summary>
    public string ConferencesFile { get; set; } = "deploy/conferences.yaml";

    /// <summary>User keys (<c>channel:user id</c>, e.g. <c>msteams:29:1abc…</c>) who may remove anyone's kudos.</summary>
    public IList<string> Admins { get; } = [];

    /// <summary>The colleague-promotion schedule.</summary>
    public ScheduleOptions ColleaguePromotion { get; set; } = new() { Cron = "0 30 9 ? * MON" };

    /// <summary>The conference-highlight schedule: fires daily; only days of a meeting produce nudges.</summary>
    public ScheduleOptions ConferenceHighlights { get; set; } = new() { Cron = "0 0 17 * * ?" };

    /// <summary>When a conversation may be nudged.</summary>
    public QuietHoursOptions QuietHours { get; set; } = new();

    /// <summary>How the outbox is delivered.</summary>
    public DeliveryOptions Delivery { get; set; } = new();

    /// <summary>The time zone, resolved. Throws <see cref="TimeZoneNotFoundException"/> for an unknown id.</summary>
    public TimeZoneInfo ResolveTimeZone() => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    /// <summary>The delivery rules these options describe.</summary>
    public DeliveryRules ToRules() => new(
        ResolveTimeZone(),
        QuietHours.Enabled,
        TimeOnly.Parse(QuietHours.Start, CultureInfo.InvariantCulture),
        TimeOnly.Parse(QuietHours.End, CultureInfo.InvariantCulture),
        QuietHours.WeekendsOff,
        QuietHours.MaxPerWeek);
}

/// <summary>One Quartz cron schedule.</summary>
public sealed class ScheduleOptions
{
    /// <summary>A Quartz cron expression (seconds first), read in <see cref="NudgeOptions.TimeZone"/>.</summary>
    public string Cron { get; set; } = "";

    /// <summary>False turns this kind of nudge off.</summary>
    public bool Enabled { get; set; } = true;
}

/// <summary>Quiet hours, weekends and the frequency cap, per conversation.</summary>
public sealed class QuietHoursOptions
{
    /// <summary>False turns off the hours and the weekend rule (the cap still applies).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The earliest local time a nudge is sent (HH:mm).</summary>
    public string Start { get; set; } = "09:00";

    /// <summary>The local time after which no nudge is sent (HH:mm).</summary>
    public string End { get; set; } = "17:00";

    /// <summary>No nudges on Saturdays and Sundays.</summary>
    public bool WeekendsOff { get; set; } = true;

    /// <summary>At most this many nudges per conversation per local week (Monday to Sunday).</summary>
    public int MaxPerWeek { get; set; } = 2;
}

/// <summary>The outbox dispatcher's settings.</summary>
public sealed class DeliveryOptions
{
    /// <summary>How often the dispatcher looks for due rows.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a claimed row is reserved for the instance that claimed it.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Attempts before a row is given up.</summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>The first retry delay; doubled on each further failure.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest retry delay.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>The next retry time after <paramref name="attempts"/> failures, or the server's Retry-After when later.</summary>
    public DateTimeOffset NextAttempt(DateTimeOffset now, int attempts, TimeSpan? retryAfter)
    {
        var backoff = TimeSpan.FromTicks(Math.Min(MaxRetryDelay.Ticks, FirstRetryDelay.Ticks * (1L << Math.Clamp(attempts - 1, 0, 20))));
        return now + (retryAfter is { } ra && ra > backoff ? ra : backoff);
    }
}
