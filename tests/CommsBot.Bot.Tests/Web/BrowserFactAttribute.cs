using System.Runtime.CompilerServices;
using CommsBot.Bot.Tests.EndToEnd;

namespace CommsBot.Bot.Tests.Web;

/// <summary>A fact that needs Node.js, Debian's Chromium, playwright-core (<c>npm ci --prefix tests/preview-e2e</c>) and
/// a bot built with the preview page's renderer: skipped with the commands that install what is missing, except under
/// CI, where it fails instead.</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public const string Test = "The preview page's browser test";

    public BrowserFactAttribute([CallerMemberName] string method = "") =>
        Prerequisites.SkipUnlessCi(this, method, Test, Prerequisites.ForBrowser());
}
