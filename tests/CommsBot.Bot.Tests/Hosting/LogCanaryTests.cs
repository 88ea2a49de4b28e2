using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;

namespace CommsBot.Bot.Tests.Hosting;

/// <summary>Drafts can contain patient information: a unique string sent through full turns, every path that
/// handles a draft, must not appear in any log line (message, state or exception), at any level.</summary>
public sealed class LogCanaryTests
{
    [Fact]
    public async Task FullTurns_WithACanaryDraft_NeverLogIt()
    {
        var canary = "Canary" + Guid.NewGuid().ToString("N");
        var draft = $"Swipe up to save 20% with code {canary} at the midlevels clinic";
        await using var sut = new BotHostFactory(new Dictionary<string, string?> { ["Guidelines:MaxDraftLength"] = "2000" });
        using var client = sut.CreateClient();

        // A personal-chat draft, and the card's buttons.
        using var checkResponse = await client.PostAsync("/api/messages", Activities.Json(Activities.PersonalMessage(draft)));
        var card = (JObject)JObject.Parse(await checkResponse.Content.ReadAsStringAsync())["activities"]![0]!["attachments"]![0]!["content"]!;
        foreach (var action in new[] { "applyFixes", "why", "recheck", "notAnIssue" })
        {
            var data = card.Descendants().OfType<JProperty>().First(p => p.Name == "data" && p.Value is JObject d && (string?)d["action"] == action).Value;
            using var _ = await client.PostAsync("/api/messages", Activities.Json(Activities.Submit((JObject)data)));
        }

        // The message action, a command with the draft, an over-long draft, a failing turn (the reply cannot be
        // delivered: retried, then given up), and a body the adapter cannot parse.
        var submit = new JObject { ["commandId"] = "checkWithCommsBot", ["commandContext"] = "message", ["messagePayload"] = new JObject { ["body"] = new JObject { ["contentType"] = "html", ["content"] = $"<p>{draft}</p>" } } };
        using var a = await client.PostAsync("/api/messages", Activities.Json(Activities.Invoke("composeExtension/submitAction", submit)));
        using var b = await client.PostAsync("/api/messages", Activities.Json(Activities.PersonalMessage("check --account personal " + draft)));
        using var c = await client.PostAsync("/api/messages", Activities.Json(Activities.PersonalMessage(string.Join(' ', Enumerable.Repeat(draft, 60)))));
        using var d = await client.PostAsync("/api/messages", Activities.Json(Activities.PersonalMessage(draft, expectReplies: false)));
        using var e = await client.PostAsync("/api/messages", new StringContent("{\"type\":\"message\",\"text\":\"" + canary, System.Text.Encoding.UTF8, "application/json"));

        var records = sut.Logs.GetSnapshot();
        Assert.Contains(records, r => r.Message.StartsWith("Checked a draft", StringComparison.Ordinal));
        Assert.Contains(records, r => r.Message.StartsWith("Reply given up", StringComparison.Ordinal));
        foreach (var record in records)
        {
            var everything = string.Join(
                "\n",
                new[] { record.Message, record.Exception?.ToString() ?? "" }
                    .Concat(record.StructuredState?.Select(kv => kv.Key + "=" + kv.Value) ?? []));
            Assert.False(everything.Contains(canary, StringComparison.Ordinal), $"[{record.Category}] {record.Message}");
        }
    }
}

/// <summary>The canary through every review queue path: asking without and with a review channel, the confirmation,
/// Take it, the comment form, a changes request refused for want of a comment and for an edit the rules block, the
/// decision, a second decision refused, <c>reviews</c>, the reminder and the purge. No log line holds it.</summary>
public sealed class ReviewLogCanaryTests
{
    [Fact]
    public async Task ReviewPaths_WithACanaryDraft_NeverLogIt()
    {
        var canary = "Canary" + Guid.NewGuid().ToString("N");
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero));
        await using var connector = await Nudges.FakeConnector.StartAsync();
        await using var sut = new BotHostFactory(
            new Dictionary<string, string?>
            {
                ["Guidelines:Learned"] = "false",
                ["Review:Admins:0"] = "msteams:29:admin",
                ["Nudges:ConferencesFile"] = "",
                ["Bot:ConnectorRetries"] = "0",
                ["Nudges:Delivery:PollInterval"] = "1.00:00:00",
                ["Review:MaintenanceCron"] = "0 0 0 1 1 ? 2099", // the test runs the passes itself; the scheduled one (real clock) would race it
                ["Storage:CounterFlushInterval"] = "01:00:00",
            },
            s => s.AddSingleton<TimeProvider>(clock));
        using var client = sut.CreateClient();
        Task Send(string user, string conversation, string type, string? text, JObject? value = null) =>
            Reviews.TeamsReviewClient.PostAsync(client, Reviews.TeamsReviewClient.Message(connector, "tenant-1", user, "Dr " + user, conversation, type, text, value));
        JObject Last(string conversation, string text) => Reviews.TeamsReviewClient.LastCard(connector, conversation, text);
        const string channel = "19:comms@thread.tacv2";
        var draft = $"Swipe up to save 20% with code {canary} at the midlevels clinic";

        // Asked before there is a review channel, then after.
        await Send("29:author", "a:author", "personal", "check --account personal " + draft);
        var early = new JObject { ["action"] = CommsBot.Cards.CardActions.AskReview, ["draft"] = draft, ["account"] = "personal" };
        await Send("29:author", "a:author", "personal", null, early);
        await Send("29:admin", channel, "channel", "review here");
        await Send("29:author", "a:author", "personal", draft);
        await Send("29:author", "a:author", "personal", null, (JObject)Last("a:author", "Ask comms to review").ActionData(CommsBot.Cards.CardActions.AskReview)[0]);
        var submit = (JObject)Last("a:author", "Share with comms").ActionData(CommsBot.Cards.ReviewActions.Submit)[0];
        submit["note"] = "Note " + canary;
        await Send("29:author", "a:author", "personal", null, submit);

        JObject Review(string action, string? comment = null, string? edited = null) =>
            new() { ["action"] = action, ["id"] = 1, ["comment"] = comment, ["editedDraft"] = edited, ["decision"] = CommsBot.Cards.ReviewActions.RequestChanges };
        await Send("29:reviewer", channel, "channel", null, Review(CommsBot.Cards.ReviewActions.Take));
        await Send("29:reviewer", channel, "channel", null, Review(CommsBot.Cards.ReviewActions.Comment));
        await Send("29:reviewer", channel, "channel", null, Review(CommsBot.Cards.ReviewActions.RequestChanges, edited: draft + " again"));
        await Send("29:reviewer", channel, "channel", null, Review(CommsBot.Cards.ReviewActions.RequestChanges, "Comment " + canary, $"Swipe up with code {canary}, 20% off"));
        Assert.Single(connector.Cards("The edited draft was not sent"));
        await Send("29:reviewer", channel, "channel", null, Review(CommsBot.Cards.ReviewActions.RequestChanges, "Comment " + canary, $"#ad Paid partnership: code {canary} for 20% off"));
        Assert.Single(connector.Cards("Changes requested by"), c => c.ConversationId == "a:author");
        await Send("29:reviewer", channel, "channel", null, Review(CommsBot.Cards.ReviewActions.Approve, "Late " + canary));
        await Send("29:reviewer", channel, "channel", "reviews");

        var workflow = sut.Services.GetRequiredService<CommsBot.Bot.Reviews.ReviewWorkflow>();
        clock.Advance(TimeSpan.FromDays(31));
        await workflow.RemindAsync(default);
        Assert.Equal(1, await workflow.PurgeAsync(default));
        await Send("29:reviewer", channel, "channel", null, Review(CommsBot.Cards.ReviewActions.Approve, "After purge " + canary));

        var records = sut.Logs.GetSnapshot();
        Assert.Contains(records, r => r.Message.StartsWith("Review request 1 created", StringComparison.Ordinal));
        Assert.Contains(records, r => r.Message.Contains("edit-do-not-post", StringComparison.Ordinal));
        Reviews.ReviewAssertions.NoLogContains(sut.Logs, canary);
    }
}
