using CommsBot.Bot.Channels;
using CommsBot.Bot.Conversations;
using CommsBot.Bot.Nudges;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace CommsBot.Bot.Slack;

/// <summary>Registers the Slack side of the host.</summary>
public static class SlackServiceCollectionExtensions
{
    /// <summary>
    /// Slack's options (validated on start), signature check, replay and retry de-duplication (in the database), the Web API client with its resilience
    /// pipeline, the adapter and turn queue, and Slack's cards (Block Kit) and nudge sender, keyed by the channel id.
    /// Slack turns run through the same <see cref="CommsBotActivityHandler"/> as Teams.
    /// </summary>
    public static IServiceCollection AddCommsBotSlack(this IServiceCollection services)
    {
        services.AddOptions<SlackOptions>().BindConfiguration(SlackOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton<SlackSignatureVerifier>();
        services.AddSingleton<SlackReplayGuard>();
        services.AddSingleton<SlackActivityMapper>();
        services.TryAddSingleton<Cards.BlockKitRenderer>();
        services.AddKeyedSingleton<IChannelCards, SlackCards>(SlackAdapter.ChannelId);
        services.AddKeyedTransient<INudgeSender, SlackNudgeSender>(SlackAdapter.ChannelId);
        services.AddKeyedTransient(SlackAdapter.ChannelId, (sp, _) => sp.GetRequiredService<IBot>()); // the same bot as Teams
        services.AddSingleton<SlackAdapter>();
        services.AddSingleton<SlackTurns>();
        services.AddSingleton<SlackCommandAnswers>();
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

                // The outbox's 429s come back at once: the dispatcher pauses that channel for the Retry-After.
                resilience.Retry.ShouldHandle = args => ValueTask.FromResult(OutboxRequests.IsTransient(args.Outcome));
                resilience.CircuitBreaker.ShouldHandle = args => ValueTask.FromResult(OutboxRequests.IsTransient(args.Outcome));
                resilience.AttemptTimeout.Timeout = TimeSpan.FromSeconds(10);
                resilience.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(60);
            });
        return services;
    }
}
