using Microsoft.Bot.Builder;

namespace CommsBot.Bot.Slack;

/// <summary>Runs mapped Slack turns through <see cref="SlackAdapter"/> and the bot: queued on
/// <see cref="SlackTurnRunner"/> (events and interactions, acknowledged at once) or directly (slash commands).</summary>
public sealed class SlackTurns(SlackAdapter adapter, [FromKeyedServices(SlackAdapter.ChannelId)] IBot bot, SlackTurnRunner runner, ILogger<SlackAdapter> logger)
{
    private const string Stopping = "the host is stopping, refused with 503";

    public SlackTurnRunner Runner => runner;

    /// <summary>Runs a turn now (on <paramref name="cancellationToken"/>); its replies go to its target.</summary>
    public Task RunAsync(SlackTurn turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        return adapter.ProcessAsync(turn.Activity, turn.Target, bot.OnTurnAsync, cancellationToken);
    }

    /// <summary>Queues a turn; false (logged) when the queue is full or the host is stopping: answer 503, and Slack
    /// delivers the request again later.</summary>
    public bool TryEnqueue(SlackTurn turn, string kind)
    {
        ArgumentNullException.ThrowIfNull(turn);
        if (runner.TryEnqueue(ct => RunAsync(turn, ct)))
        {
            return true;
        }

        Refused(kind);
        return false;
    }

    /// <summary>Logs a refusal: the host stopping, or the queue full.</summary>
    public void Refused(string kind)
    {
        if (runner.IsStopping)
        {
            Log.SlackRequestIgnored(logger, kind, Stopping);
        }
        else
        {
            Log.SlackQueueFull(logger, kind);
        }
    }
}
