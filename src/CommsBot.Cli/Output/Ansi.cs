using CommsBot.Guidelines;

namespace CommsBot.Cli.Output;

/// <summary>ANSI styles, or plain text when colour is off (stdout redirected, NO_COLOR set).</summary>
internal sealed class Ansi(bool enabled)
{
    private const string Reset = "\u001b[0m";

    public bool Enabled => enabled;

    public string Bold(string text) => Style("1", text);

    public string Dim(string text) => Style("2", text);

    public string Severity(Severity severity, string text) => Style(Code(severity), text);

    /// <summary>A highlighted excerpt: underlined in the severity's colour.</summary>
    public string Highlight(Severity severity, string text) => Style("4;" + Code(severity), text);

    public string Verdict(Verdict verdict, string text) => Style(
        verdict switch
        {
            Guidelines.Verdict.DoNotPost => "1;31",
            Guidelines.Verdict.Revise => "1;33",
            _ => "1;32",
        },
        text);

    private string Style(string code, string text) => enabled ? $"\u001b[{code}m{text}{Reset}" : text;

    private static string Code(Severity severity) => severity switch
    {
        Guidelines.Severity.Blocker => "1;31",
        Guidelines.Severity.Warning => "33",
        Guidelines.Severity.Suggestion => "36",
        _ => "32",
    };
}
