using CommsBot.Bot.Hosting;
using Microsoft.Extensions.Options;

namespace CommsBot.Bot.Slack;

/// <summary>
/// Every /api/slack/* request, before its handler: reads the raw body (up to <c>Slack:MaxRequestBodyBytes</c>),
/// verifies Slack's signature over it, checks it is UTF-8 and drops a signed request seen before. An unsigned,
/// mis-signed or stale request gets 401 and nothing else happens; only a verified body reaches the handler
/// (as <see cref="SlackRequest.Body"/>).
/// </summary>
public sealed class SlackRequestFilter(
    IOptions<SlackOptions> options,
    SlackSignatureVerifier verifier,
    SlackReplayGuard replays,
    ILogger<SlackAdapter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        var limit = options.Value.MaxRequestBodyBytes;
        var body = await RequestBody.ReadAsync(http.Request, limit, http.RequestAborted);
        if (body is null)
        {
            Log.RequestTooLarge(logger, limit);
            // The rest of the body is never read: close the connection rather than leave the client to reuse it.
            http.Response.Headers.Connection = "close";
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        var signature = http.Request.Headers[SlackSignatureVerifier.SignatureHeader].ToString();
        var timestamp = http.Request.Headers[SlackSignatureVerifier.TimestampHeader].ToString();
        var result = verifier.Verify(timestamp, signature, body);
        if (result != SlackSignatureResult.Valid)
        {
            Log.Unauthorized(logger, "Slack signature: " + result);
            return Results.StatusCode(StatusCodes.Status401Unauthorized);
        }

        // Slack sends UTF-8; anything else (even signed) is malformed, and must not reach the JSON and form readers.
        if (!System.Text.Unicode.Utf8.IsValid(body))
        {
            Log.SlackBadRequest(logger, "body is not valid UTF-8");
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The request body is not valid UTF-8");
        }

        // A signed request sent again as it was (within the signature window) is acknowledged and dropped.
        if (!await replays.TryTakeSignatureAsync(signature, timestamp, http.RequestAborted))
        {
            Log.SlackReplayDropped(logger, http.Request.Path.Value ?? "");
            return Results.Empty;
        }

        http.Features.Set(new SlackRequest.VerifiedBody(body));
        return await next(context);
    }
}
