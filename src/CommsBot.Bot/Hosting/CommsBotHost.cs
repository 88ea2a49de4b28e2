using CommsBot.Bot.Nudges;
using CommsBot.Bot.Operations;
using CommsBot.Bot.Reviews;
using CommsBot.Bot.Slack;
using CommsBot.Bot.Web;
using CommsBot.Cards;
using CommsBot.Guidelines;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace CommsBot.Bot.Hosting;

/// <summary>Builds the web application: configuration, services, the /api/messages endpoint.</summary>
public static class CommsBotHost
{
    public const string DefaultUrl = "http://localhost:3978";

    /// <summary>Builds the app. The content root is the application's base directory, where the top-level
    /// appsettings.json is copied at build time, so the bot reads the same settings from any working directory.</summary>
    public static WebApplication CreateApp(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });

        // Where to listen: --urls, ASPNETCORE_URLS (or Urls), ASPNETCORE_HTTP_PORTS; with none of them, localhost:3978.
        // The default lives here, not in appsettings.json, where it would outrank ASPNETCORE_URLS.
        if (new[] { WebHostDefaults.ServerUrlsKey, WebHostDefaults.HttpPortsKey, WebHostDefaults.HttpsPortsKey }
            .All(key => string.IsNullOrWhiteSpace(builder.Configuration[key])))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.Services.AddCommsBotHost();
        builder.Services.AddCommsBotKeyRingProtection(builder.Configuration);
        builder.Services.AddCommsBotOperations(builder.Configuration);
        builder.Services.AddOptions<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>()
            .Configure<IOptions<BotEndpointOptions>>((kestrel, bot) => kestrel.Limits.MaxRequestBodySize = bot.Value.MaxRequestBodyBytes);
        configure?.Invoke(builder);
        builder.Services.AddCommsBotNudgeScheduler(builder.Configuration);

        var app = builder.Build();
        RequireAuthenticationOutsideDevelopment(app);

        // Fail at start-up, not mid-conversation: a bad rule pack or missing card template stops the host here.
        WarmUp(app.Services.GetRequiredService<DraftReviewer>(), app.Services.GetRequiredService<AdaptiveCardRenderer>());

        app.UseRateLimiter(); // the one call: policies (e.g. /api/evaluate's) are added where their endpoints are
        app.MapPost(BotEndpoint.Route, BotEndpoint.HandleAsync);
        app.MapCommsBotSlack();
        app.MapCommsBotWeb();
        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapCommsBotOperations(); // /readyz, turn telemetry
        app.Lifetime.ApplicationStarted.Register(() => PrintBanner(app));
        return app;
    }

    /// <summary>Local mode (no app id) answers anyone who can reach the port. That is what a developer wants on a
    /// laptop (the Development environment, which <c>dotnet run</c> selects through the launch profile), and never what
    /// a deployment that forgot its app id should do: outside Development it takes <c>Bot:AllowLocalMode</c>, and
    /// then a warning at every start.</summary>
    private static void RequireAuthenticationOutsideDevelopment(WebApplication app)
    {
        if (app.Environment.IsDevelopment() || !app.Services.GetRequiredService<IOptions<BotAuthenticationOptions>>().Value.IsLocalMode)
        {
            return;
        }

        if (!app.Services.GetRequiredService<IOptions<BotEndpointOptions>>().Value.AllowLocalMode)
        {
            throw new CommsBotStartupException(
                $"MicrosoftAppId is empty, which is local mode (requests are not authenticated), and the environment is {app.Environment.EnvironmentName}, not Development. " +
                "Set MicrosoftAppId, MicrosoftAppPassword and MicrosoftAppTenantId (environment variables or a secret store) to require Bot Framework tokens, " +
                "or set Bot__AllowLocalMode=true to run unauthenticated on purpose (replies then go only to a serviceUrl on this machine).");
        }

        Log.LocalModeAllowed(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(CommsBotHost).FullName!), app.Environment.EnvironmentName);
    }

    /// <summary>One review and render before the first request, so its user does not wait for JIT and regex
    /// compilation (about a second).</summary>
    private static void WarmUp(DraftReviewer reviewer, AdaptiveCardRenderer renderer)
    {
        const string sample = "Swipe up to save 20% with code WARMUP. Great day at the clinic with our amazing NPs!";
        var context = new DraftContext(AccountKind.Professional, Platform.X);
        renderer.RenderReview(reviewer.Review(sample, context), new CardContext(sample, context));
    }

    private static void PrintBanner(WebApplication app)
    {
        var addresses = app.Services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses;
        var url = addresses?.FirstOrDefault() ?? DefaultUrl;
        var endpoint = url.TrimEnd('/') + BotEndpoint.Route;
        var local = app.Services.GetRequiredService<IOptions<BotAuthenticationOptions>>().Value.IsLocalMode;
        var preview = app.Services.GetRequiredService<PreviewAssets>().HasRenderer
            ? "paste a draft and see the Teams card and the Slack message."
            : "this build has no card renderer (npm was missing when it was built); the page says how to add it.";
        Console.WriteLine($$"""

            CommsBot is listening: POST {{endpoint}}
            {{(local ? "Local mode: MicrosoftAppId is empty, so requests are not authenticated; replies go only to a serviceUrl on this machine." : "MicrosoftAppId is set: requests need a Bot Framework token.")}}

            Talk to it in the Microsoft 365 Agents Playground (a Teams-like client in your browser):
              npx -y -p @microsoft/m365agentsplayground@0.2.28 agentsplayground -e {{endpoint}} -c msteams
            (installed once, then offline: npm ci --prefix tests/e2e, then tests/e2e/node_modules/.bin/agentsplayground with the same options)

            Or open {{url.TrimEnd('/')}}/ in a browser: {{preview}}
            The REST API is POST {{url.TrimEnd('/')}}/api/evaluate (OpenAPI: {{url.TrimEnd('/')}}/openapi/v1.json).

            Or send one draft and get the card back in the HTTP response:
              curl -s {{endpoint}} -H 'Content-Type: application/json' -d '{"type":"message","deliveryMode":"expectReplies","channelId":"msteams","serviceUrl":"http://localhost","conversation":{"id":"local","conversationType":"personal"},"from":{"id":"user"},"recipient":{"id":"bot"},"text":"Swipe up to save 20% with code DOCTOR"}'

            """);
    }
}
