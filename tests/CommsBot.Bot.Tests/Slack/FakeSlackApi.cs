using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CommsBot.Bot.Tests.Slack;

/// <summary>One request the fake Slack received.</summary>
internal sealed record SlackCall(string Method, string? Authorization, JsonObject Body, DateTimeOffset At)
{
    public string Text => Body.ToJsonString();

    public string? Channel => (string?)Body["channel"];
}

/// <summary>
/// A minimal Slack Web API on loopback: <c>POST /api/{method}</c> (Bearer-authenticated chat.* calls) and
/// <c>POST /hooks/{id}</c> (response URLs). Records every call and answers <c>{"ok":true}</c> (conversations.open: the
/// DM <c>D{user id}</c>), unless a test scripted another answer for a method.
/// </summary>
internal sealed class FakeSlackApi : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<SlackCall> calls = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Func<JsonObject, IResult?>>> scripts = new();
    private int ts;

    private FakeSlackApi(WebApplication app)
    {
        this.app = app;
    }

    public Uri BaseUrl { get; private set; } = null!;

    public Uri ApiBaseUrl => new(BaseUrl, "api/");

    public IReadOnlyList<SlackCall> Calls => [.. calls];

    public static async Task<FakeSlackApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var fake = new FakeSlackApi(builder.Build());
        fake.app.MapPost("/api/{method}", (string method, HttpContext http) => fake.RecordAsync(method, http));
        fake.app.MapPost("/hooks/{id}", (string id, HttpContext http) => fake.RecordAsync("response_url:" + id, http));
        await fake.app.StartAsync();
        var address = fake.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.BaseUrl = new Uri(address.TrimEnd('/') + "/");
        return fake;
    }

    public Uri ResponseUrl(string id) => new(BaseUrl, "hooks/" + id);

    /// <summary>The next call of <paramref name="method"/> for which <paramref name="answer"/> returns a result gets
    /// that result instead of ok (one use; return null to pass a call through).</summary>
    public void Script(string method, Func<JsonObject, IResult?> answer) =>
        scripts.GetOrAdd(method, _ => new ConcurrentQueue<Func<JsonObject, IResult?>>()).Enqueue(answer);

    /// <summary>Waits until <paramref name="count"/> calls match, and returns them.</summary>
    public async Task<IReadOnlyList<SlackCall>> WaitForAsync(Func<SlackCall, bool> match, int count = 1, double seconds = 10)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var found = calls.Where(match).ToList();
            if (found.Count >= count)
            {
                return found;
            }

            if (clock.Elapsed.TotalSeconds > seconds)
            {
                throw new TimeoutException($"Expected {count} matching Slack calls within {seconds} s; got {found.Count} of {calls.Count} calls: {string.Join(", ", calls.Select(c => c.Method + " " + c.Channel))}");
            }

            await Task.Delay(20);
        }
    }

    public Task<SlackCall> WaitForOneAsync(Func<SlackCall, bool> match, double seconds = 10) =>
        WaitForAsync(match, 1, seconds).ContinueWith(t => t.Result[0], TaskScheduler.Default);

    private async Task<IResult> RecordAsync(string method, HttpContext http)
    {
        var body = await JsonNode.ParseAsync(http.Request.Body) as JsonObject ?? [];
        calls.Enqueue(new SlackCall(method, http.Request.Headers.Authorization.ToString(), body, DateTimeOffset.UtcNow));
        var key = method.StartsWith("response_url:", StringComparison.Ordinal) ? "response_url" : method;
        if (scripts.TryGetValue(key, out var queue) && queue.TryPeek(out var script) && script(body) is { } scripted)
        {
            queue.TryDequeue(out _);
            return scripted;
        }

        if (key == "response_url")
        {
            return Results.Text("ok");
        }

        if (method == "conversations.open")
        {
            // The app's DM with the user: a D channel id derived from the user id, so a test knows it.
            return Results.Json(new JsonObject { ["ok"] = true, ["channel"] = new JsonObject { ["id"] = "D" + (string?)body["users"] } });
        }

        var id = Interlocked.Increment(ref ts);
        return Results.Json(new JsonObject { ["ok"] = true, ["channel"] = (string?)body["channel"], ["ts"] = $"1700000000.{id:D6}" });
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
