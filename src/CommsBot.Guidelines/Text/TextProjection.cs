using System.Text;

namespace CommsBot.Guidelines.Text;

/// <summary>
/// A text derived from the message the user sent (the draft inside a chat request, with look-alike and invisible
/// characters folded) together with, for every character of it, the index of the character of the message it came
/// from: detection runs on <see cref="Text"/>, and spans are mapped back with <see cref="ToOriginal(TextSpan)"/> so highlights
/// and fixes land on the characters the user sent.
/// </summary>
internal sealed class TextProjection
{
    private readonly int[]? map; // map[i] = index in the original of Text[i]; null for the identity

    private TextProjection(string original, string text, int[]? map)
    {
        Original = original;
        Text = text;
        this.map = map;
    }

    /// <summary>The message as sent.</summary>
    public string Original { get; }

    /// <summary>What the detectors read.</summary>
    public string Text { get; }

    /// <summary>Whether <see cref="Text"/> is the original unchanged.</summary>
    public bool IsIdentity => map is null;

    /// <summary>The projection that changes nothing.</summary>
    public static TextProjection Identity(string text) => new(text, text, null);

    /// <summary>
    /// Projects <paramref name="original"/> through <paramref name="keep"/> (spans of the original, in order, that
    /// make up the text to read, joined by a newline each) and folds invisible and look-alike characters.
    /// </summary>
    public static TextProjection Create(string original, IReadOnlyList<TextSpan>? keep = null)
    {
        // Most messages are read whole and have nothing to fold: found by one scan, with no copy and no map built.
        if ((keep is null || (keep.Count == 1 && keep[0].Start == 0 && keep[0].Length == original.Length)) && !NeedsFolding(original))
        {
            return Identity(original);
        }

        keep ??= [new TextSpan(0, original.Length)];
        Span<char> foldBuffer = stackalloc char[MaxFolded];
        var sb = new StringBuilder(original.Length);
        var indexes = new List<int>(original.Length);
        var changed = keep.Count != 1 || keep[0].Start != 0 || keep[0].Length != original.Length;
        for (var k = 0; k < keep.Count; k++)
        {
            var span = keep[k];
            if (k > 0)
            {
                sb.Append('\n');
                indexes.Add(Math.Max(0, span.Start - 1));
            }

            for (var i = span.Start; i < span.End; i++)
            {
                var c = original[i];
                if (IsInvisible(c))
                {
                    changed = true;
                    continue;
                }

                if (char.IsHighSurrogate(c) && i + 1 < span.End && char.IsLowSurrogate(original[i + 1]))
                {
                    var folded = FoldAstral(char.ConvertToUtf32(c, original[i + 1]));
                    if (folded != '\0')
                    {
                        sb.Append(folded);
                        indexes.Add(i);
                        i++;
                        changed = true;
                        continue;
                    }

                    sb.Append(c).Append(original[i + 1]);
                    indexes.Add(i);
                    indexes.Add(i + 1);
                    i++;
                    continue;
                }

                var n = Fold(c, foldBuffer);
                if (n == 1 && foldBuffer[0] == c)
                {
                    sb.Append(c);
                    indexes.Add(i);
                    continue;
                }

                changed = true;
                foreach (var fc in foldBuffer[..n])
                {
                    sb.Append(fc);
                    indexes.Add(i);
                }
            }
        }

        return changed ? new TextProjection(original, sb.ToString(), [.. indexes]) : Identity(original);
    }

    /// <summary>Maps a span of <see cref="Text"/> to the span of the original it came from.</summary>
    public TextSpan ToOriginal(TextSpan span)
    {
        if (map is null || map.Length == 0)
        {
            return span;
        }

        var start = map[Math.Clamp(span.Start, 0, map.Length - 1)];
        if (span.Length <= 0)
        {
            return new TextSpan(start, 0);
        }

        var lastIndex = map[Math.Clamp(span.End - 1, 0, map.Length - 1)];
        var end = lastIndex + (char.IsHighSurrogate(Original[lastIndex]) && lastIndex + 1 < Original.Length ? 2 : 1);
        return TextSpan.FromBounds(start, Math.Max(start, end));
    }

    /// <summary>Maps a finding (its span and the spans of its parts) back to the original.</summary>
    public Finding ToOriginal(Finding finding)
    {
        if (map is null)
        {
            return finding;
        }

        var properties = finding.Properties;
        var parts = finding.Parts;
        if (parts.Count > 0)
        {
            var mapped = new Dictionary<string, string>(properties, StringComparer.Ordinal)
            {
                [FindingParts.Key] = FindingParts.Encode(parts.Select(p => (p.Group, ToOriginal(p.Span)))),
            };
            properties = mapped;
        }

        return finding with { Span = ToOriginal(finding.Span), Properties = properties };
    }

    // Zero-width characters, soft hyphens and bidi controls: invisible, and used to split words past a keyword list.
    private static bool IsInvisible(char c) => c is '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF' or '\u00AD'
        or '\u180E' or '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    /// <summary>Whether <see cref="Create"/> would change anything of a whole message: an invisible or look-alike
    /// character, or a mathematical letter or digit. ASCII never changes, so the scan starts at the first character
    /// outside it.</summary>
    private static bool NeedsFolding(string text)
    {
        var from = text.AsSpan().IndexOfAnyExceptInRange('\0', '\u007F');
        if (from < 0)
        {
            return false;
        }

        Span<char> folded = stackalloc char[MaxFolded];
        for (var i = from; i < text.Length; i++)
        {
            var c = text[i];
            if (c < 0x80)
            {
                continue;
            }

            if (IsInvisible(c))
            {
                return true;
            }

            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                if (FoldAstral(char.ConvertToUtf32(c, text[i + 1])) != '\0')
                {
                    return true;
                }

                i++;
                continue;
            }

            if (Fold(c, folded) != 1 || folded[0] != c)
            {
                return true;
            }
        }

        return false;
    }

    // The most characters one character folds to (a ligature).
    private const int MaxFolded = 3;

    // The look-alikes that NFKC folds and that people use to dodge filters (this process runs with invariant
    // globalization, where string.Normalize does not fold compatibility characters): full-width ASCII, circled
    // letters, ligatures. Writes what c folds to into 'into' and returns how many characters that is.
    private static int Fold(char c, Span<char> into)
    {
        switch (c)
        {
            case >= '\uFF01' and <= '\uFF5E':
                into[0] = (char)(c - 0xFEE0);
                return 1;
            case '\u3000':
                into[0] = ' ';
                return 1;
            case >= '\u24B6' and <= '\u24CF':
                into[0] = (char)('A' + (c - 0x24B6));
                return 1;
            case >= '\u24D0' and <= '\u24E9':
                into[0] = (char)('a' + (c - 0x24D0));
                return 1;
            case '\uFB00':
                return Write(into, "ff");
            case '\uFB01':
                return Write(into, "fi");
            case '\uFB02':
                return Write(into, "fl");
            case '\uFB03':
                return Write(into, "ffi");
            case '\uFB04':
                return Write(into, "ffl");
            default:
                into[0] = c;
                return 1;
        }

        static int Write(Span<char> into, string s)
        {
            s.AsSpan().CopyTo(into);
            return s.Length;
        }
    }

    // Mathematical alphanumerics (bold, italic, script, double-struck, monospace ... letters and digits) to ASCII.
    private static char FoldAstral(int cp) => cp switch
    {
        >= 0x1D400 and <= 0x1D6A3 => (cp - 0x1D400) % 52 is var i && i < 26 ? (char)('A' + i) : (char)('a' + i - 26),
        >= 0x1D7CE and <= 0x1D7FF => (char)('0' + ((cp - 0x1D7CE) % 10)),
        _ => '\0',
    };
}
