using System.Text.Json;
using System.Text.Json.Nodes;

namespace CommsBot.Bot.Tests.Slack;

/// <summary>Asserts that a message is one Slack accepts: at most 50 blocks, texts within 3,000 characters, headers
/// within 150, button values within 2,000, fallback text within 40,000.</summary>
internal static class BlockKitLimits
{
    public static void AssertWithin(JsonObject message)
    {
        if (message["blocks"] is JsonArray blocks)
        {
            Assert.InRange(blocks.Count, 1, 50);
            foreach (var block in blocks)
            {
                var type = (string?)block!["type"];
                if (type == "header")
                {
                    Assert.InRange(((string?)block["text"]!["text"])!.Length, 1, 150);
                }

                Walk(block);
            }
        }

        Assert.InRange(((string?)message["text"] ?? "").Length, 0, 40_000);
    }

    private static void Walk(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                if ((string?)(o["type"] as JsonValue is { } t && t.GetValueKind() == JsonValueKind.String ? t : null) is "mrkdwn" or "plain_text")
                {
                    Assert.InRange(((string?)o["text"] ?? "").Length, 0, 3_000);
                }

                if ((string?)o["type"] == "button")
                {
                    Assert.InRange(((string?)o["value"] ?? "").Length, 0, 2_000);
                    Assert.InRange(((string?)o["text"]!["text"])!.Length, 1, 75);
                }

                foreach (var (_, value) in o)
                {
                    Walk(value);
                }

                break;
            case JsonArray a:
                foreach (var item in a)
                {
                    Walk(item);
                }

                break;
        }
    }
}
