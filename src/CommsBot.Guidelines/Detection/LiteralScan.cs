namespace CommsBot.Guidelines.Detection;

/// <summary>
/// Finds which of a fixed set of short ASCII literals occur in a folded draft (<see cref="RequiredLiterals.Fold(string, string)"/>),
/// in one pass: at each position the literals starting with its two characters are compared, and literals of one
/// character are looked up directly. The term index runs a pattern only when one of its required literals occurs.
/// </summary>
internal sealed class LiteralScan
{
    private const int Ascii = 128;

    private readonly int[] single = Enumerable.Repeat(-1, Ascii).ToArray();
    private readonly (string Literal, int Id, bool AtWordStart)[]?[] byPair = new (string, int, bool)[]?[Ascii * Ascii];

    /// <summary>Indexes <paramref name="literals"/>: lower-case ASCII strings, each identified by its position.</summary>
    public LiteralScan(IReadOnlyList<string> literals)
    {
        Count = literals.Count;
        for (var id = 0; id < literals.Count; id++)
        {
            var literal = RequiredLiterals.Bare(literals[id]);
            var atWordStart = literal.Length != literals[id].Length;
            if (literal.Length == 0 || literal.Any(c => c >= Ascii) || (atWordStart && (literal.Length < 2 || !IsWordChar(literal[0]))))
            {
                throw new ArgumentException($"'{literal}' is not a non-empty ASCII literal.", nameof(literals));
            }

            if (literal.Length == 1)
            {
                single[literal[0]] = id;
                continue;
            }

            ref var list = ref byPair[(literal[0] * Ascii) + literal[1]];
            list = [.. list ?? [], (literal, id, atWordStart)];
        }
    }

    /// <summary>How many literals there are (the length <see cref="Scan"/> needs).</summary>
    public int Count { get; }

    /// <summary>Marks in <paramref name="present"/> (one flag per literal, cleared by the caller) each literal that
    /// occurs in <paramref name="folded"/>.</summary>
    public void Scan(string folded, Span<bool> present)
    {
        var text = folded.AsSpan();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c >= Ascii)
            {
                continue;
            }

            if (single[c] is >= 0 and var one)
            {
                present[one] = true;
            }

            if (i + 1 < text.Length && text[i + 1] < Ascii && byPair[(c * Ascii) + text[i + 1]] is { } candidates)
            {
                foreach (var (literal, id, atWordStart) in candidates)
                {
                    // at a word's start: the character before is no letter, digit or underscore (one outside ASCII
                    // may be a letter too, so only ASCII ones rule a start out)
                    if ((!atWordStart || i == 0 || !IsWordChar(text[i - 1])) && text[i..].StartsWith(literal, StringComparison.Ordinal))
                    {
                        present[id] = true;
                    }
                }
            }
        }
    }

    private static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';
}
