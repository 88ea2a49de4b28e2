using System.Text.Json;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Extensions.Options;

namespace CommsBot.Bot.Hosting;

/// <summary>POST /api/messages: size limit, in local mode the service URL check, then the CloudAdapter, with the
/// SDK's failures on bad tokens and bad bodies turned into 401 and 400 rather than 500.</summary>
internal static class BotEndpoint
{
    public const string Route = "/api/messages";

    public static async Task HandleAsync(
        HttpContext http,
        IBotFrameworkHttpAdapter adapter,
        IBot bot,
        IOptions<BotEndpointOptions> options,
        IOptions<BotAuthenticationOptions> authentication,
        ILogger<CommsBotAdapter> logger)
    {
        var limit = options.Value.MaxRequestBodyBytes;
        var body = await RequestBody.ReadAsync(http.Request, limit, http.RequestAborted);
        if (body is null)
        {
            Log.RequestTooLarge(logger, limit);
            http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        if (authentication.Value.IsLocalMode && LocalModeProblem(body) is { } problem)
        {
            // Checked before the adapter sees the activity: it would connect to the service URL to reply, and store it
            // as the conversation's address for later nudges.
            Log.BadRequest(logger, problem.Reason);
            await Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: problem.Title, detail: problem.Detail).ExecuteAsync(http);
            return;
        }

        http.Request.Body = new MemoryStream(body, writable: false);

        try
        {
            await adapter.ProcessAsync(http.Request, http.Response, bot, http.RequestAborted);
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
            await Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The request body is not a Bot Framework activity", detail: NotAnActivity)
                .ExecuteAsync(http);
        }
    }

    private const string NotAnActivity = "Send a Bot Framework activity as a JSON object (type, channelId, serviceUrl, conversation, from, recipient, ...).";

    private sealed record Problem(string Reason, string Title, string Detail);

    /// <summary>In local mode nothing vouches for the activity, so its service URL, where the reply is POSTed and
    /// which is stored for later nudges, must be on this machine: the Agents Playground, a test's fake connector, or
    /// curl with <c>deliveryMode: expectReplies</c>. Anything else is refused without a connection attempt.</summary>
    private static Problem? LocalModeProblem(byte[] body)
    {
        const string localOnly = "In local mode (no MicrosoftAppId) the bot replies only to a serviceUrl on this machine: http://localhost, http://127.0.0.1 or http://[::1], with any port.";
        string? serviceUrl;
        try
        {
            if (!TryReadServiceUrl(body, out serviceUrl))
            {
                return new Problem("activity: not a JSON object", "The request body is not a Bot Framework activity", NotAnActivity);
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // The message can quote the body: only the type is logged.
            return new Problem("activity: " + e.GetType().Name, "The request body is not a Bot Framework activity", NotAnActivity);
        }

        if (string.IsNullOrWhiteSpace(serviceUrl))
        {
            return new Problem("serviceUrl: missing", "The activity has no serviceUrl", "Every activity needs the serviceUrl its replies go to. " + localOnly);
        }

        if (!Uri.TryCreate(serviceUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            return new Problem("serviceUrl: not an http(s) URL", "The activity's serviceUrl is not a URL", "serviceUrl must be an absolute http or https URL. " + localOnly);
        }

        return url.IsLoopback
            ? null
            : new Problem("serviceUrl: not loopback in local mode", "The activity's serviceUrl is not on this machine", localOnly);
    }

    /// <summary>The activity's service URL as the SDK will read it, from one pass of a reader over the body (every
    /// token read, so a malformed body is refused as a parser would refuse it, with no document built): false when
    /// the body is not a JSON object; null when it has no service URL or a value that is not a string. The SDK's
    /// Newtonsoft serializer matches property names case-insensitively and the last of duplicates wins, so the check
    /// does too: a second <c>ServiceUrl</c> after a loopback <c>serviceUrl</c> is the one a reply would go to.</summary>
    internal static bool TryReadServiceUrl(ReadOnlySpan<byte> body, out string? serviceUrl)
    {
        serviceUrl = null;
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 64 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            while (reader.Read())
            {
                // the rest is read only so that a malformed body reports as malformed
            }

            return false;
        }

        while (reader.Read())
        {
            if (reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != 1 || !IsServiceUrl(ref reader))
            {
                continue;
            }

            reader.Read();
            serviceUrl = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        }

        return true;
    }

    private static bool IsServiceUrl(ref Utf8JsonReader reader)
    {
        const string name = "serviceUrl";
        if (!reader.ValueIsEscaped)
        {
            return reader.ValueSpan.Length == name.Length && System.Text.Ascii.EqualsIgnoreCase(reader.ValueSpan, name);
        }

        return string.Equals(reader.GetString(), name, StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsTokenError(ArgumentException e) =>
        e.Message.StartsWith("IDX", StringComparison.Ordinal)
        || (e.GetType().Namespace?.StartsWith("Microsoft.IdentityModel", StringComparison.Ordinal) ?? false)
        || (e.Source?.StartsWith("Microsoft.IdentityModel", StringComparison.Ordinal) ?? false);
}
