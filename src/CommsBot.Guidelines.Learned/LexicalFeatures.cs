using System.Globalization;
using System.Text;

namespace CommsBot.Guidelines.Learned;

/// <summary>
/// The words and word pairs of a draft, for the lexical head: lower-cased letter runs, every digit run as one token
/// ("#"), a hashtag's or mention's sigil dropped. A draft's features are the vocabulary entries it contains, each
/// 1/√n for n entries present, so a long post does not outweigh a short one.
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

        foreach (var c in text)
        {
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
