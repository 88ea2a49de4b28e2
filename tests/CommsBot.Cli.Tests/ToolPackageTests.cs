using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.Json;

namespace CommsBot.Cli.Tests;

/// <summary>
/// The CLI as a user installs it: <c>dotnet pack src/CommsBot.Cli</c> gives a .NET tool package, and
/// <c>dotnet tool install</c> from that folder gives a <c>commsbot</c> command. The install reads only that folder (a
/// nuget.config that clears every other source), so it needs no network and cannot pick up a package of the same
/// name from elsewhere; the tool path is new each run.
/// </summary>
public sealed class ToolPackageTests : IDisposable
{
    private readonly TempDir dir = new();

    [Fact]
    public async Task PackedTool_InstalledIntoAToolPath_RunsAsCommsbot()
    {
        // The test run has built the CLI in this configuration: pack that build rather than compile it again.
        var configuration = typeof(ToolPackageTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var packages = Path.Combine(dir.Path, "packages");
        var tools = Path.Combine(dir.Path, "tools");
        var config = dir.File("nuget.config", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="commsbot-artifacts" value="{packages}" />
              </packageSources>
            </configuration>
            """);

        var pack = await RunAsync(Dotnet, ["pack", Path.Combine(RepoRoot, "src", "CommsBot.Cli"), "--no-build", "--no-restore", "-c", configuration, "-o", packages]);
        Assert.True(pack.ExitCode == 0, "dotnet pack failed:\n" + pack.Output);
        Assert.Single(Directory.GetFiles(packages, "commsbot.*.nupkg"));

        var install = await RunAsync(Dotnet, ["tool", "install", "--tool-path", tools, "--configfile", config, "--add-source", packages, "commsbot"]);
        Assert.True(install.ExitCode == 0, "dotnet tool install failed:\n" + install.Output);

        var commsbot = Path.Combine(tools, OperatingSystem.IsWindows() ? "commsbot.exe" : "commsbot");
        var check = await RunAsync(commsbot, ["check", "--format", "json", "--platform", "instagram", Drafts.DoNotPost]);
        Assert.True(check.ExitCode == 1, $"exit code {check.ExitCode}:\n{check.Output}");
        using var json = JsonDocument.Parse(check.Stdout);
        Assert.Equal("do-not-post", json.RootElement.GetProperty("verdict").GetString());

        var typo = await RunAsync(commsbot, ["check", "--platfrom", "x", "hi"]);
        Assert.Equal(2, typo.ExitCode);
        Assert.Contains("unknown option '--platfrom'. Did you mean '--platform'?", typo.Output, StringComparison.Ordinal);
    }

    public void Dispose() => dir.Dispose();

    private static string Dotnet =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private static string RepoRoot
    {
        get
        {
            for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            {
                if (File.Exists(Path.Combine(d.FullName, "CommsBot.sln")))
                {
                    return d.FullName;
                }
            }

            throw new InvalidOperationException("CommsBot.sln not found above " + AppContext.BaseDirectory);
        }
    }

    private static async Task<(int ExitCode, string Stdout, string Output)> RunAsync(string file, string[] args)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("COMMSBOT_PACK");
        start.Environment["NO_COLOR"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(file)} {string.Join(' ', args)} did not finish in 3 minutes.");
        }

        return (process.ExitCode, await stdout, (await stdout) + (await stderr));
    }
}
