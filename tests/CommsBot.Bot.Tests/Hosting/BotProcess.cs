using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CommsBot.Bot.Tests.Hosting;

/// <summary>The built bot (CommsBot.Bot.dll) as its own process, configured by environment variables only, as a
/// container or App Service runs it; its output is captured.</summary>
internal sealed class BotProcess : IAsyncDisposable
{
    private readonly StringBuilder output = new();

    private BotProcess(Process process) => Process = process;

    public Process Process { get; }

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public static string BotDll => Path.Combine(Path.GetDirectoryName(typeof(CommsBot.Bot.Hosting.CommsBotHost).Assembly.Location)!, "CommsBot.Bot.dll");

    /// <summary>Starts the bot with <paramref name="environment"/>; variables set to null are removed.</summary>
    public static BotProcess Start(IDictionary<string, string?> environment)
    {
        var start = new ProcessStartInfo("dotnet", [BotDll])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.Environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = "";
        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        var bot = new BotProcess(Process.Start(start)!);
        bot.Process.OutputDataReceived += (_, e) => bot.Append(e.Data);
        bot.Process.ErrorDataReceived += (_, e) => bot.Append(e.Data);
        bot.Process.BeginOutputReadLine();
        bot.Process.BeginErrorReadLine();
        return bot;
    }

    /// <summary>Waits for the process to exit; false when it still runs after <paramref name="timeout"/>.</summary>
    public async Task<bool> ExitedWithinAsync(TimeSpan timeout)
    {
        try
        {
            await Process.WaitForExitAsync().WaitAsync(timeout);
            Process.WaitForExit(); // the output events are drained only after this overload returns
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
            await Process.WaitForExitAsync();
        }

        Process.Dispose();
    }
}
