using CommsBot.Bot.Nudges;
using CommsBot.Bot.Storage;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommsBot.Bot.Tests.Nudges;

/// <summary>The meeting-policy reminder reads a cached calendar, not the database on every check: <c>conference
/// add</c> and <c>conference remove</c> are seen by the next check, a change the store did not make (another instance
/// sharing the database) once the cache's lifetime has passed.</summary>
public sealed class ConferenceCalendarCacheTests : IAsyncLifetime
{
    private const string Draft = "Three practical takeaways from #HW26 on heart failure care today";
    private const string AddHeartWeek = "conference add name=\"Heart Week\" hashtag=#HW26 start=2026-09-01 end=2026-09-03 photos=no-slides embargo=\"Late-breakers until their session\"";

    private TestBot bot = null!;

    public async Task InitializeAsync() =>
        bot = await TestBot.CreateAsync(new Dictionary<string, string?> { ["Nudges:ConferencesFile"] = "" });

    public async Task DisposeAsync() => await bot.DisposeAsync();

    private static TestAdapter Chat() => new(new ConversationReference
    {
        ChannelId = "msteams",
        ServiceUrl = "http://localhost",
        User = new ChannelAccount("user", "Dr User"),
        Bot = new ChannelAccount("bot-1", "CommsBot"),
        Conversation = new ConversationAccount(isGroup: false, conversationType: "personal", id: "a:user", tenantId: "tenant-1"),
    });

    [Fact]
    public async Task ConferenceAdd_AfterACheckCachedNoMeetings_IsSeenByTheNextCheck()
    {
        var chat = Chat();
        Assert.Single(await bot.SendTextAsync(chat, Draft));

        await bot.SendTextAsync(chat, AddHeartWeek);
        var replies = await bot.SendTextAsync(chat, Draft);

        Assert.Equal(2, replies.Count);
        Assert.Contains("Late-breakers until their session", replies[1].Card().Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConferenceRemove_AfterACheckCachedTheMeeting_IsSeenByTheNextCheck()
    {
        var chat = Chat();
        await bot.SendTextAsync(chat, AddHeartWeek);
        Assert.Equal(2, (await bot.SendTextAsync(chat, Draft)).Count);

        Assert.Contains("removed", (await bot.SendTextAsync(chat, "conference remove #HW26")).SingleCard().Text(), StringComparison.Ordinal);

        Assert.Single(await bot.SendTextAsync(chat, Draft));
    }

    [Fact]
    public async Task Checks_ReadTheCalendarOnce_UntilItsLifetimeHasPassed()
    {
        var chat = Chat();
        await bot.SendTextAsync(chat, AddHeartWeek);
        Assert.Equal(2, (await bot.SendTextAsync(chat, Draft)).Count);

        // Removed behind the store's back, as another instance sharing the database would.
        var contexts = bot.Services.GetRequiredService<IDbContextFactory<CommsBotDbContext>>();
        await using (var db = await contexts.CreateDbContextAsync())
        {
            Assert.Equal(1, await db.Set<ConferenceRecord>().ExecuteDeleteAsync());
        }

        Assert.Equal(2, (await bot.SendTextAsync(chat, Draft)).Count);
        bot.Time.Advance(NudgeStore.CalendarLifetime + TimeSpan.FromSeconds(1));
        Assert.Single(await bot.SendTextAsync(chat, Draft));
    }
}
