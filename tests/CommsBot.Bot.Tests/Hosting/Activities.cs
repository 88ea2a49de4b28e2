using System.Text;
using Newtonsoft.Json.Linq;

namespace CommsBot.Bot.Tests.Hosting;

/// <summary>Activity JSON as a channel would POST it.</summary>
internal static class Activities
{
    public static JObject PersonalMessage(string text, bool expectReplies = true, string serviceUrl = "http://127.0.0.1:9/") => Message(expectReplies, serviceUrl, "personal", text, null);

    public static JObject Submit(JObject value, bool expectReplies = true) => Message(expectReplies, "http://127.0.0.1:9/", "personal", null, value);

    public static JObject Invoke(string name, JObject value) => new()
    {
        ["type"] = "invoke",
        ["name"] = name,
        ["id"] = "invoke-" + Guid.NewGuid().ToString("N"),
        ["channelId"] = "msteams",
        ["serviceUrl"] = "http://127.0.0.1:9/",
        ["from"] = new JObject { ["id"] = "29:user-1" },
        ["recipient"] = new JObject { ["id"] = "28:bot" },
        ["conversation"] = new JObject { ["id"] = "19:channel@thread.tacv2", ["conversationType"] = "channel" },
        ["value"] = value,
    };

    public static StringContent Json(JObject activity) => new(activity.ToString(), Encoding.UTF8, "application/json");

    private static JObject Message(bool expectReplies, string serviceUrl, string conversationType, string? text, JObject? value)
    {
        var activity = new JObject
        {
            ["type"] = "message",
            ["id"] = "activity-" + Guid.NewGuid().ToString("N"),
            ["channelId"] = "msteams",
            ["serviceUrl"] = serviceUrl,
            ["from"] = new JObject { ["id"] = "29:user-1", ["name"] = "Dr Test User" },
            ["recipient"] = new JObject { ["id"] = "28:bot", ["name"] = "CommsBot" },
            ["conversation"] = new JObject { ["id"] = "a:personal-1", ["conversationType"] = conversationType },
        };
        if (expectReplies)
        {
            activity["deliveryMode"] = "expectReplies";
        }

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
