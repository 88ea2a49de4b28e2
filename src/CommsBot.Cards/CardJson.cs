using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace CommsBot.Cards;

/// <summary>The JSON settings of the cards: camelCase view models in, minimally escaped JSON out.</summary>
internal static class CardJson
{
    /// <summary>
    /// Cards: every bound string is JSON-escaped (quotes, backslashes, control characters), and nothing more: the
    /// channel's JSON is what the bot's serializer and Slack send anyway, so the size measured here is the size on
    /// the wire. Whoever embeds a card in HTML must escape it for HTML (as for any JSON).
    /// </summary>
    public static JsonSerializerOptions Output { get; } = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>View models to JSON trees: camelCase, nulls kept (templates may test them).</summary>
    public static JsonSerializerOptions Model { get; } = new(JsonSerializerDefaults.Web) { Converters = { Guidelines.WireNames.Converter } };

    /// <summary>Action data: compact, nulls left out (Slack button values are these, as strings).</summary>
    public static JsonSerializerOptions Payload { get; } = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { Guidelines.WireNames.Converter },
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(), // what the serializer would use; set, so a contract can be taken before first use
    };

    /// <summary>A view model as the data a template is bound to, serialised once and read in place.</summary>
    public static JsonElement ToElement(object model) => JsonSerializer.SerializeToElement(model, model.GetType(), Model);

    /// <summary>A view model as a document whose buffers go back to the pool when it is disposed: for data read only
    /// while a card is written.</summary>
    public static JsonDocument ToDocument(object model) => JsonSerializer.SerializeToDocument(model, model.GetType(), Model);

    /// <summary>The JSON text of a card, as the channel receives it.</summary>
    public static string Write(JsonNode node) => node.ToJsonString(Output);

    /// <summary>The size Teams counts: the text encoded as UTF-16.</summary>
    public static int Utf16Length(string json) => json.Length * sizeof(char);
}
