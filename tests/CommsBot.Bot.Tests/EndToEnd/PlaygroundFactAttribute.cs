using System.Runtime.CompilerServices;

namespace CommsBot.Bot.Tests.EndToEnd;

/// <summary>A fact that needs Node.js and the Agents Playground (<c>npm ci --prefix tests/e2e</c>): skipped with the
/// commands that install what is missing, except under CI, where it fails instead.</summary>
public sealed class PlaygroundFactAttribute : FactAttribute
{
    public const string Test = "The Agents Playground end-to-end test";

    public PlaygroundFactAttribute([CallerMemberName] string method = "") =>
        Prerequisites.SkipUnlessCi(this, method, Test, Prerequisites.ForPlayground());
}
