using System.Diagnostics;
using Microsoft.Bot.Builder;

namespace CommsBot.Bot.Operations;

/// <summary>
/// Bot Framework middleware on every adapter (Teams and the other Bot Framework channels, Slack): a
/// <c>commsbot.turn</c> span and the <c>commsbot.turn_duration</c> histogram per turn. Reads the activity's type,
/// channel, conversation type and id, never its text or value.
/// </summary>
public sealed class TurnTelemetryMiddleware(CommsBotMetrics metrics) : Microsoft.Bot.Builder.IMiddleware
{
    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(next);
        if (!metrics.TimesTurns && !CommsBotTelemetry.Source.HasListeners())
        {
            await next(cancellationToken); // no exporter: nothing to record
            return;
        }

        var activity = turnContext.Activity;
        using var span = CommsBotTelemetry.Source.StartActivity("commsbot.turn", ActivityKind.Internal);
        span?.SetTag("commsbot.channel", CommsBotMetrics.Channel(activity?.ChannelId));
        span?.SetTag("commsbot.activity.type", activity?.Type);
        span?.SetTag("commsbot.activity.id", activity?.Id);
        span?.SetTag("commsbot.conversation.type", activity?.Conversation?.ConversationType);
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(cancellationToken);
        }
        catch (Exception e)
        {
            // The type only: an exception message can quote what the user sent.
            span?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            span?.SetTag("error.type", e.GetType().FullName);
            throw;
        }
        finally
        {
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            span?.SetTag("commsbot.duration_ms", Math.Round(elapsed, 3));
            metrics.TurnHandled(activity?.ChannelId, elapsed);
        }
    }
}
