using CommsBot.Bot.Hosting;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace CommsBot.Bot.Slack;

/// <summary>
/// Runs Slack requests, mapped to activities with channel id <c>slack</c> by <see cref="SlackActivityMapper"/>,
/// through the same bot as Teams, and sends the replies through Slack's Web API to the turn's
/// <see cref="SlackReplyTarget"/>. Turn errors get CommsBot's policy: a short apology, a log line without text.
/// </summary>
public sealed class SlackAdapter : BotAdapter
{
    public const string ChannelId = "slack";

    private readonly SlackApiClient api;
    private readonly ILogger<SlackAdapter> logger;

    public SlackAdapter(SlackApiClient api, ILogger<SlackAdapter> logger)
    {
        this.api = api;
        this.logger = logger;
        OnTurnError = async (turnContext, exception) =>
        {
            Log.TurnFailed(logger, turnContext.Activity?.Id, exception.GetType().FullName ?? exception.GetType().Name);
            if (exception is SlackDeliveryException)
            {
                return; // the apology would go the same way
            }

            try
            {
                await turnContext.SendActivityAsync(CommsBotAdapter.Apology);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                Log.TurnFailed(logger, turnContext.Activity?.Id, "apology not sent: " + e.GetType().FullName);
            }
        };
    }

    /// <summary>Runs one turn; its replies go to <paramref name="target"/>.</summary>
    public async Task ProcessAsync(Activity activity, SlackReplyTarget target, BotCallbackHandler callback, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(target);
        using var context = new TurnContext(this, activity);
        context.TurnState.Add(target);
        await RunPipelineAsync(context, callback, cancellationToken);
    }

    public override async Task<ResourceResponse[]> SendActivitiesAsync(ITurnContext turnContext, Activity[] activities, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(activities);

        // A proactive turn (ContinueConversationAsync from a stored reference) has no target: post to its conversation.
        var target = turnContext.TurnState.Get<SlackReplyTarget>()
            ?? new SlackChannelReply(turnContext.Activity.Conversation?.Id ?? throw new InvalidOperationException("A Slack turn needs a conversation."), null);
        var responses = new ResourceResponse[activities.Length];
        for (var i = 0; i < activities.Length; i++)
        {
            var activity = activities[i];
            if (activity.Attachments?.Select(SlackCards.Modal).FirstOrDefault(m => m is not null) is { } view)
            {
                responses[i] = new ResourceResponse(await OpenViewAsync(turnContext, view, cancellationToken));
                continue;
            }

            // Typing and traces have nothing to show in Slack.
            var message = activity.Type == ActivityTypes.Message ? SlackMessages.FromActivity(activity) : null;
            if (message is null)
            {
                if (activity.Type == ActivityTypes.Message)
                {
                    Log.SlackReplyDropped(logger, turnContext.Activity.Id, activity.Type, activity.Attachments?.FirstOrDefault()?.ContentType ?? "none");
                }

                responses[i] = new ResourceResponse(activity.Id ?? "");
                continue;
            }

            var ts = await target.DeliverAsync(api, message, cancellationToken);
            responses[i] = new ResourceResponse(ts ?? "");
        }

        return responses;
    }

    /// <summary>Replaces a message the bot posted (<c>chat.update</c>): the activity's id is the message's ts, its
    /// conversation the channel (the turn's when it has none).</summary>
    public override async Task<ResourceResponse> UpdateActivityAsync(ITurnContext turnContext, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(activity);
        var channel = activity.Conversation?.Id ?? turnContext.Activity.Conversation?.Id ?? throw new InvalidOperationException("A Slack update needs a channel.");
        var message = SlackMessages.FromActivity(activity) ?? throw new InvalidOperationException("Nothing Slack can show.");
        var result = await api.UpdateMessageAsync(channel, activity.Id, message, cancellationToken);
        return result.Ok ? new ResourceResponse(result.Ts ?? activity.Id) : throw new SlackDeliveryException(SlackApiClient.Update, result.Error ?? "unknown_error");
    }

    /// <summary>The interaction's trigger id, which <see cref="SlackActivityMapper"/> puts in the activity's channel data.</summary>
    internal static string? TriggerId(IActivity activity) =>
        activity.ChannelData is System.Text.Json.Nodes.JsonObject data && data["trigger_id"] is System.Text.Json.Nodes.JsonValue value && value.TryGetValue<string>(out var id) ? id : null;

    private async Task<string> OpenViewAsync(ITurnContext turnContext, System.Text.Json.Nodes.JsonObject view, CancellationToken cancellationToken)
    {
        if (TriggerId(turnContext.Activity) is not { } trigger)
        {
            Log.SlackReplyDropped(logger, turnContext.Activity.Id, ActivityTypes.Message, SlackCards.ModalContentType);
            return "";
        }

        var result = await api.OpenViewAsync(trigger, view, cancellationToken);
        return result.Ok ? "" : throw new SlackDeliveryException(SlackApiClient.ViewsOpen, result.Error ?? "unknown_error");
    }

    public override Task DeleteActivityAsync(ITurnContext turnContext, ConversationReference reference, CancellationToken cancellationToken) =>
        throw new NotSupportedException("CommsBot does not delete Slack messages.");
}
