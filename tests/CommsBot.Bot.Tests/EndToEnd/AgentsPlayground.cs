using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;
using Newtonsoft.Json.Linq;

namespace CommsBot.Bot.Tests.EndToEnd;

/// <summary>
/// The Microsoft 365 Agents Playground (npm, installed in tests/e2e), started headless on a free loopback port and
/// pointed at a bot: a Teams-like client and connector. Messages go in over its HTTP API; the bot's replies come back
/// over its WebSocket.
/// </summary>
internal sealed class AgentsPlayground : IAsyncDisposable
{
    private readonly Process process;
    private readonly ClientWebSocket socket = new();
    private readonly Channel<JObject> messages = Channel.CreateUnbounded<JObject>();
    private readonly CancellationTokenSource stopping = new();
    private readonly StringBuilder output = new();
    private readonly string workingDirectory;
    private Task? receiving;

    private AgentsPlayground(Process process, int port, string workingDirectory)
    {
        this.process = process;
        this.workingDirectory = workingDirectory;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(30) };
        Port = port;
    }

    public HttpClient Http { get; }

    public int Port { get; }

    public string UserId { get; private set; } = "";

    public string PersonalChatId { get; private set; } = "";

    public string Output { get { lock (output) { return output.ToString(); } } }

    public static async Task<AgentsPlayground> StartAsync(string botEndpoint, CancellationToken cancellationToken)
    {
        var e2e = Prerequisites.E2eDirectory;
        var cli = Path.Combine(e2e, "node_modules", "@microsoft", "m365agentsplayground", "cli.js");

        var port = FreePort();
        var workingDirectory = Directory.CreateTempSubdirectory("commsbot-playground-").FullName;
        var start = new ProcessStartInfo(Prerequisites.NodePath!)
        {
            WorkingDirectory = workingDirectory, // it writes devTools/ logs here
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            "-r", Path.Combine(e2e, "listen-loopback.js"), cli, "start",
            "-e", botEndpoint, "-c", "msteams", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--su", $"http://127.0.0.1:{port}/_connector", "--disable-telemetry",
        })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["TEAMSAPPTESTER_BROWSER"] = "none";
        start.Environment["BROWSER"] = "none";
        var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var playground = new AgentsPlayground(process, port, workingDirectory);
        process.OutputDataReceived += (_, e) => playground.Append(e.Data);
        process.ErrorDataReceived += (_, e) => playground.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await playground.WaitUntilReadyAsync(cancellationToken);
        }
        catch
        {
            await playground.DisposeAsync();
            throw;
        }

        return playground;
    }

    /// <summary>The user sends a message in the personal chat.</summary>
    public async Task SendPersonalMessageAsync(string text, CancellationToken cancellationToken)
    {
        using var response = await Http.PostAsJsonAsync(
            $"_conversation/v1/conversations/{PersonalChatId}/messages",
            new { from = new { id = UserId }, text, textFormat = "plain" },
            cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The user clicks an Action.Submit button on a card the bot sent.</summary>
    public async Task SubmitAsync(string replyToId, JObject value, CancellationToken cancellationToken)
    {
        var body = new JObject
        {
            ["conversation"] = new JObject { ["id"] = PersonalChatId },
            ["replyToId"] = replyToId,
            ["from"] = new JObject { ["id"] = UserId },
            ["value"] = value,
        };
        using var response = await Http.PostAsync("_conversation/v1/submit", new StringContent(body.ToString(), Encoding.UTF8, "application/json"), cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Sends an invoke (a message extension, Action.Execute) and returns the bot's invoke response body.</summary>
    public async Task<JObject> InvokeAsync(string name, JObject value, CancellationToken cancellationToken)
    {
        var body = new JObject
        {
            ["name"] = name,
            ["from"] = new JObject { ["id"] = UserId },
            ["conversation"] = new JObject { ["id"] = PersonalChatId },
            ["value"] = value,
        };
        using var response = await Http.PostAsync("_conversation/v1/invoke", new StringContent(body.ToString(), Encoding.UTF8, "application/json"), cancellationToken);
        response.EnsureSuccessStatusCode();
        return JObject.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
    }

    /// <summary>The next message the bot created in any conversation, as the playground's client sees it.</summary>
    public async Task<JObject> NextBotMessageAsync(CancellationToken cancellationToken) => await messages.Reader.ReadAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        if (socket.State == WebSocketState.Open)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException)
            {
            }
        }

        socket.Dispose();
        if (receiving is not null)
        {
            await Task.WhenAny(receiving, Task.Delay(2000));
        }

        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        Http.Dispose();
        stopping.Dispose();
        try
        {
            Directory.Delete(workingDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(60));
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The playground exited with code {process.ExitCode}:\n{Output}");
            }

            try
            {
                using var ping = await Http.GetAsync("_debug/ping", deadline.Token);
                if (ping.StatusCode == HttpStatusCode.OK)
                {
                    break;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"The playground did not answer /_debug/ping within 60 s:\n{Output}");
            }

            await Task.Delay(200, deadline.Token);
        }

        var config = JObject.Parse(await Http.GetStringAsync("_internal/v1/config", deadline.Token))["config"]!;
        UserId = (string)config["currentUser"]!["id"]!;
        PersonalChatId = (string)config["personalChat"]!["id"]!;

        await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{Port}/_ws_conversation/v1/conversations/stream"), deadline.Token);
        receiving = Task.Run(ReceiveAsync, CancellationToken.None);
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[64 * 1024];
        using var frame = new MemoryStream();
        try
        {
            while (!stopping.IsCancellationRequested && socket.State == WebSocketState.Open)
            {
                var result = await socket.ReceiveAsync(buffer, stopping.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                frame.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage)
                {
                    continue;
                }

                var json = JObject.Parse(Encoding.UTF8.GetString(frame.GetBuffer(), 0, (int)frame.Length));
                frame.SetLength(0);
                if ((string?)json["action"] == "createMessage" && json["message"] is JObject message)
                {
                    messages.Writer.TryWrite(message);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
        }
        finally
        {
            messages.Writer.TryComplete();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
