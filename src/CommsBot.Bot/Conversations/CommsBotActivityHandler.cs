using CommsBot.Bot.Channels;
using CommsBot.Bot.Nudges;
using CommsBot.Cards;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Teams;
using Microsoft.Bot.Schema;
using Microsoft.Bot.Schema.Teams;
using Newtonsoft.Json.Linq;

namespace CommsBot.Bot.Conversations;

/// <summary>
/// Every CommsBot conversation, Teams and Slack alike: routes each activity to the part that answers it. A card's
/// button goes to <see cref="NudgeActionHandler"/> or <see cref="CardActionHandler"/>, any other message to
/// <see cref="CommandHandler"/>; install stores the conversation and greets; the Teams message action and
/// Action.Execute are the same card actions in Teams' invoke shapes.
/// </summary>
public sealed class CommsBotActivityHandler(
    CommandHandler commands,
    CardActionHandler cardActions,
    NudgeActionHandler nudgeActions,
    ConversationReferences references,
    Reviews.ReviewWorkflow reviews,
    Reviews.ReviewChannels reviewChannels,
    ChannelCards cards,
    ILogger<CommsBotActivityHandler> logger) : TeamsActivityHandler
{
    public const string CheckCommandId = "checkWithCommsBot";
    private const string TaskTitle = "CommsBot";

    public override async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        // Every review card asks whether the tenant has a review channel: read it at most every 30 s.
        await reviewChannels.EnsureFreshAsync(cancellationToken);
        await base.OnTurnAsync(turnContext, cancellationToken);
    }

    protected override async Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        BotReply? reply;
        if (ActivityValues.TryReadNudgeAction(activity.Value, out var nudgeAction))
        {
            reply = await nudgeActions.HandleAsync(turnContext, nudgeAction, cancellationToken);
        }
        else if (ActivityValues.TryReadReviewAction(activity.Value, out var reviewAction))
        {
            reply = await reviews.HandleAsync(turnContext, reviewAction, cancellationToken);
        }
        else if (ActivityValues.TryReadCardAction(activity.Value, out var action))
        {
            reply = await cardActions.HandleAsync(turnContext, action, cancellationToken);
        }
        else
        {
            var text = Turn.IsPersonal(activity) ? activity.Text : activity.RemoveRecipientMention();
            reply = await commands.HandleAsync(turnContext, text, cancellationToken);
        }

        if (reply is not null)
        {
            await Turn.SendAsync(turnContext, reply, cancellationToken);
        }
    }

    protected override async Task OnMembersAddedAsync(IList<ChannelAccount> membersAdded, ITurnContext<IConversationUpdateActivity> turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        if (membersAdded.Any(m => m.Id == activity.Recipient?.Id))
        {
            Log.Installed(logger, activity.ChannelId, activity.Conversation?.ConversationType);
            await references.StoreAsync(turnContext, cancellationToken);
            await turnContext.SendActivityAsync(MessageFactory.Attachment(cards.For(activity).Welcome()), cancellationToken);
        }
    }

    // The base class fetches every added member's profile from the roster; the bot only needs to know whether it
    // was itself added, and wants no names.
    protected override Task OnTeamsMembersAddedDispatchAsync(IList<ChannelAccount> membersAdded, TeamInfo teamInfo, ITurnContext<IConversationUpdateActivity> turnContext, CancellationToken cancellationToken) =>
        OnMembersAddedAsync(membersAdded, turnContext, cancellationToken);

    // Teams sends conversationUpdate and installationUpdate on install: the welcome goes with the first, so it is
    // sent once; the second only refreshes the reference (it also comes on reinstall and upgrade).
    protected override Task OnInstallationUpdateAddAsync(ITurnContext<IInstallationUpdateActivity> turnContext, CancellationToken cancellationToken) =>
        references.StoreAsync(turnContext, cancellationToken);

    protected override async Task<MessagingExtensionActionResponse> OnTeamsMessagingExtensionFetchTaskAsync(ITurnContext<IInvokeActivity> turnContext, MessagingExtensionAction action, CancellationToken cancellationToken)
    {
        Log.MessageExtensionHandled(logger, action?.CommandId, "fetchTask", turnContext.Activity.Id);
        var draft = MessageDraft(action);
        if (draft.Length == 0)
        {
            return TaskCard(cards.For(turnContext.Activity).Notice("Check with CommsBot", "Choose \"Check with CommsBot\" on a message, or type your draft into the form of the compose box's CommsBot action."));
        }

        var reply = await cardActions.HandleAsync(turnContext, new CardActionPayload(CardActions.Check, draft), cancellationToken);
        return TaskCard(reply.Card);
    }

    protected override async Task<MessagingExtensionActionResponse> OnTeamsMessagingExtensionSubmitActionAsync(ITurnContext<IInvokeActivity> turnContext, MessagingExtensionAction action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        var activityId = turnContext.Activity.Id;

        // The review queue's confirmation, when "Ask comms to review" was pressed on a card in the task module.
        if (ActivityValues.TryReadReviewAction(action.Data, out var reviewAction))
        {
            Log.MessageExtensionHandled(logger, action.CommandId, "review-action", activityId);
            var answer = await reviews.HandleAsync(turnContext, reviewAction, cancellationToken);
            return TaskCard(answer?.Card ?? cards.For(turnContext.Activity).Notice("Done", "The review request was updated."));
        }

        // A button on the card shown in the task module submits here too.
        if (ActivityValues.TryReadCardAction(action.Data, out var cardAction))
        {
            Log.MessageExtensionHandled(logger, action.CommandId, "card-action", activityId);
            var outcome = await cardActions.HandleAsync(turnContext, cardAction, cancellationToken);
            return TaskCard(outcome.Draft is { } revised ? cards.For(turnContext.Activity).Notice("Revised draft", revised) : outcome.Card);
        }

        // The message action (the message's text) or the compose box's form (a typed draft and an account).
        Log.MessageExtensionHandled(logger, action.CommandId, action.CommandContext ?? "unknown", activityId);
        var data = action.Data as JObject ?? (action.Data is null ? null : JObject.FromObject(action.Data));
        var typed = (data?["draft"] as JValue)?.Value as string;
        var draft = string.IsNullOrWhiteSpace(typed) ? MessageDraft(action) : typed;
        var account = (data?["account"] as JValue)?.Value as string;
        var reply = await cardActions.HandleAsync(turnContext, new CardActionPayload(CardActions.Check, draft, Account: account), cancellationToken);
        return TaskCard(reply.Card);
    }

    protected override async Task<AdaptiveCardInvokeResponse> OnAdaptiveCardInvokeAsync(ITurnContext<IInvokeActivity> turnContext, AdaptiveCardInvokeValue invokeValue, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invokeValue);
        var data = ActivityValues.ToNode(invokeValue.Action?.Data) as System.Text.Json.Nodes.JsonObject ?? [];
        if (data["action"] is null && invokeValue.Action?.Verb is { } verb)
        {
            data["action"] = verb;
        }

        if (!ActivityValues.TryReadCardAction(data, out var request))
        {
            Log.CardActionIgnored(logger, turnContext.Activity.Id, "no action");
            return new AdaptiveCardInvokeResponse { StatusCode = 400, Type = "application/vnd.microsoft.error", Value = new Error("BadRequest", "Unknown action.") };
        }

        var outcome = await cardActions.HandleAsync(turnContext, request, cancellationToken);
        if (outcome.Draft is { } revised)
        {
            await Turn.SendAsync(turnContext, Turn.PlainText(revised), cancellationToken);
        }

        // Action.Execute replaces the card it came from with the outcome.
        return new AdaptiveCardInvokeResponse { StatusCode = 200, Type = TeamsCards.ContentType, Value = outcome.Card.Content };
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
}
