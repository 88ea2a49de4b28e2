using System.Globalization;

namespace CommsBot.Guidelines.Text;

/// <summary>The kind of a token.</summary>
internal enum TokenKind : byte
{
    Word,
    Number,
    Hashtag,
    Mention,
    Symbol,
}

/// <summary>A token of a draft: a word, number, #hashtag, @mention or a pictograph (emoji).</summary>
internal readonly record struct Token(int Start, int Length, int Sentence, TokenKind Kind)
{
    public int End => Start + Length;
}

/// <summary>
/// A draft split once into tokens and sentences, for every detector to share. Holds a lower-cased copy with
/// typographic quotes folded to ASCII, so that matching is ordinal and allocation-free.
/// </summary>
internal sealed class DraftText
{
    private static readonly HashSet<string> Abbreviations = new(StringComparer.Ordinal)
    {
        "dr", "drs", "mr", "mrs", "ms", "st", "vs", "e.g", "i.e", "etc", "approx", "pt", "pts", "jr", "sr", "prof", "u.s", "a.m", "p.m",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> AbbreviationLookup = Abbreviations.GetAlternateLookup<ReadOnlySpan<char>>();

    private readonly Token[] tokens;
    private readonly int tokenCount;

    public DraftText(string text)
    {
        Original = text;
        Normalized = Fold(text);
        Lower = Normalized.ToLowerInvariant();
        tokens = new Token[Math.Max(8, text.Length / 3)];
        tokenCount = Tokenize();
    }

    /// <summary>The draft as given.</summary>
    public string Original { get; }

    /// <summary>The draft with curly quotes and dashes folded to ASCII; same length and indexes as the original.</summary>
    public string Normalized { get; }

    /// <summary>Lower-cased <see cref="Normalized"/>.</summary>
    public string Lower { get; }

    public int Length => Original.Length;

    public ReadOnlySpan<Token> Tokens => tokens.AsSpan(0, tokenCount);

    public int SentenceCount { get; private set; }

    public ReadOnlySpan<char> LowerOf(in Token token) => Lower.AsSpan(token.Start, token.Length);

    /// <summary>The index of the first token that starts at or after <paramref name="charIndex"/>.</summary>
    public int TokenAtOrAfter(int charIndex)
    {
        int lo = 0, hi = tokenCount;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (tokens[mid].End <= charIndex)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>The character span of sentence <paramref name="sentence"/> (from its first to its last token).</summary>
    public TextSpan SentenceSpan(int sentence)
    {
        int first = -1, last = -1;
        for (var i = 0; i < tokenCount; i++)
        {
            if (tokens[i].Sentence == sentence)
            {
                if (first < 0)
                {
                    first = i;
                }

                last = i;
            }
            else if (first >= 0)
            {
                break;
            }
        }

        return first < 0 ? new TextSpan(0, 0) : TextSpan.FromBounds(tokens[first].Start, tokens[last].End);
    }

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> SelfDescriptionStops = new HashSet<string>(StringComparer.Ordinal)
    {
        "of", "in", "with", "for", "and", "or", "but", "who", "at", "on", "to", "from", "this", "that", "since", "so", "i", "we", "my",
        "our", "here", "there", "when", "while", "is", "was", "by", "the", "a", "an",
    }.GetAlternateLookup<ReadOnlySpan<char>>();

    private string[][]? selfDescriptions;

    /// <summary>
    /// How the author describes themselves anywhere in the draft: the words after "as a", "I'm a", "I am a", "speaking as
    /// a", "signed, a" and "love, your" (up to four, to the first preposition or the end of the clause), lower-cased:
    /// "as an orthopedic nurse with 20 years" gives [orthopedic, nurse]. The author's own group can be named far from
    /// the self-description ("Surgeons: it's just a tiny incision 🤏 ... I'm a surgeon, I'm allowed"), where the words
    /// right before the group ("we surgeons", "fellow nurses") say nothing.
    /// </summary>
    public IReadOnlyList<string[]> SelfDescriptions => selfDescriptions ??= FindSelfDescriptions();

    private string[][] FindSelfDescriptions()
    {
        var found = new List<string[]>();
        var t = tokens.AsSpan(0, tokenCount);
        bool Is(int k, string w) => k >= 0 && k < tokenCount && tokens[k].Kind == TokenKind.Word && LowerOf(tokens[k]).SequenceEqual(w);
        for (var k = 0; k < t.Length; k++)
        {
            // the lead-in ends at k; the description starts after the article
            var start = -1;
            if ((Is(k, "a") || Is(k, "an")) && (Is(k - 1, "as") || Is(k - 1, "i'm") || Is(k - 1, "im") || (Is(k - 1, "am") && Is(k - 2, "i")) || Is(k - 1, "signed")))
            {
                start = k + 1;
            }
            else if (Is(k, "your") && Is(k - 1, "love") && t[k - 1].Sentence == t[k].Sentence)
            {
                start = k + 1;
            }

            if (start < 0)
            {
                continue;
            }

            var words = new List<string>();
            for (var j = start; j < t.Length && j < start + 4 && t[j].Sentence == t[k].Sentence && t[j].Kind == TokenKind.Word; j++)
            {
                if (SelfDescriptionStops.Contains(LowerOf(t[j])) || (j > start && Normalized[t[j - 1].End..t[j].Start].Contains(',')))
                {
                    break;
                }

                words.Add(LowerOf(t[j]).ToString());
            }

            if (words.Count > 0)
            {
                found.Add([.. words]);
            }
        }

        return [.. found];
    }

    /// <summary>The quotation ('...' or "...") that contains <paramref name="index"/>, as (open, close) indexes; null when none.</summary>
    public (int Start, int End)? QuoteAround(int index)
    {
        var s = Normalized;
        // find an opening quote before index on the same line: a quote preceded by start, space or bracket
        for (var i = index - 1; i >= 0 && s[i] != '\n'; i--)
        {
            var c = s[i];
            if ((c == '\'' || c == '"') && (i == 0 || !char.IsLetterOrDigit(s[i - 1])) && i + 1 < s.Length && !char.IsWhiteSpace(s[i + 1]))
            {
                for (var j = index; j < s.Length && s[j] != '\n'; j++)
                {
                    if (s[j] == c && (j + 1 == s.Length || !char.IsLetterOrDigit(s[j + 1])) && !char.IsWhiteSpace(s[j - 1]))
                    {
                        return (i, j);
                    }
                }

                return null;
            }
        }

        return null;
    }

    // Only characters outside ASCII fold: an ASCII draft (most) is its own normalized form, not copied.
    private static string Fold(string text) => text.AsSpan().IndexOfAnyExceptInRange('\0', '\u007F') < 0 ? text :
        string.Create(text.Length, text, static (dest, src) =>
        {
            for (var i = 0; i < src.Length; i++)
            {
                var c = src[i];
                dest[i] = c switch
                {
                    '\u2018' or '\u2019' or '\u02BC' or '\u2032' => '\'',
                    '\u201C' or '\u201D' or '\u2033' => '"',
                    '\u2013' or '\u2014' or '\u2212' => '-',
                    '\u00A0' or '\u2009' or '\u202F' => ' ',
                    '\uFF03' => '#',
                    _ => c,
                };
            }
        });

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_';

    private static bool IsPictograph(string s, int i, out int width)
    {
        width = 1;
        var c = s[i];
        if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
        {
            width = 2;
            return true;
        }

        var cat = CharUnicodeInfo.GetUnicodeCategory(c);
        return cat is UnicodeCategory.OtherSymbol or UnicodeCategory.MathSymbol && c is not ('+' or '<' or '>' or '=' or '|' or '~' or '^');
    }

    private int Tokenize()
    {
        var s = Normalized;
        var n = 0;
        var sentence = 0;
        var sentenceHasTokens = false;
        var i = 0;

        void Add(ref int count, int start, int length, TokenKind kind, int sent)
        {
            if (count == tokens.Length)
            {
                return; // tokens is sized generously; a pathological draft simply stops being tokenized
            }

            tokens[count++] = new Token(start, length, sent, kind);
        }

        while (i < s.Length)
        {
            var c = s[i];
            if (IsWordChar(c) || ((c == '#' || c == '@') && i + 1 < s.Length && IsWordChar(s[i + 1])))
            {
                var start = i;
                var kind = c == '#' ? TokenKind.Hashtag : c == '@' ? TokenKind.Mention : TokenKind.Word;
                i += kind == TokenKind.Word ? 0 : 1;
                var allDigits = true;
                while (i < s.Length)
                {
                    var ch = s[i];
                    if (IsWordChar(ch))
                    {
                        allDigits &= char.IsDigit(ch);
                        i++;
                    }
                    else if (ch == '\'' && i + 1 < s.Length && char.IsLetter(s[i + 1]) && kind == TokenKind.Word)
                    {
                        // don't, surgeon's: one token
                        i++;
                    }
                    else if (ch == '.' && kind == TokenKind.Mention && i + 1 < s.Length && IsWordChar(s[i + 1]))
                    {
                        i++; // @name.bsky.social
                    }
                    else
                    {
                        break;
                    }
                }

                if (kind == TokenKind.Word && allDigits)
                {
                    kind = TokenKind.Number;
                }

                Add(ref n, start, i - start, kind, sentence);
                sentenceHasTokens = true;
                continue;
            }

            if (IsPictograph(s, i, out var width))
            {
                Add(ref n, i, width, TokenKind.Symbol, sentence);
                sentenceHasTokens = true;
                i += width;
                continue;
            }

            if (IsSentenceEnd(s, i, n) && sentenceHasTokens)
            {
                sentence++;
                sentenceHasTokens = false;
            }

            i++;
        }

        SentenceCount = sentenceHasTokens ? sentence + 1 : sentence;
        return n;
    }

    /// <summary>A quotation that ends a clause, not the sentence: the terminator at <paramref name="i"/> is followed by a
    /// closing quote (straight or curly), a space and a lower-case word ("answers with "yep, what've you got?" instead of
    /// a sigh"). Shared by the detectors' sentences and the fixes' cuts.</summary>
    internal static bool QuotationGoesOn(string s, int i)
    {
        var j = i + 1;
        if (j >= s.Length || s[j] is not ('"' or '\'' or '\u2019' or '\u201D'))
        {
            return false;
        }

        j++;
        if (j >= s.Length || s[j] != ' ')
        {
            return false;
        }

        while (j < s.Length && s[j] == ' ')
        {
            j++;
        }

        return j < s.Length && char.IsLower(s[j]);
    }

    private bool IsSentenceEnd(string s, int i, int tokensSoFar)
    {
        var c = s[i];
        if (c is '\n')
        {
            return true;
        }

        if (c is '!' or '?' or '.' && QuotationGoesOn(s, i))
        {
            return false;
        }

        if (c is '!' or '?')
        {
            return true;
        }

        if (c != '.' && c != ':' && c != ';')
        {
            return false;
        }

        // 7.1 cm, 3.5, a colon in 7:30
        if (i > 0 && i + 1 < s.Length && char.IsDigit(s[i - 1]) && char.IsDigit(s[i + 1]))
        {
            return false;
        }

        if (c == ':' || c == ';')
        {
            // "Takeaway: ..." starts a clause but reads as one thought; only a colon at a line end splits.
            return c == ';' || (i + 1 < s.Length && s[i + 1] == '\n');
        }

        // site.com/path: no space after the dot
        if (i + 1 < s.Length && !char.IsWhiteSpace(s[i + 1]) && s[i + 1] is not ('"' or '\'' or ')'))
        {
            return false;
        }

        if (tokensSoFar > 0)
        {
            var last = tokens[tokensSoFar - 1];
            if (last.End == i)
            {
                var word = Lower.AsSpan(last.Start, last.Length);
                if (word.Length == 1 && char.IsLetter(word[0]))
                {
                    return false; // initials: J. Smith
                }

                if (AbbreviationLookup.Contains(word))
                {
                    return false;
                }
            }
        }

        return true;
    }
}
