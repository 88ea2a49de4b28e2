using CommsBot.Bot.Hosting;

var app = CommsBotHost.CreateApp(args);
await app.RunAsync();

/// <summary>The entry point (public for WebApplicationFactory).</summary>
public partial class Program;
