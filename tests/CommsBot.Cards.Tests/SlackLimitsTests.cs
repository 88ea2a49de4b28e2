using System.Text.Json.Nodes;

namespace CommsBot.Cards.Tests;

public class SlackLimitsTests
{
    [Fact]
    public void Enforce_LongHeaderButtonAndOption_ShortenedToTheirLimits()
    {
        var message = new JsonObject
        {
            ["text"] = "fallback",
            ["blocks"] = new JsonArray(
                new JsonObject { ["type"] = "header", ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = new string('h', 400) } },
                new JsonObject
                {
                    ["type"] = "actions",
                    ["elements"] = new JsonArray(
                        new JsonObject { ["type"] = "button", ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = new string('b', 100) }, ["value"] = "v" },
                        new JsonObject
                        {
                            ["type"] = "static_select",
                            ["options"] = new JsonArray(new JsonObject { ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = new string('o', 100) }, ["value"] = "o" }),
                        }),
                }),
        };

        SlackLimits.Enforce(message);

        Assert.Equal(SlackLimits.MaxHeader, message["blocks"]![0]!["text"]!["text"]!.GetValue<string>().Length);
        Assert.Equal(SlackLimits.MaxButtonText, message["blocks"]![1]!["elements"]![0]!["text"]!["text"]!.GetValue<string>().Length);
        Assert.Equal(SlackLimits.MaxOptionText, message["blocks"]![1]!["elements"]![1]!["options"]![0]!["text"]!["text"]!.GetValue<string>().Length);
        Assert.Equal("fallback", message["text"]!.GetValue<string>());
    }
}
