using System.Text;
using CommsBot.Guidelines;

namespace CommsBot.Cards;

/// <summary>Text shaping shared by both channels: excerpts, shortening, counts.</summary>
internal static class CardText
{
    public const string Ellipsis = "…";

    /// <summary>
    /// The draft's text at a span on one line (runs of white space, newlines included, become one space), shortened
    /// to <paramref name="max"/> characters with a trailing "…". The span is clamped to the draft.
    /// </summary>
    public static string Excerpt(string draft, TextSpan span, int max)
    {
        var start = Math.Clamp(span.Start, 0, draft.Length);
        var end = Math.Clamp(span.End, start, draft.Length);
        var builder = new StringBuilder(Math.Min(end - start, max + 1));
        var space = false;
        for (var i = start; i < end && builder.Length <= max; i++)
        {
            if (char.IsWhiteSpace(draft[i]))
            {
                space = builder.Length > 0;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(draft[i]);
        }

        return Shorten(builder.ToString(), max);
    }

    /// <summary>Shortens text to at most <paramref name="max"/> characters, ending with "…"; never splits a surrogate pair.</summary>
    public static string Shorten(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        if (max <= 0)
        {
            return "";
        }

        var cut = max - Ellipsis.Length;
        if (cut > 0 && char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        return text[..Math.Max(cut, 0)].TrimEnd() + Ellipsis;
    }

    /// <summary>"1 issue", "2 issues".</summary>
    public static string Count(int n, string one, string many) => n == 1 ? $"1 {one}" : $"{n} {many}";

    public static string VerdictLabel(Verdict verdict) => verdict switch
    {
        Verdict.DoNotPost => "Do not post",
        Verdict.Revise => "Revise before posting",
        _ => "Ready to post",
    };

    public static string SeverityLabel(Severity severity) => severity switch
    {
        Severity.Blocker => "Blocker",
        Severity.Warning => "Warning",
        Severity.Suggestion => "Suggestion",
        _ => "Praise",
    };

    public static string AccountLabel(string wire) => wire switch
    {
        "professional" => "Professional account",
        "personal" => "Personal account",
        _ => "Not sure",
    };
}

/// <summary>Slack mrkdwn text: escaping (the one place it is done, for the cards and the bot's plain-text replies)
/// and shortening that never splits an escape.</summary>
public static class SlackText
{
    /// <summary>Escapes the three characters Slack's mrkdwn reserves (for links, mentions and channels).</summary>
    public static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal);

    /// <summary>Shortens escaped mrkdwn to at most <paramref name="max"/> characters, never cutting an <c>&amp;...;</c> escape in half.</summary>
    public static string Shorten(string mrkdwn, int max)
    {
        var shortened = CardText.Shorten(mrkdwn, max);
        if (shortened.Length == mrkdwn.Length)
        {
            return shortened;
        }

        var body = shortened[..^CardText.Ellipsis.Length];
        var amp = body.LastIndexOf('&');
        if (amp >= 0 && body.IndexOf(';', amp) < 0 && body.Length - amp < 6)
        {
            body = body[..amp];
        }

        return body.TrimEnd() + CardText.Ellipsis;
    }
}
