using System.Net;
using System.Text.Json;
using CommsBot.Bot.Hosting;
using CommsBot.Bot.Storage;
using CommsBot.Bot.Tests.Nudges;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace CommsBot.Bot.Tests.Hosting;

/// <summary>Local mode (no MicrosoftAppId) is for a developer's machine: outside Development it needs an explicit
/// opt-in, and it never replies to (or stores) a service URL that is not on this machine.</summary>
public sealed class LocalModeTests
{
    [Fact]
    public async Task BotProcess_ProductionWithoutAppIdOrOptIn_ExitsWithAClearMessage()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var data = Path.Combine(Path.GetTempPath(), "commsbot-tests", Guid.NewGuid().ToString("N"));
        await using var bot = BotProcess.Start(new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_ENVIRONMENT"] = null,
            ["Urls"] = $"http://127.0.0.1:{BotProcess.FreePort()}",
            ["Storage__DataDirectory"] = data,
            ["MicrosoftAppId"] = "",
            ["Bot__AllowLocalMode"] = null,
        });

        Assert.True(await bot.ExitedWithinAsync(TimeSpan.FromSeconds(60)), "the bot kept running in Production without an app id: " + bot.Output);

        Assert.Equal(1, bot.Process.ExitCode);
        Assert.Contains("CommsBot did not start: MicrosoftAppId is empty", bot.Output, StringComparison.Ordinal);
        Assert.Contains("Bot__AllowLocalMode=true", bot.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", bot.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostMessage_ProductionWithOptIn_RefusesAServiceUrlNotOnThisMachineWithoutConnecting()
    {
        await using var connector = await FakeConnector.StartAsync();
        var port = new Uri(connector.Url).Port;
        var data = Path.Combine(Path.GetTempPath(), "commsbot-tests", Guid.NewGuid().ToString("N"));
        await using var app = CommsBotHost.CreateApp(
            ["--urls=http://127.0.0.1:0", "--environment=Production", "--Bot:AllowLocalMode=true", "--Guidelines:Learned=false", $"--Storage:DataDirectory={data}"],
            b => b.Logging.SetMinimumLevel(LogLevel.Debug).AddFakeLogging());
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()) };

        // This machine's own name resolves to an address the fake listens on, but it is not a loopback URL; .invalid
        // resolves nowhere. Neither may be tried.
        foreach (var serviceUrl in new[] { $"http://{Dns.GetHostName()}:{port}/", "http://anything.invalid/", $"https://example.org:{port}/" })
        {
            var activity = Activities.PersonalMessage("Swipe up to save 20% with code DOCTOR", expectReplies: false, serviceUrl: serviceUrl);
            activity["conversation"]!["id"] = "a:remote";
            using var response = await client.PostAsync("/api/messages", Activities.Json(activity));

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Contains("serviceUrl on this machine", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        Assert.Empty(connector.Posted);
        Assert.Null(await app.Services.GetRequiredService<IBotStore>().GetConversationReferenceAsync("msteams", "a:remote", default));

        // The same draft to the fake on loopback is answered.
        using (var local = await client.PostAsync("/api/messages", Activities.Json(Activities.PersonalMessage("Swipe up to save 20% with code DOCTOR", expectReplies: false, serviceUrl: connector.Url))))
        {
            Assert.Equal(HttpStatusCode.OK, local.StatusCode);
        }

        Assert.Single(connector.Cards("undisclosed-partnership"));
        Assert.Contains(app.Services.GetFakeLogCollector().GetSnapshot(), l => l.Level == LogLevel.Warning && l.Message.StartsWith("Local mode in the Production environment", StringComparison.Ordinal));
        await app.StopAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    [Fact]
    public void LaunchProfile_DotnetRun_StartsInDevelopment()
    {
        var settings = Path.Combine(Deploy.RepoFiles.Root, "src", "CommsBot.Bot", "Properties", "launchSettings.json");

        using var json = JsonDocument.Parse(File.ReadAllText(settings));

        // dotnet run takes the first profile: Development is what lets local mode start without the opt-in.
        var first = json.RootElement.GetProperty("profiles").EnumerateObject().First().Value;
        Assert.Equal("Project", first.GetProperty("commandName").GetString());
        Assert.Equal("Development", first.GetProperty("environmentVariables").GetProperty("ASPNETCORE_ENVIRONMENT").GetString());
        Assert.False(first.TryGetProperty("applicationUrl", out _), "the URL comes from appsettings.json (Urls), as for the published bot");
    }
}
