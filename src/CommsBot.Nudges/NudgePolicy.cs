namespace CommsBot.Nudges;

/// <summary>When nudges may go out, in one time zone.</summary>
/// <param name="Zone">The time zone of the hours, weekends and weeks.</param>
/// <param name="QuietHoursEnabled">Whether <paramref name="Start"/>, <paramref name="End"/> and weekends apply.</param>
/// <param name="Start">The earliest local time.</param>
/// <param name="End">The local time from which nothing is sent.</param>
/// <param name="WeekendsOff">No Saturdays and Sundays.</param>
/// <param name="MaxPerWeek">The cap per conversation per local Monday-to-Sunday week.</param>
public sealed record DeliveryRules(TimeZoneInfo Zone, bool QuietHoursEnabled, TimeOnly Start, TimeOnly End, bool WeekendsOff, int MaxPerWeek);

/// <summary>A conversation's subscription as the policy sees it.</summary>
/// <param name="Enabled">Opted in with <c>nudges on</c>.</param>
/// <param name="PausedUntil">Paused by <c>nudges pause</c> until this instant.</param>
public sealed record SubscriptionState(bool Enabled, DateTimeOffset? PausedUntil);

/// <summary>What to do with a nudge that is due.</summary>
public abstract record NudgeDecision
{
    private NudgeDecision()
    {
    }

    /// <summary>Send it at <paramref name="At"/> (now, or the start of the next allowed window).</summary>
    public sealed record Send(DateTimeOffset At) : NudgeDecision;

    /// <summary>Do not send it; <paramref name="Reason"/> is a short code for the log.</summary>
    public sealed record Skip(string Reason) : NudgeDecision;
}

/// <summary>The pure rules: opt-in, pauses, quiet hours, weekends and the weekly cap.</summary>
public static class NudgePolicy
{
    /// <summary>Decides when a nudge due at <paramref name="now"/> goes out to one conversation.</summary>
    /// <param name="rules">The hours, weekends and cap.</param>
    /// <param name="subscription">The conversation's subscription, or null when it never opted in.</param>
    /// <param name="now">The current instant.</param>
    /// <param name="alreadyPlanned">When this conversation's other nudges went out or are planned to.</param>
    public static NudgeDecision Decide(DeliveryRules rules, SubscriptionState? subscription, DateTimeOffset now, IEnumerable<DateTimeOffset> alreadyPlanned)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(alreadyPlanned);
        if (subscription is not { Enabled: true })
        {
            return new NudgeDecision.Skip("not-subscribed");
        }

        var at = NextAllowed(rules, now);
        if (subscription.PausedUntil is { } paused && paused > at)
        {
            return new NudgeDecision.Skip("paused");
        }

        var week = WeekStart(rules.Zone, at);
        var inWeek = alreadyPlanned.Count(t => WeekStart(rules.Zone, t) == week);
        return inWeek >= rules.MaxPerWeek ? new NudgeDecision.Skip("weekly-cap") : new NudgeDecision.Send(at);
    }

    /// <summary>The first instant at or after <paramref name="now"/> inside the allowed hours and days.</summary>
    public static DateTimeOffset NextAllowed(DeliveryRules rules, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(rules);
        if (!rules.QuietHoursEnabled)
        {
            return now;
        }

        var local = TimeZoneInfo.ConvertTime(now, rules.Zone);
        var day = DateOnly.FromDateTime(local.DateTime);
        var time = TimeOnly.FromDateTime(local.DateTime);
        for (var i = 0; i < 14; i++)
        {
            var weekend = day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            if (!(rules.WeekendsOff && weekend))
            {
                if (i == 0 && time >= rules.Start && time < rules.End)
                {
                    return now;
                }

                if (i > 0 || time < rules.Start)
                {
                    return ToInstant(rules.Zone, day, rules.Start);
                }
            }

            day = day.AddDays(1);
        }

        return now; // Every day off: a misconfiguration the options validation rejects; never loop forever.
    }

    /// <summary>The local Monday that starts the week of <paramref name="instant"/>.</summary>
    public static DateOnly WeekStart(TimeZoneInfo zone, DateTimeOffset instant)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);
        return day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
    }

    /// <summary>A local date and time as an instant. A time in a spring-forward gap moves to the end of the gap; an
    /// ambiguous fall-back time is the first of its two instants.</summary>
    public static DateTimeOffset ToInstant(TimeZoneInfo zone, DateOnly day, TimeOnly time)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = day.ToDateTime(time, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(1);
        }

        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }
}
