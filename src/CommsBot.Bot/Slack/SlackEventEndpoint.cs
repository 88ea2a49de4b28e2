using System.Text.Json;

namespace CommsBot.Bot.Slack;

/// <summary>The Events API: the URL check, and DMs and mentions queued as turns (acknowledged at once). A retried
/// event (same event id) runs once.</summary>
internal static class SlackEventEndpoint
{
    public static async Task HandleAsync(SlackRequest request, SlackActivityMapper mapper, SlackReplayGuard replays, SlackTurns turns, ILogger<SlackAdapter> logger)
    {
        using var json = SlackRequest.ParseJson(request.Body);
        if (json?.RootElement is not { ValueKind: JsonValueKind.Object } envelope)
        {
            await request.BadRequestAsync(logger, "events: not a JSON object", "The event is not a JSON object");
            return;
        }

        try
        {
            await HandleEnvelopeAsync(request, envelope, mapper, replays, turns, logger);
        }
        catch (InvalidOperationException) when (!request.Http.Response.HasStarted)
        {
            // A string the JSON reader cannot turn into text (an escaped lone surrogate): malformed, not a failure.
            await request.BadRequestAsync(logger, "events: a string is not valid Unicode", "The event has a string that is not valid Unicode");
        }
    }

    private static async Task HandleEnvelopeAsync(SlackRequest request, JsonElement envelope, SlackActivityMapper mapper, SlackReplayGuard replays, SlackTurns turns, ILogger logger)
    {
        var http = request.Http;
        switch (SlackActivityMapper.Str(envelope, "type"))
        {
            case "url_verification":
                http.Response.ContentType = "text/plain; charset=utf-8";
                await http.Response.WriteAsync(SlackActivityMapper.Str(envelope, "challenge") ?? "", request.Aborted);
                return;
            case "event_callback":
                break;
            default:
                Log.SlackRequestIgnored(logger, "event", "envelope type");
                return;
        }

        var eventId = SlackActivityMapper.Str(envelope, "event_id") ?? "";
        // The event id is signed with the body; the retry headers are not, so they are logged only as short tokens.
        var retry = Token(request.Header(SlackEndpoints.RetryNumHeader));
        if (eventId.Length > 0 && !await replays.TryTakeEventAsync(eventId, request.Aborted))
        {
            Log.SlackEventDuplicate(logger, eventId, retry, Token(request.Header(SlackEndpoints.RetryReasonHeader)));
            return;
        }

        var mapping = mapper.FromEvent(envelope);
        if (mapping.Turn is not { } turn)
        {
            Log.SlackEventIgnored(logger, eventId, mapping.Ignored ?? "unmapped");
            return;
        }

        Log.SlackEventAccepted(logger, eventId, turn.Activity.Conversation.ConversationType, retry);
        if (!turns.TryEnqueue(turn, "event"))
        {
            await replays.ReleaseEventAsync(eventId, CancellationToken.None); // let Slack's retry through
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        }
    }

    private static string Token(string value) =>
        value.Length <= 32 && value.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') ? value : "?";
}
