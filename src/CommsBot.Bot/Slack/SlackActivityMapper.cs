using System.Text.Json;
using System.Text.Json.Nodes;
using CommsBot.Bot.Conversations;
using CommsBot.Cards;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;

namespace CommsBot.Bot.Slack;

/// <summary>An activity for the bot and where its replies go.</summary>
public sealed record SlackTurn(Activity Activity, SlackReplyTarget Target);

/// <summary>A request mapped to a turn, or the reason it needs none.</summary>
public sealed record SlackMapping(SlackTurn? Turn, string? Ignored)
{
    public static SlackMapping Ignore(string reason) => new(null, reason);

    public static implicit operator SlackMapping(SlackTurn turn) => new(turn, null);
}

/// <summary>
/// Turns verified Slack requests into Bot Framework activities with channel id <c>slack</c>, so one conversation logic
/// serves both platforms:
/// <list type="bullet">
/// <item>a DM (<c>message</c>, <c>channel_type: im</c>) is a message in a personal conversation, answered in the DM
/// (in its thread, if it was in one);</item>
/// <item><c>app_mention</c> is a message in a channel conversation with the mention removed, answered in the thread
/// of the mention;</item>
/// <item>the slash command is a message whose text is the command's (commands only, as after an @mention); its
/// replies become the command's ephemeral response;</item>
/// <item>a button (<c>block_actions</c>) is a message whose <c>value</c> is the button's payload (a JSON object), as
/// a Teams card action's is, so <see cref="ActivityValues"/> reads both;</item>
/// <item>the "Check with CommsBot" shortcut (<c>message_action</c>) is a message whose <c>value</c> is a
/// <see cref="CardActions.Check"/> action with the message's text, answered ephemerally to whoever ran it.</item>
/// </list>
/// Activities carry Slack ids only: no names, no emails.
/// </summary>
public sealed class SlackActivityMapper(IOptions<SlackOptions> options, TimeProvider time)
{
    /// <summary>The message shortcut's callback id (deploy/slack/manifest.yaml).</summary>
    public const string CheckShortcutCallbackId = "check_with_commsbot";

    public const string Personal = "personal";
    public const string Channel = "channel";
    public const string SlashCommand = "slashCommand";

    /// <summary>The callback id of the review queue's modals (cards/slack/review-*.json).</summary>
    public const string ReviewModalCallbackId = "commsbot_review";

    private const string UnknownBot = "slack-bot";

    // The review modals' input blocks; each block's id is its element's action id and the action data's field.
    private static readonly string[] ReviewModalInputs = ["note", "wantedBy", "comment", "editedDraft"];

    /// <summary>A slash command's form fields.</summary>
    public SlackMapping FromCommand(IReadOnlyDictionary<string, string> form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var user = form.GetValueOrDefault("user_id");
        var channel = form.GetValueOrDefault("channel_id");
        if (string.IsNullOrEmpty(user) || string.IsNullOrEmpty(channel))
        {
            return SlackMapping.Ignore("command without user or channel");
        }

        var activity = Message(
            form.GetValueOrDefault("trigger_id") ?? Guid.NewGuid().ToString("N"),
            user,
            UnknownBot,
            new ConversationAccount(isGroup: !IsDm(channel), conversationType: SlashCommand, id: channel, tenantId: form.GetValueOrDefault("team_id")),
            serviceUrl: null);
        activity.Text = SlackMrkdwn.ToPlainText(form.GetValueOrDefault("text"));
        return new SlackTurn(activity, new SlackCommandReply(ResponseUrl(form.GetValueOrDefault("response_url"))));
    }

    /// <summary>An Events API <c>event_callback</c> envelope.</summary>
    public SlackMapping FromEvent(JsonElement envelope)
    {
        if (!envelope.TryGetProperty("event", out var e) || e.ValueKind != JsonValueKind.Object)
        {
            return SlackMapping.Ignore("no event");
        }

        var type = Str(e, "type");
        if (type is not ("message" or "app_mention"))
        {
            return SlackMapping.Ignore("event type");
        }

        var botUser = BotUserId(envelope);
        var user = Str(e, "user");
        var channel = Str(e, "channel");
        var ts = Str(e, "ts");
        if (Str(e, "subtype") is not null)
        {
            return SlackMapping.Ignore("subtype"); // bot_message, message_changed, joins…: not a person writing
        }

        if (Str(e, "bot_id") is not null || e.TryGetProperty("bot_profile", out _))
        {
            return SlackMapping.Ignore("bot");
        }

        if (string.IsNullOrEmpty(user) || string.IsNullOrEmpty(channel) || string.IsNullOrEmpty(ts))
        {
            return SlackMapping.Ignore("no user, channel or ts");
        }

        if (user == botUser)
        {
            return SlackMapping.Ignore("own message");
        }

        var team = Str(envelope, "team_id") ?? Str(e, "team");
        var threadTs = Str(e, "thread_ts");
        var text = SlackMrkdwn.ToPlainText(SlackMrkdwn.RemoveMention(Str(e, "text"), botUser));
        if (type == "message")
        {
            if (Str(e, "channel_type") != "im")
            {
                return SlackMapping.Ignore("not a DM"); // channels are answered on app_mention
            }

            var dm = Message(ts, user, botUser ?? UnknownBot, new ConversationAccount(isGroup: false, conversationType: Personal, id: channel, tenantId: team), options.Value.ApiBase.AbsoluteUri);
            dm.Text = text;
            return new SlackTurn(dm, new SlackChannelReply(channel, threadTs));
        }

        if (IsDm(channel))
        {
            return SlackMapping.Ignore("mention in a DM"); // the DM's message event answers it
        }

        var mention = Message(ts, user, botUser ?? UnknownBot, new ConversationAccount(isGroup: true, conversationType: Channel, id: channel, tenantId: team), options.Value.ApiBase.AbsoluteUri);
        mention.Text = text;
        return new SlackTurn(mention, new SlackChannelReply(channel, threadTs ?? ts));
    }

    /// <summary>An interactivity payload (the form field <c>payload</c>, parsed).</summary>
    public SlackMapping FromInteraction(JsonElement payload)
    {
        var user = Str(payload, "user", "id");
        if (string.IsNullOrEmpty(user))
        {
            return SlackMapping.Ignore("no user");
        }

        return Str(payload, "type") switch
        {
            "block_actions" => FromBlockAction(payload, user),
            "message_action" => FromMessageAction(payload, user),
            "view_submission" => FromViewSubmission(payload, user),
            _ => SlackMapping.Ignore("interaction type"),
        };
    }

    private SlackMapping FromBlockAction(JsonElement payload, string user)
    {
        if (!payload.TryGetProperty("actions", out var actions) || actions.ValueKind != JsonValueKind.Array || actions.GetArrayLength() == 0)
        {
            return SlackMapping.Ignore("no action");
        }

        var action = actions[0];
        var actionId = Str(action, "action_id");
        var channel = Str(payload, "container", "channel_id") ?? Str(payload, "channel", "id");
        var ephemeral = payload.TryGetProperty("container", out var container) && container.ValueKind == JsonValueKind.Object
            && container.TryGetProperty("is_ephemeral", out var isEphemeral) && isEphemeral.ValueKind == JsonValueKind.True;
        var threadTs = Str(payload, "message", "thread_ts");
        var responseUrl = ResponseUrl(Str(payload, "response_url"));

        SlackReplyTarget? target = ephemeral || channel is null
            ? responseUrl is not null ? new SlackResponseUrlReply(responseUrl) : channel is null ? null : new SlackEphemeralReply(channel, user, threadTs, null)
            : new SlackChannelReply(channel, threadTs);
        if (target is null)
        {
            return SlackMapping.Ignore("nowhere to answer");
        }

        var activity = Message(
            Str(action, "action_ts") ?? Str(payload, "trigger_id") ?? Guid.NewGuid().ToString("N"),
            user,
            UnknownBot,
            Conversation(channel ?? user, Str(payload, "team", "id")),
            serviceUrl: null);
        activity.ReplyToId = Str(payload, "container", "message_ts");
        activity.ChannelData = TriggerData(payload); // a button may open a modal (views.open needs it within 3 s)

        if (actionId == CardActions.SetAccount)
        {
            var chosen = Str(action, "selected_option", "value");
            if (string.IsNullOrEmpty(chosen))
            {
                return SlackMapping.Ignore("no account chosen");
            }

            // The select carries only the account; the draft rides on the message's Re-check button. An ephemeral
            // message is not sent back with the payload: then the choice is the default-account command.
            if (RecheckData(payload) is { } data)
            {
                data["action"] = CardActions.SetAccount;
                data["account"] = chosen;
                activity.Value = data;
            }
            else
            {
                activity.Text = "account " + chosen;
            }

            return new SlackTurn(activity, target);
        }

        if (ActionData.ParseObject(Str(action, "value")) is not { } value || value["action"] is not JsonValue actionName || actionName.GetValueKind() != JsonValueKind.String)
        {
            return SlackMapping.Ignore("not a CommsBot button");
        }

        if (actionName.GetValue<string>() == CardActions.Recheck
            && Str(payload, "state", "values", "account", CardActions.SetAccount, "selected_option", "value") is { Length: > 0 } account)
        {
            value["account"] = account; // Re-check carries the draft; the account comes from the select, as in Teams
        }

        activity.Value = value;
        return new SlackTurn(activity, target);
    }

    /// <summary>The review queue's modals (<see cref="ReviewModalCallbackId"/>): the action data the modal was opened
    /// with (its private_metadata, which names the channel it was opened from) plus the inputs' values, answered in
    /// that channel (a DM) or only to the user (a channel).</summary>
    private SlackMapping FromViewSubmission(JsonElement payload, string user)
    {
        if (Str(payload, "view", "callback_id") != ReviewModalCallbackId || ActionData.ParseObject(Str(payload, "view", "private_metadata")) is not { } data)
        {
            return SlackMapping.Ignore("view callback id");
        }

        if (data["channel"] is not JsonValue channelValue || !channelValue.TryGetValue<string>(out var channel) || channel.Length == 0)
        {
            return SlackMapping.Ignore("view without a channel");
        }

        foreach (var input in ReviewModalInputs)
        {
            if (payload.TryGetProperty("view", out var view) && view.TryGetProperty("state", out var state) && state.TryGetProperty("values", out var values)
                && values.ValueKind == JsonValueKind.Object && values.TryGetProperty(input, out var block) && block.ValueKind == JsonValueKind.Object
                && block.TryGetProperty(input, out var element) && element.ValueKind == JsonValueKind.Object)
            {
                var value = Str(element, "value") ?? Str(element, "selected_date");
                if (!string.IsNullOrEmpty(value))
                {
                    data[input] = value;
                }
            }
        }

        var activity = Message(
            Str(payload, "trigger_id") ?? Guid.NewGuid().ToString("N"),
            user,
            UnknownBot,
            Conversation(channel, Str(payload, "team", "id")),
            serviceUrl: null);
        activity.Value = data;
        SlackReplyTarget target = IsDm(channel) ? new SlackChannelReply(channel, null) : new SlackEphemeralReply(channel, user, null, null);
        return new SlackTurn(activity, target);
    }

    private static JsonObject? TriggerData(JsonElement payload) =>
        Str(payload, "trigger_id") is { Length: > 0 } trigger ? new JsonObject { ["trigger_id"] = trigger } : null;

    private SlackMapping FromMessageAction(JsonElement payload, string user)
    {
        if (Str(payload, "callback_id") != CheckShortcutCallbackId)
        {
            return SlackMapping.Ignore("shortcut callback id");
        }

        var channel = Str(payload, "channel", "id");
        var responseUrl = ResponseUrl(Str(payload, "response_url"));
        SlackReplyTarget? target = channel is not null ? new SlackEphemeralReply(channel, user, Str(payload, "message", "thread_ts"), responseUrl)
            : responseUrl is not null ? new SlackResponseUrlReply(responseUrl) : null;
        if (target is null)
        {
            return SlackMapping.Ignore("nowhere to answer");
        }

        // The message's text is the draft of a check action, as a button's value is its action.
        var activity = Message(
            Str(payload, "action_ts") ?? Str(payload, "trigger_id") ?? Guid.NewGuid().ToString("N"),
            user,
            UnknownBot,
            Conversation(channel ?? user, Str(payload, "team", "id")),
            serviceUrl: null);
        activity.Value = new CardActionPayload(CardActions.Check, SlackMrkdwn.ToPlainText(Str(payload, "message", "text"))).ToNode();
        return new SlackTurn(activity, target);
    }

    private Activity Message(string id, string user, string bot, ConversationAccount conversation, string? serviceUrl) => new()
    {
        Type = ActivityTypes.Message,
        Id = id,
        ChannelId = SlackAdapter.ChannelId,
        ServiceUrl = serviceUrl,
        From = new ChannelAccount(user),
        Recipient = new ChannelAccount(bot),
        Conversation = conversation,
        Timestamp = time.GetUtcNow(),
        TextFormat = TextFormatTypes.Plain,
    };

    private static ConversationAccount Conversation(string channel, string? team) => IsDm(channel)
        ? new ConversationAccount(isGroup: false, conversationType: Personal, id: channel, tenantId: team)
        : new ConversationAccount(isGroup: true, conversationType: Channel, id: channel, tenantId: team);

    private static bool IsDm(string channel) => channel.StartsWith('D');

    /// <summary>The Re-check button's data on the message the select belongs to, when Slack sent the message.</summary>
    private static JsonObject? RecheckData(JsonElement payload)
    {
        if (!payload.TryGetProperty("message", out var message) || !message.TryGetProperty("blocks", out var blocks) || blocks.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        foreach (var block in blocks.EnumerateArray())
        {
            if (block.ValueKind == JsonValueKind.Object && block.TryGetProperty("elements", out var elements) && elements.ValueKind == JsonValueKind.Array)
            {
                foreach (var element in elements.EnumerateArray())
                {
                    if (Str(element, "action_id") == CardActions.Recheck && ActionData.ParseObject(Str(element, "value")) is { } data)
                    {
                        return data;
                    }
                }
            }
        }

        return null;
    }

    /// <summary>A response_url Slack could have sent: https on a Slack host, or on the Web API's own host (a proxy or
    /// a test's fake). Anything else is not followed, even in a signed request.</summary>
    private Uri? ResponseUrl(string? value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var url))
        {
            return null;
        }

        var api = options.Value.ApiBase;
        var slackHost = url.Scheme == Uri.UriSchemeHttps
            && (url.Host.EndsWith(".slack.com", StringComparison.OrdinalIgnoreCase) || url.Host.EndsWith(".slack-gov.com", StringComparison.OrdinalIgnoreCase));
        var apiHost = url.Scheme == api.Scheme && string.Equals(url.Host, api.Host, StringComparison.OrdinalIgnoreCase) && url.Port == api.Port;
        return slackHost || apiHost ? url : null;
    }

    private static string? BotUserId(JsonElement envelope)
    {
        if (envelope.TryGetProperty("authorizations", out var authorizations) && authorizations.ValueKind == JsonValueKind.Array)
        {
            foreach (var authorization in authorizations.EnumerateArray())
            {
                if (Str(authorization, "user_id") is { Length: > 0 } id
                    && authorization.TryGetProperty("is_bot", out var isBot) && isBot.ValueKind == JsonValueKind.True)
                {
                    return id;
                }
            }
        }

        return null;
    }

    internal static string? Str(JsonElement element, params ReadOnlySpan<string> path)
    {
        foreach (var name in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
            {
                return null;
            }
        }

        return element.ValueKind == JsonValueKind.String ? element.GetString() : null;
    }
}
