using System.Net;
using System.Text;
using CommsBot.Bot.Tests.Nudges;
using Newtonsoft.Json.Linq;

namespace CommsBot.Bot.Tests.Reviews;

/// <summary>Teams activities as the channel POSTs them to /api/messages, with replies to a <see cref="FakeConnector"/>.</summary>
internal static class TeamsReviewClient
{
    public static JObject Card(JObject activity) => (JObject)activity["attachments"]![0]!["content"]!;

    public static JObject LastCard(FakeConnector connector, string conversationId, string text) =>
        Card(connector.Cards(text).Last(c => c.ConversationId == conversationId).Activity);

    public static async Task PostAsync(HttpClient client, JObject activity)
    {
        using var response = await client.PostAsync("/api/messages", new StringContent(activity.ToString(), Encoding.UTF8, "application/json"));
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Accepted, $"{response.StatusCode}");
    }

    public static JObject Message(FakeConnector connector, string tenant, string userId, string name, string conversationId, string type, string? text, JObject? value = null)
    {
        var activity = new JObject
        {
            ["type"] = "message",
            ["id"] = "activity-" + Guid.NewGuid().ToString("N"),
            ["channelId"] = "msteams",
            ["serviceUrl"] = connector.Url,
            ["from"] = new JObject { ["id"] = userId, ["name"] = name },
            ["recipient"] = new JObject { ["id"] = "28:bot", ["name"] = "CommsBot" },
            ["conversation"] = new JObject { ["id"] = conversationId, ["conversationType"] = type, ["tenantId"] = tenant, ["isGroup"] = type != "personal" },
            ["channelData"] = new JObject { ["tenant"] = new JObject { ["id"] = tenant } },
        };
        if (text is not null)
        {
            activity["text"] = text;
        }

        if (value is not null)
        {
            activity["value"] = value;
        }

        return activity;
    }
}
