using System.Text.Json.Nodes;

namespace CommsBot.Bot.Tests.Slack;

/// <summary>Requests as Slack sends them (shapes from Slack's documentation; ids made up).</summary>
internal static class SlackPayloads
{
    public const string Form = "application/x-www-form-urlencoded";

    /// <summary>Slack's published example request body (docs: "Verifying requests from Slack"), with the signing secret
    /// of <see cref="SlackHost.Secret"/>, timestamp 1531420618 and signature v0=a2114d57…. Its token is
    /// <c>xyzz0WbapA4vBCDEFasx0q6G</c>: copies with another token do not match the signature.</summary>
    public const string PublishedExampleBody = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";

    public const long PublishedExampleTimestamp = 1531420618;
    public const string PublishedExampleSignature = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

    public static string CommandForm(string text, string channel, Uri responseUrl, string user = "U0USER") =>
        Encode(new Dictionary<string, string>
        {
            ["token"] = "legacy-verification-token",
            ["team_id"] = SlackHost.Team,
            ["team_domain"] = "example",
            ["channel_id"] = channel,
            ["channel_name"] = "directmessage",
            ["user_id"] = user,
            ["user_name"] = "dr.example",
            ["command"] = "/commsbot",
            ["text"] = text,
            ["api_app_id"] = "A0APP",
            ["response_url"] = responseUrl.AbsoluteUri,
            ["trigger_id"] = "13345224609.738474920.8088930838d88f008e0" + Guid.NewGuid().ToString("N")[..6],
        });

    public static string InteractionForm(JsonObject payload) => Encode(new Dictionary<string, string> { ["payload"] = payload.ToJsonString() });

    public static JsonObject Envelope(JsonObject e, string? eventId = null) => new()
    {
        ["token"] = "legacy-verification-token",
        ["team_id"] = SlackHost.Team,
        ["api_app_id"] = "A0APP",
        ["event"] = e,
        ["type"] = "event_callback",
        ["event_id"] = eventId ?? "Ev" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant(),
        ["event_time"] = 1700000000,
        ["authorizations"] = new JsonArray(new JsonObject { ["team_id"] = SlackHost.Team, ["user_id"] = SlackHost.BotUserId, ["is_bot"] = true }),
    };

    public static JsonObject DirectMessage(string text, string channel, string user = "U0USER", string? ts = null, string? threadTs = null)
    {
        var e = new JsonObject
        {
            ["type"] = "message",
            ["channel"] = channel,
            ["user"] = user,
            ["text"] = text,
            ["ts"] = ts ?? NewTs(),
            ["event_ts"] = ts ?? NewTs(),
            ["channel_type"] = "im",
            ["team"] = SlackHost.Team,
            ["client_msg_id"] = Guid.NewGuid().ToString(),
        };
        if (threadTs is not null)
        {
            e["thread_ts"] = threadTs;
        }

        return e;
    }

    public static JsonObject Mention(string text, string channel, string user = "U0USER", string? ts = null, string? threadTs = null)
    {
        var e = new JsonObject
        {
            ["type"] = "app_mention",
            ["channel"] = channel,
            ["user"] = user,
            ["text"] = $"<@{SlackHost.BotUserId}> {text}",
            ["ts"] = ts ?? NewTs(),
            ["event_ts"] = ts ?? NewTs(),
            ["team"] = SlackHost.Team,
        };
        if (threadTs is not null)
        {
            e["thread_ts"] = threadTs;
        }

        return e;
    }

    /// <summary>A button click on a message (ephemeral when <paramref name="ephemeral"/>, as a slash command's answer is).</summary>
    public static JsonObject ButtonClick(string actionId, string value, string channel, Uri responseUrl, bool ephemeral, JsonObject? state = null, JsonArray? messageBlocks = null, string? threadTs = null)
    {
        var messageTs = NewTs();
        var payload = new JsonObject
        {
            ["type"] = "block_actions",
            ["user"] = new JsonObject { ["id"] = "U0USER", ["username"] = "dr.example", ["name"] = "dr.example", ["team_id"] = SlackHost.Team },
            ["api_app_id"] = "A0APP",
            ["token"] = "legacy-verification-token",
            ["container"] = new JsonObject { ["type"] = "message", ["message_ts"] = messageTs, ["channel_id"] = channel, ["is_ephemeral"] = ephemeral },
            ["trigger_id"] = "1234.5678.abcd",
            ["team"] = new JsonObject { ["id"] = SlackHost.Team, ["domain"] = "example" },
            ["channel"] = new JsonObject { ["id"] = channel, ["name"] = "directmessage" },
            ["response_url"] = responseUrl.AbsoluteUri,
            ["actions"] = new JsonArray(new JsonObject
            {
                ["action_id"] = actionId,
                ["block_id"] = "b1",
                ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = actionId },
                ["value"] = value,
                ["type"] = "button",
                ["action_ts"] = NewTs(),
            }),
        };
        if (state is not null)
        {
            payload["state"] = state;
        }

        if (!ephemeral)
        {
            var message = new JsonObject { ["type"] = "message", ["ts"] = messageTs, ["bot_id"] = "B0BOT", ["text"] = "fallback" };
            if (messageBlocks is not null)
            {
                message["blocks"] = messageBlocks;
            }

            if (threadTs is not null)
            {
                message["thread_ts"] = threadTs;
            }

            payload["message"] = message;
        }

        return payload;
    }

    /// <summary>A choice in the account select.</summary>
    public static JsonObject AccountChoice(string account, string channel, Uri responseUrl, bool ephemeral, JsonArray? messageBlocks = null)
    {
        var payload = ButtonClick("setAccount", "", channel, responseUrl, ephemeral, messageBlocks: messageBlocks);
        var action = (JsonObject)payload["actions"]![0]!;
        action.Remove("value");
        action["type"] = "static_select";
        action["block_id"] = "account";
        action["selected_option"] = new JsonObject { ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = account }, ["value"] = account };
        return payload;
    }

    public static JsonObject Shortcut(string messageText, string channel, Uri responseUrl, string callbackId = "check_with_commsbot", string? threadTs = null)
    {
        var message = new JsonObject { ["type"] = "message", ["user"] = "U0AUTHOR", ["ts"] = NewTs(), ["text"] = messageText };
        if (threadTs is not null)
        {
            message["thread_ts"] = threadTs;
        }

        return new JsonObject
        {
            ["type"] = "message_action",
            ["token"] = "legacy-verification-token",
            ["action_ts"] = NewTs(),
            ["team"] = new JsonObject { ["id"] = SlackHost.Team, ["domain"] = "example" },
            ["user"] = new JsonObject { ["id"] = "U0USER", ["name"] = "dr.example" },
            ["channel"] = new JsonObject { ["id"] = channel, ["name"] = "general" },
            ["callback_id"] = callbackId,
            ["trigger_id"] = "13345224609.8534564800.6f8ab1f53e13d0cd15f96106292d5536",
            ["message_ts"] = (string?)message["ts"],
            ["message"] = message,
            ["response_url"] = responseUrl.AbsoluteUri,
        };
    }

    public static string NewTs() => $"{1_700_000_000 + Random.Shared.Next(1_000_000)}.{Random.Shared.Next(1_000_000):D6}";

    private static string Encode(Dictionary<string, string> fields) =>
        string.Join('&', fields.Select(kv => Uri.EscapeDataString(kv.Key) + "=" + Uri.EscapeDataString(kv.Value).Replace("%20", "+", StringComparison.Ordinal))); // spaces as Slack sends them
}
