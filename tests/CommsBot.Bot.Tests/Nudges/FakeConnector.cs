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
/// first <see cref="ThrottleFirst"/> posts with 429 and a Retry-After, the next ones with the statuses queued in
/// <see cref="FailNext"/>, or hold every post (<see cref="Hang"/>).</summary>
internal sealed class FakeConnector : IAsyncDisposable
{
    private readonly WebApplication app;
    private int throttled;

    private FakeConnector(WebApplication app) => this.app = app;

    public ConcurrentQueue<(string ConversationId, JObject Activity)> Posted { get; } = new();

    /// <summary>Every activity replaced in place (<c>UpdateActivityAsync</c>): conversation, activity id, the new activity.</summary>
    public ConcurrentQueue<(string ConversationId, string ActivityId, JObject Activity)> Updated { get; } = new();

    public int ThrottleFirst { get; set; }

    public int Throttled => throttled;

    /// <summary>Statuses to answer the next posts with, one each (429 comes with Retry-After: 1).</summary>
    public ConcurrentQueue<int> FailNext { get; } = new();

    /// <summary>Answers for one conversation's posts, before anything else: a status and, for a 429, the Retry-After
    /// in seconds (null sends none). Absent or null: the usual handling.</summary>
    public ConcurrentDictionary<string, (int Status, int? RetryAfter)> ByConversation { get; } = new();

    /// <summary>The <c>POST /v3/conversations</c> bodies received (conversation parameters).</summary>
    public ConcurrentQueue<JObject> Created { get; } = new();

    /// <summary>What came in, in order: <c>create</c> for a new conversation, <c>post:{conversation id}</c> for an activity.</summary>
    public ConcurrentQueue<string> Events { get; } = new();

    /// <summary>A status to answer <c>POST /v3/conversations</c> with instead of creating it (403: the app is not
    /// installed for the user).</summary>
    public int? CreateStatus { get; set; }

    /// <summary>Every post is held until the caller gives up.</summary>
    public bool Hang { get; set; }

    /// <summary>Every post received, answered or not.</summary>
    public int Attempts => Volatile.Read(ref attempts);

    private int attempts;

    public string Url => app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/";

    /// <summary>The activities whose Adaptive Card contains <paramref name="text"/>.</summary>
    public List<(string ConversationId, JObject Activity)> Cards(string text) =>
        Posted.Where(p => p.Activity["attachments"]?.ToString(Newtonsoft.Json.Formatting.None).Contains(text, StringComparison.Ordinal) == true).ToList();

    public static async Task<FakeConnector> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.Configure<Microsoft.Extensions.Hosting.HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(1));
        var app = builder.Build();
        var connector = new FakeConnector(app);
        app.MapPost("/v3/conversations", async (HttpRequest request) => await connector.CreateAsync(request)); // not (HttpContext): that lambda is a RequestDelegate, its result dropped
        app.MapPost("/v3/conversations/{id}/activities", async (string id, HttpContext http) => await connector.ReceiveAsync(id, http));
        app.MapPost("/v3/conversations/{id}/activities/{replyTo}", async (string id, HttpContext http) => await connector.ReceiveAsync(id, http));
        app.MapPut("/v3/conversations/{id}/activities/{activityId}", async (string id, string activityId, HttpContext http) =>
        {
            using var reader = new StreamReader(http.Request.Body);
            connector.Updated.Enqueue((Uri.UnescapeDataString(id), Uri.UnescapeDataString(activityId), JObject.Parse(await reader.ReadToEndAsync())));
            return Results.Json(new { id = activityId });
        });
        await app.StartAsync();
        return connector;
    }

    private async Task<IResult> CreateAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var parameters = JObject.Parse(await reader.ReadToEndAsync());
        Created.Enqueue(parameters);
        Events.Enqueue("create");
        if (CreateStatus is { } status)
        {
            return Results.Json(new { error = new { code = "BotNotInConversationRoster", message = "The bot is not part of the conversation roster." } }, statusCode: status);
        }

        return Results.Json(new { id = "a:new-" + (string?)parameters["members"]?[0]?["id"] }, statusCode: 201);
    }

    private async Task<IResult> ReceiveAsync(string id, HttpContext http)
    {
        Interlocked.Increment(ref attempts);
        Events.Enqueue("post:" + Uri.UnescapeDataString(id));
        if (Hang)
        {
            await Task.Delay(Timeout.Infinite, http.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            return Results.StatusCode(504);
        }

        if (ByConversation.TryGetValue(Uri.UnescapeDataString(id), out var scripted))
        {
            if (scripted.RetryAfter is { } seconds)
            {
                http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return Results.StatusCode(scripted.Status);
        }

        if (FailNext.TryDequeue(out var status))
        {
            if (status == 429)
            {
                http.Response.Headers.RetryAfter = "1";
            }

            return Results.StatusCode(status);
        }

        if (Volatile.Read(ref throttled) < ThrottleFirst)
        {
            Interlocked.Increment(ref throttled);
            http.Response.Headers.RetryAfter = "1";
            return Results.StatusCode(429);
        }

        using var reader = new StreamReader(http.Request.Body);
        var activity = JObject.Parse(await reader.ReadToEndAsync());
        var messageId = Guid.NewGuid().ToString("N");
        activity["id"] = messageId; // the id the connector gives the message, as the real one does
        Posted.Enqueue((Uri.UnescapeDataString(id), activity));
        return Results.Json(new { id = messageId });
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
