using CommsBot.Bot.Slack;
using Microsoft.Extensions.Time.Testing;

namespace CommsBot.Bot.Tests.Slack;

public sealed class SlackEventDeduplicatorTests
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void TryAdd_SameIdTwice_SecondIsDuplicate()
    {
        var sut = new SlackEventDeduplicator(time);

        Assert.True(sut.TryAdd("Ev1"));
        Assert.False(sut.TryAdd("Ev1"));
        Assert.True(sut.TryAdd("Ev2"));
    }

    [Fact]
    public void TryAdd_AfterRetention_IsNewAgain()
    {
        var sut = new SlackEventDeduplicator(time);
        sut.TryAdd("Ev1");

        time.Advance(SlackEventDeduplicator.Retention - TimeSpan.FromSeconds(1));
        Assert.False(sut.TryAdd("Ev1"));

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(sut.TryAdd("Ev1"));
    }

    [Fact]
    public void TryAdd_SlacksRetrySchedule_AllDuplicates()
    {
        // Slack retries at once, after a minute, and after five minutes.
        var sut = new SlackEventDeduplicator(time);
        sut.TryAdd("Ev1");

        foreach (var wait in new[] { 0, 60, 240 })
        {
            time.Advance(TimeSpan.FromSeconds(wait));
            Assert.False(sut.TryAdd("Ev1"));
        }
    }

    [Fact]
    public void TryAdd_PastCapacity_KeepsTheNewestAndStaysBounded()
    {
        var sut = new SlackEventDeduplicator(time);
        for (var i = 0; i < SlackEventDeduplicator.Capacity + 500; i++)
        {
            sut.TryAdd("Ev" + i);
        }

        Assert.Equal(SlackEventDeduplicator.Capacity, sut.Count);
        Assert.False(sut.TryAdd("Ev" + (SlackEventDeduplicator.Capacity + 499)));
        Assert.True(sut.TryAdd("Ev0"));
    }

    [Fact]
    public void TryAdd_ExpiredEntries_AreDropped()
    {
        var sut = new SlackEventDeduplicator(time);
        for (var i = 0; i < 100; i++)
        {
            sut.TryAdd("Ev" + i);
        }

        time.Advance(SlackEventDeduplicator.Retention);
        sut.TryAdd("EvNew");

        Assert.Equal(1, sut.Count);
    }

    [Fact]
    public void Remove_ThenTryAdd_IsNew()
    {
        var sut = new SlackEventDeduplicator(time);
        sut.TryAdd("Ev1");

        sut.Remove("Ev1");

        Assert.True(sut.TryAdd("Ev1"));
        Assert.False(sut.TryAdd("Ev1"));
    }
}
