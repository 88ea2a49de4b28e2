using System.Text.Json.Nodes;
using CommsBot.Bot.Slack;
using CommsBot.Guidelines;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;

namespace CommsBot.Bot.Tests.Slack;

/// <summary>One conversation logic for both platforms: each command, sent on Teams (after an @mention) and as Slack's
/// slash command, gets the same answer, each in its channel's card format.</summary>
public sealed class SlackConversationParityTests
{
    [Theory]
    [InlineData("help")]
    [InlineData("?")]
    [InlineData("")]
    [InlineData("frobnicate")]
    [InlineData("not a command at all")]
    [InlineData("account")]
    [InlineData("account personal")]
    [InlineData("account banana")]
    [InlineData("check")]
    [InlineData("check --platform myspace hello there")]
    [InlineData("check --account personal Swipe up to save 20% with code DOCTOR")]
    [InlineData("check Quick clip from the trauma bay during tonight's shift")]
    [InlineData("check Congrats to Dr. Ana Ruiz on her new paper on sepsis outcomes published today!")]
    public async Task Command_OnTeamsAndSlack_SameAnswer(string text)
    {
        await using var bot = await TestBot.CreateAsync();
        var teams = (await bot.SendTextAsync(bot.Conversation("channel"), text)).SingleCard();

        var slack = Assert.Single(await SendSlackAsync(bot, text));

        var teamsTitle = new string(FirstText(teams).SkipWhile(c => !char.IsLetter(c)).ToArray());
        Assert.StartsWith(teamsTitle, (string?)slack["text"], StringComparison.Ordinal);
        var rules = bot.Services.GetRequiredService<DraftReviewer>().Pack.Rules.Select(r => r.Id).ToList();
        Assert.Equal(
            rules.Where(id => teams.ToString().Contains(id, StringComparison.Ordinal)),
            rules.Where(id => slack.ToJsonString().Contains(id, StringComparison.Ordinal)));
        if (text.StartsWith("check ", StringComparison.Ordinal) && !text.Contains("myspace", StringComparison.Ordinal))
        {
            Assert.Contains(rules, id => slack.ToJsonString().Contains(id, StringComparison.Ordinal)); // not vacuous
        }

        BlockKitLimits.AssertWithin(slack);
    }

    [Fact]
    public async Task Reply_IsAlwaysBlockKitOnSlack()
    {
        await using var bot = await TestBot.CreateAsync();

        foreach (var text in new[] { "help", "account", "check Swipe up to save 20% with code DOCTOR" })
        {
            var replies = await SendSlackAsync(bot, text);

            Assert.All(replies, r => Assert.NotNull(r["blocks"]));
        }
    }

    [Fact]
    public async Task LongDraftWithManyFindings_StaysWithinBlockKitLimits()
    {
        await using var bot = await TestBot.CreateAsync();
        var sentence = "Swipe up to save 20% with code DOCTOR & <b>more</b>! Quick clip from the trauma bay between cases, bed 4, 67F with a rare condition. Those midlevels again 🙄. ";
        var draft = string.Concat(Enumerable.Repeat(sentence, 40));

        var message = Assert.Single(await SendSlackAsync(bot, "check " + draft));

        BlockKitLimits.AssertWithin(message);
        Assert.DoesNotContain("<b>", message.ToJsonString(), StringComparison.Ordinal); // user text is escaped
    }

    private static async Task<IReadOnlyList<JsonObject>> SendSlackAsync(TestBot bot, string text)
    {
        var adapter = bot.Services.GetRequiredService<SlackAdapter>();
        var slackBot = bot.Services.GetRequiredKeyedService<IBot>(SlackAdapter.ChannelId);
        var target = new RecordingReply();
        var activity = new Activity
        {
            Type = ActivityTypes.Message,
            Id = "trigger-1",
            ChannelId = SlackAdapter.ChannelId,
            From = new ChannelAccount("U0USER"),
            Recipient = new ChannelAccount("slack-bot"),
            Conversation = new ConversationAccount(isGroup: true, conversationType: SlackActivityMapper.SlashCommand, id: "C0PARITY"),
            Text = text,
        };

        await adapter.ProcessAsync(activity, target, slackBot.OnTurnAsync, CancellationToken.None);
        return target.Messages;
    }

    private static string FirstText(JObject card) =>
        card.Descendants().OfType<JObject>().Where(o => (string?)o["type"] == "TextBlock").Select(o => (string?)o["text"]).First()!;

    private sealed record RecordingReply : SlackReplyTarget
    {
        public List<JsonObject> Messages { get; } = [];

        internal override Task<string?> DeliverAsync(SlackApiClient api, JsonObject message, CancellationToken cancellationToken)
        {
            Messages.Add(message);
            return Task.FromResult<string?>("1700000000.000001");
        }
    }
}
