using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CommsBot.Bot.Hosting;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.Options;

namespace CommsBot.Bot.Slack;

/// <summary>
/// POST /api/slack/commands, /api/slack/events and /api/slack/interactions. Each reads the raw body (up to a limit),
/// verifies Slack's signature over it, and only then parses it: an unsigned, mis-signed or stale request gets 401 and
/// nothing else happens. Mapped only when a signing secret is configured (404 otherwise).
/// </summary>
public static class SlackEndpoints
{
    public const string CommandsRoute = "/api/slack/commands";
    public const string EventsRoute = "/api/slack/events";
    public const string InteractionsRoute = "/api/slack/interactions";
    public const string RetryNumHeader = "X-Slack-Retry-Num";
    public const string RetryReasonHeader = "X-Slack-Retry-Reason";
    private const string Stopping = "the host is stopping, refused with 503";

    /// <summary>Maps the endpoints when Slack is configured; renders every Block Kit template once first, so a
    /// broken one stops the host at start-up.</summary>
    public static WebApplication MapCommsBotSlack(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.Services.GetRequiredService<IOptions<SlackOptions>>().Value;
        var logger = app.Services.GetRequiredService<ILogger<SlackAdapter>>();
        if (!options.Enabled)
        {
            Log.SlackDisabled(logger);
            return app;
        }

        app.Services.GetRequiredService<SlackCardRenderer>();
        app.MapPost(CommandsRoute, HandleCommandAsync);
        app.MapPost(EventsRoute, HandleEventAsync);
        app.MapPost(InteractionsRoute, HandleInteractionAsync);
        Log.SlackEnabled(logger, options.ApiBase.Host);
        return app;
    }

    internal static async Task HandleCommandAsync(
        HttpContext http,
        SlackActivityMapper mapper,
        SlackAdapter adapter,
        [FromKeyedServices(SlackAdapter.ChannelId)] IBot bot,
        SlackApiClient api,
        IOptions<SlackOptions> options,
        SlackTurnRunner runner,
        TimeProvider time,
        ILogger<SlackAdapter> logger)
    {
        var body = await ReadVerifiedAsync(http, logger);
        if (body is null)
        {
            return;
        }

        var form = ParseForm(body);
        if (form.ContainsKey("ssl_check"))
        {
            return; // Slack checking the certificate: 200 is the whole answer
        }

        var mapping = mapper.FromCommand(form);
        if (mapping.Turn is not { Target: SlackCommandReply reply } turn)
        {
            Log.SlackRequestIgnored(logger, "command", mapping.Ignored ?? "unmapped");
            await Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The command has no user or channel").ExecuteAsync(http);
            return;
        }

        if (!runner.TryBeginDirectTurn())
        {
            Log.SlackRequestIgnored(logger, "command", Stopping);
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        // The turn outlives the request if it must (its replies then go to the response_url), so it runs on the
        // runner's token (cancelled only when the shutdown timeout elapses), not the request's; stopping waits for it.
        var late = false;
        try
        {
            var started = time.GetTimestamp();
            var running = adapter.ProcessAsync(turn.Activity, reply, bot.OnTurnAsync, runner.Aborted);
            var inTime = await Task.WhenAny(running, Task.Delay(options.Value.CommandAckTimeout, time, http.RequestAborted)) == running;
            var replies = reply.Release();
            Log.SlackCommandAnswered(logger, turn.Activity.Id, inTime, replies.Count, time.GetElapsedTime(started).TotalMilliseconds);
            if (!inTime)
            {
                // Acknowledge now; what the turn has sent so far follows it to the response_url.
                late = true;
                _ = FinishLateAsync(runner, running, api, reply, replies, logger);
                return;
            }

            await running;
            if (replies.Count == 0)
            {
                return;
            }

            var first = (JsonObject)replies[0].DeepClone();
            first["response_type"] = "ephemeral";
            await WriteJsonAsync(http, first);
            await SendLateAsync(api, reply, replies.Skip(1).ToList(), logger, runner.Aborted);
        }
        finally
        {
            if (!late)
            {
                runner.EndDirectTurn();
            }
        }
    }

    internal static async Task HandleEventAsync(
        HttpContext http,
        SlackActivityMapper mapper,
        SlackAdapter adapter,
        [FromKeyedServices(SlackAdapter.ChannelId)] IBot bot,
        SlackReplayGuard replays,
        SlackTurnRunner queue,
        ILogger<SlackAdapter> logger)
    {
        var body = await ReadVerifiedAsync(http, logger);
        if (body is null)
        {
            return;
        }

        using var json = ParseJson(body);
        if (json?.RootElement is not { ValueKind: JsonValueKind.Object } envelope)
        {
            await BadRequestAsync(http, logger, "events: not a JSON object", "The event is not a JSON object");
            return;
        }

        try
        {
            await HandleEventEnvelopeAsync(http, envelope, mapper, adapter, bot, replays, queue, logger);
        }
        catch (InvalidOperationException) when (!http.Response.HasStarted)
        {
            // A string the JSON reader cannot turn into text (an escaped lone surrogate): malformed, not a failure.
            await BadRequestAsync(http, logger, "events: a string is not valid Unicode", "The event has a string that is not valid Unicode");
        }
    }

    private static async Task HandleEventEnvelopeAsync(
        HttpContext http,
        JsonElement envelope,
        SlackActivityMapper mapper,
        SlackAdapter adapter,
        IBot bot,
        SlackReplayGuard replays,
        SlackTurnRunner queue,
        ILogger logger)
    {
        switch (SlackActivityMapper.Str(envelope, "type"))
        {
            case "url_verification":
                http.Response.ContentType = "text/plain; charset=utf-8";
                await http.Response.WriteAsync(SlackActivityMapper.Str(envelope, "challenge") ?? "", http.RequestAborted);
                return;
            case "event_callback":
                break;
            default:
                Log.SlackRequestIgnored(logger, "event", "envelope type");
                return;
        }

        var eventId = SlackActivityMapper.Str(envelope, "event_id") ?? "";
        // The event id is signed with the body; the retry headers are not, so they are logged only as short tokens.
        var retry = Token(http.Request.Headers[RetryNumHeader].ToString());
        if (eventId.Length > 0 && !await replays.TryTakeEventAsync(eventId, http.RequestAborted))
        {
            Log.SlackEventDuplicate(logger, eventId, retry, Token(http.Request.Headers[RetryReasonHeader].ToString()));
            return;
        }

        var mapping = mapper.FromEvent(envelope);
        if (mapping.Turn is not { } turn)
        {
            Log.SlackEventIgnored(logger, eventId, mapping.Ignored ?? "unmapped");
            return;
        }

        Log.SlackEventAccepted(logger, eventId, turn.Activity.Conversation.ConversationType, retry);
        if (!queue.TryEnqueue(ct => adapter.ProcessAsync(turn.Activity, turn.Target, bot.OnTurnAsync, ct)))
        {
            await replays.ReleaseEventAsync(eventId, CancellationToken.None); // let Slack's retry through
            Refused(queue, logger, "event");
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        }
    }

    internal static async Task HandleInteractionAsync(
        HttpContext http,
        SlackActivityMapper mapper,
        SlackAdapter adapter,
        [FromKeyedServices(SlackAdapter.ChannelId)] IBot bot,
        SlackTurnRunner queue,
        ILogger<SlackAdapter> logger)
    {
        var body = await ReadVerifiedAsync(http, logger);
        if (body is null)
        {
            return;
        }

        using var json = ParseJson(Encoding.UTF8.GetBytes(ParseForm(body).GetValueOrDefault("payload") ?? ""));
        if (json?.RootElement is not { ValueKind: JsonValueKind.Object } payload)
        {
            await BadRequestAsync(http, logger, "interactions: no JSON payload", "The interaction has no JSON payload");
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
            await BadRequestAsync(http, logger, "interactions: a string is not valid Unicode", "The interaction has a string that is not valid Unicode");
            return;
        }

        if (mapping.Turn is not { } turn)
        {
            Log.SlackRequestIgnored(logger, type, mapping.Ignored ?? "unmapped");
            return;
        }

        Log.SlackInteractionAccepted(logger, type, turn.Activity.Id);
        if (!queue.TryEnqueue(ct => adapter.ProcessAsync(turn.Activity, turn.Target, bot.OnTurnAsync, ct)))
        {
            Refused(queue, logger, type);
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        }
    }

    private static void Refused(SlackTurnRunner queue, ILogger logger, string kind)
    {
        if (queue.IsStopping)
        {
            Log.SlackRequestIgnored(logger, kind, Stopping);
        }
        else
        {
            Log.SlackQueueFull(logger, kind);
        }
    }

    /// <summary>The raw body when it is within the limit, signed, UTF-8 and not a replay; otherwise writes 413, 401 or
    /// 400 (or, for a replay, the empty 200 that acknowledges it) and returns null.</summary>
    private static async Task<byte[]?> ReadVerifiedAsync(HttpContext http, ILogger logger)
    {
        var services = http.RequestServices;
        var limit = services.GetRequiredService<IOptions<SlackOptions>>().Value.MaxRequestBodyBytes;
        var body = await RequestBody.ReadAsync(http.Request, limit, http.RequestAborted);
        if (body is null)
        {
            Log.RequestTooLarge(logger, limit);
            http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            // The rest of the body is never read: close the connection rather than leave the client to reuse it.
            http.Response.Headers.Connection = "close";
            return null;
        }

        var verifier = services.GetRequiredService<SlackSignatureVerifier>();
        var result = verifier.Verify(
            http.Request.Headers[SlackSignatureVerifier.TimestampHeader].ToString(),
            http.Request.Headers[SlackSignatureVerifier.SignatureHeader].ToString(),
            body);
        if (result != SlackSignatureResult.Valid)
        {
            Log.Unauthorized(logger, "Slack signature: " + result);
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return null;
        }

        // Slack sends UTF-8; anything else (even signed) is malformed, and must not reach the JSON and form readers.
        if (!System.Text.Unicode.Utf8.IsValid(body))
        {
            await BadRequestAsync(http, logger, "body is not valid UTF-8", "The request body is not valid UTF-8");
            return null;
        }

        // A signed request sent again as it was (within the signature window) is acknowledged and dropped.
        var replays = services.GetRequiredService<SlackReplayGuard>();
        if (!await replays.TryTakeSignatureAsync(
                http.Request.Headers[SlackSignatureVerifier.SignatureHeader].ToString(),
                http.Request.Headers[SlackSignatureVerifier.TimestampHeader].ToString(),
                http.RequestAborted))
        {
            Log.SlackReplayDropped(logger, http.Request.Path.Value ?? "");
            return null;
        }

        return body;
    }

    private static async Task BadRequestAsync(HttpContext http, ILogger logger, string reason, string title)
    {
        Log.SlackBadRequest(logger, reason);
        await Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: title).ExecuteAsync(http);
    }

    private static string Token(string value) =>
        value.Length <= 32 && value.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') ? value : "?";

    private static Dictionary<string, string> ParseForm(byte[] body) =>
        QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body)).ToDictionary(kv => kv.Key, kv => kv.Value.ToString(), StringComparer.Ordinal);

    private static JsonDocument? ParseJson(byte[] body)
    {
        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task WriteJsonAsync(HttpContext http, JsonObject message)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        await http.Response.WriteAsync(message.ToJsonString(), http.RequestAborted);
    }

    /// <summary>After an early acknowledgement: sends what the turn had replied, waits for the turn (its later replies
    /// go to the response_url themselves), then lets stopping go on.</summary>
    private static async Task FinishLateAsync(SlackTurnRunner runner, Task running, SlackApiClient api, SlackCommandReply reply, IReadOnlyList<JsonObject> replies, ILogger logger)
    {
        try
        {
            await SendLateAsync(api, reply, replies, logger, runner.Aborted);
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

    private static async Task SendLateAsync(SlackApiClient api, SlackCommandReply reply, IReadOnlyList<JsonObject> messages, ILogger logger, CancellationToken cancellationToken)
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
