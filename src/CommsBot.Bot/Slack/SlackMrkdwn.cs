using System.Text.RegularExpressions;

namespace CommsBot.Bot.Slack;

/// <summary>Slack's message text (mrkdwn with <c>&lt;…&gt;</c> links and mentions, and <c>&amp;</c>, <c>&lt;</c>, <c>&gt;</c>
/// escaped) to the plain text a post would have. Escaping the other way is <see cref="Cards.SlackText.Escape"/>.</summary>
public static partial class SlackMrkdwn
{
    /// <summary>Slack truncates a message's top-level text past this many characters.</summary>
    public const int MaxMessageText = 40_000;

    /// <summary>
    /// Links become their URL (or "label (URL)" when the label is not part of it), user and channel mentions
    /// <c>@label</c> / <c>#label</c> (or the id), special mentions <c>@here</c>; then the escapes are decoded.
    /// </summary>
    public static string ToPlainText(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var plain = Token().Replace(text, m =>
        {
            var target = m.Groups["target"].Value;
            var label = m.Groups["label"].Success ? Decode(m.Groups["label"].Value) : null;
            return target[0] switch
            {
                '@' => label is { Length: > 0 } ? "@" + label.TrimStart('@') : target,
                '#' => label is { Length: > 0 } ? "#" + label.TrimStart('#') : target,
                '!' => label is { Length: > 0 } ? label : "@" + target[1..].Split('^')[0],
                _ => LinkText(Decode(target), label),
            };
        });
        return Decode(plain).Trim();
    }

    /// <summary>Removes the mentions of <paramref name="userId"/> (any user when null, at the start of the text only).</summary>
    public static string RemoveMention(string? text, string? userId)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var stripped = LeadingMentions().Replace(text, "");
        if (!string.IsNullOrEmpty(userId))
        {
            stripped = stripped.Replace($"<@{userId}>", "", StringComparison.Ordinal);
            stripped = Regex.Replace(stripped, $@"<@{Regex.Escape(userId)}\|[^>]*>", "", RegexOptions.None, TimeSpan.FromMilliseconds(200));
        }

        return stripped.Trim();
    }

    /// <summary>Shortens to at most <paramref name="max"/> characters with a trailing "…", never splitting a surrogate
    /// pair or an escape.</summary>
    public static string Shorten(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var cut = max - 1;
        if (char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        var body = text[..cut];
        var amp = body.LastIndexOf('&');
        if (amp >= 0 && body.IndexOf(';', amp) < 0 && body.Length - amp < 6)
        {
            body = body[..amp];
        }

        return body + "…";
    }

    private static string LinkText(string url, string? label)
    {
        if (string.IsNullOrEmpty(label) || url.Contains(label, StringComparison.OrdinalIgnoreCase))
        {
            return url.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) ? url["mailto:".Length..] : url;
        }

        return $"{label} ({url})";
    }

    private static string Decode(string text) =>
        text.Replace("&lt;", "<", StringComparison.Ordinal)
            .Replace("&gt;", ">", StringComparison.Ordinal)
            .Replace("&amp;", "&", StringComparison.Ordinal);

    [GeneratedRegex(@"<(?<target>[^<>|\s][^<>|]*)(?:\|(?<label>[^<>]*))?>", RegexOptions.None, matchTimeoutMilliseconds: 200)]
    private static partial Regex Token();

    [GeneratedRegex(@"^\s*(?:<@[A-Z0-9]+(?:\|[^>]*)?>[\s:,]*)+", RegexOptions.None, matchTimeoutMilliseconds: 200)]
    private static partial Regex LeadingMentions();
}
