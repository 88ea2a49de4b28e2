using System.Text.Json.Nodes;
using CommsBot.Bot.Slack;
using CommsBot.Cards;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace CommsBot.Bot.Tests.Slack;

public sealed class SlackMessagesTests
{
    private const string BlocksJson = """{"blocks":[{"type":"section","text":{"type":"mrkdwn","text":"*Hi*"}}],"text":"Hi"}""";

    [Fact]
    public void FromActivity_SlackAttachment_IsTheMessage()
    {
        var blocks = JsonNode.Parse(BlocksJson)!.AsObject();
        var activity = MessageFactory.Attachment(new Attachment(SlackCards.ContentType, content: blocks));

        Assert.Equal(BlocksJson, SlackMessages.FromActivity(activity)!.ToJsonString());
    }

    [Fact]
    public void FromActivity_SlackCard_IsTheRenderedTreeItselfNeverReserialised()
    {
        var cards = new SlackCards(new BlockKitRenderer(CardTemplates.Load()), CardTemplates.Load());
        var card = cards.Notice("Thanks", "Noted **this**.");

        var message = SlackMessages.FromActivity(MessageFactory.Attachment(card));

        Assert.Same(card.Content, message);
    }

    [Fact]
    public void FromActivity_PlainText_IsEscapedAndNotFormatted()
    {
        var activity = (Activity)MessageFactory.Text("Revised: *not bold* <@U1> & co");
        activity.TextFormat = TextFormatTypes.Plain;

        var message = SlackMessages.FromActivity(activity)!;

        Assert.Equal("Revised: *not bold* &lt;@U1&gt; &amp; co", (string?)message["text"]);
        Assert.False((bool)message["mrkdwn"]!);
    }

    [Fact]
    public void FromActivity_AnotherChannelsCard_IsNothing()
    {
        var activity = MessageFactory.Attachment(new Attachment("application/vnd.microsoft.card.adaptive", content: new JObject()));

        Assert.Null(SlackMessages.FromActivity(activity));
    }

    [Fact]
    public void FromActivity_LongText_IsShortenedToSlacksLimit()
    {
        var message = SlackMessages.FromActivity(MessageFactory.Text(new string('a', 50_000)))!;

        Assert.Equal(SlackMrkdwn.MaxMessageText, ((string?)message["text"])!.Length);
    }
}
