using System.Text.Json.Nodes;

namespace CommsBot.Cards.Tests;

/// <summary>The card-action contract: what the renderers write, the bot reads back with the same record.</summary>
public class ActionPayloadsTests
{
    [Fact]
    public void CardActionPayload_WrittenByTheRenderers_ReadsBackWithEveryField()
    {
        var card = new AdaptiveCardRenderer(Fixtures.Templates).RenderReview(Fixtures.Mixed(), new CardContext(Fixtures.Draft, Fixtures.Context));
        var why = Fixtures.Descendants(card).OfType<JsonObject>()
            .Single(o => o["type"]?.ToString() == "Action.Submit" && o["data"]?["action"]?.ToString() == CardActions.Why)["data"];

        Assert.True(CardActionPayload.TryRead(why, out var sut));

        Assert.Equal(CardActions.Why, sut.Action);
        Assert.Equal(Fixtures.Draft, sut.Draft);
        Assert.Equal(("professional", "instagram"), (sut.Account, sut.Platform));
        Assert.Equal(["undisclosed-partnership", "paid-promotion-risk", "conference-highlight"], sut.RuleIds!);
    }

    [Fact]
    public void CardActionPayload_RoundTrip_LeavesNullsOutAndKeepsTheOrder()
    {
        var sut = new CardActionPayload(CardActions.NotAnIssue, RuleId: "levity", Hash: "0123456789abcdef");

        Assert.Equal("""{"action":"notAnIssue","ruleId":"levity","hash":"0123456789abcdef"}""", sut.ToJson());
        Assert.True(CardActionPayload.TryRead(sut.ToJson(), out var read));
        Assert.Equal(sut, read);
    }

    [Theory]
    [InlineData("""{"no":"action"}""")]
    [InlineData("""{"action":42}""")]
    [InlineData("""{"action":"why","draft":7}""")]
    [InlineData("not json")]
    public void CardActionPayload_NotACardAction_IsNotRead(string json) =>
        Assert.False(CardActionPayload.TryRead(json, out _));

    [Fact]
    public void NudgeActionPayload_WritesIdsAsTheCardsAlwaysHave()
    {
        var sut = new NudgeActionPayload(NudgeActions.Consent, Id: 7, Answer: "yes");

        Assert.Equal("""{"action":"nudge-consent","id":7,"answer":"yes"}""", sut.ToJson());
        Assert.True(NudgeActionPayload.TryRead(JsonNode.Parse("""{"action":"nudge-consent","id":"7","answer":"yes"}"""), out var read));
        Assert.Equal(sut, read);
        Assert.False(NudgeActionPayload.TryRead(JsonNode.Parse("""{"action":"why"}"""), out _));
    }
}
