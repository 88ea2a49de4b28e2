using System.Diagnostics;

namespace CommsBot.Bot.Tests.EndToEnd;

/// <summary>A fact that needs Node.js; skipped (with the reason) only when <c>node</c> is not installed.</summary>
public sealed class NodeFactAttribute : FactAttribute
{
    public NodeFactAttribute()
    {
        if (NodePath.Value is null)
        {
            Skip = "Node.js is not installed (no `node` on PATH): the Agents Playground end-to-end test needs it. Install nodejs, then `npm ci --prefix tests/e2e`.";
        }
    }

    public static Lazy<string?> NodePath { get; } = new(() =>
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, OperatingSystem.IsWindows() ? "node.exe" : "node");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    });
}
