using CommsBot.Bot.Conversations;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CommsBot.Bot.Slack;

/// <summary>Registers the Slack side of the host.</summary>
public static class SlackServiceCollectionExtensions
{
    /// <summary>
    /// Slack's options (validated on start), signature check, replay and retry de-duplication (in the database), the Web API client with its resilience
    /// pipeline, the adapter and turn queue, and the bot Slack talks to: the same <see cref="CommsBotActivityHandler"/>
    /// as Teams, with a <see cref="DraftChecker"/> that renders Block Kit.
    /// </summary>
    public static IServiceCollection AddCommsBotSlack(this IServiceCollection services)
    {
        services.AddOptions<SlackOptions>().BindConfiguration(SlackOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton<SlackSignatureVerifier>();
        services.AddSingleton<SlackReplayGuard>();
        services.AddSingleton<SlackActivityMapper>();
        services.AddSingleton<Cards.BlockKitRenderer>();
        services.AddSingleton<SlackCardRenderer>();
        services.AddKeyedSingleton(SlackAdapter.ChannelId, (sp, _) => ActivatorUtilities.CreateInstance<DraftChecker>(sp, sp.GetRequiredService<SlackCardRenderer>()));
        services.AddKeyedSingleton<IBot>(SlackAdapter.ChannelId, (sp, _) =>
            ActivatorUtilities.CreateInstance<CommsBotActivityHandler>(sp, sp.GetRequiredKeyedService<DraftChecker>(SlackAdapter.ChannelId)));
        services.AddSingleton<SlackAdapter>();
        services.AddSingleton<SlackTurnRunner>();
        services.AddHostedService(sp => sp.GetRequiredService<SlackTurnRunner>());

        services.AddHttpClient<SlackApiClient>((sp, http) =>
            {
                http.BaseAddress = sp.GetRequiredService<IOptions<SlackOptions>>().Value.ApiBase;
                http.Timeout = Timeout.InfiniteTimeSpan; // the resilience pipeline's timeouts govern
            })
            .RemoveAllLoggers() // the default loggers write URIs, and a response_url is a credential
            .AddStandardResilienceHandler(resilience =>
            {
                // Defaults: 3 retries of 429, 408, 5xx and network errors, exponential back-off with jitter, and
                // Retry-After honoured when Slack sends it (it does with every 429).
                resilience.Retry.ShouldRetryAfterHeader = true;
                resilience.AttemptTimeout.Timeout = TimeSpan.FromSeconds(10);
                resilience.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(60);
            });
        return services;
    }
}
