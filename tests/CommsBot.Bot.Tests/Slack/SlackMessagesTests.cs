using CommsBot.Bot.Slack;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Bot.Schema.Teams;
using Newtonsoft.Json.Linq;

namespace CommsBot.Bot.Tests.Slack;

public sealed class SlackMessagesTests
{
    private static readonly JObject Blocks = JObject.Parse("""{"blocks":[{"type":"section","text":{"type":"mrkdwn","text":"*Hi*"}}],"text":"Hi"}""");

    [Fact]
    public void FromActivity_SlackAttachment_IsTheMessage()
    {
        var activity = MessageFactory.Attachment(new Attachment(SlackCardRenderer.ContentType, content: Blocks));

        Assert.Equal(Blocks.ToString(Newtonsoft.Json.Formatting.None), SlackMessages.FromActivity(activity)!.ToJsonString());
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

    [Fact]
    public void FromInvokeResponse_TaskModuleWithASlackCard_IsTheCard()
    {
        var body = new MessagingExtensionActionResponse
        {
            Task = new TaskModuleContinueResponse { Value = new TaskModuleTaskInfo { Card = new Attachment(SlackCardRenderer.ContentType, content: Blocks) } },
        };
        var activity = new Activity { Type = ActivityTypesEx.InvokeResponse, Value = new InvokeResponse { Status = 200, Body = body } };

        Assert.Equal("Hi", (string?)SlackMessages.FromInvokeResponse(activity)!["text"]);
    }

    [Fact]
    public void FromInvokeResponse_Error_IsNothing()
    {
        var activity = new Activity { Type = ActivityTypesEx.InvokeResponse, Value = new InvokeResponse { Status = 400, Body = Blocks } };

        Assert.Null(SlackMessages.FromInvokeResponse(activity));
    }
}
