using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace CommsBot.Bot.Tests.Operations;

/// <summary>
/// The built bot as its own process, configured the way the container is (environment variables only: Urls,
/// Storage__*, Operations__*; the compose file's PostgreSQL swapped for the SQLite fallback): it starts, runs the
/// migrations, answers /healthz and /readyz (token metadata from a loopback stand-in) on the given port, and exits cleanly on SIGTERM (docker stop).
/// </summary>
public sealed class ProductionShapeTests
{
    [Fact]
    public async Task BotProcess_WithContainerEnvironment_StartsMigratesAnswersAndStopsOnSigterm()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        await using var metadata = await Hosting.FakeOpenIdProvider.StartAsync(); // Microsoft's token metadata, for /readyz
        var botDll = Path.Combine(Path.GetDirectoryName(typeof(CommsBot.Bot.Hosting.CommsBotHost).Assembly.Location)!, "CommsBot.Bot.dll");
        var data = Path.Combine(Path.GetTempPath(), "commsbot-tests", Guid.NewGuid().ToString("N"));
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", [botDll])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.Environment["ASPNETCORE_URLS"] = "http://+:9"; // outranked by Urls, as in the image
        start.Environment["Urls"] = $"http://127.0.0.1:{port}";
        start.Environment["Storage__Provider"] = "Sqlite";
        start.Environment["Storage__DataDirectory"] = data;
        start.Environment["Operations__ShutdownTimeout"] = "00:00:10";
        start.Environment["MicrosoftAppType"] = "SingleTenant";
        start.Environment["MicrosoftAppId"] = "00000000-0000-0000-0000-00000000b07b";
        start.Environment["MicrosoftAppPassword"] = "not-a-real-secret";
        start.Environment["MicrosoftAppTenantId"] = "00000000-0000-0000-0000-0000000000aa";
        start.Environment["ToBotFromChannelOpenIdMetadataUrl"] = metadata.ChannelMetadataUrl;
        start.Environment["ToBotFromEmulatorOpenIdMetadataUrl"] = metadata.EmulatorMetadataUrl;
        start.Environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = "";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
            var ready = await WaitForAsync(client, "/readyz", TimeSpan.FromSeconds(60));
            Assert.True(ready is not null, "no /readyz answer; stderr: " + (process.HasExited ? await errors : ""));
            using (var json = JsonDocument.Parse(ready!))
            {
                Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
            }

            Assert.Equal("ok", await client.GetStringAsync("/healthz"));
            using var unauthenticated = await client.PostAsync("/api/messages", Hosting.Activities.Json(Hosting.Activities.PersonalMessage("hello there", expectReplies: false)));
            Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);

            using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
            await kill.WaitForExitAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(0, process.ExitCode);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        var log = await output;
        Assert.Contains("Storage ready: Sqlite", log, StringComparison.Ordinal);
        await using var db = new SqliteConnection($"Data Source={Path.Combine(data, "commsbot.db")};Mode=ReadOnly;Pooling=False");
        await db.OpenAsync();
        await using var command = db.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM \"__EFMigrationsHistory\"";
        Assert.True(Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) >= 2);
    }

    private static async Task<string?> WaitForAsync(HttpClient client, string path, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            try
            {
                using var response = await client.GetAsync(path);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return await response.Content.ReadAsStringAsync();
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(250);
        }

        return null;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
