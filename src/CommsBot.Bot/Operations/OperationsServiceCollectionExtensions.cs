using CommsBot.Bot.Hosting;
using CommsBot.Bot.Slack;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CommsBot.Bot.Operations;

/// <summary>Health endpoints, OpenTelemetry and the shutdown timeout.</summary>
public static class OperationsServiceCollectionExtensions
{
    public const string ReadinessRoute = "/readyz";
    public const string LivenessRoute = "/healthz";
    private const string ReadyTag = "ready";

    /// <summary>
    /// Metrics (meter <c>CommsBot</c> and ASP.NET Core's) and traces (source <c>CommsBot</c> and ASP.NET Core's),
    /// exported over OTLP when the standard variables name an endpoint (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, or the
    /// per-signal <c>..._TRACES_ENDPOINT</c> / <c>..._METRICS_ENDPOINT</c>; protocol, headers and service name from the
    /// other <c>OTEL_*</c> variables). A signal with no exporter is not registered at all: nothing listens to its
    /// meters or sources, so a turn creates no spans and aggregates no measurements that nobody reads. Readiness
    /// checks of the database, the nudge scheduler and the Bot Framework token metadata.
    /// </summary>
    public static IServiceCollection AddCommsBotOperations(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<OperationsOptions>().BindConfiguration(OperationsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<HostOptions>().Configure<IOptions<OperationsOptions>>((host, operations) => host.ShutdownTimeout = operations.Value.ShutdownTimeout);

        services.AddMetrics();
        services.AddSingleton<CommsBotMetrics>();
        services.AddSingleton<TurnTelemetryMiddleware>();

        var otlp = !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var otlpTraces = otlp || !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"]);
        var otlpMetrics = otlp || !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_METRICS_ENDPOINT"]);
        services.AddCommsBotOpenTelemetry(
            configuration,
            otlpMetrics ? metrics => metrics.AddOtlpExporter() : null,
            otlpTraces ? tracing => tracing.AddOtlpExporter() : null);

        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", HealthStatus.Unhealthy, [ReadyTag])
            .AddCheck<SchedulerHealthCheck>("scheduler", HealthStatus.Unhealthy, [ReadyTag])
            .AddCheck<AuthMetadataHealthCheck>("authMetadata", HealthStatus.Unhealthy, [ReadyTag]);
        return services;
    }

    /// <summary>The OpenTelemetry providers of the signals given an exporter: the bot's meter and source and ASP.NET
    /// Core's, with <paramref name="metricsExporter"/> or <paramref name="tracingExporter"/> added. A signal whose
    /// exporter is null gets no provider. Tests pass in-memory exporters here.</summary>
    internal static IServiceCollection AddCommsBotOpenTelemetry(
        this IServiceCollection services,
        IConfiguration configuration,
        Action<MeterProviderBuilder>? metricsExporter,
        Action<TracerProviderBuilder>? tracingExporter)
    {
        if (metricsExporter is null && tracingExporter is null)
        {
            return services;
        }

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName: configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } name ? name : "commsbot"));
        if (metricsExporter is not null)
        {
            telemetry.WithMetrics(metrics =>
            {
                metrics.AddMeter(CommsBotMetrics.MeterName).AddAspNetCoreInstrumentation();
                metricsExporter(metrics);
            });
        }

        if (tracingExporter is not null)
        {
            telemetry.WithTracing(tracing =>
            {
                tracing.AddSource(CommsBotTelemetry.SourceName)
                    .AddAspNetCoreInstrumentation(o => o.Filter = http => !IsProbe(http.Request.Path));
                tracingExporter(tracing);
            });
        }

        return services;
    }

    /// <summary>Maps <c>/readyz</c> and puts the turn telemetry on each adapter. <c>/healthz</c> (liveness, no
    /// dependencies) is mapped by the host.</summary>
    public static WebApplication MapCommsBotOperations(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var middleware = app.Services.GetRequiredService<TurnTelemetryMiddleware>();
        app.Services.GetRequiredService<CommsBotAdapter>().Use(middleware);
        app.Services.GetService<SlackAdapter>()?.Use(middleware);
        app.MapHealthChecks(ReadinessRoute, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResponseWriter = HealthResponseWriter.WriteAsync,
        });
        return app;
    }

    private static bool IsProbe(PathString path) =>
        path.StartsWithSegments(LivenessRoute, StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments(ReadinessRoute, StringComparison.OrdinalIgnoreCase);
}
