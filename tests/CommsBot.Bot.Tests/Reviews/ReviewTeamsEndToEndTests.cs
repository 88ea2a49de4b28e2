using System.Net;
using System.Text;
using CommsBot.Bot.Reviews;
using CommsBot.Bot.Tests.Hosting;
using CommsBot.Bot.Tests.Nudges;
using CommsBot.Cards;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;

namespace CommsBot.Bot.Tests.Reviews;

/// <summary>The review queue on Teams through the bot's own /api/messages, with the real CloudAdapter replying to a
/// loopback fake connector: registration, a DM'd draft asked for review, Take it and Request changes updating the
/// channel's card in place, the decision in the author's chat, a linked re-submission approved. A canary in the
/// draft, note, comment and edited draft is never in a log line, nor in plaintext in the SQLite file or its WAL.</summary>
public sealed class ReviewTeamsEndToEndTests : IAsyncLifetime, IDisposable
{
    private const string Admin = "29:admin";
    private const string Author = "29:author";
    private const string Reviewer = "29:reviewer";
    private const string Tenant = "tenant-1";
    private const string ReviewChannel = "19:comms@thread.tacv2";
    private const string AuthorChat = "a:author-chat";

    private readonly string canary = "Canary" + Guid.NewGuid().ToString("N");
    private FakeConnector connector = null!;
    private BotHostFactory host = null!;
    private HttpClient client = null!;

    public async Task InitializeAsync()
    {
        connector = await FakeConnector.StartAsync();
        host = new BotHostFactory(new Dictionary<string, string?>
        {
            ["Guidelines:Learned"] = "false",
            ["Review:Admins:0"] = "msteams:" + Admin,
            ["Nudges:ConferencesFile"] = "",
        });
        client = host.CreateClient();
    }

    public async Task DisposeAsync() => await connector.DisposeAsync();

    public void Dispose()
    {
        client.Dispose();
        host.Dispose();
    }

    [Fact]
    public async Task ReviewQueue_RegisterAskTakeRequestChangesResubmitApprove_ReachesEveryoneAndKeepsNoPlaintext()
    {
        // An admin registers the comms team's channel (said in a thread of it).
        await PostAsync(Message(Admin, "Dr Admin", ReviewChannel + ";messageid=1700000000001", "channel", "review here"));
        Assert.Single(connector.Cards("This is now the review channel"));
        await PostAsync(Message(Admin, "Dr Admin", ReviewChannel + ";messageid=1700000000001", "channel", "review where"));
        Assert.Single(connector.Cards("This channel is the review channel"));

        // A DM'd draft's card offers Ask comms to review.
        var draft = $"Swipe up to save 20% with code {canary} on my favourite scrubs";
        await PostAsync(Message(Author, "Dr Author", AuthorChat, "personal", "check --account personal --platform instagram " + draft));
        var reviewCard = LastCard(AuthorChat, "Ask comms to review");
        var ask = Assert.Single(reviewCard.ActionData(CardActions.AskReview));
        Assert.Equal(draft, (string?)ask["draft"]);

        // Asking shows the confirmation; confirming with a note and a date posts the request to the channel.
        await PostAsync(Submit(Author, "Dr Author", AuthorChat, "personal", ask));
        var confirm = LastCard(AuthorChat, "Share with comms");
        Assert.Contains("Input.Text", confirm.Text(), StringComparison.Ordinal);
        var submit = Assert.Single(confirm.ActionData(ReviewActions.Submit));
        submit["note"] = "Note " + canary;
        submit["wantedBy"] = "2026-03-05";
        await PostAsync(Submit(Author, "Dr Author", AuthorChat, "personal", submit));
        var request = Assert.Single(connector.Cards("Review request #1"));
        Assert.Equal(ReviewChannel, request.ConversationId);
        var requestText = request.Activity.ToString();
        Assert.Contains(draft, requestText, StringComparison.Ordinal);
        Assert.Contains("undisclosed-partnership", requestText, StringComparison.Ordinal);
        Assert.Contains("Dr Author", requestText, StringComparison.Ordinal);
        Assert.Contains("Note " + canary, requestText, StringComparison.Ordinal);
        Assert.Contains("wanted by 2026-03-05", requestText, StringComparison.Ordinal);
        Assert.Contains("personal account · instagram", requestText, StringComparison.Ordinal);
        Assert.Single(connector.Cards("Sent to the comms team"), c => c.ConversationId == AuthorChat);
        var messageId = (string)request.Activity["id"]!;
        AssertNoPlaintextAtRest();

        // Take it updates that card in place.
        var card = Card(request.Activity);
        var take = Assert.Single(card.ActionData(ReviewActions.Take));
        await PostAsync(Submit(Reviewer, "Dr Reviewer", ReviewChannel + ";messageid=" + messageId, "channel", take));
        var taken = Assert.Single(connector.Updated);
        Assert.Equal((ReviewChannel, messageId), (taken.ConversationId, taken.ActivityId));
        Assert.Contains("Taken by Dr Reviewer", taken.Activity.ToString(), StringComparison.Ordinal);

        // Request changes with a comment and an edited draft: the card updates again; the author gets both.
        var changes = Assert.Single(Card(taken.Activity).ActionData(ReviewActions.RequestChanges));
        changes["comment"] = "Comment " + canary + ": put the disclosure first.";
        var edited = $"#ad Paid partnership with ScrubCo: save 20% with code {canary} on my favourite scrubs";
        changes["editedDraft"] = edited;
        await PostAsync(Submit(Reviewer, "Dr Reviewer", ReviewChannel + ";messageid=" + messageId, "channel", changes));
        Assert.Equal(2, connector.Updated.Count);
        var decidedCard = connector.Updated.Last().Activity.ToString();
        Assert.Contains("Changes requested by Dr Reviewer", decidedCard, StringComparison.Ordinal);
        Assert.DoesNotContain("\"Take it\"", decidedCard, StringComparison.Ordinal);
        var decision = LastCard(AuthorChat, "Changes requested by Dr Reviewer");
        Assert.Contains("Comment " + canary, decision.Text(), StringComparison.Ordinal);
        Assert.Contains(edited, decision.Text(), StringComparison.Ordinal);
        AssertNoPlaintextAtRest();

        // The edited draft comes with its own review card; asking again links to request #1.
        var editedCard = LastCard(AuthorChat, "Ask comms to review");
        var askAgain = Assert.Single(editedCard.ActionData(CardActions.AskReview));
        Assert.Equal(edited, (string?)askAgain["draft"]);
        await PostAsync(Submit(Author, "Dr Author", AuthorChat, "personal", askAgain));
        var confirmAgain = LastCard(AuthorChat, "Share with comms");
        Assert.Contains("earlier request #1", confirmAgain.Text(), StringComparison.Ordinal);
        await PostAsync(Submit(Author, "Dr Author", AuthorChat, "personal", Assert.Single(confirmAgain.ActionData(ReviewActions.Submit))));
        var second = Assert.Single(connector.Cards("Review request #2"));
        Assert.Contains("re-submission of #1", second.Activity.ToString(), StringComparison.Ordinal);

        // Approve on the re-submission reaches the author, naming the reviewer.
        var approve = Assert.Single(Card(second.Activity).ActionData(ReviewActions.Approve));
        approve["comment"] = "Good to go.";
        await PostAsync(Submit(Reviewer, "Dr Reviewer", ReviewChannel + ";messageid=" + (string)second.Activity["id"]!, "channel", approve));
        var approved = LastCard(AuthorChat, "Approved by Dr Reviewer");
        Assert.Contains("Good to go.", approved.Text(), StringComparison.Ordinal);
        Assert.Contains("Approved by Dr Reviewer", connector.Updated.Last().Activity.ToString(), StringComparison.Ordinal);

        // The audit trail: both requests, linked, decided by the reviewer; `reviews` lists none open.
        var rows = await host.Services.GetRequiredService<ReviewStore>().AllRequestsAsync(default);
        Assert.Equal(
            [(1L, ReviewRequestRecord.ChangesRequested, (long?)null), (2L, ReviewRequestRecord.Approved, (long?)1)],
            rows.Select(r => (r.Id, r.Status, r.ResubmitOf)).ToList());
        Assert.All(rows, r => Assert.Equal(Reviewer, r.ReviewerId));
        await PostAsync(Message(Reviewer, "Dr Reviewer", ReviewChannel + ";messageid=1700000000002", "channel", "reviews"));
        Assert.Single(connector.Cards("0 open review requests"));

        AssertNoPlaintextAtRest();
        ReviewAssertions.NoLogContains(host.Logs, canary);
    }

    [Fact]
    public async Task ReviewHere_NotAnAdmin_IsRefusedAndCardsOfferNoReview()
    {
        await PostAsync(Message(Author, "Dr Author", ReviewChannel, "channel", "review here"));
        Assert.Single(connector.Cards("Only an admin can do that"));

        await PostAsync(Message(Author, "Dr Author", AuthorChat, "personal", "Swipe up to save 20% with code DOCTOR"));
        Assert.Empty(connector.Cards("Ask comms to review"));
    }

    private void AssertNoPlaintextAtRest() => ReviewAssertions.NoPlaintextInDatabaseFiles(host.DataDirectory, canary);

    private static JObject Card(JObject activity) => TeamsReviewClient.Card(activity);

    private JObject LastCard(string conversationId, string text) => TeamsReviewClient.LastCard(connector, conversationId, text);

    private Task PostAsync(JObject activity) => TeamsReviewClient.PostAsync(client, activity);

    private JObject Message(string userId, string name, string conversationId, string type, string? text, JObject? value = null) =>
        TeamsReviewClient.Message(connector, Tenant, userId, name, conversationId, type, text, value);

    private JObject Submit(string userId, string name, string conversationId, string type, JObject value) =>
        Message(userId, name, conversationId, type, null, value);
}
