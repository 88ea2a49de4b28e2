using System.Runtime.CompilerServices;
using CommsBot.Bot.Tests.EndToEnd;

namespace CommsBot.Bot.Tests.Web;

/// <summary>A fact about the preview page's renderer files, which the build embeds only when it had npm: skipped on a
/// build without them (with the command that adds them), except under CI, where it fails instead.</summary>
public sealed class PreviewRendererFactAttribute : FactAttribute
{
    public const string Test = "This test of the preview page";

    public PreviewRendererFactAttribute([CallerMemberName] string method = "") =>
        Prerequisites.SkipUnlessCi(this, method, Test, Prerequisites.ForPreviewRenderer());
}

/// <summary>The theory form of <see cref="PreviewRendererFactAttribute"/>.</summary>
public sealed class PreviewRendererTheoryAttribute : TheoryAttribute
{
    public PreviewRendererTheoryAttribute([CallerMemberName] string method = "") =>
        Prerequisites.SkipUnlessCi(this, method, PreviewRendererFactAttribute.Test, Prerequisites.ForPreviewRenderer());
}
