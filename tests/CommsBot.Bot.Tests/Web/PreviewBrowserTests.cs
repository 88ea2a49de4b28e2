using System.Diagnostics;
using CommsBot.Bot.Hosting;
using CommsBot.Bot.Tests.EndToEnd;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CommsBot.Bot.Tests.Web;

/// <summary>
/// The real host on Kestrel (loopback, a free port) and the preview page in Debian's Chromium, driven by
/// playwright-core (tests/preview-e2e/preview.e2e.js): type the draft, Ctrl+Enter, the rendered card names
/// undisclosed-partnership and "Do not post", Apply fixes gives a draft starting with "#ad"; on a desktop and a
/// phone-width viewport. Screenshots go to artifacts/preview-e2e/.
/// </summary>
public sealed class PreviewBrowserTests(ITestOutputHelper output)
{
    [BrowserFact]
    public async Task PreviewPage_InChromium_RendersTheCardAndAppliesFixes()
    {
        Prerequisites.Require(BrowserFactAttribute.Test, Prerequisites.ForBrowser());
        var node = Prerequisites.NodePath!;
        var root = Prerequisites.RepoRoot;
        var e2e = Prerequisites.PreviewE2eDirectory;
        var artifacts = Path.Combine(root, "artifacts", "preview-e2e");
        Directory.CreateDirectory(artifacts);
        foreach (var old in Directory.GetFiles(artifacts, "*.png"))
        {
            File.Delete(old);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var data = Directory.CreateTempSubdirectory("commsbot-preview-").FullName;
        await using var host = CommsBotHost.CreateApp(["--urls=http://127.0.0.1:0", "--Bot:AllowLocalMode=true", $"--Storage:DataDirectory={data}", "--Logging:LogLevel:Default=Warning"]);
        await host.StartAsync(timeout.Token);
        try
        {
            var url = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single().TrimEnd('/') + "/";
            var (exitCode, log) = await RunAsync(node, [Path.Combine(e2e, "preview.e2e.js"), url, artifacts], e2e, timeout.Token);
            output.WriteLine(log);

            Assert.True(exitCode == 0, $"The browser test failed (exit code {exitCode}); screenshots in {artifacts}:\n{log}");
            foreach (var screenshot in new[] { "preview-desktop.png", "preview-desktop-fixed.png", "preview-phone.png", "preview-phone-fixed.png" })
            {
                Assert.True(File.Exists(Path.Combine(artifacts, screenshot)), $"{screenshot} was not saved in {artifacts}");
            }
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string file, string[] args, string workingDirectory, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["CHROMIUM_PATH"] = Prerequisites.ChromiumPath;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("The browser test did not finish in time.");
        }

        return (process.ExitCode, (await stdout) + (await stderr));
    }
}
