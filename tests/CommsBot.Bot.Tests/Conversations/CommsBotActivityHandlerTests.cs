using CommsBot.Bot.Channels;
using CommsBot.Bot.Conversations;
using CommsBot.Bot.Hosting;
using CommsBot.Bot.Storage;
using CommsBot.Cards;
using CommsBot.Guidelines;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Bot.Schema.Teams;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using Newtonsoft.Json.Linq;

namespace CommsBot.Bot.Tests.Conversations;

public sealed class CommsBotActivityHandlerTests : IAsyncLifetime
{
    private const string PromoDraft = "Swipe up to save 20% with code DOCTOR";
    private const string MidlevelsDraft = "Reminder: 'midlevels' are not doctors and never will be.";

    private TestBot sut = null!;

    public async Task InitializeAsync() => sut = await TestBot.CreateAsync(new Dictionary<string, string?> { ["Guidelines:MaxDraftLength"] = "500" });

    public async Task DisposeAsync() => await sut.DisposeAsync();

    [Fact]
    public async Task PersonalChat_DraftWithPromoCode_RepliesWithCardNamingUndisclosedPartnership()
    {
        var replies = await sut.SendTextAsync(sut.Conversation(), PromoDraft);

        var card = replies.SingleCard();
        Assert.Contains("undisclosed-partnership", card.Text(), StringComparison.Ordinal);
        Assert.Equal("1.5", (string?)card["version"]);
        Assert.Single(card.ActionData(CardActions.ApplyFixes));
    }

    [Fact]
    public async Task ApplyFixes_RepliesWithRevisedDraftStartingWithDisclosure_ThenFreshCard()
    {
        var adapter = sut.Conversation();
        var card = (await sut.SendTextAsync(adapter, PromoDraft)).SingleCard();
        var applyFixes = Assert.Single(card.ActionData(CardActions.ApplyFixes));

        var replies = await sut.SubmitAsync(adapter, applyFixes);

        Assert.Equal(2, replies.Count);
        var revised = replies[0].Text;
        Assert.Equal(TextFormatTypes.Plain, replies[0].TextFormat);
        Assert.Matches("^(#ad|#sponsored|Ad\\b|Sponsored|Paid partnership|Disclosure)", revised);
        Assert.EndsWith(PromoDraft, revised, StringComparison.Ordinal);
        var fresh = replies[1].Card();
        Assert.DoesNotContain("undisclosed-partnership", fresh.Text(), StringComparison.Ordinal);
        Assert.Contains(fresh.Descendants().OfType<JProperty>(), p => p.Name == "draft" && (string?)p.Value == revised);
        await sut.Services.GetRequiredService<UsageCounterFlushService>().FlushAsync(CancellationToken.None);
        var counts = await sut.Store.GetCountsAsync(CancellationToken.None);
        Assert.Equal(1, counts[UsageCounters.FixesApplied]);
        Assert.Equal(2, counts[UsageCounters.Checks]);
        Assert.Equal(1, counts[UsageCounters.RuleCounter("undisclosed-partnership")]);
    }

    [Fact]
    public async Task ChannelMention_CheckOnDraftSneeringAtMidlevels_RepliesInThreadNamingDisparagingColleagues()
    {
        var adapter = sut.Conversation("channel");
        var message = new Activity
        {
            Type = ActivityTypes.Message,
            Text = "<at>CommsBot</at> check " + MidlevelsDraft,
            Entities = [Mention("bot-1", "CommsBot")],
        };

        var replies = await sut.SendAsync(adapter, message);

        var reply = Assert.Single(replies);
        Assert.Equal(message.Id, reply.ReplyToId);
        Assert.Contains("disparaging-colleagues", reply.Card().Text(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("channel")]
    [InlineData("groupChat")]
    public async Task ChannelMention_WithoutCommand_GetsHelp(string conversationType)
    {
        var message = new Activity { Type = ActivityTypes.Message, Text = "<at>CommsBot</at> " + MidlevelsDraft, Entities = [Mention("bot-1", "CommsBot")] };

        var replies = await sut.SendAsync(sut.Conversation(conversationType), message);

        Assert.Equal(sut.Services.GetRequiredService<ChannelCards>().For("msteams").Help().Content.ToString(), replies.SingleCard().ToString());
    }

    [Fact]
    public async Task MessageAction_OnExistingMessage_ReturnsTaskModuleWithCardForItsText()
    {
        var action = new MessagingExtensionAction
        {
            CommandId = CommsBotActivityHandler.CheckCommandId,
            CommandContext = "message",
            MessagePayload = new MessageActionsPayload
            {
                Id = "1700000000001",
                Body = new MessageActionsPayloadBody { ContentType = "html", Content = "<p>Swipe up to save 20% with code <b>DOCTOR</b></p>" },
            },
        };

        var card = await SubmitActionAsync(action);

        Assert.Contains("undisclosed-partnership", card.Text(), StringComparison.Ordinal);
        Assert.Contains(card.Descendants().OfType<JProperty>(), p => p.Name == "draft" && (string?)p.Value == PromoDraft);
    }

    [Fact]
    public async Task MessageAction_FromComposeBox_ChecksTheTypedDraft()
    {
        var action = new MessagingExtensionAction
        {
            CommandId = CommsBotActivityHandler.CheckCommandId,
            CommandContext = "compose",
            Data = new JObject { ["draft"] = MidlevelsDraft },
        };

        var card = await SubmitActionAsync(action);

        Assert.Contains("disparaging-colleagues", card.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MessageAction_ApplyFixesInsideTaskModule_ShowsRevisedDraft()
    {
        var first = await SubmitActionAsync(new MessagingExtensionAction { CommandId = CommsBotActivityHandler.CheckCommandId, CommandContext = "compose", Data = new JObject { ["draft"] = PromoDraft } });

        var revised = await SubmitActionAsync(new MessagingExtensionAction { CommandId = CommsBotActivityHandler.CheckCommandId, CommandContext = "compose", Data = first.ActionData(CardActions.ApplyFixes)[0] });

        Assert.Contains("Revised draft", revised.Text(), StringComparison.Ordinal);
        Assert.Contains(PromoDraft, revised.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FetchTask_FromMessage_ReturnsTheCardDirectly()
    {
        var adapter = sut.Conversation("channel");
        var invoke = new Activity
        {
            Type = ActivityTypes.Invoke,
            Name = "composeExtension/fetchTask",
            Value = JObject.FromObject(new MessagingExtensionAction
            {
                CommandId = CommsBotActivityHandler.CheckCommandId,
                CommandContext = "message",
                MessagePayload = new MessageActionsPayload { Body = new MessageActionsPayloadBody { ContentType = "text", Content = PromoDraft } },
            }),
        };

        var replies = await sut.SendAsync(adapter, invoke);

        var response = InvokeBody<MessagingExtensionActionResponse>(replies);
        var card = Cards.Json(((TaskModuleContinueResponse)response.Task).Value.Card.Content);
        Assert.Contains("undisclosed-partnership", card.Text(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("help")]
    [InlineData("/help")]
    [InlineData("foo")]
    [InlineData("/foo bar")]
    public async Task HelpAndUnknownCommands_GetTheHelpCard(string text)
    {
        var replies = await sut.SendTextAsync(sut.Conversation(), text);

        Assert.Equal(sut.Services.GetRequiredService<ChannelCards>().For("msteams").Help().Content.ToString(), replies.SingleCard().ToString());
    }

    [Fact]
    public async Task AccountCommand_IsRememberedForTheUser_AndUsedByLaterChecks()
    {
        var adapter = sut.Conversation();

        var saved = await sut.SendTextAsync(adapter, "account personal");
        var card = (await sut.SendTextAsync(adapter, PromoDraft)).SingleCard();

        Assert.Contains("personal", saved.SingleCard().Text(), StringComparison.Ordinal);
        Assert.Equal(AccountKind.Personal, await sut.Store.GetDefaultAccountAsync("msteams:user-1", CancellationToken.None));
        Assert.Equal("personal", (string?)card.ActionData(CardActions.ApplyFixes)[0]["account"]);
        var other = (await sut.SendTextAsync(sut.Conversation(userId: "user-2"), PromoDraft)).SingleCard();
        Assert.NotEqual("personal", (string?)other.ActionData(CardActions.ApplyFixes)[0]["account"]);
    }

    [Fact]
    public async Task AccountCommand_SurvivesARestart()
    {
        await sut.SendTextAsync(sut.Conversation(), "account professional");
        var directory = sut.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<StorageOptions>>().Value.DataDirectory;

        await using var restarted = await TestBot.CreateAsync(new Dictionary<string, string?> { ["Storage:DataDirectory"] = directory });

        Assert.Equal(AccountKind.Professional, await restarted.Store.GetDefaultAccountAsync("msteams:user-1", CancellationToken.None));
    }

    [Fact]
    public async Task CheckCommand_WithOverrides_UsesThemForThisDraftOnly()
    {
        var adapter = sut.Conversation();

        var card = (await sut.SendTextAsync(adapter, "check --account personal --platform x " + PromoDraft)).SingleCard();

        var data = card.ActionData(CardActions.ApplyFixes)[0];
        Assert.Equal("personal", (string?)data["account"]);
        Assert.Equal("x", (string?)data["platform"]);
        Assert.Equal(PromoDraft, (string?)data["draft"]);
        Assert.Null(await sut.Store.GetDefaultAccountAsync("msteams:user-1", CancellationToken.None));
    }

    [Fact]
    public async Task CheckCommand_WithBadOption_SaysWhatIsAccepted()
    {
        var card = (await sut.SendTextAsync(sut.Conversation(), "check --account martian " + PromoDraft)).SingleCard();

        Assert.Contains("professional, personal", card.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DraftOverTheLimit_GetsAFriendlyNotice()
    {
        var draft = string.Join(' ', Enumerable.Repeat("Great day at clinic.", 40));

        var card = (await sut.SendTextAsync(sut.Conversation(), draft)).SingleCard();

        Assert.Contains("limit is 500", card.Text(), StringComparison.Ordinal);
        Assert.DoesNotContain("Great day", card.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Install_SendsWelcome_AndStoresTheConversationReferenceWithoutNames()
    {
        var adapter = sut.Conversation();
        var update = new Activity
        {
            Type = ActivityTypes.ConversationUpdate,
            MembersAdded = [new ChannelAccount("bot-1", "CommsBot")],
        };

        var replies = await sut.SendAsync(adapter, update);

        Assert.Equal(sut.Services.GetRequiredService<ChannelCards>().For("msteams").Welcome().Content.ToString(), replies.SingleCard().ToString());
        var reference = await sut.Store.GetConversationReferenceAsync("msteams", "a:personal-user-1", CancellationToken.None);
        Assert.NotNull(reference);
        Assert.Equal("https://smba.example.test/", reference.ServiceUrl);
        Assert.Equal("user-1", reference.User.Id);
        Assert.Null(reference.User.Name);
    }

    [Fact]
    public async Task InstallationUpdate_StoresTheReference_WithoutASecondWelcome()
    {
        var replies = await sut.SendAsync(sut.Conversation("groupChat"), new Activity { Type = ActivityTypes.InstallationUpdate, Action = "add" });

        Assert.Empty(replies);
        Assert.NotNull(await sut.Store.GetConversationReferenceAsync("msteams", "a:groupChat-user-1", CancellationToken.None));
    }

    [Fact]
    public async Task UserJoiningAConversation_GetsNoWelcome()
    {
        var replies = await sut.SendAsync(sut.Conversation("channel"), new Activity { Type = ActivityTypes.ConversationUpdate, MembersAdded = [new ChannelAccount("user-9")] });

        Assert.True(replies.Count == 0, string.Join(";", replies.Select(r => r.Type + ":" + r.Text)));
    }

    [Fact]
    public async Task NotAnIssue_StoresRuleAndHash_NeverTheDraft()
    {
        var adapter = sut.Conversation();
        var card = (await sut.SendTextAsync(adapter, PromoDraft)).SingleCard();
        var report = Assert.Single(card.ActionData(CardActions.NotAnIssue));
        Assert.Null(report["draft"]);

        var replies = await sut.SubmitAsync(adapter, report);

        Assert.Contains("Thanks", replies.SingleCard().Text(), StringComparison.Ordinal);
        var stored = Assert.Single(await sut.Store.GetFalsePositiveReportsAsync(CancellationToken.None));
        Assert.Equal("undisclosed-partnership", stored.RuleId);
        Assert.Equal(CardActionData.Hash(PromoDraft), stored.DraftHash);
        Assert.Equal(sut.Time.GetUtcNow(), stored.ReportedAt);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(sut.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<StorageOptions>>().Value.DataDirectory))
        {
            Assert.DoesNotContain("DOCTOR", ReadShared(file), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task NotAnIssue_ForAnUnknownRule_IsNotStored()
    {
        var replies = await sut.SubmitAsync(sut.Conversation(), new JObject { ["action"] = CardActions.NotAnIssue, ["ruleId"] = "no-such-rule", ["hash"] = "0123456789abcdef" });

        Assert.Contains("not recorded", replies.SingleCard().Text(), StringComparison.Ordinal);
        Assert.Empty(await sut.Store.GetFalsePositiveReportsAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Why_RepliesWithTheRationaleCard()
    {
        var adapter = sut.Conversation();
        var card = (await sut.SendTextAsync(adapter, PromoDraft)).SingleCard();

        var why = (await sut.SubmitAsync(adapter, card.ActionData(CardActions.Why)[0])).SingleCard();

        var rule = sut.Services.GetRequiredService<DraftReviewer>().Pack["undisclosed-partnership"];
        Assert.Contains(rule.Source.Split(' ')[0], why.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Why_CardDataWithRuleIdsAndNoDraft_ExplainsThoseRules()
    {
        // A long draft is left off the buttons (draftOmitted); Why? still has the rule ids to explain.
        var data = new JObject
        {
            ["action"] = CardActions.Why,
            ["draftOmitted"] = true,
            ["account"] = "professional",
            ["platform"] = "x",
            ["ruleIds"] = new JArray("undisclosed-partnership", "levity"),
        };

        var why = (await sut.SubmitAsync(sut.Conversation(), data)).SingleCard();

        var pack = sut.Services.GetRequiredService<DraftReviewer>().Pack;
        Assert.Contains("undisclosed-partnership · ", why.Text(), StringComparison.Ordinal);
        Assert.Contains("levity · ", why.Text(), StringComparison.Ordinal);
        Assert.Contains(pack["undisclosed-partnership"].Source.Split(' ')[0], why.Text(), StringComparison.Ordinal);
        Assert.DoesNotContain("Send the draft again", why.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Why_UnknownRuleIdsAndNoDraft_AsksForTheDraft()
    {
        var data = new JObject { ["action"] = CardActions.Why, ["draftOmitted"] = true, ["ruleIds"] = new JArray("no-such-rule") };

        var reply = (await sut.SubmitAsync(sut.Conversation(), data)).SingleCard();

        Assert.Contains("Send the draft again", reply.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recheck_UsesTheAccountChosenOnTheCard()
    {
        var adapter = sut.Conversation();
        var card = (await sut.SendTextAsync(adapter, PromoDraft)).SingleCard();
        var recheck = card.ActionData(CardActions.Recheck)[0];
        recheck["account"] = "personal"; // what the account input adds to the submit

        var again = (await sut.SubmitAsync(adapter, recheck)).SingleCard();

        Assert.Equal("personal", (string?)again.ActionData(CardActions.ApplyFixes)[0]["account"]);
        Assert.Null(await sut.Store.GetDefaultAccountAsync("msteams:user-1", CancellationToken.None));
    }

    [Fact]
    public async Task ActionExecute_ApplyFixes_SendsRevisedDraftAndReplacesTheCard()
    {
        var adapter = sut.Conversation();
        var card = (await sut.SendTextAsync(adapter, PromoDraft)).SingleCard();
        var invoke = new Activity
        {
            Type = ActivityTypes.Invoke,
            Name = "adaptiveCard/action",
            Value = JObject.FromObject(new AdaptiveCardInvokeValue { Action = new AdaptiveCardInvokeAction { Type = "Action.Execute", Verb = CardActions.ApplyFixes, Data = card.ActionData(CardActions.ApplyFixes)[0] } }),
        };

        var replies = await sut.SendAsync(adapter, invoke);

        Assert.Contains(replies, r => r.Type == ActivityTypes.Message && r.Text?.EndsWith(PromoDraft, StringComparison.Ordinal) == true);
        var response = InvokeBody<AdaptiveCardInvokeResponse>(replies);
        Assert.Equal(200, response.StatusCode);
        Assert.Equal("application/vnd.microsoft.card.adaptive", response.Type);
    }

    [Fact]
    public async Task AnyException_ReachesTheUserAsAShortApology_AndTheLogAsIdAndType()
    {
        var store = new Mock<IBotStore>();
        store.Setup(s => s.GetDefaultAccountAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new InvalidOperationException("boom with the user's draft: " + PromoDraft));
        await using var failing = await TestBot.CreateAsync(configure: s => s.AddSingleton(store.Object));

        var replies = await failing.SendTextAsync(failing.Conversation(), PromoDraft);

        Assert.Equal(CommsBotAdapter.Apology, Assert.Single(replies).Text);
        var line = Assert.Single(failing.Logs.GetSnapshot(), r => r.Id.Id == 1);
        Assert.Contains("System.InvalidOperationException", line.Message, StringComparison.Ordinal);
        Assert.Null(line.Exception);
        Assert.DoesNotContain(failing.Logs.GetSnapshot(), r => r.Message.Contains("DOCTOR", StringComparison.Ordinal));
    }

    private async Task<JObject> SubmitActionAsync(MessagingExtensionAction action)
    {
        var invoke = new Activity { Type = ActivityTypes.Invoke, Name = "composeExtension/submitAction", Value = JObject.FromObject(action) };
        var replies = await sut.SendAsync(sut.Conversation("channel"), invoke);
        var response = InvokeBody<MessagingExtensionActionResponse>(replies);
        var task = Assert.IsType<TaskModuleContinueResponse>(response.Task);
        Assert.Equal("application/vnd.microsoft.card.adaptive", task.Value.Card.ContentType);
        return Cards.Json(task.Value.Card.Content);
    }

    private static T InvokeBody<T>(IReadOnlyList<Activity> replies)
    {
        var invokeResponse = Assert.Single(replies, r => r.Type == ActivityTypesEx.InvokeResponse);
        var value = Assert.IsType<InvokeResponse>(invokeResponse.Value);
        Assert.Equal(200, value.Status);
        return Assert.IsType<T>(value.Body);
    }

    private static string ReadShared(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
        catch (FileNotFoundException)
        {
            return "";
        }
    }

    private static Entity Mention(string id, string name)
    {
        var mention = new Mention { Mentioned = new ChannelAccount(id, name), Text = $"<at>{name}</at>" };
        var entity = new Entity();
        entity.SetAs(mention);
        return entity;
    }
}
