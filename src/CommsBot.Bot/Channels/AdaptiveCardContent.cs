using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CommsBot.Bot.Channels;

/// <summary>
/// An Adaptive Card as an attachment's content: the JSON text the card renderer wrote (and measured against Teams'
/// size limit), which the Bot Framework SDK's Newtonsoft serializer copies into the activity as it is. The card is
/// neither parsed into a <see cref="JObject"/> nor serialized a second time, which was about a tenth of a turn's CPU.
/// Whoever wants the tree (a test reading the card, <c>JObject.FromObject</c>) gets it parsed from the text.
/// </summary>
[JsonConverter(typeof(Converter))]
public sealed class AdaptiveCardContent(string json)
{
    /// <summary>The card's JSON text.</summary>
    public string Json { get; } = json ?? throw new ArgumentNullException(nameof(json));

    /// <summary>The card as a Newtonsoft tree (parsed on each call).</summary>
    public JObject ToJObject() => JObject.Parse(Json);

    /// <summary>The card indented, as the <see cref="JObject"/> content it replaces printed itself.</summary>
    public override string ToString() => ToJObject().ToString();

    private sealed class Converter : JsonConverter<AdaptiveCardContent>
    {
        public override bool CanRead => false;

        public override void WriteJson(JsonWriter writer, AdaptiveCardContent? value, JsonSerializer serializer)
        {
            if (value is null)
            {
                writer.WriteNull();
            }
            else if (writer is JTokenWriter)
            {
                // Building a tree (JObject.FromObject, JToken.FromObject): a raw value would stay one opaque token.
                value.ToJObject().WriteTo(writer);
            }
            else
            {
                writer.WriteRawValue(value.Json);
            }
        }

        public override AdaptiveCardContent ReadJson(JsonReader reader, Type objectType, AdaptiveCardContent? existingValue, bool hasExistingValue, JsonSerializer serializer) =>
            throw new NotSupportedException("Attachment content is read as a JObject.");
    }
}
