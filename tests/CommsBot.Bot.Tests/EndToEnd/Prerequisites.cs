using CommsBot.Bot.Web;

namespace CommsBot.Bot.Tests.EndToEnd;

/// <summary>
/// What the end-to-end tests need beyond the .NET SDK, and for each missing piece the one command that installs it.
/// On a developer's machine a test whose pieces are missing skips with those commands as its reason; under CI
/// (<c>CI=true</c>) it runs and fails with the same text, so a missing install step in .ci/run cannot pass silently.
/// </summary>
internal static class Prerequisites
{
    public const string NodeInstall = "Node.js 20+ and npm are not installed (no `node` on PATH): `apt-get install -y nodejs npm`";

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string RepoRoot { get; } = FindRepoRoot();

    public static string? NodePath { get; } = FindOnPath(OperatingSystem.IsWindows() ? "node.exe" : "node");

    public static string ChromiumPath => Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public static string E2eDirectory => Path.Combine(RepoRoot, "tests", "e2e");

    public static string PreviewE2eDirectory => Path.Combine(RepoRoot, "tests", "preview-e2e");

    /// <summary>What the Agents Playground test lacks: Node.js and the playground's npm package.</summary>
    public static IReadOnlyList<string> ForPlayground()
    {
        var missing = new List<string>();
        if (NodePath is null)
        {
            missing.Add(NodeInstall);
        }

        if (!File.Exists(Path.Combine(E2eDirectory, "node_modules", "@microsoft", "m365agentsplayground", "cli.js")))
        {
            missing.Add("the Agents Playground is not installed: `npm ci --prefix tests/e2e`");
        }

        return missing;
    }

    /// <summary>What the preview page's browser test lacks: Node.js, Chromium, playwright-core and the bot's renderer.</summary>
    public static IReadOnlyList<string> ForBrowser()
    {
        var missing = new List<string>();
        if (NodePath is null)
        {
            missing.Add(NodeInstall);
        }

        if (!File.Exists(ChromiumPath))
        {
            missing.Add($"Chromium is not installed at {ChromiumPath}: `apt-get install -y chromium` (or set CHROMIUM_PATH)");
        }

        if (!File.Exists(Path.Combine(PreviewE2eDirectory, "node_modules", "playwright-core", "package.json")))
        {
            missing.Add("playwright-core is not installed: `npm ci --prefix tests/preview-e2e`");
        }

        missing.AddRange(ForPreviewRenderer());
        return missing;
    }

    /// <summary>What the tests of the preview page's files lack: the renderer, which the build embeds only with npm.</summary>
    public static IReadOnlyList<string> ForPreviewRenderer() =>
        PreviewAssets.Load().HasRenderer
            ? []
            : ["the bot was built without the preview page's renderer (no npm, or `npm ci` failed): install Node.js 20+ and npm, then `npm ci --prefix web` and build again"];

    /// <summary>Skips <paramref name="fact"/> when something is missing, except under CI, where it must run and
    /// fail instead. The reason goes into the display name too: `dotnet test` prints a skip's name, not its reason,
    /// unless asked for more detail, and the reason is the command that fixes it.</summary>
    public static void SkipUnlessCi(FactAttribute fact, string method, string test, IReadOnlyList<string> missing)
    {
        if (missing.Count == 0 || IsCi)
        {
            return;
        }

        fact.Skip = $"{test} needs: {string.Join("; ", missing)}. (Under CI=true this fails instead of skipping.)";
        fact.DisplayName = $"{method} [skipped: {string.Join("; ", missing)}]";
    }

    /// <summary>Fails the test when something is missing (under CI, where the attribute did not skip it).</summary>
    public static void Require(string test, IReadOnlyList<string> missing) =>
        Assert.True(missing.Count == 0, $"{test} needs: {string.Join("; ", missing)}. .ci/run must install it.");

    private static string? FindOnPath(string file)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, file);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CommsBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("CommsBot.sln not found above " + AppContext.BaseDirectory);
    }
}
