using System.Net;
using System.Text.Json.Nodes;
using CommsBot.Bot.Reviews;
using CommsBot.Bot.Tests.Slack;
using CommsBot.Cards;
using Microsoft.Extensions.DependencyInjection;

namespace CommsBot.Bot.Tests.Reviews;

/// <summary>The review queue on Slack with signed requests to the real host and a fake Slack Web API: the same flow as
/// on Teams, with the confirmation and the comments in modals (views.open, view_submission) and the channel's message
/// updated with chat.update.</summary>
public sealed class ReviewSlackEndToEndTests : IAsyncLifetime
{
    private const string Admin = "U0ADMIN";
    private const string Author = "U0AUTHOR";
    private const string Reviewer = "U0REVIEWER";
    private const string CommsChannel = "C0COMMS";
    private const string AuthorDm = "D0AUTHOR";

    /// <summary>The DM the decision goes to: the one conversations.open gives for the author (the fake API derives it).</summary>
    private const string OpenedDm = "D" + Author;

    private readonly string canary = "Canary" + Guid.NewGuid().ToString("N");
    private FakeSlackApi slack = null!;
    private SlackHost host = null!;

    public async Task InitializeAsync()
    {
        slack = await FakeSlackApi.StartAsync();
        host = await SlackHost.StartAsync(slack, new Dictionary<string, string?>
        {
            ["Guidelines:Learned"] = "false",
            ["Review:Admins:0"] = "slack:" + Admin,
            ["Nudges:ConferencesFile"] = "",
        });
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        await slack.DisposeAsync();
    }

    [Fact]
    public async Task ReviewQueue_OnSlack_ModalsChatUpdateAndTheAuthorsDm()
    {
        // An admin registers the channel with a mention.
        await AcceptedAsync(host.EventAsync(SlackPayloads.Envelope(SlackPayloads.Mention("review here", CommsChannel, Admin))));
        await slack.WaitForOneAsync(c => c.Channel == CommsChannel && Txt(c).Contains("This is now the review channel", StringComparison.Ordinal));

        // The DM'd draft's message offers Ask comms to review.
        var draft = $"Swipe up to save 20% with code {canary} on my favourite scrubs";
        await AcceptedAsync(host.EventAsync(SlackPayloads.Envelope(SlackPayloads.DirectMessage(draft, AuthorDm, Author))));
        var review = await slack.WaitForOneAsync(c => c.Channel == AuthorDm && Txt(c).Contains("askReview", StringComparison.Ordinal));
        var ask = Button(review.Body, "askReview");

        // Ask: a modal to confirm, with the note and the date; submitting it posts the request to the channel.
        await ClickAsync(Author, AuthorDm, "askReview", ask);
        var confirm = await slack.WaitForOneAsync(c => c.Method == "views.open" && Txt(c).Contains("Share with comms", StringComparison.Ordinal));
        Assert.Equal("modal", (string?)confirm.Body["view"]!["type"]);
        await SubmitViewAsync(Author, confirm.Body, ("note", "Note " + canary), ("wantedBy", "2026-03-05"));
        var request = await slack.WaitForOneAsync(c => c.Method == "chat.postMessage" && c.Channel == CommsChannel && Txt(c).Contains("Review request #1", StringComparison.Ordinal));
        Assert.Contains(SlackText.Escape(draft), Txt(request), StringComparison.Ordinal);
        Assert.Contains($"<@{Author}>", Txt(request), StringComparison.Ordinal);
        Assert.Contains("Note " + canary, Txt(request), StringComparison.Ordinal);
        Assert.Contains("undisclosed-partnership", Txt(request), StringComparison.Ordinal);
        await slack.WaitForOneAsync(c => c.Channel == AuthorDm && Txt(c).Contains("Sent to the comms team", StringComparison.Ordinal));
        var requestTs = await WaitForTsAsync(1);
        ReviewAssertions.NoPlaintextInDatabaseFiles(DataDirectory, canary);

        // Take it: chat.update of that message.
        await ClickAsync(Reviewer, CommsChannel, "reviewTake", Button(request.Body, "reviewTake"));
        var taken = await slack.WaitForOneAsync(c => c.Method == "chat.update" && Txt(c).Contains($"Taken by <@{Reviewer}>", StringComparison.Ordinal));
        Assert.Equal((CommsChannel, requestTs), (taken.Channel, (string?)taken.Body["ts"]));

        // Request changes: a modal for the comment and the edited draft; the message updates; the author's DM gets both.
        await ClickAsync(Reviewer, CommsChannel, "reviewChanges", Button(taken.Body, "reviewChanges"));
        var form = await slack.WaitForOneAsync(c => c.Method == "views.open" && Txt(c).Contains("Request changes", StringComparison.Ordinal));
        Assert.Contains(draft, Txt(form), StringComparison.Ordinal); // the draft to edit, as plain text
        var edited = $"#ad Paid partnership with ScrubCo: save 20% with code {canary} on my favourite scrubs";
        await SubmitViewAsync(Reviewer, form.Body, ("comment", "Comment " + canary), ("editedDraft", edited));
        await slack.WaitForOneAsync(c => c.Method == "chat.update" && Txt(c).Contains($"Changes requested by <@{Reviewer}>", StringComparison.Ordinal));
        var decision = await slack.WaitForOneAsync(c => c.Channel == OpenedDm && Txt(c).Contains("Changes requested by", StringComparison.Ordinal));
        Assert.Contains("Comment " + canary, Txt(decision), StringComparison.Ordinal);
        Assert.Contains(SlackText.Escape(edited), Txt(decision), StringComparison.Ordinal);
        var editedReview = await slack.WaitForOneAsync(c => c.Channel == OpenedDm && Txt(c).Contains("askReview", StringComparison.Ordinal));

        // Re-submit the edited draft: linked to #1; approve it.
        await ClickAsync(Author, AuthorDm, "askReview", Button(editedReview.Body, "askReview"));
        var again = await slack.WaitForOneAsync(c => c.Method == "views.open" && Txt(c).Contains("earlier request #1", StringComparison.Ordinal));
        await SubmitViewAsync(Author, again.Body);
        var second = await slack.WaitForOneAsync(c => c.Method == "chat.postMessage" && c.Channel == CommsChannel && Txt(c).Contains("Review request #2", StringComparison.Ordinal));
        Assert.Contains("re-submission of #1", Txt(second), StringComparison.Ordinal);
        await ClickAsync(Reviewer, CommsChannel, "reviewApprove", Button(second.Body, "reviewApprove"));
        var approveForm = await slack.WaitForOneAsync(c => c.Method == "views.open" && Txt(c).Contains("Approve request #2", StringComparison.Ordinal));
        await SubmitViewAsync(Reviewer, approveForm.Body, ("comment", "Good to go."));
        var approved = await slack.WaitForOneAsync(c => c.Channel == OpenedDm && Txt(c).Contains($"Approved by <@{Reviewer}>", StringComparison.Ordinal));
        Assert.Contains("Good to go.", Txt(approved), StringComparison.Ordinal);

        // `reviews` in the channel: nothing open.
        await AcceptedAsync(host.EventAsync(SlackPayloads.Envelope(SlackPayloads.Mention("reviews", CommsChannel, Reviewer))));
        await slack.WaitForOneAsync(c => c.Channel == CommsChannel && Txt(c).Contains("0 open review requests", StringComparison.Ordinal));

        var rows = await host.App.Services.GetRequiredService<ReviewStore>().AllRequestsAsync(default);
        Assert.Equal([ReviewRequestRecord.ChangesRequested, ReviewRequestRecord.Approved], rows.Select(r => r.Status).ToList());
        ReviewAssertions.NoPlaintextInDatabaseFiles(DataDirectory, canary);
        ReviewAssertions.NoLogContains(host.Logs, canary);
    }

    /// <summary>The call's body as Slack reads it (the client's serializer escapes &lt; and non-ASCII).</summary>
    private static string Txt(SlackCall call) => call.Body.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    private string DataDirectory => Path.GetDirectoryName(host.App.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<CommsBot.Bot.Storage.StorageOptions>>().Value.ResolveConnectionString()["Data Source=".Length..])!;

    private async Task<string> WaitForTsAsync(long id)
    {
        var store = host.App.Services.GetRequiredService<ReviewStore>();
        for (var i = 0; i < 200; i++)
        {
            if ((await store.GetRequestAsync(id, default))?.ChannelMessageId is { Length: > 0 } ts)
            {
                return ts;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException($"request {id} has no message ts");
    }

    private static string Button(JsonObject message, string actionId) =>
        message["blocks"]!.AsArray()
            .SelectMany(b => b?["elements"]?.AsArray() ?? (b?["accessory"] is { } a ? new JsonArray(a.DeepClone()) : []))
            .Where(e => (string?)e?["action_id"] == actionId)
            .Select(e => (string)e!["value"]!)
            .Single();

    private async Task ClickAsync(string user, string channel, string actionId, string value)
    {
        var payload = SlackPayloads.ButtonClick(actionId, value, channel, slack.ResponseUrl(channel), ephemeral: false);
        payload["user"]!["id"] = user;
        payload["trigger_id"] = "trigger-" + Guid.NewGuid().ToString("N");
        await AcceptedAsync(host.InteractionAsync(payload));
    }

    private async Task SubmitViewAsync(string user, JsonObject viewsOpen, params (string Input, string Value)[] inputs)
    {
        var view = (JsonObject)viewsOpen["view"]!.DeepClone();
        var values = new JsonObject();
        foreach (var (input, value) in inputs)
        {
            values[input] = new JsonObject
            {
                [input] = input == "wantedBy"
                    ? new JsonObject { ["type"] = "datepicker", ["selected_date"] = value }
                    : new JsonObject { ["type"] = "plain_text_input", ["value"] = value },
            };
        }

        view["id"] = "V0" + Guid.NewGuid().ToString("N")[..8];
        view["state"] = new JsonObject { ["values"] = values };
        var payload = new JsonObject
        {
            ["type"] = "view_submission",
            ["team"] = new JsonObject { ["id"] = SlackHost.Team, ["domain"] = "example" },
            ["user"] = new JsonObject { ["id"] = user, ["team_id"] = SlackHost.Team },
            ["api_app_id"] = "A0APP",
            ["trigger_id"] = "trigger-" + Guid.NewGuid().ToString("N"),
            ["view"] = view,
        };
        using var response = await host.InteractionAsync(payload);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync()); // an empty 200 closes the modal
    }

    private static async Task AcceptedAsync(Task<HttpResponseMessage> request)
    {
        using var response = await request;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
