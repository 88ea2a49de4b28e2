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

    /// <summary>Rows claimed per pass. A full pass is followed at once by the next; a short one waits for the poll.</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>Sends in flight at once, across destinations; the rate limits below decide how fast they start.</summary>
    public int MaxConcurrentSends { get; set; } = 32;

    /// <summary>How long a destination is paused after a 429 that came without a Retry-After.</summary>
    public TimeSpan DefaultRetryAfter { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a destination may keep answering 429 before its rows are given up (failed, reason
    /// <c>rate-limited-too-long</c>). A 429 is not a failed attempt, so without this a destination that is always
    /// throttled (a revoked app, a misbehaving proxy) would be retried for ever. The streak is counted from the first
    /// 429 of an unbroken run (no answer but 429 in between, none more than this apart), per instance.</summary>
    public TimeSpan MaxRateLimitedFor { get; set; } = TimeSpan.FromHours(6);

    /// <summary>The token buckets per destination.</summary>
    public DeliveryRateLimits RateLimits { get; set; } = new();

    /// <summary>The next retry time after <paramref name="attempts"/> failures, or the server's Retry-After when later.</summary>
    public DateTimeOffset NextAttempt(DateTimeOffset now, int attempts, TimeSpan? retryAfter)
    {
        var backoff = TimeSpan.FromTicks(Math.Min(MaxRetryDelay.Ticks, FirstRetryDelay.Ticks * (1L << Math.Clamp(attempts - 1, 0, 20))));
        return now + (retryAfter is { } ra && ra > backoff ? ra : backoff);
    }
}

/// <summary>
/// The token buckets the dispatcher keeps per destination, from the platforms' published limits. Each is a rate and a
/// burst (the bucket's size). A send takes a token from its destination's bucket and from its group's (the Teams
/// tenant, the Slack workspace); a 429 still pauses just the destination it came from, for its Retry-After.
/// </summary>
public sealed class DeliveryRateLimits
{
    /// <summary>Teams, per app per tenant: Microsoft publishes a global limit of 50 requests a second (sends and
    /// conversation creations alike). The default stays a little under it, so that the jitter of a busy sender does
    /// not put 51 requests into one of the service's seconds.</summary>
    public RateLimit TeamsTenant { get; set; } = new() { PerSecond = 48, Burst = 5 };

    /// <summary>Teams, per bot per conversation ("thread"): 7 in 1 s, 8 in 2 s, 60 in 30 s, 1,800 an hour for both
    /// sending and creating a conversation. A bucket of 6 refilled at one every 2 s stays within the first three; the
    /// hourly one (1,806 at most) is within a message.</summary>
    public RateLimit TeamsConversation { get; set; } = new() { PerSecond = 0.5, Burst = 6 };

    /// <summary>Slack chat.postMessage, per channel: about one message a second, short bursts tolerated.</summary>
    public RateLimit SlackChannel { get; set; } = new() { PerSecond = 1, Burst = 1 };

    /// <summary>Slack chat.postMessage, per workspace: Slack documents "several hundred messages a minute"; 300.</summary>
    public RateLimit SlackWorkspace { get; set; } = new() { PerSecond = 5, Burst = 10 };

    /// <summary>Slack conversations.open (Web API tier 3, 50+ a minute), per workspace.</summary>
    public RateLimit SlackOpenConversation { get; set; } = new() { PerSecond = 50.0 / 60, Burst = 5 };

    /// <summary>Every bucket with its configuration key, for validation.</summary>
    public IEnumerable<(string Key, RateLimit Limit)> All() =>
    [
        (nameof(TeamsTenant), TeamsTenant),
        (nameof(TeamsConversation), TeamsConversation),
        (nameof(SlackChannel), SlackChannel),
        (nameof(SlackWorkspace), SlackWorkspace),
        (nameof(SlackOpenConversation), SlackOpenConversation),
    ];
}

/// <summary>One token bucket: <see cref="PerSecond"/> tokens a second, at most <see cref="Burst"/> saved up.</summary>
public sealed class RateLimit
{
    /// <summary>The sustained rate, tokens a second (0.001 to 10,000).</summary>
    public double PerSecond { get; set; }

    /// <summary>The bucket's size: how many sends may go at once after a quiet spell (1 to 10,000).</summary>
    public int Burst { get; set; }

    /// <summary>The time one token takes to come back.</summary>
    public TimeSpan Period => TimeSpan.FromSeconds(1 / PerSecond);

    /// <summary>Whether the values are in range.</summary>
    public bool IsValid => PerSecond is >= 0.001 and <= 10_000 && Burst is >= 1 and <= 10_000;
}
