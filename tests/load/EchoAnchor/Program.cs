using CommsBot.Bot.Hosting;
using CommsBot.LoadAnchor;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Newtonsoft.Json.Linq;

// The bare SDK (CloudAdapter, an ActivityHandler) plus the one thing the bot does that the SDK's samples do not:
// connector clients shared across turns. Without it a turn costs about 14 ms of CPU building a client, and the
// comparison says nothing about the bot. Local mode only (no app id): the load script's fake connector is on loopback.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Services.AddHttpClient();
builder.Services.AddSingleton<BotFrameworkAuthentication>(sp => new SharedContractsBotFrameworkAuthentication(
    new ConfigurationBotFrameworkAuthentication(
        sp.GetRequiredService<IConfiguration>(),
        httpClientFactory: sp.GetRequiredService<IHttpClientFactory>(),
        logger: sp.GetRequiredService<ILogger<ConfigurationBotFrameworkAuthentication>>())));
builder.Services.AddSingleton<IBotFrameworkHttpAdapter>(sp => new CloudAdapter(
    sp.GetRequiredService<BotFrameworkAuthentication>(),
    sp.GetRequiredService<ILoggerFactory>().CreateLogger("Microsoft.Bot.Builder.CloudAdapter")));
builder.Services.AddSingleton(_ => JObject.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "anchor-card.json"))));
builder.Services.AddSingleton<IBot, ConstantCardBot>();

var app = builder.Build();
app.MapPost("/api/messages", (HttpContext http, IBotFrameworkHttpAdapter adapter, IBot bot) =>
    adapter.ProcessAsync(http.Request, http.Response, bot, http.RequestAborted));
app.MapGet("/healthz", () => "ok");
await app.RunAsync();
