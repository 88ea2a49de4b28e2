using CommsBot.Bot.Reviews;
using CommsBot.Bot.Tests.Hosting;
using CommsBot.Bot.Tests.Nudges;
using CommsBot.Cards;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Newtonsoft.Json.Linq;
using Quartz;

namespace CommsBot.Bot.Tests.Reviews;

/// <summary>The review queue on a fake clock (FakeTimeProvider in the real host): the purge deletes the text
/// <c>Review:RetentionDays</c> after the decision, from the rows and from the SQLite files, and leaves the audit row;
/// a request left open is re-surfaced once, after <c>Review:RemindAfter</c>, within the allowed hours.</summary>
public sealed class ReviewRetentionTests : IAsyncLifetime, IDisposable
{
    private const string Tenant = "tenant-1";
    private const string ReviewChannel = "19:comms@thread.tacv2";
    private const string AuthorChat = "a:author-chat";

    // A Monday, 10:00 UTC: inside the default allowed hours (09:00-17:00 on weekdays).
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero));
    private readonly string canary = "Canary" + Guid.NewGuid().ToString("N");
    private FakeConnector connector = null!;
    private BotHostFactory host = null!;
    private HttpClient client = null!;

    public async Task InitializeAsync()
    {
        connector = await FakeConnector.StartAsync();
        host = new BotHostFactory(
            new Dictionary<string, string?>
            {
                ["Guidelines:Learned"] = "false",
                ["Review:Admins:0"] = "msteams:29:admin",
                ["Nudges:ConferencesFile"] = "",
                ["Bot:ConnectorRetries"] = "0", // retry delays would wait on the fake clock

                // Advancing the fake clock by days fires every timer on it for each period passed: keep them few.
                ["Nudges:Delivery:PollInterval"] = "1.00:00:00",
                ["Review:MaintenanceCron"] = "0 0 0 1 1 ? 2099", // the test runs the passes itself; the scheduled one (real clock) would race it
                ["Storage:CounterFlushInterval"] = "01:00:00",
            },
            services => services.AddSingleton<TimeProvider>(clock));
        client = host.CreateClient();
    }

    public async Task DisposeAsync() => await connector.DisposeAsync();

    public void Dispose()
    {
        client.Dispose();
        host.Dispose();
    }

    private ReviewWorkflow Workflow => host.Services.GetRequiredService<ReviewWorkflow>();

    private ReviewStore Store => host.Services.GetRequiredService<ReviewStore>();

    [Fact]
    public async Task Purge_AfterRetentionDays_DeletesTheCiphertextFromRowsAndFilesAndKeepsTheAuditRow()
    {
        Assert.Same(clock, host.Services.GetRequiredService<TimeProvider>());
        await RegisterAsync();
        var decided = await RequestAsync($"Swipe up to save 20% with code {canary} today");
        var open = await RequestAsync($"Another draft {canary} with code SAVE20 for 20% off");
        await SubmitAsync("29:reviewer", "Dr Reviewer", ReviewChannel, new JObject { ["action"] = ReviewActions.Approve, ["id"] = decided, ["comment"] = "Fine " + canary });
        var before = await Store.GetRequestAsync(decided, default);
        Assert.NotNull(before!.DraftCipher);
        Assert.NotNull(before.CommentCipher);
        var ciphertext = before.DraftCipher!;
        Assert.True(ReviewAssertions.FileContains(host.DataDirectory, ciphertext[..40]), "the ciphertext is stored");
        ReviewAssertions.NoPlaintextInDatabaseFiles(host.DataDirectory, canary);

        clock.Advance(TimeSpan.FromDays(29));
        Assert.Equal(0, await Workflow.PurgeAsync(default));
        Assert.NotNull((await Store.GetRequestAsync(decided, default))!.DraftCipher);

        clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        Assert.Equal(2, await Workflow.PurgeAsync(default)); // the decided one, and the one never decided (30 days after it was made)
        foreach (var id in new[] { decided, open })
        {
            var row = await Store.GetRequestAsync(id, default);
            Assert.NotNull(row);
            Assert.Equal((null, null, null, null, null), (row.DraftCipher, row.NoteCipher, row.CommentCipher, row.EditedDraftCipher, row.AuthorName));
            Assert.NotNull(row.PurgedAtMs);
            Assert.Equal("29:author", row.AuthorId);
            Assert.Contains("undisclosed-partnership", row.RuleIds, StringComparison.Ordinal);
        }

        var audit = (await Store.GetRequestAsync(decided, default))!;
        Assert.Equal((ReviewRequestRecord.Approved, "29:reviewer"), (audit.Status, audit.ReviewerId));
        Assert.NotNull(audit.DecidedAtMs);
        Assert.False(ReviewAssertions.FileContains(host.DataDirectory, ciphertext[..40]), "the ciphertext is gone from the database file and its WAL");
        ReviewAssertions.NoPlaintextInDatabaseFiles(host.DataDirectory, canary);
        Assert.Equal(0, await Workflow.PurgeAsync(default));
    }

    [Fact]
    public async Task Reminder_OpenAfterRemindAfter_ResurfacedOnceInAllowedHours()
    {
        await RegisterAsync();
        var id = await RequestAsync($"Swipe up to save 20% with code {canary} today");
        var posted = connector.Cards("Review request #" + id).Count;

        clock.Advance(TimeSpan.FromHours(23)); // Tuesday 09:00: not yet due
        Assert.Equal(0, await Workflow.RemindAsync(default));
        clock.Advance(TimeSpan.FromHours(9)); // Tuesday 18:00: due, but outside the allowed hours
        Assert.Equal(0, await Workflow.RemindAsync(default));
        clock.Advance(TimeSpan.FromHours(15) + TimeSpan.FromMinutes(30)); // Wednesday 09:30
        Assert.Equal(1, await Workflow.RemindAsync(default));
        Assert.Equal(0, await Workflow.RemindAsync(default));

        var cards = connector.Cards("Review request #" + id);
        Assert.Equal(posted + 1, cards.Count);
        Assert.Contains("Still waiting for review after 47 h", cards[^1].Activity.ToString(), StringComparison.Ordinal);
        Assert.Equal(ReviewChannel, cards[^1].ConversationId);

        // Decisions now update the re-surfaced card.
        await SubmitAsync("29:reviewer", "Dr Reviewer", ReviewChannel, new JObject { ["action"] = ReviewActions.Take, ["id"] = id });
        Assert.Equal((string)cards[^1].Activity["id"]!, Assert.Single(connector.Updated).ActivityId);
        ReviewAssertions.NoLogContains(host.Logs, canary);
    }

    [Fact]
    public async Task Scheduler_HasTheReviewMaintenanceJob()
    {
        var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        Assert.True(await scheduler.GetJobDetail(ReviewMaintenanceJob.Key) is not null);
    }

    private async Task RegisterAsync() =>
        await TeamsReviewClient.PostAsync(client, TeamsReviewClient.Message(connector, Tenant, "29:admin", "Dr Admin", ReviewChannel, "channel", "review here"));

    private async Task<long> RequestAsync(string draft)
    {
        await TeamsReviewClient.PostAsync(client, TeamsReviewClient.Message(connector, Tenant, "29:author", "Dr Author", AuthorChat, "personal", draft));
        var ask = TeamsReviewClient.LastCard(connector, AuthorChat, "Ask comms to review").ActionData(CardActions.AskReview).Single();
        await SubmitAsync("29:author", "Dr Author", AuthorChat, ask, "personal");
        var submit = TeamsReviewClient.LastCard(connector, AuthorChat, "Share with comms").ActionData(ReviewActions.Submit).Single();
        submit["note"] = "Note " + canary;
        await SubmitAsync("29:author", "Dr Author", AuthorChat, submit, "personal");
        return (await Store.AllRequestsAsync(default)).Max(r => r.Id);
    }

    private Task SubmitAsync(string user, string name, string conversation, JObject value, string type = "channel") =>
        TeamsReviewClient.PostAsync(client, TeamsReviewClient.Message(connector, Tenant, user, name, conversation, type, null, value));
}
