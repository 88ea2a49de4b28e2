using Microsoft.Extensions.Time.Testing;

namespace CommsBot.Nudges.Tests;

public class NudgePolicyTests
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private static readonly SubscriptionState On = new(true, null);

    private static DeliveryRules Rules(TimeZoneInfo zone, bool quiet = true, int cap = 2) =>
        new(zone, quiet, new TimeOnly(9, 0), new TimeOnly(17, 0), WeekendsOff: true, cap);

    [Fact]
    public void Decide_InsideHours_SendsNow()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero)); // Monday 10:00 London (GMT)
        var sut = NudgePolicy.Decide(Rules(London), On, time.GetUtcNow(), []);
        Assert.Equal(new NudgeDecision.Send(time.GetUtcNow()), sut);
    }

    [Fact]
    public void Decide_BeforeNine_DefersToNineLocal()
    {
        var now = new DateTimeOffset(2026, 3, 2, 7, 30, 0, TimeSpan.Zero);
        var sut = Assert.IsType<NudgeDecision.Send>(NudgePolicy.Decide(Rules(London), On, now, []));
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero), sut.At);
    }

    [Fact]
    public void Decide_AfterFivePmFriday_DefersToMondayNine()
    {
        var friday = new DateTimeOffset(2026, 3, 6, 17, 0, 0, TimeSpan.Zero);
        var sut = Assert.IsType<NudgeDecision.Send>(NudgePolicy.Decide(Rules(London), On, friday, []));
        Assert.Equal(new DateTimeOffset(2026, 3, 9, 9, 0, 0, TimeSpan.Zero), sut.At);
    }

    [Fact]
    public void Decide_Saturday_WithQuietHoursOff_SendsNow()
    {
        var saturday = new DateTimeOffset(2026, 3, 7, 23, 0, 0, TimeSpan.Zero);
        Assert.Equal(new NudgeDecision.Send(saturday), NudgePolicy.Decide(Rules(London, quiet: false), On, saturday, []));
    }

    [Fact]
    public void Decide_TimeZone_UsesLocalNotUtc()
    {
        // 13:30 UTC is 08:30 in New York (EST): too early there.
        var now = new DateTimeOffset(2026, 3, 2, 13, 30, 0, TimeSpan.Zero);
        var sut = Assert.IsType<NudgeDecision.Send>(NudgePolicy.Decide(Rules(NewYork), On, now, []));
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(-5)), sut.At);
    }

    [Fact]
    public void Decide_AcrossSpringForward_NineLocalIsEightUtc()
    {
        // London springs forward on Sunday 29 March 2026: Monday's 09:00 is 08:00 UTC (BST), Friday's was 09:00 UTC.
        var fridayEvening = new DateTimeOffset(2026, 3, 27, 18, 0, 0, TimeSpan.Zero);
        var sut = Assert.IsType<NudgeDecision.Send>(NudgePolicy.Decide(Rules(London), On, fridayEvening, []));
        Assert.Equal(new DateTimeOffset(2026, 3, 30, 8, 0, 0, TimeSpan.Zero), sut.At);
    }

    [Fact]
    public void ToInstant_TimeInSpringForwardGap_MovesToEndOfGap()
    {
        var sut = NudgePolicy.ToInstant(London, new DateOnly(2026, 3, 29), new TimeOnly(1, 30));
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero), sut.ToUniversalTime());
    }

    [Fact]
    public void ToInstant_AmbiguousFallBackTime_IsTheFirstInstant()
    {
        var sut = NudgePolicy.ToInstant(London, new DateOnly(2026, 10, 25), new TimeOnly(1, 30));
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero), sut.ToUniversalTime());
    }

    [Fact]
    public void Decide_CapReachedThisWeek_Skips()
    {
        var wednesday = new DateTimeOffset(2026, 3, 4, 10, 0, 0, TimeSpan.Zero);
        var earlier = new[] { wednesday.AddDays(-2), wednesday.AddDays(-1) };
        Assert.Equal(new NudgeDecision.Skip("weekly-cap"), NudgePolicy.Decide(Rules(London), On, wednesday, earlier));
    }

    [Fact]
    public void Decide_CapCountsLocalWeeks_LastWeeksNudgesDoNotCount()
    {
        var monday = new DateTimeOffset(2026, 3, 9, 10, 0, 0, TimeSpan.Zero);
        var lastWeek = new[] { monday.AddDays(-3), monday.AddDays(-4) };
        Assert.IsType<NudgeDecision.Send>(NudgePolicy.Decide(Rules(London), On, monday, lastWeek));
    }

    [Fact]
    public void Decide_Paused_SkipsUntilPauseEnds()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero));
        var paused = new SubscriptionState(true, time.GetUtcNow().AddDays(14));
        Assert.Equal(new NudgeDecision.Skip("paused"), NudgePolicy.Decide(Rules(London), paused, time.GetUtcNow(), []));
        time.Advance(TimeSpan.FromDays(14));
        Assert.IsType<NudgeDecision.Send>(NudgePolicy.Decide(Rules(London), paused, time.GetUtcNow(), []));
    }

    [Fact]
    public void Decide_NotSubscribedOrOff_Skips()
    {
        var now = new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);
        Assert.Equal(new NudgeDecision.Skip("not-subscribed"), NudgePolicy.Decide(Rules(London), null, now, []));
        Assert.Equal(new NudgeDecision.Skip("not-subscribed"), NudgePolicy.Decide(Rules(London), new SubscriptionState(false, null), now, []));
    }

    [Fact]
    public void NextAttempt_BacksOffAndHonoursLongerRetryAfter()
    {
        var sut = new DeliveryOptions { FirstRetryDelay = TimeSpan.FromSeconds(5), MaxRetryDelay = TimeSpan.FromMinutes(1) };
        var now = DateTimeOffset.UnixEpoch;
        Assert.Equal(now.AddSeconds(5), sut.NextAttempt(now, 1, null));
        Assert.Equal(now.AddSeconds(20), sut.NextAttempt(now, 3, null));
        Assert.Equal(now.AddMinutes(1), sut.NextAttempt(now, 10, null));
        Assert.Equal(now.AddSeconds(30), sut.NextAttempt(now, 1, TimeSpan.FromSeconds(30)));
    }
}
