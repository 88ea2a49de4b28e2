using CommsBot.Bot.Nudges;
using CommsBot.Bot.Storage;
using CommsBot.Cards;
using CommsBot.Guidelines;
using CommsBot.Nudges;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Teams;
using Microsoft.Bot.Schema;
using Microsoft.Bot.Schema.Teams;
using Microsoft.Extensions.Options;
using Newtonsoft.Json.Linq;

namespace CommsBot.Bot.Conversations;

/// <summary>
/// Every CommsBot conversation: drafts in a personal chat, <c>@CommsBot check</c> in channels and group chats, the
/// "Check with CommsBot" message action, card buttons (Action.Submit and Action.Execute), commands and install.
/// </summary>
public sealed class CommsBotActivityHandler(
    DraftChecker checker,
    IBotStore store,
    UsageCounters counters,
    KnownConversations knownConversations,
    NudgeConversation nudges,
    Operations.UsageReportService reports,
    IOptions<Operations.ReportOptions> reportOptions,
    IOptions<NudgeOptions> nudgeOptions,
    ILogger<CommsBotActivityHandler> logger) : TeamsActivityHandler
{
    public const string CheckCommandId = "checkWithCommsBot";
    private const string TaskTitle = "CommsBot";

    protected override async Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        if (await nudges.TryHandleActionAsync(turnContext, activity.Value, checker, cancellationToken) is { } nudgeAction)
        {
            await SendNudgeReplyAsync(turnContext, nudgeAction, cancellationToken);
            return;
        }

        if (CardActionRequest.TryParse(activity.Value, out var action))
        {
            var outcome = await HandleCardActionAsync(turnContext, action, cancellationToken);
            if (outcome.RevisedDraft is { } revised)
            {
                await SendAsync(turnContext, PlainText(revised), cancellationToken);
            }

            await SendAsync(turnContext, MessageFactory.Attachment(outcome.Card), cancellationToken);
            return;
        }

        var personal = IsPersonal(activity);
        var text = personal ? activity.Text : activity.RemoveRecipientMention();
        if (await nudges.TryHandleCommandAsync(turnContext, text, checker, cancellationToken) is { } nudgeReply)
        {
            await SendNudgeReplyAsync(turnContext, nudgeReply, cancellationToken);
            return;
        }

        var command = CommandParser.Parse(text, personal);
        var card = await HandleCommandAsync(turnContext, command, personal, cancellationToken);
        await SendAsync(turnContext, MessageFactory.Attachment(card), cancellationToken);

        // A draft naming a configured meeting's hashtag gets that meeting's photo and embargo policy.
        if (command is Command.Check check && await nudges.ConferenceReminderAsync(check.Draft, checker, cancellationToken) is { } reminder)
        {
            await SendAsync(turnContext, MessageFactory.Attachment(reminder), cancellationToken);
        }
    }

    private static async Task SendNudgeReplyAsync(ITurnContext turnContext, NudgeReply reply, CancellationToken cancellationToken)
    {
        if (reply.Draft is { } draft)
        {
            await SendAsync(turnContext, PlainText(draft), cancellationToken);
        }

        await SendAsync(turnContext, MessageFactory.Attachment(reply.Card), cancellationToken);
    }

    protected override async Task OnMembersAddedAsync(IList<ChannelAccount> membersAdded, ITurnContext<IConversationUpdateActivity> turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        if (membersAdded.Any(m => m.Id == activity.Recipient?.Id))
        {
            Log.Installed(logger, activity.ChannelId, activity.Conversation?.ConversationType);
            await StoreReferenceAsync(turnContext, cancellationToken);
            await turnContext.SendActivityAsync(MessageFactory.Attachment(checker.Welcome()), cancellationToken);
        }
    }

    // The base class fetches every added member's profile from the roster; the bot only needs to know whether it
    // was itself added, and wants no names.
    protected override Task OnTeamsMembersAddedDispatchAsync(IList<ChannelAccount> membersAdded, TeamInfo teamInfo, ITurnContext<IConversationUpdateActivity> turnContext, CancellationToken cancellationToken) =>
        OnMembersAddedAsync(membersAdded, turnContext, cancellationToken);

    // Teams sends conversationUpdate and installationUpdate on install: the welcome goes with the first, so it is
    // sent once; the second only refreshes the reference (it also comes on reinstall and upgrade).
    protected override Task OnInstallationUpdateAddAsync(ITurnContext<IInstallationUpdateActivity> turnContext, CancellationToken cancellationToken) =>
        StoreReferenceAsync(turnContext, cancellationToken);

    protected override async Task<MessagingExtensionActionResponse> OnTeamsMessagingExtensionFetchTaskAsync(ITurnContext<IInvokeActivity> turnContext, MessagingExtensionAction action, CancellationToken cancellationToken)
    {
        Log.MessageExtensionHandled(logger, action?.CommandId, "fetchTask", turnContext.Activity.Id);
        var draft = MessageDraft(action);
        if (draft.Length == 0)
        {
            return TaskCard(checker.Notice("Check with CommsBot", "Choose \"Check with CommsBot\" on a message, or type your draft into the form of the compose box's CommsBot action."));
        }

        var context = new DraftContext(await DefaultAccountAsync(turnContext, cancellationToken));
        return TaskCard(checker.Check(draft, context, turnContext.Activity.Id, "message-action").Card);
    }

    protected override async Task<MessagingExtensionActionResponse> OnTeamsMessagingExtensionSubmitActionAsync(ITurnContext<IInvokeActivity> turnContext, MessagingExtensionAction action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        var activityId = turnContext.Activity.Id;

        // A button on the card shown in the task module submits here too.
        if (CardActionRequest.TryParse(action.Data, out var cardAction))
        {
            Log.MessageExtensionHandled(logger, action.CommandId, "card-action", activityId);
            var outcome = await HandleCardActionAsync(turnContext, cardAction, cancellationToken);
            return TaskCard(outcome.RevisedDraft is { } revised
                ? checker.Notice("Revised draft", revised)
                : outcome.Card);
        }

        Log.MessageExtensionHandled(logger, action.CommandId, action.CommandContext ?? "unknown", activityId);
        var data = action.Data as JObject ?? (action.Data is null ? null : JObject.FromObject(action.Data));
        var typed = (data?["draft"] as JValue)?.Value as string;
        var draft = string.IsNullOrWhiteSpace(typed) ? MessageDraft(action) : typed.Trim();
        if (draft.Length == 0)
        {
            return TaskCard(checker.Notice("Nothing to check", "The message has no text to check. Type the draft into the form instead."));
        }

        var account = WireNames.TryParseAccount((data?["account"] as JValue)?.Value as string, out var chosen) && chosen != AccountKind.Unknown
            ? chosen
            : await DefaultAccountAsync(turnContext, cancellationToken);
        return TaskCard(checker.Check(draft, new DraftContext(account), activityId, "message-action").Card);
    }

    protected override async Task<AdaptiveCardInvokeResponse> OnAdaptiveCardInvokeAsync(ITurnContext<IInvokeActivity> turnContext, AdaptiveCardInvokeValue invokeValue, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invokeValue);
        var data = invokeValue.Action?.Data as JObject ?? (invokeValue.Action?.Data is { } d ? JObject.FromObject(d) : new JObject());
        if (data["action"] is null && invokeValue.Action?.Verb is { } verb)
        {
            data["action"] = verb;
        }

        if (!CardActionRequest.TryParse(data, out var request))
        {
            Log.CardActionIgnored(logger, turnContext.Activity.Id, "no action");
            return new AdaptiveCardInvokeResponse { StatusCode = 400, Type = "application/vnd.microsoft.error", Value = new Error("BadRequest", "Unknown action.") };
        }

        var outcome = await HandleCardActionAsync(turnContext, request, cancellationToken);
        if (outcome.RevisedDraft is { } revised)
        {
            await SendAsync(turnContext, PlainText(revised), cancellationToken);
        }

        // Action.Execute replaces the card it came from with the outcome.
        return new AdaptiveCardInvokeResponse { StatusCode = 200, Type = DraftChecker.AdaptiveCardContentType, Value = outcome.Card.Content };
    }

    private async Task<Attachment> HandleCommandAsync(ITurnContext turnContext, Command command, bool personal, CancellationToken cancellationToken)
    {
        var activityId = turnContext.Activity.Id;
        switch (command)
        {
            case Command.Check check:
                var account = check.Account ?? await DefaultAccountAsync(turnContext, cancellationToken);
                await RememberConversationAsync(turnContext, cancellationToken);
                return checker.Check(check.Draft, new DraftContext(account, check.Platform ?? Platform.Unknown), activityId, personal ? "personal" : "mention").Card;

            case Command.SetAccount { Account: { } chosen }:
                Log.CommandHandled(logger, "account", activityId);
                await store.SetDefaultAccountAsync(UserKey(turnContext.Activity), chosen, cancellationToken);
                return checker.Notice("Default account saved", $"I'll check your drafts for a **{chosen.ToWire()}** account from now on. Override it once with `check --account {(chosen == AccountKind.Personal ? "professional" : "personal")} <draft>`.");

            case Command.SetAccount:
                Log.CommandHandled(logger, "account", activityId);
                var current = await store.GetDefaultAccountAsync(UserKey(turnContext.Activity), cancellationToken);
                return checker.Notice("Your default account", current is { } a
                    ? $"I check your drafts for a **{a.ToWire()}** account. Change it with `account professional` or `account personal`."
                    : "You haven't chosen one yet. Say `account professional` or `account personal`.");

            case Command.Report when !MayReadReports(turnContext.Activity):
                Log.CommandHandled(logger, "report-refused", activityId);
                return checker.Notice("The report is for the communications team", "Only the people named in Reports:Readers or Nudges:Admins can see the usage report. Ask your communications team.", isError: true);

            case Command.Report report:
                Log.CommandHandled(logger, "report", activityId);
                var usage = await reports.BuildAsync(report.Window, cancellationToken);
                return checker.Notice("CommsBot usage", Reporting.ReportTextWriter.Markdown(usage));

            case Command.Invalid invalid:
                Log.CommandHandled(logger, "invalid", activityId);
                return checker.Notice("I didn't get that", invalid.Problem, isError: true);

            case Command.Help:
                Log.CommandHandled(logger, "help", activityId);
                return checker.Help();

            default:
                Log.CommandHandled(logger, "unknown", activityId);
                return checker.Help();
        }
    }

    private async Task<ActionOutcome> HandleCardActionAsync(ITurnContext turnContext, CardActionRequest request, CancellationToken cancellationToken)
    {
        var activityId = turnContext.Activity.Id;
        if (!request.IsKnown)
        {
            Log.CardActionIgnored(logger, activityId, "unknown action");
            return new ActionOutcome(null, checker.Help());
        }

        Log.CardActionHandled(logger, request.Action, activityId);
        if (request.Action == CardActions.NotAnIssue)
        {
            return await ReportFalsePositiveAsync(request, cancellationToken);
        }

        if (string.IsNullOrEmpty(request.Draft))
        {
            return new ActionOutcome(null, request.DraftOmitted
                ? checker.Notice("Send the draft again", "This draft was too long to carry on the card's buttons. Send it to me again as a message.")
                : checker.Notice("Nothing to check", "That button did not carry a draft. Send me the draft as a message.", isError: true));
        }

        var defaultAccount = await DefaultAccountAsync(turnContext, cancellationToken);
        var context = request.ContextOr(defaultAccount);
        switch (request.Action)
        {
            case CardActions.ApplyFixes:
                var review = checker.TryReview(request.Draft, context);
                if (review is null || !review.HasEdits || review.RevisedText == request.Draft)
                {
                    return new ActionOutcome(null, review is null
                        ? checker.Check(request.Draft, context, activityId, "apply-fixes").Card
                        : checker.Notice("No automatic fixes", "None of the findings on this draft can be fixed automatically: follow the suggestions on the card."));
                }

                counters.Increment(UsageCounters.FixesApplied);
                counters.Increment(UsageCounters.FixedFindings, review.Findings.Count(f => !f.Fix.IsAdviceOnly));
                return new ActionOutcome(review.RevisedText, checker.Check(review.RevisedText, context, activityId, "apply-fixes").Card);

            case CardActions.Why:
                var reviewed = checker.TryReview(request.Draft, context);
                return new ActionOutcome(null, reviewed is null ? checker.Check(request.Draft, context, activityId, "why").Card : checker.Why(reviewed));

            case CardActions.SetAccount:
                if (context.Account != AccountKind.Unknown)
                {
                    await store.SetDefaultAccountAsync(UserKey(turnContext.Activity), context.Account, cancellationToken);
                }

                return new ActionOutcome(null, checker.Check(request.Draft, context, activityId, "set-account").Card);

            default: // recheck
                return new ActionOutcome(null, checker.Check(request.Draft, context, activityId, "recheck").Card);
        }
    }

    private async Task<ActionOutcome> ReportFalsePositiveAsync(CardActionRequest request, CancellationToken cancellationToken)
    {
        var rule = request.RuleId is null ? null : checker.Reviewer.Pack.Find(request.RuleId);
        if (rule is null || !IsHash(request.Hash))
        {
            return new ActionOutcome(null, checker.Notice("Report not recorded", "That report did not name a rule and a draft I know.", isError: true));
        }

        await store.AddFalsePositiveReportAsync(rule.Id, request.Hash!, cancellationToken);
        counters.Increment(UsageCounters.FalsePositives);
        counters.Increment(UsageCounters.FalsePositiveCounter(rule.Id));
        Log.FalsePositiveReported(logger, rule.Id);
        return new ActionOutcome(null, checker.Notice("Thanks for the report", $"I noted that \"{rule.Title}\" ({rule.Id}) was not an issue here. Reports help tune the rules; the draft itself was not saved."));
    }

    private async Task RememberConversationAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        // Installs store the reference; a chat that started before the bot kept state (or lost it) is stored on
        // its first check. The set keeps this to one write per conversation per process.
        if (knownConversations.FirstTime(turnContext.Activity.ChannelId, turnContext.Activity.Conversation?.Id))
        {
            await StoreReferenceAsync(turnContext, cancellationToken);
        }
    }

    private async Task StoreReferenceAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        if (activity.Conversation?.Id is null || string.IsNullOrEmpty(activity.ServiceUrl))
        {
            return;
        }

        await store.SaveConversationReferenceAsync(activity.GetConversationReference(), cancellationToken);
        Log.ConversationStored(logger, activity.ChannelId, activity.Conversation.ConversationType);
    }

    private async Task<AccountKind> DefaultAccountAsync(ITurnContext turnContext, CancellationToken cancellationToken) =>
        await store.GetDefaultAccountAsync(UserKey(turnContext.Activity), cancellationToken) ?? AccountKind.Unknown;

    private static async Task SendAsync(ITurnContext turnContext, IMessageActivity reply, CancellationToken cancellationToken)
    {
        // In a channel, answer in the thread of the message that asked.
        if (!IsPersonal(turnContext.Activity))
        {
            reply.ReplyToId = turnContext.Activity.Id;
        }

        await turnContext.SendActivityAsync(reply, cancellationToken);
    }

    private static Activity PlainText(string text)
    {
        var message = (Activity)MessageFactory.Text(text);
        message.TextFormat = TextFormatTypes.Plain;
        return message;
    }

    private static MessagingExtensionActionResponse TaskCard(Attachment card) => new()
    {
        Task = new TaskModuleContinueResponse
        {
            Value = new TaskModuleTaskInfo { Title = TaskTitle, Card = card, Width = "large", Height = "large" },
        },
    };

    private static string MessageDraft(MessagingExtensionAction? action)
    {
        var body = action?.MessagePayload?.Body;
        if (body?.Content is not { Length: > 0 } content)
        {
            return "";
        }

        return string.Equals(body.ContentType, "text", StringComparison.OrdinalIgnoreCase) ? content.Trim() : HtmlText.ToPlainText(content);
    }

    internal static bool IsPersonal(IActivity activity) =>
        activity.Conversation?.ConversationType is { } type
            ? string.Equals(type, "personal", StringComparison.OrdinalIgnoreCase)
            : activity.Conversation?.IsGroup != true;

    internal static string UserKey(IActivity activity) => $"{activity.ChannelId}:{activity.From?.Id}";

    private bool MayReadReports(Activity activity)
    {
        var user = UserKey(activity);
        return activity.From?.Id is { Length: > 0 }
            && (reportOptions.Value.Readers.Contains(user, StringComparer.Ordinal) || nudgeOptions.Value.Admins.Contains(user, StringComparer.Ordinal));
    }

    private static bool IsHash(string? hash) =>
        hash is { Length: >= 8 and <= 128 } && hash.All(char.IsAsciiHexDigit);

    private sealed record ActionOutcome(string? RevisedDraft, Attachment Card);
}
