using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace CommsBot.Bot.Slack;

/// <summary>
/// Runs a slash command's turn: answered within its request when the turn is quick (the first reply is the
/// ephemeral response), acknowledged after <c>Slack:CommandAckTimeout</c> otherwise, the rest going to the
/// response_url.
/// </summary>
public sealed class SlackCommandAnswers(SlackTurns turns, SlackApiClient api, IOptions<SlackOptions> options, TimeProvider time, ILogger<SlackAdapter> logger)
{
    public async Task AnswerAsync(SlackRequest request, SlackTurn turn, SlackCommandReply reply)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(reply);
        var http = request.Http;
        var runner = turns.Runner;
        if (!runner.TryBeginDirectTurn())
        {
            turns.Refused("command");
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        // The turn outlives the request if it must (its replies then go to the response_url), so it runs on the
        // runner's token (cancelled only when the shutdown timeout elapses), not the request's; stopping waits for it.
        var late = false;
        try
        {
            var started = time.GetTimestamp();
            var running = turns.RunAsync(turn, runner.Aborted);
            var inTime = await Task.WhenAny(running, Task.Delay(options.Value.CommandAckTimeout, time, request.Aborted)) == running;
            var replies = reply.Release();
            Log.SlackCommandAnswered(logger, turn.Activity.Id, inTime, replies.Count, time.GetElapsedTime(started).TotalMilliseconds);
            if (!inTime)
            {
                // Acknowledge now; what the turn has sent so far follows it to the response_url.
                late = true;
                _ = FinishLateAsync(runner, running, reply, replies);
                return;
            }

            await running;
            if (replies.Count == 0)
            {
                return;
            }

            var first = (JsonObject)replies[0].DeepClone();
            first["response_type"] = "ephemeral";
            http.Response.ContentType = "application/json; charset=utf-8";
            await http.Response.WriteAsync(first.ToJsonString(), request.Aborted);
            await SendLateAsync(reply, replies.Skip(1).ToList(), runner.Aborted);
        }
        finally
        {
            if (!late)
            {
                runner.EndDirectTurn();
            }
        }
    }

    /// <summary>After an early acknowledgement: sends what the turn had replied, waits for the turn (its later replies
    /// go to the response_url themselves), then lets stopping go on.</summary>
    private async Task FinishLateAsync(SlackTurnRunner runner, Task running, SlackCommandReply reply, IReadOnlyList<JsonObject> replies)
    {
        try
        {
            await SendLateAsync(reply, replies, runner.Aborted);
            await running;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Log.SlackWorkFailed(logger, e.GetType().FullName ?? e.GetType().Name);
        }
        finally
        {
            runner.EndDirectTurn();
        }
    }

    private async Task SendLateAsync(SlackCommandReply reply, IReadOnlyList<JsonObject> messages, CancellationToken cancellationToken)
    {
        foreach (var message in messages)
        {
            try
            {
                await reply.SendLateAsync(api, message, cancellationToken);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                Log.SlackWorkFailed(logger, e.GetType().FullName ?? e.GetType().Name);
            }
        }
    }
}
