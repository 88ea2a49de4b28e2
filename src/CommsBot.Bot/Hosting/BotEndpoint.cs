using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Extensions.Options;

namespace CommsBot.Bot.Hosting;

/// <summary>POST /api/messages: size limit, then the CloudAdapter, with the SDK's failures on bad tokens and bad
/// bodies turned into 401 and 400 rather than 500.</summary>
internal static class BotEndpoint
{
    public const string Route = "/api/messages";

    public static async Task HandleAsync(
        HttpContext http,
        IBotFrameworkHttpAdapter adapter,
        IBot bot,
        IOptions<BotEndpointOptions> options,
        ILogger<CommsBotAdapter> logger)
    {
        var limit = options.Value.MaxRequestBodyBytes;
        if (!await BufferBodyAsync(http.Request, limit, http.RequestAborted).ConfigureAwait(false))
        {
            Log.RequestTooLarge(logger, limit);
            http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        try
        {
            await adapter.ProcessAsync(http.Request, http.Response, bot, http.RequestAborted).ConfigureAwait(false);
        }
        catch (ArgumentException e) when (IsTokenError(e) && !http.Response.HasStarted)
        {
            // A malformed bearer ("Bearer not.a.jwt") makes the token handler throw (IDX12729) instead of
            // returning "invalid": it is still an unauthenticated request.
            Log.Unauthorized(logger, e.GetType().Name);
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
        }
        catch (Newtonsoft.Json.JsonException e) when (!http.Response.HasStarted)
        {
            Log.BadRequest(logger, e.GetType().Name);
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
        }
    }

    private static bool IsTokenError(ArgumentException e) =>
        e.Message.StartsWith("IDX", StringComparison.Ordinal)
        || (e.GetType().Namespace?.StartsWith("Microsoft.IdentityModel", StringComparison.Ordinal) ?? false)
        || (e.Source?.StartsWith("Microsoft.IdentityModel", StringComparison.Ordinal) ?? false);

    /// <summary>Buffers the body (up to <paramref name="limit"/> bytes) so the adapter can read it; false when it is larger.</summary>
    private static async Task<bool> BufferBodyAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync(request, limit, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return false;
        }

        request.Body = new MemoryStream(body, writable: false);
        return true;
    }
}
