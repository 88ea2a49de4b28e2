using CommsBot.Cards;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace CommsBot.Bot.Web;

/// <summary>The REST API (POST /api/evaluate), its OpenAPI document and the preview page (GET /).</summary>
public static class WebServiceCollectionExtensions
{
    public const string OpenApiRoute = "/openapi/{documentName}.json";

    /// <summary>Options (validated on start), API keys, the per-client rate limit policy, the OpenAPI document and
    /// the embedded page. Call after the Slack registrations, which share the Block Kit renderer.</summary>
    public static IServiceCollection AddCommsBotWeb(this IServiceCollection services)
    {
        services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<ApiOptions>, ApiOptionsValidator>();
        services.TryAddSingleton<BlockKitRenderer>();
        services.AddSingleton<ApiKeys>();
        services.AddSingleton(_ => PreviewAssets.Load());
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy<string, EvaluateRateLimitPolicy>(EvaluateRateLimitPolicy.Name);
        });
        services.AddOpenApi("v1", openApi =>
        {
            openApi.ShouldInclude = d => string.Equals(d.RelativePath, EvaluateEndpoint.Route.TrimStart('/'), StringComparison.OrdinalIgnoreCase);
            openApi.AddDocumentTransformer(DescribeDocument);
        });
        return services;
    }

    /// <summary>Maps the API, the OpenAPI document and, unless Api:PreviewPage is false, the page. The host must
    /// call <c>UseRateLimiter()</c>.</summary>
    public static WebApplication MapCommsBotWeb(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.Services.GetRequiredService<IOptions<ApiOptions>>().Value;
        var keys = app.Services.GetRequiredService<ApiKeys>();

        app.MapPost(EvaluateEndpoint.Route, EvaluateEndpoint.HandleAsync)
            .RequireRateLimiting(EvaluateRateLimitPolicy.Name)
            .WithName("EvaluateDraft")
            .WithTags("Drafts")
            .WithSummary("Check a draft against the guidelines")
            .WithDescription(
                "Returns the verdict, each finding (rule, span, message, rationale, source, fix) and the revised draft, with " +
                "the Adaptive Card the bot sends in Teams and the Block Kit blocks it sends in Slack. The draft is not " +
                $"stored or logged. When the server has API keys, send one in {ApiKeys.Header}.")
            .AddOpenApiOperationTransformer(DescribeRequestBody) // not .Accepts<T>(): its matcher would answer 415 without a problem body
            .Produces<EvaluateResponse>(StatusCodes.Status200OK, "application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        app.MapMethods(EvaluateEndpoint.Route, [HttpMethods.Get, HttpMethods.Put, HttpMethods.Patch, HttpMethods.Delete], EvaluateEndpoint.MethodNotAllowed)
            .ExcludeFromDescription();
        app.MapOpenApi(OpenApiRoute);

        var page = "off";
        if (options.PreviewPage)
        {
            // A build without the page's own files fails here, at start-up; one without the renderer (no npm) serves
            // a page that says how to add it.
            page = app.Services.GetRequiredService<PreviewAssets>().HasRenderer ? "on" : "on, without its renderer (built without npm)";
            app.MapGet("/", PreviewPage.Index).ExcludeFromDescription();
            app.MapGet(PreviewPage.AssetRoute, PreviewPage.Asset).ExcludeFromDescription();
        }

        Log.WebEnabled(
            app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(WebServiceCollectionExtensions).FullName!),
            page,
            keys.Required ? $"{keys.Count} API keys" : "open (no Api:Keys)",
            options.RateLimit.PermitLimit,
            options.RateLimit.Window.TotalSeconds);
        return app;
    }

    private static async Task DescribeRequestBody(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        IOpenApiSchema schema = await context.GetOrCreateSchemaAsync(typeof(EvaluateRequest), null, cancellationToken);
        if (context.Document is { } document)
        {
            document.AddComponent(nameof(EvaluateRequest), schema);
            schema = new OpenApiSchemaReference(nameof(EvaluateRequest), document);
        }

        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = "The draft, and optionally the account and platform it is for.",
            Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal) { ["application/json"] = new() { Schema = schema } },
        };
    }

    private static Task DescribeDocument(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "CommsBot API",
            Version = "v1",
            Description = "Checks physicians' social-media drafts against the guidelines, as the Teams and Slack bot does.",
        };
        var keys = context.ApplicationServices.GetRequiredService<ApiKeys>();
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal);
        document.Components.SecuritySchemes["ApiKey"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiKeys.Header,
            Description = "Required when the server is configured with Api:Keys.",
        };
        if (keys.Required)
        {
            document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("ApiKey", document)] = [] }];
        }

        return Task.CompletedTask;
    }
}
