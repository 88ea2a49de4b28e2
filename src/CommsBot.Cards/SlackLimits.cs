using System.Text.Json;
using System.Text.Json.Nodes;

namespace CommsBot.Cards;

/// <summary>
/// Block Kit's limits, and a pass that shortens any text over its limit (never rejects): whatever the templates or
/// the rule pack hold, Slack accepts the message.
/// </summary>
internal static class SlackLimits
{
    public const int MaxBlocks = 50;
    public const int MaxText = 3_000;
    public const int MaxHeader = 150;
    public const int MaxField = 2_000;
    public const int MaxButtonText = 75;
    public const int MaxOptionText = 75;
    public const int MaxPlaceholder = 150;
    public const int MaxButtonValue = 2_000;
    public const int MaxFallback = 40_000;

    /// <summary>Shortens every text object and the fallback text to its limit.</summary>
    public static void Enforce(JsonObject message)
    {
        if (message["text"] is JsonValue fallback && fallback.GetValueKind() == JsonValueKind.String)
        {
            message["text"] = SlackText.Shorten(fallback.GetValue<string>(), MaxFallback);
        }

        Walk(message["blocks"], MaxText);
    }

    /// <summary>Drops blocks before the last two (the actions) until at most <see cref="MaxBlocks"/> remain: a last resort the plans normally make unnecessary.</summary>
    public static void CapBlocks(JsonObject message)
    {
        if (message["blocks"] is JsonArray blocks)
        {
            while (blocks.Count > MaxBlocks)
            {
                blocks.RemoveAt(blocks.Count - 3);
            }
        }
    }

    public static int BlockCount(JsonObject message) => message["blocks"] is JsonArray blocks ? blocks.Count : 0;

    private static void Walk(JsonNode? node, int limit)
    {
        switch (node)
        {
            case JsonObject obj:
                var type = obj["type"] is JsonValue t && t.GetValueKind() == JsonValueKind.String ? t.GetValue<string>() : null;
                if (type is "plain_text" or "mrkdwn")
                {
                    if (obj["text"] is JsonValue v && v.GetValueKind() == JsonValueKind.String)
                    {
                        var text = v.GetValue<string>();
                        obj["text"] = type == "mrkdwn" ? SlackText.Shorten(text, limit) : CardText.Shorten(text, limit);
                    }

                    return;
                }

                foreach (var (key, value) in obj.ToList())
                {
                    Walk(value, (type, key) switch
                    {
                        ("header", "text") => MaxHeader,
                        ("button", "text") => MaxButtonText,
                        (_, "placeholder") => MaxPlaceholder,
                        ("section", "fields") => MaxField,
                        (_, "options" or "initial_option" or "option_groups") => MaxOptionText,
                        _ => limit,
                    });
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Walk(item, limit);
                }

                break;
        }
    }
}
