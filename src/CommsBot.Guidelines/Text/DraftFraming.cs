using System.Text.RegularExpressions;

namespace CommsBot.Guidelines.Text;

/// <summary>
/// Finds the draft inside a chat message that asks for a check ("can you check my reply before I send it? "..."",
/// "Draft for the dept account:" and the post on the next lines, a post quoted with <c>&gt;</c> lines), so the rules
/// read the post and not the request around it. A request line can also say which account or platform the post is
/// for; that fills in context the user did not give. Messages without a request are read whole.
/// </summary>
internal static partial class DraftFraming
{
    /// <summary>The draft's spans in the message (one, or the quoted lines) and what the request said of the context.</summary>
    public readonly record struct Framed(IReadOnlyList<TextSpan> Draft, AccountKind? Account, Platform? Platform);

    /// <summary>Finds the draft in <paramref name="message"/>; null when the message is the draft itself.</summary>
    public static Framed? Find(string message)
    {
        try
        {
            return FindCore(message);
        }
        catch (RegexMatchTimeoutException)
        {
            // a machine too busy to finish a match in time: read the message whole, as before framing was known
            return null;
        }
    }

    private static Framed? FindCore(string message)
    {
        if (message.Length < 12)
        {
            return null;
        }

        // 1. Lines quoted with '>' beside lines that are not: the quoted lines are the draft. (Most messages have no
        // '>' at all, and are not split into lines to find that out.)
        if (message.Contains('>', StringComparison.Ordinal) && TryQuoted(message, out var quotedDraft))
        {
            return quotedDraft;
        }

        // 2. A request in the first line or two, then the draft: in quotes, after a colon, or on the next line.
        var headLength = Math.Min(message.Length, 240);
        var firstQuote = message.AsSpan(0, headLength).IndexOfAny('"', '\u201C');
        var searchEnd = firstQuote >= 0 ? firstQuote : headLength;
        if (!MayAsk(message.AsSpan(0, searchEnd)))
        {
            return null;
        }

        var ask = Request().Match(message, 0, searchEnd);
        if (!ask.Success)
        {
            return null;
        }

        var rest = DraftStart(message, ask.Index + ask.Length, firstQuote);
        if (rest < 0)
        {
            return null;
        }

        var requestText = message[..rest];
        var body = TrimDraft(message, rest, message.Length);
        if (body.Length < 12)
        {
            return null;
        }

        return new Framed([body], AccountOf(requestText), PlatformOf(requestText));
    }

    /// <summary>The words of which every request contains one ("can", "is", "before", "check", ...), read from the
    /// pattern as the term index reads the pack's patterns; null would mean every message is matched.</summary>
    internal static readonly string[]? RequestLiterals = Detection.RequiredLiterals.Of(Request())?.Select(Detection.RequiredLiterals.Bare).Distinct(StringComparer.Ordinal).ToArray(); // looked for anywhere in the head

    /// <summary>False when <paramref name="head"/> has none of <see cref="RequestLiterals"/>, so it holds no request and
    /// the pattern (many alternatives, tried at almost every letter) need not run: a short post often has none.</summary>
    internal static bool MayAsk(ReadOnlySpan<char> head)
    {
        if (RequestLiterals is null)
        {
            return true;
        }

        Span<char> folded = head.Length <= 256 ? stackalloc char[256] : new char[head.Length];
        folded = folded[..head.Length];
        for (var i = 0; i < head.Length; i++)
        {
            folded[i] = Detection.RequiredLiterals.Fold(head[i]);
        }

        foreach (var literal in RequestLiterals)
        {
            if (folded.IndexOf(literal, StringComparison.Ordinal) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when the message has quoted lines beside a request for a check: then they are the draft
    /// (<paramref name="framed"/>; null when they are empty, and the message is read whole).</summary>
    private static bool TryQuoted(string message, out Framed? framed)
    {
        framed = null;
        var lines = Lines(message);
        var quoted = lines.Where(l => IsQuoteLine(message, l)).ToList();
        if (quoted.Count > 0 && quoted.Count < lines.Count(l => l.Length > 0))
        {
            var request = string.Join('\n', lines.Where(l => !IsQuoteLine(message, l)).Select(l => message.Substring(l.Start, l.Length)));
            if (Request().IsMatch(request))
            {
                var spans = quoted.Select(l => StripQuoteMarker(message, l)).Where(s => s.Length > 0).ToList();
                framed = spans.Count == 0 ? null : new Framed(spans, AccountOf(request), PlatformOf(request));
                return true;
            }
        }

        return false;
    }

    /// <summary>Where the draft starts after a request that ends at <paramref name="from"/>: an opening quote, the
    /// text after a colon, or the next line; -1 when the request runs on (a post that merely mentions checking).</summary>
    private static int DraftStart(string s, int from, int firstQuote)
    {
        var limit = Math.Min(s.Length, from + 120);
        for (var i = from; i < limit; i++)
        {
            var c = s[i];
            if (i == firstQuote || c == '\u201C' || (c == '"' && (i == 0 || !char.IsLetterOrDigit(s[i - 1]))))
            {
                return i;
            }

            if (c == '\n')
            {
                return i + 1;
            }

            if (c == ':' && i + 1 < s.Length && char.IsWhiteSpace(s[i + 1]))
            {
                return i + 1;
            }
        }

        return -1;
    }

    /// <summary>The span between <paramref name="start"/> and <paramref name="end"/> without surrounding space and one pair of quotes.</summary>
    private static TextSpan TrimDraft(string s, int start, int end)
    {
        while (start < end && (char.IsWhiteSpace(s[start]) || s[start] == ':'))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(s[end - 1]))
        {
            end--;
        }

        if (end - start >= 2 && IsQuoteChar(s[start]))
        {
            var close = s.LastIndexOfAny(QuoteChars, end - 1, end - start - 1);
            if (close > start + 1)
            {
                // only when what follows the closing quote is short (a question mark, "thanks", an emoji)
                if (end - close - 1 < 40)
                {
                    return TextSpan.FromBounds(start + 1, close);
                }
            }
            else
            {
                return TextSpan.FromBounds(start + 1, end);
            }
        }

        return TextSpan.FromBounds(start, end);
    }

    private static readonly char[] QuoteChars = ['"', '\u201C', '\u201D', '\'', '\u2018', '\u2019', '\u00AB', '\u00BB'];

    private static bool IsQuoteChar(char c) => Array.IndexOf(QuoteChars, c) >= 0;

    private static List<TextSpan> Lines(string s)
    {
        var result = new List<TextSpan>();
        var start = 0;
        for (var i = 0; i <= s.Length; i++)
        {
            if (i == s.Length || s[i] == '\n')
            {
                var end = i > start && s[i - 1] == '\r' ? i - 1 : i;
                result.Add(TextSpan.FromBounds(start, end));
                start = i + 1;
            }
        }

        return result;
    }

    private static bool IsQuoteLine(string s, TextSpan line) => line.Length > 0 && s[line.Start] == '>';

    private static TextSpan StripQuoteMarker(string s, TextSpan line)
    {
        var start = line.Start + 1;
        while (start < line.End && s[start] == ' ')
        {
            start++;
        }

        return TextSpan.FromBounds(start, line.End);
    }

    private static AccountKind? AccountOf(string request)
    {
        if (Professional().IsMatch(request))
        {
            return AccountKind.Professional;
        }

        return Personal().IsMatch(request) ? AccountKind.Personal : null;
    }

    private static Platform? PlatformOf(string request)
    {
        var m = PlatformName().Match(request);
        if (!m.Success)
        {
            return null;
        }

        return m.Value.ToLowerInvariant() switch
        {
            "linkedin" => Guidelines.Platform.LinkedIn,
            "tiktok" or "tik tok" => Guidelines.Platform.TikTok,
            "instagram" or "insta" or "ig" or "the gram" => Guidelines.Platform.Instagram,
            "facebook" or "fb" => Guidelines.Platform.Facebook,
            "threads" => Guidelines.Platform.Threads,
            "bluesky" or "bsky" => Guidelines.Platform.Bluesky,
            _ => Guidelines.Platform.X,
        };
    }

    // A request for a check: asks whether it is ok, asks someone to look, or says it is a draft for somewhere.
    private const string Asks =
        @"(?:(?:can|could|would|will)\s+(?:you|u|someone|comms)\s+(?:please\s+|pls\s+)?(?:check|look|review|read|proof|sanity|glance|vet|run|give|have\s+a\s+look|take\s+a\s+look|tell)" +
        @"|(?:is|does|would)\s+(?:this|it|the\s+(?:post|caption|reply|tweet|draft))\s+(?:ok|okay|o\.k\.|alright|all\s+right|fine|appropriate|safe|acceptable|look\s+(?:ok|okay|alright|fine|good)|good\s+to\s+go|too\s+much|cross\s+a\s+line)" +
        @"|(?:ok|okay|safe|fine|alright|appropriate|good)\s+(?:to|2)\s+(?:post|share|send|tweet|publish|put\s+out|go\s+out|go\s+live)" +
        @"|before\s+i\s+(?:post|send|share|tweet|publish|hit|put|go\s+live)" +
        @"|(?:please|pls|plz|kindly)\s+(?:check|review|look\s+(?:at|over)|vet|proofread|sanity\s+check)\s+(?:this|it|my|our|the\s+(?:post|caption|reply|draft|tweet|thread|copy)|below|over|before)\b" +
        @"|(?:sanity|quick|vibe|tone|gut)\s+check|proofread|second\s+(?:pair\s+of\s+eyes|opinion)|lmk\s+if|let\s+me\s+know\s+if|thoughts\s*\?|any\s+(?:red\s+flags|issues|problems)" +
        @"|(?:check|review|vet|look\s+over)\s+(?:this|my|our|the)\s+(?:post|caption|reply|draft|tweet|thread|copy|response|message|comment)\b" +
        @"|(?:check|review|vet|look\s+over)\s+this\s*(?:[:?!\n]|before|for\s+me|please|pls)" +
        @"|(?:draft|caption|reply|post|tweet|thread|copy|response)\s+(?:for|to|on)\s+(?:the|our|my|a)\b[^\n""\u201C]{0,60}:" +
        @"|(?:here'?s|here\s+is|this\s+is)\s+(?:my|the|our)\s+(?:draft|caption|reply|post|tweet|thread)\b[^\n""\u201C]{0,60}[:\n])";

    // The linear engine: with this many alternatives, some starting at almost any letter, the backtracking one tried
    // them at nearly every position of a 240-character head (about 12 µs for a load draft that has a literal; 2 µs
    // now). Same matches on every corpus draft (a test compares the two engines).
    [GeneratedRegex(Asks, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, 1000)]
    private static partial Regex Request();

    [GeneratedRegex(@"\b(?:dept|department|departmental|hospital|practice|clinic|society|professional|work|official|institutional|team|unit|group|service|trust|health\s+system)(?:'s)?\s+(?:account|page|handle|feed|profile|linkedin|twitter|x|instagram|insta|ig|facebook|fb|tiktok|channel)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Professional();

    [GeneratedRegex(@"\b(?:my\s+)?(?:personal|private|own|family)\s+(?:account|page|insta|ig|instagram|fb|facebook|profile|feed)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Personal();

    [GeneratedRegex(@"\b(?:linkedin|tik\s?tok|instagram|insta|ig|the\s+gram|facebook|fb|threads|bluesky|bsky|twitter|tweet|x)\b(?!-)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex PlatformName();
}
