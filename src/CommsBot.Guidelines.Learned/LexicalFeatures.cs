using System.Globalization;
using System.Text;

namespace CommsBot.Guidelines.Learned;

/// <summary>
/// The words and word pairs of a draft, for the lexical head: lower-cased letter runs, every digit run as one token
/// ("#"), a hashtag's or mention's sigil dropped, and every emoji or other pictograph as a token of its own (its
/// variation selector, joiner and skin tone dropped). The word-piece tokenizer the embeddings read has no row for
/// most emoji, so without them no learned head would see the eye roll or the upside-down smile that turns a line into
/// sarcasm: across the labelled corpora a draft with 🙄 or 🙃 is labelled disparaging-colleagues four times as often
/// as the rest. A draft's features are the vocabulary entries it contains, each 1/√n for n entries present, so a long
/// post does not outweigh a short one.
/// </summary>
public static class LexicalFeatures
{
    /// <summary>The distinct unigrams and bigrams of <paramref name="text"/>.</summary>
    public static HashSet<string> Terms(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<string>();
        var current = new StringBuilder();
        var digits = false;
        void Flush()
        {
            if (current.Length > 0)
            {
                tokens.Add(digits ? "#" : current.ToString());
                current.Clear();
            }

            digits = false;
        }

        for (var at = 0; at < text.Length; at++)
        {
            var c = text[at];
            if (IsPictograph(text, at, out var length))
            {
                Flush();
                tokens.Add(text.Substring(at, length));
                at += length - 1;
                continue;
            }

            if (IsEmojiModifier(text, at, out length))
            {
                // a variation selector, joiner or skin tone belongs to the pictograph beside it: no token, no break
                at += length - 1;
                continue;
            }

            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (char.IsLetter(c) || category is UnicodeCategory.NonSpacingMark || (c is '\'' or '’' && current.Length > 0 && !digits))
            {
                if (digits)
                {
                    Flush();
                }

                current.Append(c is '’' ? '\'' : char.ToLowerInvariant(c));
            }
            else if (char.IsDigit(c))
            {
                if (current.Length > 0 && !digits)
                {
                    Flush();
                }

                digits = true;
                current.Append(c);
            }
            else
            {
                Flush();
            }
        }

        Flush();
        var terms = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i].TrimEnd('\'');
            terms.Add(token);
            if (i + 1 < tokens.Count)
            {
                terms.Add(token + " " + tokens[i + 1].TrimEnd('\''));
            }
        }

        return terms;
    }

    /// <summary>Whether an emoji or other pictograph (a symbol of Unicode's "other symbol" category, in or beyond the
    /// basic plane) starts at <paramref name="at"/>, and how many UTF-16 units it takes.</summary>
    private static bool IsPictograph(string text, int at, out int length)
    {
        length = char.IsHighSurrogate(text[at]) && at + 1 < text.Length && char.IsLowSurrogate(text[at + 1]) ? 2 : 1;
        return CharUnicodeInfo.GetUnicodeCategory(text, at) == UnicodeCategory.OtherSymbol;
    }

    /// <summary>Whether a variation selector (U+FE0E, U+FE0F), zero-width joiner or skin-tone modifier is at
    /// <paramref name="at"/>, and how many UTF-16 units it takes.</summary>
    private static bool IsEmojiModifier(string text, int at, out int length)
    {
        var c = text[at];
        length = 1;
        if (c is '\uFE0E' or '\uFE0F' or '\u200D')
        {
            return true;
        }

        if (char.IsHighSurrogate(c) && at + 1 < text.Length && char.IsLowSurrogate(text[at + 1]))
        {
            var codePoint = char.ConvertToUtf32(c, text[at + 1]);
            length = 2;
            return codePoint is >= 0x1F3FB and <= 0x1F3FF;
        }

        return false;
    }

    /// <summary>The vocabulary indices present in <paramref name="text"/> (sorted) and the value each carries.</summary>
    public static (int[] Indices, float Value) Encode(string text, IReadOnlyDictionary<string, int> vocabulary)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        var indices = Terms(text).Select(t => vocabulary.TryGetValue(t, out var i) ? i : -1).Where(i => i >= 0).Order().ToArray();
        return (indices, indices.Length == 0 ? 0f : 1f / MathF.Sqrt(indices.Length));
    }

    /// <summary>bias + Σ w[i]·value over the present indices.</summary>
    public static float Dot(float[] weights, float bias, (int[] Indices, float Value) x)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var z = 0f;
        foreach (var i in x.Indices)
        {
            z += weights[i];
        }

        return bias + (z * x.Value);
    }
}
