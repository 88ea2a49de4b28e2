using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Polly;

namespace CommsBot.Bot.Hosting;

/// <summary>
/// The connector calls' resilience pipelines, one per connector host (scheme, host and port), so one host's failures
/// open only its own circuit. Built once per host and kept for the process, as the resilience handler's registry kept
/// them: a circuit's state must outlive the HTTP handlers, which the client factory renews every two minutes.
/// </summary>
internal sealed class ConnectorPipelines(IOptions<BotEndpointOptions> options, ILoggerFactory loggers)
{
    private readonly ConcurrentDictionary<(string Scheme, string Host, int Port), ResiliencePipeline<HttpResponseMessage>> byHost = new();

    public ResiliencePipeline<HttpResponseMessage> For(Uri uri) =>
        byHost.GetOrAdd((uri.Scheme, uri.Host, uri.Port), static (_, self) => self.Build(), this);

    private ResiliencePipeline<HttpResponseMessage> Build()
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { Name = BotServiceCollectionExtensions.ConnectorPipeline };

        // Retries, timeouts and an opening circuit are logged (the Polly category, Warning and above), as before.
        builder.ConfigureTelemetry(loggers);
        BotServiceCollectionExtensions.AddConnectorResilience(builder, options.Value);
        return builder.Build();
    }
}

/// <summary>
/// Sends each connector call through its host's pipeline (<see cref="ConnectorPipelines"/>): the same strategies the
/// resilience handler of Microsoft.Extensions.Http.Resilience ran, without that handler's per-call work around them (a
/// registry lookup by a key built from the request, the context stored in the request's options dictionary, a
/// reloadable pipeline's execution tracking). The context comes from Polly's pool and goes back to it.
/// </summary>
internal sealed class ConnectorResilienceHandler(ConnectorPipelines pipelines) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var uri = request.RequestUri ?? throw new InvalidOperationException("A connector call needs an absolute request URI.");
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            var outcome = await pipelines.For(uri).ExecuteOutcomeAsync(
                static async (context, state) =>
                {
                    try
                    {
                        // a retry sends the same message again, as the resilience handler did
                        return Outcome.FromResult(await state.Handler.SendCoreAsync(state.Request, context.CancellationToken).ConfigureAwait(context.ContinueOnCapturedContext));
                    }
                    catch (Exception e)
                    {
                        return Outcome.FromException<HttpResponseMessage>(e);
                    }
                },
                context,
                (Handler: this, Request: request)).ConfigureAwait(false);
            outcome.ThrowIfException();
            return outcome.Result!;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private Task<HttpResponseMessage> SendCoreAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        base.SendAsync(request, cancellationToken);
}
