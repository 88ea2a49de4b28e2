using CommsBot.Bot.Tests.Hosting;
using Newtonsoft.Json.Linq;

namespace CommsBot.Bot.Tests.Operations;

/// <summary>Turns through the real host, for the operations tests.</summary>
internal static class OperationsHost
{
    /// <summary>Checks a draft in a personal chat and returns the card.</summary>
    public static async Task<JObject> CheckAsync(HttpClient client, string draft, string? activityId = null)
    {
        var activity = Activities.PersonalMessage(draft);
        if (activityId is not null)
        {
            activity["id"] = activityId;
        }

        using var response = await client.PostAsync("/api/messages", Activities.Json(activity));
        response.EnsureSuccessStatusCode();
        return (JObject)JObject.Parse(await response.Content.ReadAsStringAsync())["activities"]![0]!["attachments"]![0]!["content"]!;
    }

    /// <summary>Presses a button of a review card ("applyFixes", "notAnIssue", ...).</summary>
    public static async Task PressAsync(HttpClient client, JObject card, string action)
    {
        var data = card.Descendants().OfType<JProperty>().First(p => p.Name == "data" && p.Value is JObject d && (string?)d["action"] == action).Value;
        using var response = await client.PostAsync("/api/messages", Activities.Json(Activities.Submit((JObject)data)));
        response.EnsureSuccessStatusCode();
    }
}
