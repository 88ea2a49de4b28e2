using CommsBot.Bot.Channels;
using CommsBot.Bot.Conversations;
using CommsBot.Bot.Nudges;
using CommsBot.Bot.Reviews;
using CommsBot.Bot.Slack;
using CommsBot.Bot.Storage;
using CommsBot.Bot.Web;
using CommsBot.Cards;
using CommsBot.Guidelines;
using CommsBot.Guidelines.Learned;
using CommsBot.Guidelines.Pack;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace CommsBot.Bot.Hosting;

/// <summary>The bot host's registrations.</summary>
public static class BotServiceCollectionExtensions
{
    /// <summary>The HttpClient the connector clients (replies, proactive messages) are built on.</summary>
    internal const string ConnectorHttpClient = "CommsBot.BotConnector";

    /// <summary>Everything the bot needs: options (validated on start), the evaluator, the card renderer, the Bot
    /// Framework adapter and handler, and storage.</summary>
    public static IServiceCollection AddCommsBotHost(this IServiceCollection services)
    {
        services.AddOptions<BotAuthenticationOptions>()
            .Configure<IConfiguration>((options, configuration) => configuration.Bind(options))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<BotEndpointOptions>().BindConfiguration(BotEndpointOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<GuidelinesOptions>().BindConfiguration(GuidelinesOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient();
        services.AddHttpClient(ConnectorHttpClient, http => http.Timeout = Timeout.InfiniteTimeSpan) // the pipeline's timeouts govern
            // The factory's two logging handlers wrap every reply in a log scope and request/response lines at
            // Information and Trace, which the bot never writes (System.Net.Http.HttpClient is at Warning): a cost
            // per turn for nothing. Retries and failures are still logged by the resilience pipeline.
            .RemoveAllLoggers()
            .AddHttpMessageHandler<ConnectorResilienceHandler>(); // one pipeline, and circuit, per connector host
        services.TryAddSingleton<ConnectorPipelines>();
        services.TryAddTransient<ConnectorResilienceHandler>();

        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<GuidelinesOptions>>().Value;
            var packPath = string.IsNullOrWhiteSpace(options.PackPath) ? null : Path.GetFullPath(options.PackPath, AppContext.BaseDirectory);
            var secondOpinion = options.Learned ? LearnedSecondOpinion.Shared : null;
            var pack = RulePack.Load(packPath);
            var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DraftReviewer).FullName!);
            pack.PatternDisabled += (_, e) => Log.PatternDisabled(logger, string.Join(",", e.RuleIds), e.Pattern);
            return new DraftReviewer(pack, new DraftLimits { MaxLength = options.MaxDraftLength }, secondOpinion);
        });
        services.TryAddSingleton(_ => CardTemplates.Load());
        services.AddSingleton<AdaptiveCardRenderer>();
        services.AddSingleton<TeamsCards>();
        services.AddSingleton<ChannelCards>();
        services.AddSingleton<DraftChecker>();
        services.AddSingleton<ConversationReferences>();
        services.AddSingleton<FalsePositiveReports>();
        services.AddSingleton<CardActionHandler>();
        services.AddSingleton<CommandHandler>();
        services.TryAddSingleton<Operations.UsageReportService>();
        services.AddOptions<Operations.ReportOptions>().BindConfiguration(Operations.ReportOptions.Section);

        services.AddSingleton<BotFrameworkAuthentication>(sp =>
        {
            var auth = sp.GetRequiredService<IOptions<BotAuthenticationOptions>>().Value;
            var endpoint = sp.GetRequiredService<IOptions<BotEndpointOptions>>().Value;
            if (!auth.IsLocalMode)
            {
                // Before the SDK validates its first token: its metadata managers then fetch with our client.
                OpenIdMetadata.FetchTimeout = endpoint.OpenIdMetadataTimeout;
                OpenIdMetadata.Prime(auth.ChannelMetadataUrl);
                OpenIdMetadata.Prime(auth.EmulatorMetadataUrl);
            }

            var settings = new ConfigurationBuilder().AddInMemoryCollection(auth.ToSdkSettings()).Build();
            return new SharedContractsBotFrameworkAuthentication(
                new ConfigurationBotFrameworkAuthentication(
                    settings,
                    httpClientFactory: new NamedHttpClientFactory(sp.GetRequiredService<IHttpClientFactory>(), ConnectorHttpClient),
                    logger: sp.GetRequiredService<ILogger<ConfigurationBotFrameworkAuthentication>>()),
                endpoint.AuthenticationTimeout,
                sp.GetRequiredService<ILogger<CommsBotAdapter>>());
        });
        services.AddSingleton<CommsBotAdapter>();
        services.AddSingleton<CloudAdapter>(sp => sp.GetRequiredService<CommsBotAdapter>());
        services.AddSingleton<IBotFrameworkHttpAdapter>(sp => sp.GetRequiredService<CommsBotAdapter>());
        services.AddTransient<IBot, CommsBotActivityHandler>();

        services.AddCommsBotStorage();
        services.AddCommsBotSlack();
        services.AddCommsBotNudges();
        services.AddCommsBotReviews();
        services.AddCommsBotWeb();
        return services;
    }

    /// <summary>The connector client's resilience pipeline (its name in Polly's logs and metrics).</summary>
    internal const string ConnectorPipeline = "connector";

    /// <summary>
    /// The connector calls' pipeline: the standard handler's strategies with its option types and defaults, less its
    /// concurrency limiter. 429, 408, 5xx and network errors are retried with jittered exponential back-off from 1 s,
    /// or after the connector's Retry-After; each attempt and the whole call are bounded; one circuit per connector
    /// host. The standard handler's limiter (1,000 calls at once per host, none queued) never binds here and cost
    /// every reply a lease and a layer of the pipeline: replies are bounded by the inbound requests that make them,
    /// and nudges by the outbox's own per-conversation and per-tenant buckets (<see cref="Nudges.NudgeRateLimiter"/>).
    /// </summary>
    internal static void AddConnectorResilience(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, BotEndpointOptions bot)
    {
        var retry = new HttpRetryStrategyOptions
        {
            ShouldRetryAfterHeader = true,
            Delay = TimeSpan.FromSeconds(1),
        };
        if (bot.ConnectorRetries == 0)
        {
            retry.ShouldHandle = _ => Polly.PredicateResult.False();
        }
        else
        {
            retry.MaxRetryAttempts = bot.ConnectorRetries;
            retry.ShouldHandle = args => ValueTask.FromResult(OutboxRequests.IsTransient(args.Outcome));
        }

        pipeline
            .AddTimeout(new HttpTimeoutStrategyOptions { Timeout = bot.ConnectorTotalTimeout, Name = "TotalRequestTimeout" })
            .AddRetry(retry)
            .AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
            {
                // A nudge's 429 is the connector pacing the outbox, which pauses that conversation: not a failure.
                ShouldHandle = args => ValueTask.FromResult(OutboxRequests.IsTransient(args.Outcome)),
                SamplingDuration = TimeSpan.FromTicks(Math.Max(TimeSpan.FromSeconds(30).Ticks, 2 * bot.ConnectorAttemptTimeout.Ticks)),
            })
            .AddTimeout(new HttpTimeoutStrategyOptions { Timeout = bot.ConnectorAttemptTimeout, Name = "AttemptTimeout" });
    }

    /// <summary>The SDK asks its factory for the default client; it gets the connector's, with the resilience pipeline.</summary>
    private sealed class NamedHttpClientFactory(IHttpClientFactory inner, string name) : IHttpClientFactory
    {
        public HttpClient CreateClient(string _) => inner.CreateClient(name);
    }
}
