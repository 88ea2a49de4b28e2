using System.Text.Json.Nodes;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace CommsBot.Bot.Slack;

/// <summary>Turns the activities the conversation logic sends into Slack messages (<c>{"blocks":…,"text":…}</c>).</summary>
internal static class SlackMessages
{
    /// <summary>A message activity: its Block Kit attachment, else its text (escaped; shown as typed when the activity
    /// is plain text, as a revised draft is). Null when it has neither (another channel's card, which Slack cannot show).</summary>
    public static JsonObject? FromActivity(IMessageActivity activity)
    {
        foreach (var attachment in activity.Attachments ?? [])
        {
            if (attachment.ContentType == SlackCardRenderer.ContentType && attachment.Content is not null)
            {
                return Parse(attachment.Content);
            }
        }

        if (string.IsNullOrEmpty(activity.Text))
        {
            return null;
        }

        var message = new JsonObject { ["text"] = SlackMrkdwn.Shorten(SlackMrkdwn.Escape(activity.Text), SlackMrkdwn.MaxMessageText) };
        if (activity.TextFormat == TextFormatTypes.Plain)
        {
            message["mrkdwn"] = false;
        }

        return message;
    }

    /// <summary>An invoke response (the message action's answer): the Block Kit card anywhere in its body.</summary>
    public static JsonObject? FromInvokeResponse(IActivity activity)
    {
        if ((activity as Activity)?.Value is not InvokeResponse { Body: { } body } response || response.Status is < 200 or > 299)
        {
            return null;
        }

        if ((body as JToken ?? JToken.FromObject(body)) is not JContainer tree)
        {
            return null;
        }

        var card = tree.DescendantsAndSelf().OfType<JObject>()
            .FirstOrDefault(o => (string?)o["contentType"] == SlackCardRenderer.ContentType && o["content"] is JObject);
        return card is null ? null : Parse(card["content"]!);
    }

    private static JsonObject Parse(object content)
    {
        var json = content is JToken token ? token.ToString(Newtonsoft.Json.Formatting.None) : JToken.FromObject(content).ToString(Newtonsoft.Json.Formatting.None);
        return JsonNode.Parse(json) as JsonObject ?? throw new InvalidOperationException("A Slack card is not a JSON object.");
    }
}
