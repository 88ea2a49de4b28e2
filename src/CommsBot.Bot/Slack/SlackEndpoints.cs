using Microsoft.Extensions.Options;

namespace CommsBot.Bot.Slack;

/// <summary>
/// POST /api/slack/commands, /api/slack/events and /api/slack/interactions: one route group whose
/// <see cref="SlackRequestFilter"/> reads and verifies every body before a handler runs
/// (<see cref="SlackCommandEndpoint"/>, <see cref="SlackEventEndpoint"/>, <see cref="SlackInteractionEndpoint"/>).
/// Mapped only when a signing secret is configured (404 otherwise).
/// </summary>
public static class SlackEndpoints
{
    public const string GroupRoute = "/api/slack";
    public const string CommandsRoute = GroupRoute + "/commands";
    public const string EventsRoute = GroupRoute + "/events";
    public const string InteractionsRoute = GroupRoute + "/interactions";
    public const string RetryNumHeader = "X-Slack-Retry-Num";
    public const string RetryReasonHeader = "X-Slack-Retry-Reason";

    /// <summary>Maps the endpoints when Slack is configured; renders every Block Kit template once first, so a
    /// broken one stops the host at start-up.</summary>
    public static WebApplication MapCommsBotSlack(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.Services.GetRequiredService<IOptions<SlackOptions>>().Value;
        var logger = app.Services.GetRequiredService<ILogger<SlackAdapter>>();
        if (!options.Enabled)
        {
            Log.SlackDisabled(logger);
            return app;
        }

        app.Services.GetRequiredKeyedService<Channels.IChannelCards>(SlackAdapter.ChannelId);
        var slack = app.MapGroup(GroupRoute).AddEndpointFilter<SlackRequestFilter>();
        slack.MapPost(CommandsRoute[GroupRoute.Length..], SlackCommandEndpoint.HandleAsync);
        slack.MapPost(EventsRoute[GroupRoute.Length..], SlackEventEndpoint.HandleAsync);
        slack.MapPost(InteractionsRoute[GroupRoute.Length..], SlackInteractionEndpoint.HandleAsync);
        Log.SlackEnabled(logger, options.ApiBase.Host);
        return app;
    }
}
