using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace CommsBot.Bot.Conversations;

/// <summary>Turns a Teams message body (HTML) into the plain text a post would have.</summary>
public static partial class HtmlText
{
    public static string ToPlainText(string? html)
    {
        if (string.IsNullOrEmpty(html))
        {
            return "";
        }

        var text = BlockBreak().Replace(html, "\n");
        text = Tag().Replace(text, "");
        text = WebUtility.HtmlDecode(text).Replace('\u00a0', ' ');
        var lines = text.Split('\n').Select(l => Spaces().Replace(l, " ").Trim());
        var result = new StringBuilder();
        foreach (var line in lines)
        {
            if (line.Length == 0 && (result.Length == 0 || result.ToString().EndsWith("\n\n", StringComparison.Ordinal)))
            {
                continue;
            }

            result.Append(line).Append('\n');
        }

        return result.ToString().Trim();
    }

    [GeneratedRegex(@"<\s*(br\s*/?|/p|/div|/li|/h[1-6]|/tr)\s*>", RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 200)]
    private static partial Regex BlockBreak();

    [GeneratedRegex(@"<[^>]*>", RegexOptions.None, matchTimeoutMilliseconds: 200)]
    private static partial Regex Tag();

    [GeneratedRegex(@"[ \t\r\f\v]+", RegexOptions.None, matchTimeoutMilliseconds: 200)]
    private static partial Regex Spaces();
}
