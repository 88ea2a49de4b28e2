using CommsBot.Bot.Hosting;

try
{
    var app = CommsBotHost.CreateApp(args);
    await app.RunAsync();
    return 0;
}
catch (CommsBotStartupException e)
{
    // A clear line and a non-zero exit, rather than an unhandled exception (SIGABRT) that a restart policy loops on.
    Console.Error.WriteLine("CommsBot did not start: " + e.Message);
    return 1;
}

/// <summary>The entry point (public for WebApplicationFactory).</summary>
public partial class Program;
