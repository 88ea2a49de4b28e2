using System.Text;
using System.Text.Json;

namespace CommsBot.Bot.Slack;

/// <summary>Interactivity: buttons, the account select and the message shortcut, queued as turns (acknowledged at
/// once).</summary>
internal static class SlackInteractionEndpoint
{
    public static async Task HandleAsync(SlackRequest request, SlackActivityMapper mapper, SlackTurns turns, ILogger<SlackAdapter> logger)
    {
        using var json = SlackRequest.ParseJson(Encoding.UTF8.GetBytes(request.Form().GetValueOrDefault("payload") ?? ""));
        if (json?.RootElement is not { ValueKind: JsonValueKind.Object } payload)
        {
            await request.BadRequestAsync(logger, "interactions: no JSON payload", "The interaction has no JSON payload");
            return;
        }

        string type;
        SlackMapping mapping;
        try
        {
            type = SlackActivityMapper.Str(payload, "type") ?? "none";
            mapping = mapper.FromInteraction(payload);
        }
        catch (InvalidOperationException)
        {
            await request.BadRequestAsync(logger, "interactions: a string is not valid Unicode", "The interaction has a string that is not valid Unicode");
            return;
        }

        if (mapping.Turn is not { } turn)
        {
            Log.SlackRequestIgnored(logger, type, mapping.Ignored ?? "unmapped");
            return;
        }

        Log.SlackInteractionAccepted(logger, type, turn.Activity.Id);
        if (!turns.TryEnqueue(turn, type))
        {
            request.Http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        }
    }
}
