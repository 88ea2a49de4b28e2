using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace CommsBot.Bot.Slack;

/// <summary>
/// A Slack request whose body <see cref="SlackRequestFilter"/> has read and verified: handlers take this, never the
/// raw request stream. Bound lazily (binding runs before the filter): the body is there by the time the handler runs.
/// </summary>
public sealed class SlackRequest
{
    private SlackRequest(HttpContext http) => Http = http;

    public HttpContext Http { get; }

    /// <summary>The signed body.</summary>
    public byte[] Body => Http.Features.Get<VerifiedBody>()?.Bytes
        ?? throw new InvalidOperationException("A Slack endpoint ran without the Slack request filter.");

    public CancellationToken Aborted => Http.RequestAborted;

    public string Header(string name) => Http.Request.Headers[name].ToString();

    /// <summary>The body as form fields (commands, interactions).</summary>
    public Dictionary<string, string> Form() =>
        QueryHelpers.ParseQuery(Encoding.UTF8.GetString(Body)).ToDictionary(kv => kv.Key, kv => kv.Value.ToString(), StringComparer.Ordinal);

    /// <summary>JSON text as a document; null when it is not JSON.</summary>
    public static JsonDocument? ParseJson(byte[] json)
    {
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static ValueTask<SlackRequest?> BindAsync(HttpContext http) => ValueTask.FromResult<SlackRequest?>(new SlackRequest(http));

    /// <summary>Answers 400 with a problem body (the title is the bot's words, never the request's).</summary>
    public async Task BadRequestAsync(ILogger logger, string reason, string title)
    {
        Log.SlackBadRequest(logger, reason);
        await Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: title).ExecuteAsync(Http);
    }

    internal sealed record VerifiedBody(byte[] Bytes);
}
