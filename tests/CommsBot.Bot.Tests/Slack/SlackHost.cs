using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using CommsBot.Bot.Hosting;
using CommsBot.Bot.Slack;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace CommsBot.Bot.Tests.Slack;

/// <summary>The real bot host (<see cref="CommsBotHost.CreateApp"/>) on a loopback port, its Slack Web API pointed at a
/// <see cref="FakeSlackApi"/>, every log line captured, and helpers that send requests signed as Slack signs them.</summary>
internal sealed class SlackHost : IAsyncDisposable
{
    /// <summary>Slack's published example signing secret.</summary>
    public const string Secret = "8f742231b10e8888abcd99yyyzzz85a5";
    public const string BotToken = "xoxb-test-token";
    public const string BotUserId = "UCOMMSBOT";
    public const string Team = "T0TEAM";

    private readonly string dataDirectory;

    private SlackHost(WebApplication app, string dataDirectory, Uri baseUrl)
    {
        App = app;
        this.dataDirectory = dataDirectory;
        Client = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };
    }

    public WebApplication App { get; }

    public HttpClient Client { get; }

    public FakeLogCollector Logs => App.Services.GetFakeLogCollector();

    public static async Task<SlackHost> StartAsync(FakeSlackApi? slack, IDictionary<string, string?>? settings = null)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "commsbot-tests", Guid.NewGuid().ToString("N"));
        var values = new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = dataDirectory,
            ["Bot:AllowLocalMode"] = "true",
            ["Logging:LogLevel:Default"] = "Trace",
            ["Logging:LogLevel:Microsoft"] = "Trace",
            ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Trace",
            ["Logging:LogLevel:Polly"] = "Trace",
        };
        if (slack is not null)
        {
            values["Slack:SigningSecret"] = Secret;
            values["Slack:BotToken"] = BotToken;
            values["Slack:ApiBaseUrl"] = slack.ApiBaseUrl.AbsoluteUri;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var app = CommsBotHost.CreateApp(["--urls=http://127.0.0.1:0"], builder =>
        {
            builder.Configuration.AddInMemoryCollection(values);
            builder.Logging.SetMinimumLevel(LogLevel.Trace).AddFakeLogging();
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new SlackHost(app, dataDirectory, new Uri(address.TrimEnd('/') + "/"));
    }

    public static long Now => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    /// <summary>POSTs a body signed with <paramref name="secret"/> at <paramref name="timestamp"/> (now by default).</summary>
    public Task<HttpResponseMessage> PostSignedAsync(string route, string body, string contentType, long? timestamp = null, string secret = Secret, IDictionary<string, string>? headers = null)
    {
        var ts = (timestamp ?? Now).ToString(CultureInfo.InvariantCulture);
        var signature = SlackSignatureVerifier.Sign(secret, ts, Encoding.UTF8.GetBytes(body));
        var all = new Dictionary<string, string>(headers ?? new Dictionary<string, string>())
        {
            [SlackSignatureVerifier.TimestampHeader] = ts,
            [SlackSignatureVerifier.SignatureHeader] = signature,
        };
        return PostAsync(route, body, contentType, all);
    }

    /// <summary>POSTs raw bytes (which need not be UTF-8), signed now.</summary>
    public Task<HttpResponseMessage> PostSignedBytesAsync(string route, byte[] body, string contentType)
    {
        var ts = Now.ToString(CultureInfo.InvariantCulture);
        return PostAsync(route, body, contentType, new Dictionary<string, string>
        {
            [SlackSignatureVerifier.TimestampHeader] = ts,
            [SlackSignatureVerifier.SignatureHeader] = SlackSignatureVerifier.Sign(Secret, ts, body),
        });
    }

    public Task<HttpResponseMessage> PostAsync(string route, string body, string contentType, IDictionary<string, string>? headers = null) =>
        PostAsync(route, Encoding.UTF8.GetBytes(body), contentType, headers);

    private async Task<HttpResponseMessage> PostAsync(string route, byte[] body, string contentType, IDictionary<string, string>? headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, route.TrimStart('/'))
        {
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await Client.SendAsync(request);
    }

    public Task<HttpResponseMessage> CommandAsync(string text, string channel, Uri responseUrl, string user = "U0USER") =>
        PostSignedAsync(SlackEndpoints.CommandsRoute, SlackPayloads.CommandForm(text, channel, responseUrl, user), SlackPayloads.Form);

    public Task<HttpResponseMessage> EventAsync(JsonObject envelope, IDictionary<string, string>? headers = null) =>
        PostSignedAsync(SlackEndpoints.EventsRoute, envelope.ToJsonString(), "application/json", headers: headers);

    public Task<HttpResponseMessage> InteractionAsync(JsonObject payload) =>
        PostSignedAsync(SlackEndpoints.InteractionsRoute, SlackPayloads.InteractionForm(payload), SlackPayloads.Form);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
