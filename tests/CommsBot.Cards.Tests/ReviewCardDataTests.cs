using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CommsBot.Cards.Tests;

/// <summary>The review card's data is written by hand: it must stay what the action record and its JSON settings write.</summary>
public class ReviewCardDataTests
{
    public static TheoryData<CardActionPayload> Payloads() =>
    [
        new CardActionPayload(CardActions.Why, "a \"draft\" with \\ and é\n", null, "professional", "instagram", ["levity", "paid-promotion-risk"]),
        new CardActionPayload(CardActions.Recheck, null, true, null, "x"),
        new CardActionPayload(CardActions.NotAnIssue, RuleId: "levity", Hash: "0123456789abcdef"),
        new CardActionPayload(CardActions.ApplyFixes, "d", false, "personal", "unknown", [], "r", "h"),
    ];

    [Theory]
    [MemberData(nameof(Payloads))]
    public void WritePayload_AnyPayload_IsWhatTheActionDataSettingsWrite(CardActionPayload payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = CardJson.Payload.Encoder }))
        {
            ReviewCardData.WritePayload(writer, payload);
        }

        Assert.Equal(payload.ToJson(), Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    [Fact]
    public void WritePayload_EveryPropertyOfTheRecord_IsWritten()
    {
        // a property added to the record must be added to the hand-written data too
        var written = new[] { "action", "draft", "draftOmitted", "account", "platform", "ruleIds", "ruleId", "hash" };
        var properties = CardJson.Payload.GetTypeInfo(typeof(CardActionPayload)).Properties
            .Where(p => p.AttributeProvider?.IsDefined(typeof(JsonIgnoreAttribute), inherit: true) != true)
            .Select(p => p.Name);

        Assert.Equal(written, properties);
    }
}
