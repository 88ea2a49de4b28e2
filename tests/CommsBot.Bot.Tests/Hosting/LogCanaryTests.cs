using Newtonsoft.Json.Linq;

namespace CommsBot.Bot.Tests.Hosting;

/// <summary>Drafts can contain patient information: a unique string sent through full turns, every path that
/// handles a draft, must not appear in any log line (message, state or exception), at any level.</summary>
public sealed class LogCanaryTests
{
    [Fact]
    public async Task FullTurns_WithACanaryDraft_NeverLogIt()
    {
        var canary = "Canary" + Guid.NewGuid().ToString("N");
        var draft = $"Swipe up to save 20% with code {canary} at the midlevels clinic";
        await using var sut = new BotHostFactory(new Dictionary<string, string?> { ["Guidelines:MaxDraftLength"] = "2000" });
        using var client = sut.CreateClient();

        // A personal-chat draft, and the card's buttons.
        using var checkResponse = await client.PostAsync("/api/messages", Activities.Json(Activities.PersonalMessage(draft)));
        var card = (JObject)JObject.Parse(await checkResponse.Content.ReadAsStringAsync())["activities"]![0]!["attachments"]![0]!["content"]!;
        foreach (var action in new[] { "applyFixes", "why", "recheck", "notAnIssue" })
        {
            var data = card.Descendants().OfType<JProperty>().First(p => p.Name == "data" && p.Value is JObject d && (string?)d["action"] == action).Value;
            using var _ = await client.PostAsync("/api/messages", Activities.Json(Activities.Submit((JObject)data)));
        }

        // The message action, a command with the draft, an over-long draft, a failing turn (the reply cannot be
        // delivered: retried, then given up), and a body the adapter cannot parse.
        var submit = new JObject { ["commandId"] = "checkWithCommsBot", ["commandContext"] = "message", ["messagePayload"] = new JObject { ["body"] = new JObject { ["contentType"] = "html", ["content"] = $"<p>{draft}</p>" } } };
        using var a = await client.PostAsync("/api/messages", Activities.Json(Activities.Invoke("composeExtension/submitAction", submit)));
        using var b = await client.PostAsync("/api/messages", Activities.Json(Activities.PersonalMessage("check --account personal " + draft)));
        using var c = await client.PostAsync("/api/messages", Activities.Json(Activities.PersonalMessage(string.Join(' ', Enumerable.Repeat(draft, 60)))));
        using var d = await client.PostAsync("/api/messages", Activities.Json(Activities.PersonalMessage(draft, expectReplies: false)));
        using var e = await client.PostAsync("/api/messages", new StringContent("{\"type\":\"message\",\"text\":\"" + canary, System.Text.Encoding.UTF8, "application/json"));

        var records = sut.Logs.GetSnapshot();
        Assert.Contains(records, r => r.Message.StartsWith("Checked a draft", StringComparison.Ordinal));
        Assert.Contains(records, r => r.Message.StartsWith("Reply given up", StringComparison.Ordinal));
        foreach (var record in records)
        {
            var everything = string.Join(
                "\n",
                new[] { record.Message, record.Exception?.ToString() ?? "" }
                    .Concat(record.StructuredState?.Select(kv => kv.Key + "=" + kv.Value) ?? []));
            Assert.False(everything.Contains(canary, StringComparison.Ordinal), $"[{record.Category}] {record.Message}");
        }
    }
}
