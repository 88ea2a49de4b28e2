using System.Text.Json.Nodes;
using CommsBot.Cards;
using Microsoft.Bot.Schema;

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
            if (SlackCards.Message(attachment) is { } message)
            {
                return message;
            }
        }

        if (string.IsNullOrEmpty(activity.Text))
        {
            return null;
        }

        var text = new JsonObject { ["text"] = SlackMrkdwn.Shorten(SlackText.Escape(activity.Text), SlackMrkdwn.MaxMessageText) };
        if (activity.TextFormat == TextFormatTypes.Plain)
        {
            text["mrkdwn"] = false;
        }

        return text;
    }
}
