using System.Text.Json.Nodes;
using CommsBot.Guidelines;

namespace CommsBot.Cards.Tests;

public sealed class ReviewQueueCardsTests
{
    private const string Draft = "Swipe up <now> & save 20% with code DOCTOR";

    private static ReviewRequestView View(ReviewState state = ReviewState.Open) =>
        new(7, "U0AUTHOR", "Dr Author", "personal", "instagram", "Please look <today>", "2026-03-05", 3, Draft, Fixtures.Mixed(), state,
            state == ReviewState.Open ? null : "U0REVIEWER", state == ReviewState.Open ? null : "Dr Reviewer", null, null);

    [Fact]
    public void RenderConfirm_Teams_IsAnAdaptiveCard15WithTheNoteAndDateInputsAndTheSubmitData()
    {
        var sut = ReviewQueueCards.ForTeams(Fixtures.Templates);

        var card = sut.RenderConfirm("the review channel", 3, new ReviewActionPayload(ReviewActions.Submit, Draft: Draft, ResubmitOf: 3));

        Assert.Equal("1.5", (string?)card["version"]);
        Assert.Equal(["note", "wantedBy"], Fixtures.Descendants(card).OfType<JsonObject>().Where(o => ((string?)o["type"])?.StartsWith("Input.", StringComparison.Ordinal) == true).Select(o => (string)o["id"]!).ToList());
        var data = Assert.Single(Fixtures.Descendants(card).OfType<JsonObject>(), o => (string?)o["type"] == "Action.Submit")["data"]!;
        Assert.True(ReviewActionPayload.TryRead(data, out var payload));
        Assert.Equal((ReviewActions.Submit, Draft, 3L), (payload.Action, payload.Draft, payload.ResubmitOf));
        Assert.Contains("earlier request #3", Fixtures.Json(card), StringComparison.Ordinal);
    }

    [Fact]
    public void RenderConfirm_Slack_IsAModalWhosePrivateMetadataIsTheSubmitData()
    {
        var sut = ReviewQueueCards.ForSlack(Fixtures.Templates);

        var view = sut.RenderConfirm("the review channel", null, new ReviewActionPayload(ReviewActions.Submit, Draft: Draft, Channel: "D0AUTHOR"));

        Assert.Equal(("modal", "commsbot_review"), ((string?)view["type"], (string?)view["callback_id"]));
        Assert.True(ReviewActionPayload.TryRead(JsonNode.Parse((string)view["private_metadata"]!), out var payload));
        Assert.Equal(("D0AUTHOR", Draft), (payload.Channel, payload.Draft));
        Assert.Equal(["note", "wantedBy"], view["blocks"]!.AsArray().Where(b => (string?)b!["type"] == "input").Select(b => (string)b!["block_id"]!).ToList());
    }

    [Fact]
    public void RenderRequest_Slack_EscapesTheDraftAndNoteMentionsTheAuthorAndOffersTheDecisions()
    {
        var sut = ReviewQueueCards.ForSlack(Fixtures.Templates);

        var message = sut.RenderRequest(View());
        var json = message.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

        Assert.Contains("Swipe up &lt;now&gt; &amp; save 20%", json, StringComparison.Ordinal);
        Assert.Contains("Please look &lt;today&gt;", json, StringComparison.Ordinal);
        Assert.Contains("<@U0AUTHOR>", json, StringComparison.Ordinal);
        Assert.Contains("re-submission of #3", json, StringComparison.Ordinal);
        var buttons = message["blocks"]!.AsArray().Where(b => (string?)b!["type"] == "actions").SelectMany(b => b!["elements"]!.AsArray()).ToList();
        Assert.Equal(["reviewTake", "reviewApprove", "reviewChanges"], buttons.Select(b => (string)b!["action_id"]!).ToList());
        Assert.True(ReviewActionPayload.TryRead(JsonNode.Parse((string)buttons[2]!["value"]!), out var changes));
        Assert.Equal((ReviewActions.Comment, ReviewActions.RequestChanges, 7L), (changes.Action, changes.Decision, changes.Id));
    }

    [Theory]
    [InlineData(ReviewState.Taken, "Taken by Dr Reviewer", true)]
    [InlineData(ReviewState.Approved, "Approved by Dr Reviewer", false)]
    [InlineData(ReviewState.ChangesRequested, "Changes requested by Dr Reviewer", false)]
    public void RenderRequest_Teams_ShowsTheStateAndOffersActionsOnlyWhileUndecided(ReviewState state, string status, bool undecided)
    {
        var sut = ReviewQueueCards.ForTeams(Fixtures.Templates);

        var card = sut.RenderRequest(View(state));

        Assert.Contains(status, Fixtures.Json(card), StringComparison.Ordinal);
        var actions = card["actions"]?.AsArray() ?? [];
        Assert.Equal(undecided ? ["Approve", "Request changes"] : [], actions.Select(a => (string)a!["title"]!).ToList());
        Assert.Equal(undecided, Fixtures.Descendants(card).OfType<JsonObject>().Any(o => (string?)o["id"] == "comment"));
        if (undecided)
        {
            Assert.True(ReviewActionPayload.TryRead(actions[1]!["data"], out var changes));
            Assert.Equal((ReviewActions.RequestChanges, 7L), (changes.Action, changes.Id));
        }
    }

    [Fact]
    public void RenderDecision_Slack_NamesTheReviewerAndCarriesTheCommentAndEdit()
    {
        var sut = ReviewQueueCards.ForSlack(Fixtures.Templates);

        var json = sut.RenderDecision(View(ReviewState.ChangesRequested) with { Comment = "Move the #ad up", EditedDraft = "#ad Save 20%" }).ToJsonString(
            new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

        Assert.Contains("Changes requested by <@U0REVIEWER>", json, StringComparison.Ordinal);
        Assert.Contains("Move the #ad up", json, StringComparison.Ordinal);
        Assert.Contains("#ad Save 20%", json, StringComparison.Ordinal);
        Assert.Contains("linked to request #7", json, StringComparison.Ordinal);
    }

    [Fact]
    public void ReviewCard_OfferReview_AddsAskCommsToReviewWithTheDraftOnBothChannels()
    {
        var ctx = new CardContext(Draft, Fixtures.Context, OfferReview: true);
        var teams = new AdaptiveCardRenderer(Fixtures.Templates).RenderReview(Fixtures.Mixed(), ctx);
        var slack = new BlockKitRenderer(Fixtures.Templates).RenderReview(Fixtures.Mixed(), ctx);
        var without = new AdaptiveCardRenderer(Fixtures.Templates).RenderReview(Fixtures.Mixed(), ctx with { OfferReview = false });

        var teamsAsk = Assert.Single(teams["actions"]!.AsArray(), a => (string?)a!["title"] == "Ask comms to review")!;
        Assert.True(CardActionPayload.TryRead(teamsAsk["data"], out var fromTeams));
        var slackAsk = Fixtures.Descendants(slack).OfType<JsonObject>().Single(o => (string?)o["action_id"] == CardActions.AskReview);
        Assert.True(CardActionPayload.TryRead((string?)slackAsk["value"], out var fromSlack));
        Assert.Equal((CardActions.AskReview, Draft), (fromTeams.Action, fromTeams.Draft));
        Assert.Equal((CardActions.AskReview, Draft), (fromSlack.Action, fromSlack.Draft));
        Assert.DoesNotContain(without["actions"]!.AsArray(), a => (string?)a!["title"] == "Ask comms to review");
    }
}
