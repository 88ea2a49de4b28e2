using System.Text.Json;
using System.Text.Json.Nodes;
using CommsBot.Bot.Conversations;
using CommsBot.Bot.Slack;
using CommsBot.Cards;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CommsBot.Bot.Tests.Slack;

public sealed class SlackActivityMapperTests
{
    private static readonly Uri Hooks = new("https://hooks.slack.com/actions/T0TEAM/1/abc");

    private readonly SlackActivityMapper sut = new(
        Options.Create(new SlackOptions { SigningSecret = "s", BotToken = "xoxb-1" }),
        new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero)));

    [Fact]
    public void FromCommand_CheckWithDraft_IsACommandMessageAnsweredAsTheResponse()
    {
        var form = Form(SlackPayloads.CommandForm("check --account personal Quick clip from the trauma bay &amp; more", "D0DM", Hooks));

        var turn = sut.FromCommand(form).Turn!;

        var activity = turn.Activity;
        Assert.Equal(ActivityTypes.Message, activity.Type);
        Assert.Equal("slack", activity.ChannelId);
        Assert.Equal("U0USER", activity.From.Id);
        Assert.Null(activity.From.Name);
        Assert.Equal("D0DM", activity.Conversation.Id);
        Assert.Equal(SlackActivityMapper.SlashCommand, activity.Conversation.ConversationType);
        Assert.Equal("T0TEAM", activity.Conversation.TenantId);
        Assert.Equal("check --account personal Quick clip from the trauma bay & more", activity.Text);
        Assert.False(Turn.IsPersonal(activity)); // commands only, as after an @mention
        Assert.IsType<Command.Check>(CommandParser.Parse(activity.Text, personalChat: false));
        Assert.Equal(Hooks, Assert.IsType<SlackCommandReply>(turn.Target).ResponseUrl);
    }

    [Theory]
    [InlineData("https://evil.example/hook")]
    [InlineData("http://hooks.slack.com/commands/1")]
    [InlineData("https://hooks.slack.com.evil.example/commands/1")]
    [InlineData("not a url")]
    public void FromCommand_ResponseUrlNotSlacks_IsNotFollowed(string url)
    {
        var form = Form(SlackPayloads.CommandForm("help", "C0CHAN", Hooks));
        form["response_url"] = url;

        var reply = Assert.IsType<SlackCommandReply>(sut.FromCommand(form).Turn!.Target);

        Assert.Null(reply.ResponseUrl);
    }

    [Fact]
    public void FromCommand_NoUser_IsIgnored()
    {
        var form = Form(SlackPayloads.CommandForm("help", "C0CHAN", Hooks));
        form.Remove("user_id");

        Assert.Null(sut.FromCommand(form).Turn);
    }

    [Fact]
    public void FromEvent_DirectMessage_IsAPersonalMessageAnsweredInTheDm()
    {
        var envelope = SlackPayloads.Envelope(SlackPayloads.DirectMessage("So proud of <@U9|ana> on her new paper", "D0DM", ts: "1700000001.000100"));

        var turn = sut.FromEvent(Parse(envelope)).Turn!;

        Assert.Equal("personal", turn.Activity.Conversation.ConversationType);
        Assert.True(Turn.IsPersonal(turn.Activity));
        Assert.Equal("So proud of @ana on her new paper", turn.Activity.Text);
        Assert.Equal("1700000001.000100", turn.Activity.Id);
        Assert.Equal(SlackHost.BotUserId, turn.Activity.Recipient.Id);
        Assert.Equal("https://slack.com/api/", turn.Activity.ServiceUrl);
        Assert.Equal(new SlackChannelReply("D0DM", null), turn.Target);
    }

    [Fact]
    public void FromEvent_DirectMessageInAThread_IsAnsweredInTheThread()
    {
        var envelope = SlackPayloads.Envelope(SlackPayloads.DirectMessage("a draft to check", "D0DM", threadTs: "1700000000.000001"));

        Assert.Equal(new SlackChannelReply("D0DM", "1700000000.000001"), sut.FromEvent(Parse(envelope)).Turn!.Target);
    }

    [Fact]
    public void FromEvent_AppMention_IsAChannelMessageWithoutTheMentionAnsweredInItsThread()
    {
        var envelope = SlackPayloads.Envelope(SlackPayloads.Mention("check Quick clip from the trauma bay", "C0CHAN", ts: "1700000002.000200"));

        var turn = sut.FromEvent(Parse(envelope)).Turn!;

        Assert.Equal("channel", turn.Activity.Conversation.ConversationType);
        Assert.True(turn.Activity.Conversation.IsGroup);
        Assert.Equal("check Quick clip from the trauma bay", turn.Activity.Text);
        Assert.Equal(new SlackChannelReply("C0CHAN", "1700000002.000200"), turn.Target);
    }

    [Fact]
    public void FromEvent_AppMentionInAThread_IsAnsweredInThatThread()
    {
        var envelope = SlackPayloads.Envelope(SlackPayloads.Mention("help", "C0CHAN", threadTs: "1700000000.000009"));

        Assert.Equal(new SlackChannelReply("C0CHAN", "1700000000.000009"), sut.FromEvent(Parse(envelope)).Turn!.Target);
    }

    public static TheoryData<string, Action<JsonObject>> IgnoredEvents => new()
    {
        { "a bot", e => e["bot_id"] = "B0BOT" },
        { "a bot_message", e => e["subtype"] = "bot_message" },
        { "an edit", e => e["subtype"] = "message_changed" },
        { "its own message", e => e["user"] = SlackHost.BotUserId },
        { "a channel message", e => e["channel_type"] = "channel" },
        { "no user", e => e.Remove("user") },
        { "another event type", e => e["type"] = "reaction_added" },
    };

    [Theory]
    [MemberData(nameof(IgnoredEvents))]
    public void FromEvent_NotAPersonWritingToTheBot_IsIgnored(string what, Action<JsonObject> change)
    {
        var e = SlackPayloads.DirectMessage("Swipe up to save 20% with code DOCTOR", "D0DM");
        change(e);

        var mapping = sut.FromEvent(Parse(SlackPayloads.Envelope(e)));

        Assert.True(mapping.Turn is null, what);
        Assert.NotNull(mapping.Ignored);
    }

    [Fact]
    public void FromEvent_MentionInADm_IsIgnored()
    {
        // The DM's message event answers it; answering both would reply twice.
        Assert.Null(sut.FromEvent(Parse(SlackPayloads.Envelope(SlackPayloads.Mention("help", "D0DM")))).Turn);
    }

    [Fact]
    public void FromInteraction_ButtonOnAnEphemeralMessage_CarriesTheButtonPayloadAndAnswersByResponseUrl()
    {
        var value = """{"action":"applyFixes","draft":"Swipe up to save 20% with code DOCTOR","account":"professional","platform":"instagram"}""";

        var turn = sut.FromInteraction(Parse(SlackPayloads.ButtonClick("applyFixes", value, "D0DM", Hooks, ephemeral: true))).Turn!;

        Assert.Equal(ActivityTypes.Message, turn.Activity.Type);
        Assert.True(ActivityValues.TryReadCardAction(turn.Activity.Value, out var request));
        Assert.Equal(new CardActionPayload("applyFixes", "Swipe up to save 20% with code DOCTOR", null, "professional", "instagram"), request);
        Assert.Equal(new SlackResponseUrlReply(Hooks), turn.Target);
    }

    [Fact]
    public void FromInteraction_ButtonOnAThreadMessage_AnswersInTheThread()
    {
        var value = """{"action":"why","draft":"x y","account":"unknown","platform":"unknown","ruleIds":["levity"]}""";

        var turn = sut.FromInteraction(Parse(SlackPayloads.ButtonClick("why", value, "C0CHAN", Hooks, ephemeral: false, threadTs: "1700000000.000003"))).Turn!;

        Assert.Equal(new SlackChannelReply("C0CHAN", "1700000000.000003"), turn.Target);
        Assert.Equal("channel", turn.Activity.Conversation.ConversationType);
    }

    [Fact]
    public void FromInteraction_Recheck_TakesTheAccountFromTheSelect()
    {
        var value = """{"action":"recheck","draft":"x y","platform":"unknown"}""";
        var state = new JsonObject
        {
            ["values"] = new JsonObject
            {
                ["account"] = new JsonObject { ["setAccount"] = new JsonObject { ["type"] = "static_select", ["selected_option"] = new JsonObject { ["value"] = "personal" } } },
            },
        };

        var turn = sut.FromInteraction(Parse(SlackPayloads.ButtonClick("recheck", value, "D0DM", Hooks, ephemeral: true, state: state))).Turn!;

        Assert.True(ActivityValues.TryReadCardAction(turn.Activity.Value, out var request));
        Assert.Equal(("recheck", "x y", "personal"), (request.Action, request.Draft, request.Account));
    }

    [Fact]
    public void FromInteraction_NotAnIssue_CarriesRuleAndHash()
    {
        var value = """{"action":"notAnIssue","ruleId":"levity","hash":"0123456789abcdef"}""";

        var turn = sut.FromInteraction(Parse(SlackPayloads.ButtonClick("notAnIssue", value, "D0DM", Hooks, ephemeral: true))).Turn!;

        Assert.True(ActivityValues.TryReadCardAction(turn.Activity.Value, out var request));
        Assert.Equal(("notAnIssue", "levity", "0123456789abcdef"), (request.Action, request.RuleId, request.Hash));
    }

    [Fact]
    public void FromInteraction_AccountChoiceOnAMessageWithItsButtons_ChecksTheDraftForThatAccount()
    {
        var blocks = new JsonArray(new JsonObject
        {
            ["type"] = "actions",
            ["block_id"] = "account",
            ["elements"] = new JsonArray(
                new JsonObject { ["type"] = "static_select", ["action_id"] = "setAccount" },
                new JsonObject { ["type"] = "button", ["action_id"] = "recheck", ["value"] = """{"action":"recheck","draft":"x y","platform":"x"}""" }),
        });

        var turn = sut.FromInteraction(Parse(SlackPayloads.AccountChoice("personal", "D0DM", Hooks, ephemeral: false, blocks))).Turn!;

        Assert.True(ActivityValues.TryReadCardAction(turn.Activity.Value, out var request));
        Assert.Equal(("setAccount", "x y", "personal", "x"), (request.Action, request.Draft, request.Account, request.Platform));
    }

    [Fact]
    public void FromInteraction_AccountChoiceOnAnEphemeralMessage_IsTheAccountCommand()
    {
        var turn = sut.FromInteraction(Parse(SlackPayloads.AccountChoice("professional", "D0DM", Hooks, ephemeral: true))).Turn!;

        Assert.Null(turn.Activity.Value);
        Assert.Equal("account professional", turn.Activity.Text);
        Assert.Equal(new Command.SetAccount(Guidelines.AccountKind.Professional), CommandParser.Parse(turn.Activity.Text, Turn.IsPersonal(turn.Activity)));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"no":"action"}""")]
    [InlineData("")]
    public void FromInteraction_ButtonWithoutACommsBotPayload_IsIgnored(string value)
    {
        Assert.Null(sut.FromInteraction(Parse(SlackPayloads.ButtonClick("other", value, "D0DM", Hooks, ephemeral: true))).Turn);
    }

    [Fact]
    public void FromInteraction_Shortcut_IsACheckOfTheMessageAnsweredEphemerally()
    {
        var payload = SlackPayloads.Shortcut("Quick clip from the trauma bay &amp; more", "C0CHAN", Hooks, threadTs: "1700000000.000004");

        var turn = sut.FromInteraction(Parse(payload)).Turn!;

        Assert.Equal(ActivityTypes.Message, turn.Activity.Type);
        Assert.True(ActivityValues.TryReadCardAction(turn.Activity.Value, out var request));
        Assert.Equal(new CardActionPayload(CardActions.Check, "Quick clip from the trauma bay & more"), request);
        Assert.Equal("channel", turn.Activity.Conversation.ConversationType);
        Assert.Equal(new SlackEphemeralReply("C0CHAN", "U0USER", "1700000000.000004", Hooks), turn.Target);
    }

    [Fact]
    public void FromInteraction_OtherShortcut_IsIgnored()
    {
        Assert.Null(sut.FromInteraction(Parse(SlackPayloads.Shortcut("hello there", "C0CHAN", Hooks, callbackId: "something_else"))).Turn);
    }

    [Fact]
    public void FromInteraction_ViewSubmission_IsIgnored()
    {
        var payload = new JsonObject { ["type"] = "view_submission", ["user"] = new JsonObject { ["id"] = "U0USER" } };

        Assert.Null(sut.FromInteraction(Parse(payload)).Turn);
    }

    private static Dictionary<string, string> Form(string body) =>
        QueryHelpers.ParseQuery(body).ToDictionary(kv => kv.Key, kv => kv.Value.ToString());

    private static JsonElement Parse(JsonObject json) => JsonDocument.Parse(json.ToJsonString()).RootElement;
}
