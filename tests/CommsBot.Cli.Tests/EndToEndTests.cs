using System.Diagnostics;
using System.Text.Json;

namespace CommsBot.Cli.Tests;

public class EndToEndTests
{
    [Fact]
    public async Task CommsbotDll_CheckJsonFromStdin_ExitsOneWithJsonVerdict()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "commsbot.dll");
        Assert.True(File.Exists(dll), $"{dll} was not built next to the tests");
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
        var start = new ProcessStartInfo(dotnet)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
        };
        foreach (var arg in new[] { dll, "check", "-", "--account", "personal", "--platform", "instagram", "--format", "json" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("COMMSBOT_PACK");
        start.Environment["NO_COLOR"] = "1";

        using var process = Process.Start(start)!;
        await process.StandardInput.WriteLineAsync(Drafts.DoNotPost);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);

        Assert.Equal("", await stderr);
        Assert.Equal(1, process.ExitCode);
        using var json = JsonDocument.Parse(await stdout);
        Assert.Equal("do-not-post", json.RootElement.GetProperty("verdict").GetString());
        Assert.Contains(json.RootElement.GetProperty("findings").EnumerateArray(), f => f.GetProperty("rule").GetString() == "undisclosed-partnership");
        Assert.StartsWith("#ad", json.RootElement.GetProperty("revisedText").GetString(), StringComparison.Ordinal);
    }
}
