using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;

namespace CommsBot.Bot.Tests.Nudges;

/// <summary>A Bot Framework connector on loopback: records every activity posted to a conversation. It can answer the
/// first <see cref="ThrottleFirst"/> posts with 429 and a Retry-After.</summary>
internal sealed class FakeConnector : IAsyncDisposable
{
    private readonly WebApplication app;
    private int throttled;

    private FakeConnector(WebApplication app) => this.app = app;

    public ConcurrentQueue<(string ConversationId, JObject Activity)> Posted { get; } = new();

    public int ThrottleFirst { get; set; }

    public int Throttled => throttled;

    public string Url => app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/";

    /// <summary>The activities whose Adaptive Card contains <paramref name="text"/>.</summary>
    public List<(string ConversationId, JObject Activity)> Cards(string text) =>
        Posted.Where(p => p.Activity["attachments"]?.ToString(Newtonsoft.Json.Formatting.None).Contains(text, StringComparison.Ordinal) == true).ToList();

    public static async Task<FakeConnector> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var connector = new FakeConnector(app);
        app.MapPost("/v3/conversations/{id}/activities", async (string id, HttpContext http) => await connector.ReceiveAsync(id, http));
        app.MapPost("/v3/conversations/{id}/activities/{replyTo}", async (string id, HttpContext http) => await connector.ReceiveAsync(id, http));
        await app.StartAsync();
        return connector;
    }

    private async Task<IResult> ReceiveAsync(string id, HttpContext http)
    {
        if (Volatile.Read(ref throttled) < ThrottleFirst)
        {
            Interlocked.Increment(ref throttled);
            http.Response.Headers.RetryAfter = "1";
            return Results.StatusCode(429);
        }

        using var reader = new StreamReader(http.Request.Body);
        Posted.Enqueue((Uri.UnescapeDataString(id), JObject.Parse(await reader.ReadToEndAsync())));
        return Results.Json(new { id = Guid.NewGuid().ToString("N") });
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
