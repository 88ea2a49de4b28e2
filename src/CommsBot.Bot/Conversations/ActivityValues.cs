using System.Text.Json;
using System.Text.Json.Nodes;
using CommsBot.Cards;
using Newtonsoft.Json.Linq;

namespace CommsBot.Bot.Conversations;

/// <summary>
/// Reads the data a card action brings back (an Action.Submit's <c>value</c>, an Action.Execute's <c>data</c>, a
/// task module submit, a Slack button) into the records the cards wrote it from. Bot Framework channels deliver it
/// as Newtonsoft tokens, Slack turns as System.Text.Json nodes: both are read with the cards' own settings.
/// </summary>
public static class ActivityValues
{
    /// <summary>A review card's action; false when the value is not one.</summary>
    public static bool TryReadCardAction(object? value, out CardActionPayload action) =>
        CardActionPayload.TryRead(ToNode(value), out action);

    /// <summary>A nudge card's button; false when the value is not one.</summary>
    public static bool TryReadNudgeAction(object? value, out NudgeActionPayload action) =>
        NudgeActionPayload.TryRead(ToNode(value), out action);

    /// <summary>A review queue action (a confirmation, a reviewer's button or form); false when the value is not one.</summary>
    public static bool TryReadReviewAction(object? value, out ReviewActionPayload action) =>
        ReviewActionPayload.TryRead(ToNode(value), out action);

    /// <summary>The value as a System.Text.Json tree; null when it is not a JSON object.</summary>
    public static JsonNode? ToNode(object? value)
    {
        try
        {
            return value switch
            {
                null => null,
                JsonNode node => node,
                JsonElement element => JsonNode.Parse(element.GetRawText()),
                string s when s.StartsWith('{') => JsonNode.Parse(s),
                string => null,
                JToken token => JsonNode.Parse(token.ToString(Newtonsoft.Json.Formatting.None)),
                _ => JsonNode.Parse(JToken.FromObject(value).ToString(Newtonsoft.Json.Formatting.None)),
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
