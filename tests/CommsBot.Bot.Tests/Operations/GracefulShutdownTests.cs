using Microsoft.Extensions.DependencyInjection;
using System.Net.Http.Json;
using CommsBot.Bot.Hosting;
using CommsBot.Bot.Tests.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Newtonsoft.Json.Linq;

namespace CommsBot.Bot.Tests.Operations;

/// <summary>The real host on loopback (Kestrel, not the test server): stopping it lets the turn in flight finish.</summary>
public sealed class GracefulShutdownTests
{
    [Fact]
    public async Task StopAsync_WithATurnInFlight_TheTurnCompletesAndItsReplyArrives()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "commsbot-tests", Guid.NewGuid().ToString("N"));
        var slow = new SlowBot();
        var app = CommsBotHost.CreateApp(
            ["--urls", "http://127.0.0.1:0", "--Bot:AllowLocalMode", "true", "--Storage:DataDirectory", dataDirectory, "--Operations:ShutdownTimeout", "00:00:20", "--Logging:LogLevel:Default", "Warning"],
            b => b.Services.AddSingleton<IBot>(slow));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Assert.Equal(TimeSpan.FromSeconds(20), app.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout);

        using var client = new HttpClient { BaseAddress = new Uri(address) };
        var turn = client.PostAsync("/api/messages", Activities.Json(Activities.PersonalMessage("a slow turn")));
        await slow.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));

        var stopping = app.StopAsync();
        await Task.Delay(300);
        Assert.False(stopping.IsCompleted, "the host stopped before the turn in flight finished");
        slow.Release.SetResult();

        using var response = await turn.WaitAsync(TimeSpan.FromSeconds(30));
        response.EnsureSuccessStatusCode();
        var body = JObject.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("finished", (string?)body["activities"]![0]!["text"]);
        await stopping.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(slow.Completed);
        await app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    private sealed class SlowBot : IBot
    {
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Completed { get; private set; }

        public async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
        {
            Entered.TrySetResult();
            await Release.Task.ConfigureAwait(false);
            await turnContext.SendActivityAsync("finished", cancellationToken: CancellationToken.None).ConfigureAwait(false);
            Completed = true;
        }
    }
}
