using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CommsBot.Bot.Tests.Hosting;

/// <summary>The two ways the README gives to choose the port, on the built bot as its own process: <c>--urls</c>,
/// and <c>ASPNETCORE_URLS</c> (which a Urls default in appsettings.json used to outrank, so it was ignored).</summary>
public sealed class ListenAddressTests
{
    [Theory]
    [InlineData("argument")]
    [InlineData("ASPNETCORE_URLS")]
    public async Task BotProcess_GivenAPort_ListensThereAndSaysSo(string how)
    {
        var botDll = Path.Combine(Path.GetDirectoryName(typeof(CommsBot.Bot.Hosting.CommsBotHost).Assembly.Location)!, "CommsBot.Bot.dll");
        var data = Path.Combine(Path.GetTempPath(), "commsbot-tests", Guid.NewGuid().ToString("N"));
        var url = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo(Dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.ArgumentList.Add(botDll);
        start.Environment.Remove("Urls");
        start.Environment.Remove("ASPNETCORE_HTTP_PORTS");
        if (how == "argument")
        {
            start.ArgumentList.Add("--urls");
            start.ArgumentList.Add(url);
            start.Environment.Remove("ASPNETCORE_URLS");
        }
        else
        {
            start.Environment["ASPNETCORE_URLS"] = url;
        }

        start.Environment["Storage__DataDirectory"] = data;
        start.Environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = "";
        start.Environment["Bot__AllowLocalMode"] = "true"; // the published bot runs in Production: local mode is opted into
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(5) };
            Assert.True(await AnswersAsync(client, TimeSpan.FromSeconds(60)), $"nothing answered on {url}; stderr: " + (process.HasExited ? await errors : ""));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
            }
        }

        Assert.Contains($"CommsBot is listening: POST {url}/api/messages", await output, StringComparison.Ordinal);
    }

    private static string Dotnet =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private static async Task<bool> AnswersAsync(HttpClient client, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            try
            {
                using var response = await client.GetAsync("/healthz");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return true;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }

            await Task.Delay(250);
        }

        return false;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
