using CommsBot.Bot.Tests.EndToEnd;

namespace CommsBot.Bot.Tests.Web;

/// <summary>
/// A fact that needs Node.js and Debian's Chromium. Skipped, with the reason, only on a developer's machine that lacks
/// one of them; under CI (CI=true) it runs regardless and fails with the same instructions, so a missing install step
/// cannot pass silently.
/// </summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (IsCi)
        {
            return;
        }

        if (NodeFactAttribute.NodePath.Value is null)
        {
            Skip = "Node.js is not installed (no `node` on PATH): the preview page's browser test needs it. " + Install;
        }
        else if (!File.Exists(ChromiumPath))
        {
            Skip = $"Chromium is not installed at {ChromiumPath} (set CHROMIUM_PATH to use another): the preview page's browser test needs it. " + Install;
        }
    }

    public const string Install = "Install with `apt-get install -y chromium nodejs npm`, then `npm ci --prefix tests/preview-e2e`.";

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string ChromiumPath => Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium";
}
