using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace CommsBot.Bot.Slack;

/// <summary>What a Web API call or response_url post came to: <c>ok</c>, Slack's error code, and the message's <c>ts</c>.</summary>
public sealed record SlackApiResult(bool Ok, string? Error, string? Ts = null)
{
    /// <summary>A 429's Retry-After, when Slack sent one.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>conversations.open's channel id.</summary>
    public string? Channel { get; init; }
}

/// <summary>
/// The Slack Web API (chat.postMessage, chat.postEphemeral, conversations.open) and response_url posts, on a typed HttpClient whose
/// resilience pipeline honours 429 <c>Retry-After</c> and retries transient failures. Logs methods, status codes,
/// error codes and durations, never a message.
/// </summary>
public sealed class SlackApiClient(HttpClient http, IOptions<SlackOptions> options, TimeProvider time, ILogger<SlackApiClient> logger)
{
    public const string PostMessage = "chat.postMessage";
    public const string PostEphemeral = "chat.postEphemeral";
    public const string OpenConversation = "conversations.open";
    public const string ResponseUrl = "response_url";
    public const string Update = "chat.update";
    public const string ViewsOpen = "views.open";

    /// <summary>Posts a message (<c>{"blocks":…,"text":…}</c>) to a channel or DM, in a thread when <paramref name="threadTs"/> is set.</summary>
    public Task<SlackApiResult> PostMessageAsync(string channel, string? threadTs, JsonObject message, CancellationToken cancellationToken)
    {
        var body = WithTarget(message, channel, threadTs);
        body["unfurl_links"] = false;
        body["unfurl_media"] = false;
        return CallAsync(PostMessage, body, cancellationToken);
    }

    /// <summary>Replaces a message the bot posted (<c>chat.update</c>), in place for everyone in the channel.</summary>
    public Task<SlackApiResult> UpdateMessageAsync(string channel, string ts, JsonObject message, CancellationToken cancellationToken)
    {
        var body = WithTarget(message, channel, null);
        body["ts"] = ts;
        return CallAsync(Update, body, cancellationToken);
    }

    /// <summary>Opens a modal (<c>views.open</c>) for the interaction that gave <paramref name="triggerId"/> (valid for 3 s).</summary>
    public Task<SlackApiResult> OpenViewAsync(string triggerId, JsonObject view, CancellationToken cancellationToken) =>
        CallAsync(ViewsOpen, new JsonObject { ["trigger_id"] = triggerId, ["view"] = view.DeepClone() }, cancellationToken);

    /// <summary>Opens (or finds) the app's direct message with <paramref name="user"/>: conversations.open. The
    /// result's <see cref="SlackApiResult.Channel"/> is the DM's channel id.</summary>
    public Task<SlackApiResult> OpenConversationAsync(string user, CancellationToken cancellationToken) =>
        CallAsync(OpenConversation, new JsonObject { ["users"] = user }, cancellationToken);

    /// <summary>Posts a message only <paramref name="user"/> sees.</summary>
    public Task<SlackApiResult> PostEphemeralAsync(string channel, string user, string? threadTs, JsonObject message, CancellationToken cancellationToken)
    {
        var body = WithTarget(message, channel, threadTs);
        body["user"] = user;
        return CallAsync(PostEphemeral, body, cancellationToken);
    }

    /// <summary>Posts a new ephemeral message to an interaction's or command's response_url (no token: the URL is the capability).</summary>
    public async Task<SlackApiResult> PostToResponseUrlAsync(Uri responseUrl, JsonObject message, CancellationToken cancellationToken)
    {
        var body = (JsonObject)message.DeepClone();
        body["response_type"] = "ephemeral";
        body["replace_original"] = false;
        using var request = new HttpRequestMessage(HttpMethod.Post, responseUrl) { Content = Content(body) };
        var started = time.GetTimestamp();
        using var response = await http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        Log.SlackApiCalled(logger, ResponseUrl, (int)response.StatusCode, time.GetElapsedTime(started).TotalMilliseconds);
        if (response.IsSuccessStatusCode)
        {
            return new SlackApiResult(true, null);
        }

        // response_url answers errors as a bare code ("expired_url", "invalid_blocks"); anything else is not logged.
        var error = ErrorCode(text.Trim()) ?? $"http_{(int)response.StatusCode}";
        Log.SlackApiFailed(logger, ResponseUrl, error);
        return new SlackApiResult(false, error);
    }

    private async Task<SlackApiResult> CallAsync(string method, JsonObject body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(options.Value.ApiBase, method)) { Content = Content(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.Value.BotToken);
        var started = time.GetTimestamp();
        using var response = await http.SendAsync(request, cancellationToken);
        Log.SlackApiCalled(logger, method, (int)response.StatusCode, time.GetElapsedTime(started).TotalMilliseconds);
        if (!response.IsSuccessStatusCode)
        {
            var failed = new SlackApiResult(false, $"http_{(int)response.StatusCode}") { RetryAfter = RetryAfter(response) };
            Log.SlackApiFailed(logger, method, failed.Error!);
            return failed;
        }

        SlackApiResult result;
        try
        {
            using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
            var root = json.RootElement;
            var ok = root.TryGetProperty("ok", out var okValue) && okValue.ValueKind == JsonValueKind.True;
            var error = root.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String ? ErrorCode(e.GetString()) ?? "unknown_error" : null;
            var ts = root.TryGetProperty("ts", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            var channel = root.TryGetProperty("channel", out var c) && c.ValueKind == JsonValueKind.Object && c.TryGetProperty("id", out var cid) && cid.ValueKind == JsonValueKind.String ? cid.GetString() : null;
            result = new SlackApiResult(ok, ok ? null : error ?? "unknown_error", ts) { Channel = channel };
        }
        catch (JsonException)
        {
            result = new SlackApiResult(false, "invalid_response");
        }

        if (!result.Ok)
        {
            Log.SlackApiFailed(logger, method, result.Error!);
        }

        return result;
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - time.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };

    private static JsonObject WithTarget(JsonObject message, string channel, string? threadTs)
    {
        var body = (JsonObject)message.DeepClone();
        body["channel"] = channel;
        if (!string.IsNullOrEmpty(threadTs))
        {
            body["thread_ts"] = threadTs;
        }

        return body;
    }

    private static ByteArrayContent Content(JsonObject body)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body.ToJsonString()));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }

    /// <summary>Slack's error codes are short snake_case words; anything else is not one and is not repeated.</summary>
    private static string? ErrorCode(string? error) =>
        error is { Length: > 0 and <= 64 } && error.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_') ? error : null;
}
