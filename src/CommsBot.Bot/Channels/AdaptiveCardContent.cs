using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CommsBot.Bot.Channels;

/// <summary>
/// An Adaptive Card as an attachment's content: the JSON text the card renderer wrote (and measured against Teams'
/// size limit), which Newtonsoft writes into the activity as it is (a raw value). The card is neither parsed into a
/// <see cref="JObject"/> nor written token by token; the SDK's serializer first turns the content into a JToken tree
/// and then writes that, and for a JObject content those two copies, with the parse before them, were about a sixth
/// of a turn's CPU. Building a tree from it (<c>JToken.FromObject</c>) gives a <see cref="JRaw"/>; a reader that
/// wants the card as a tree calls <see cref="ToJObject"/>.
/// </summary>
[JsonConverter(typeof(Converter))]
public sealed class AdaptiveCardContent(string json)
{
    /// <summary>The card's JSON text.</summary>
    public string Json { get; } = json ?? throw new ArgumentNullException(nameof(json));

    /// <summary>The card as a Newtonsoft tree (parsed on each call: for tests and diagnostics, not the send path).</summary>
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
            else
            {
                writer.WriteRawValue(value.Json);
            }
        }

        public override AdaptiveCardContent ReadJson(JsonReader reader, Type objectType, AdaptiveCardContent? existingValue, bool hasExistingValue, JsonSerializer serializer) =>
            throw new NotSupportedException("Attachment content is read as a JObject.");
    }
}
