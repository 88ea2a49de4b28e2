using System.Text.Json;
using System.Text.Json.Nodes;
using CommsBot.Bot.Conversations;
using CommsBot.Bot.Hosting;
using CommsBot.Cards;
using CommsBot.Guidelines;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace CommsBot.Bot.Web;

/// <summary>
/// POST /api/evaluate: the draft in, the review and both channels' cards out. Checks run in this order: API key,
/// content type, body size, JSON, fields, draft limits. Every refusal is an RFC 7807 problem whose message names the
/// field and the rule, never the draft's text; logs carry the reason and lengths only.
/// </summary>
internal static class EvaluateEndpoint
{
    public const string Route = "/api/evaluate";

    private const string Expected = """Send a JSON object: {"text": "the draft", "account": "professional", "platform": "x"} (account and platform optional).""";

    /// <summary>The review's part of the answer: the rule's title right after its id, its category, rationale and
    /// source, and the fix with its edits (see <see cref="EvaluateResponse"/>).</summary>
    private static readonly ReviewJsonOptions ReviewShape = new() { Title = FindingTitlePlacement.AfterRule, RuleDetails = true };

    private static readonly JsonDocumentOptions RequestJson = new() { MaxDepth = 16 };

    public static async Task<IResult> HandleAsync(
        HttpContext http,
        DraftChecker checker,
        AdaptiveCardRenderer teams,
        BlockKitRenderer slack,
        ApiKeys keys,
        IOptions<ApiOptions> api,
        ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(EvaluateEndpoint).FullName!);
        if (keys.Required)
        {
            var presented = ApiKeys.FromRequest(http.Request);
            if (keys.Match(presented) is null)
            {
                Log.ApiRejected(logger, StatusCodes.Status401Unauthorized, presented is null ? "no-api-key" : "wrong-api-key");
                return Results.Problem(
                    statusCode: StatusCodes.Status401Unauthorized,
                    title: presented is null ? "An API key is required" : "The API key is not valid",
                    detail: $"Send a key configured on this server (Api:Keys) in the {ApiKeys.Header} header.");
            }
        }

        if (!http.Request.HasJsonContentType())
        {
            Log.ApiRejected(logger, StatusCodes.Status415UnsupportedMediaType, "not-json");
            return Results.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "The request body must be JSON",
                detail: "Set Content-Type: application/json. " + Expected);
        }

        var limit = api.Value.MaxRequestBodyBytes;
        var body = await ReadBodyAsync(http, limit);
        if (body is null)
        {
            Log.ApiRejected(logger, StatusCodes.Status413PayloadTooLarge, "body-too-large");
            return Results.Problem(
                statusCode: StatusCodes.Status413PayloadTooLarge,
                title: "The request body is too large",
                detail: $"This endpoint accepts at most {limit:N0} bytes; a draft may have at most {checker.Reviewer.Limits.MaxLength:N0} characters.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, RequestJson);
        }
        catch (JsonException e)
        {
            // The exception's message can quote the body: only its position is passed on.
            Log.ApiRejected(logger, StatusCodes.Status400BadRequest, "malformed-json");
            var where = e.LineNumber is { } line ? $" (line {line + 1}, byte {e.BytePositionInLine + 1})" : "";
            return Results.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "The request body is not valid JSON",
                detail: (body.Length == 0 ? "The request body is empty. " : $"It could not be read as JSON{where}. ") + Expected);
        }

        using (document)
        {
            var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
            var request = ReadRequest(document.RootElement, errors);
            if (request is not null && checker.Reviewer.Limits.Validate(request.Text) is { } problem)
            {
                errors["text"] = [problem];
            }

            if (request is null || errors.Count > 0)
            {
                Log.ApiRejected(logger, StatusCodes.Status400BadRequest, "invalid-fields: " + string.Join(",", errors.Keys.Order(StringComparer.Ordinal)));
                return Results.ValidationProblem(errors, title: "The request is not valid", detail: Expected);
            }

            var context = new DraftContext(WireNames.ParseAccount(request.Account), WireNames.ParsePlatform(request.Platform));
            // The limits were validated above, so the review is there. Both cards are built as the trees the response
            // carries: the response is serialised once, here.
            var review = checker.Review(request.Text, context, http.TraceIdentifier, "api")!;
            var cardContext = new CardContext(request.Text, context, checker.MaxExcerpt);
            var card = teams.RenderReview(review, cardContext);
            var message = slack.RenderReview(review, cardContext);
            var blocks = message["blocks"]?.AsArray() ?? [];
            message.Remove("blocks");
            return new EvaluateResult(review, card, blocks);
        }
    }

    /// <summary>Any other method: 405 as a problem, like every other refusal of this API (routing alone answers with
    /// an empty body).</summary>
    public static IResult MethodNotAllowed(HttpContext http)
    {
        http.Response.Headers.Allow = HttpMethods.Post;
        return Results.Problem(
            statusCode: StatusCodes.Status405MethodNotAllowed,
            title: "Use POST",
            detail: "This endpoint checks a draft sent with POST. " + Expected);
    }

    /// <summary>The request's fields, with an error per field that is missing or of the wrong kind; null when the
    /// body is not an object. Property names match case-insensitively; other properties are ignored.</summary>
    private static EvaluateRequest? ReadRequest(JsonElement root, Dictionary<string, string[]> errors)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors["$"] = ["The request body must be a JSON object."];
            return null;
        }

        var text = ReadString(root, "text", errors);
        var account = ReadString(root, "account", errors);
        var platform = ReadString(root, "platform", errors);
        if (text is null && !errors.ContainsKey("text"))
        {
            errors["text"] = ["'text' is required: the draft to check."];
        }

        if (!errors.ContainsKey("account") && !WireNames.TryParseAccount(account, out _))
        {
            errors["account"] = [$"Unknown account. Use one of: {string.Join(", ", WireNames.Accounts)}."];
        }

        if (!errors.ContainsKey("platform") && !WireNames.TryParsePlatform(platform, out _))
        {
            errors["platform"] = [$"Unknown platform. Use one of: {string.Join(", ", WireNames.Platforms)}."];
        }

        return text is null ? null : new EvaluateRequest(text, account, platform);
    }

    /// <summary>A string property, or null when absent or JSON null; an error when it is another kind of value,
    /// appears twice, or is not valid Unicode.</summary>
    private static string? ReadString(JsonElement root, string name, Dictionary<string, string[]> errors)
    {
        JsonElement? found = null;
        foreach (var property in root.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                if (found is not null)
                {
                    errors[name] = [$"'{name}' appears more than once."];
                    return null;
                }

                found = property.Value;
            }
        }

        switch (found?.ValueKind)
        {
            case null or JsonValueKind.Null:
                return null;
            case JsonValueKind.String:
                try
                {
                    return found.Value.GetString();
                }
                catch (InvalidOperationException)
                {
                    errors[name] = [$"'{name}' is not valid Unicode text."];
                    return null;
                }

            default:
                errors[name] = [$"'{name}' must be a string."];
                return null;
        }
    }

    /// <summary>The body, or null when it is larger than <paramref name="limit"/> bytes; Kestrel's own limit is set
    /// to this one for the request.</summary>
    private static Task<byte[]?> ReadBodyAsync(HttpContext http, int limit)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit;
        }

        return RequestBody.ReadAsync(http.Request, limit, http.RequestAborted);
    }

    /// <summary>The answer, written once into the response body: the review as <see cref="ReviewJson"/> projects it,
    /// then the Teams card and the Slack blocks.</summary>
    private sealed class EvaluateResult(Review review, JsonObject card, JsonArray blocks) : IResult
    {
        // Relaxed escaping keeps quotes and apostrophes readable; the response is JSON, never embedded in HTML.
        private static readonly JsonWriterOptions Writer = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

        private static readonly JsonEncodedText CardName = JsonEncodedText.Encode("card");
        private static readonly JsonEncodedText BlocksName = JsonEncodedText.Encode("blocks");

        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.ContentType = "application/json; charset=utf-8";
            using (var writer = new Utf8JsonWriter(httpContext.Response.BodyWriter, Writer))
            {
                writer.WriteStartObject();
                ReviewJson.WriteProperties(writer, review, ReviewShape);
                writer.WritePropertyName(CardName);
                card.WriteTo(writer);
                writer.WritePropertyName(BlocksName);
                blocks.WriteTo(writer);
                writer.WriteEndObject();
            }

            await httpContext.Response.BodyWriter.FlushAsync(httpContext.RequestAborted).ConfigureAwait(false);
        }
    }
}
