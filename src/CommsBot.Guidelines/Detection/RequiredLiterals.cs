using System.Text.RegularExpressions;

namespace CommsBot.Guidelines.Detection;

/// <summary>
/// Reads a regular expression for text that every match must contain: one of a few literal strings (from a run of
/// plain characters, or a required group of alternatives such as <c>(sister|brother)</c>). A draft that contains none
/// of them cannot match, so the pattern need not run on it. Conservative: it reads the common syntax only and answers
/// null (run the pattern) for anything else, and a requirement it cannot find is no requirement. Literals are ASCII,
/// lower-cased; they are looked for in <see cref="Fold(string, string)"/> of the draft, which maps every character the engine treats
/// as the same letter when ignoring case (the Kelvin sign as k) to that letter, so a pattern's
/// case-sensitive parts are read case-insensitively too (a requirement that is looser, never stricter).
/// </summary>
internal static class RequiredLiterals
{
    /// <summary>Marks a literal (its first character) that every match has at the start of a word: the pattern puts
    /// <c>\b</c> right before it and it starts with a letter, digit or underscore, so the character before it in the
    /// draft is none of those (or there is none). "oct" of <c>\b(jan|...|oct|...)</c> is then not found in "doctor".</summary>
    public const char WordStart = '\u0001';

    /// <summary>A literal without its <see cref="WordStart"/> mark.</summary>
    public static string Bare(string literal) => literal.Length > 0 && literal[0] == WordStart ? literal[1..] : literal;

    /// <summary>The literal strings of which every match of <paramref name="regex"/> contains at least one; null
    /// when none is known or the only ones are too common to help (a single letter, digit or space).</summary>
    public static string[]? Of(Regex regex)
    {
        ArgumentNullException.ThrowIfNull(regex);
        if ((regex.Options & (RegexOptions.IgnorePatternWhitespace | RegexOptions.RightToLeft | RegexOptions.ECMAScript)) != 0)
        {
            return null;
        }

        var parser = new Parser(regex.ToString());
        Node tree;
        try
        {
            tree = parser.ParseAll();
        }
        catch (NotSupportedException)
        {
            return null;
        }

        var required = Requirement(tree);
        return required is not null && Useful(required) ? [.. required.Distinct(StringComparer.Ordinal)] : null;
    }

    /// <summary>A character as the literals are compared: what the regex engine treats as one letter when ignoring
    /// case maps to one character (upper-cased, then lower-cased, as the invariant culture does).</summary>
    public static char Fold(char c) => c < 0x80 ? (char)(c is >= 'A' and <= 'Z' ? c + 32 : c) : char.ToLowerInvariant(char.ToUpperInvariant(c));

    /// <summary><paramref name="lower"/> (the invariant lower-case of the text) folded by <see cref="Fold(char)"/>: the
    /// same string unless it has characters outside ASCII whose case folding differs.</summary>
    public static string Fold(string text, string lower)
    {
        char[]? copy = null;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] >= 0x80 && Fold(text[i]) is var folded && folded != lower[i])
            {
                copy ??= lower.ToCharArray();
                copy[i] = folded;
            }
        }

        return copy is null ? lower : new string(copy);
    }

    private static bool Useful(List<string> any) =>
        any.Count > 0 && any.TrueForAll(literal => Bare(literal) is var s && (s.Length >= 2 || (s.Length == 1 && !char.IsAsciiLetterOrDigit(s[0]) && s[0] != ' ')));

    // What a part of the pattern requires: any of these strings, or null when nothing is known.
    private static List<string>? Requirement(Node node) => node switch
    {
        Literal l => [l.Char.ToString()],
        Group g => Requirement(g.Inner),
        Alternation a => AnyOf(a),
        Sequence s => Best(s),
        _ => null,
    };

    private static List<string>? AnyOf(Alternation a)
    {
        var all = new List<string>();
        foreach (var branch in a.Branches)
        {
            if (Requirement(branch) is not { } r)
            {
                return null; // a branch that requires nothing lets the whole requirement go
            }

            all.AddRange(r);
        }

        return all;
    }

    // A sequence requires each of its parts that occurs at least once: the most selective one is taken. Consecutive
    // plain characters that occur exactly once make one string. A part right after \b that starts with a word
    // character starts a word in every match, which makes its strings rarer (WordStart).
    private static List<string>? Best(Sequence s)
    {
        List<string>? best = null;
        var run = new System.Text.StringBuilder();
        var runAtWordStart = false;
        var afterBoundary = false;
        foreach (var (part, min, exactlyOnce) in s.Parts)
        {
            var atWordStart = afterBoundary;
            afterBoundary = part is Boundary && min >= 1;
            if (part is Literal l && min >= 1)
            {
                if (run.Length == 0)
                {
                    runAtWordStart = atWordStart;
                }

                run.Append(l.Char);
                if (!exactlyOnce)
                {
                    Consider([Mark(run.ToString(), runAtWordStart)]); // "ab+c" contains "ab": the run ends at a repeated character
                    run.Clear();
                }

                continue;
            }

            if (run.Length > 0)
            {
                Consider([Mark(run.ToString(), runAtWordStart)]);
                run.Clear();
            }

            if (min >= 1 && part is not Literal && Requirement(part) is { } r)
            {
                Consider(r);
            }

            if (atWordStart && min >= 1 && part is Group && Prefixes(part) is { } starts)
            {
                Consider([.. starts.Select(p => Mark(p, true))]);
            }
        }

        if (run.Length > 0)
        {
            Consider([Mark(run.ToString(), runAtWordStart)]);
        }

        return best;

        void Consider(List<string> candidate)
        {
            if (best is null || Score(candidate) > Score(best) || (Score(candidate) == Score(best) && candidate.Count < best.Count))
            {
                best = candidate;
            }
        }

        // the shortest string decides how often the requirement holds by chance; a symbol is rarer than a letter, and
        // a string at a word's start rarer than one anywhere
        static int Score(List<string> any) => any.Min(x => Bare(x) is var b && b.Length == 1 && !char.IsAsciiLetterOrDigit(b[0]) && b[0] != ' '
            ? 3
            : b.Length + (x[0] == WordStart && b.Length >= 2 ? 1 : 0));

        // only a string that starts with a word character: \b before a symbol means a word character before it
        static string Mark(string literal, bool atWordStart) =>
            atWordStart && (char.IsAsciiLetterOrDigit(literal[0]) || literal[0] == '_') ? WordStart + literal : literal;
    }

    // The strings of which every match of the node starts with one; null when not known.
    private static List<string>? Prefixes(Node node)
    {
        switch (node)
        {
            case Literal l:
                return [l.Char.ToString()];
            case Group g:
                return Prefixes(g.Inner);
            case Alternation a:
                var all = new List<string>();
                foreach (var branch in a.Branches)
                {
                    if (Prefixes(branch) is not { } p)
                    {
                        return null;
                    }

                    all.AddRange(p);
                }

                return all;
            case Sequence s when s.Parts.Count > 0:
                var run = new System.Text.StringBuilder();
                foreach (var (part, min, exactlyOnce) in s.Parts)
                {
                    if (part is not Literal l || min < 1)
                    {
                        break;
                    }

                    run.Append(l.Char);
                    if (!exactlyOnce)
                    {
                        break;
                    }
                }

                if (run.Length > 0)
                {
                    return [run.ToString()];
                }

                var (first, firstMin, _) = s.Parts[0];
                return firstMin >= 1 && first is Group or Alternation ? Prefixes(first) : null;
            default:
                return null;
        }
    }

    private abstract record Node;

    /// <summary>A plain character (ASCII, lower-cased).</summary>
    private sealed record Literal(char Char) : Node;

    /// <summary>Anything that is not a plain character: a class, an escape, an anchor, a lookaround.</summary>
    private sealed record Opaque : Node
    {
        public static readonly Opaque Instance = new();
    }

    /// <summary>A word boundary, <c>\b</c>.</summary>
    private sealed record Boundary : Node
    {
        public static readonly Boundary Instance = new();
    }

    private sealed record Group(Node Inner) : Node;

    private sealed record Alternation(List<Node> Branches) : Node;

    private sealed record Sequence(List<(Node Part, int Min, bool ExactlyOnce)> Parts) : Node;

    /// <summary>Reads .NET regular expression syntax into the nodes above; throws <see cref="NotSupportedException"/>
    /// for what it does not read (conditionals, the x option, unknown escapes).</summary>
    private sealed class Parser(string pattern)
    {
        private int pos;

        public Node ParseAll()
        {
            var node = ParseAlternation();
            if (pos != pattern.Length)
            {
                throw new NotSupportedException("unbalanced ')'");
            }

            return node;
        }

        private Node ParseAlternation()
        {
            var branches = new List<Node> { ParseSequence() };
            while (pos < pattern.Length && pattern[pos] == '|')
            {
                pos++;
                branches.Add(ParseSequence());
            }

            return branches.Count == 1 ? branches[0] : new Alternation(branches);
        }

        private Sequence ParseSequence()
        {
            var parts = new List<(Node, int, bool)>();
            while (pos < pattern.Length && pattern[pos] is not ('|' or ')'))
            {
                var atom = ParseAtom();
                var (min, exactlyOnce) = ParseQuantifier();
                parts.Add((atom, min, exactlyOnce));
            }

            return new Sequence(parts);
        }

        private Node ParseAtom()
        {
            var c = pattern[pos++];
            switch (c)
            {
                case '(':
                    return ParseGroup();
                case '[':
                    SkipClass();
                    return Opaque.Instance;
                case '.' or '^' or '$':
                    return Opaque.Instance;
                case '\\':
                    return ParseEscape();
                case '*' or '+' or '?':
                    throw new NotSupportedException("quantifier without an atom");
                default:
                    return Plain(c);
            }
        }

        private static Node Plain(char c) =>
            c is >= ' ' and < (char)0x7F ? new Literal(Fold(c)) : Opaque.Instance;

        private Node ParseEscape()
        {
            if (pos >= pattern.Length)
            {
                throw new NotSupportedException("trailing backslash");
            }

            var c = pattern[pos++];
            switch (c)
            {
                case 'b':
                    return Boundary.Instance;
                case 'd' or 'D' or 'w' or 'W' or 's' or 'S' or 'B' or 'A' or 'z' or 'Z' or 'G':
                case 't' or 'n' or 'r' or 'f' or 'v' or 'e' or 'a':
                    return Opaque.Instance;
                case 'p' or 'P' or 'k':
                    var close = pattern.IndexOfAny(['}', '>', '\''], pos + 1);
                    if (close < 0)
                    {
                        throw new NotSupportedException("unterminated escape");
                    }

                    pos = close + 1;
                    return Opaque.Instance;
                case 'u':
                    pos += 4;
                    return Opaque.Instance;
                case 'x':
                    pos += 2;
                    return Opaque.Instance;
                case 'c':
                    pos += 1;
                    return Opaque.Instance;
                case >= '0' and <= '9':
                    while (pos < pattern.Length && char.IsAsciiDigit(pattern[pos]))
                    {
                        pos++;
                    }

                    return Opaque.Instance; // a backreference or an octal escape
                default:
                    if (char.IsAsciiLetter(c))
                    {
                        throw new NotSupportedException($"escape \\{c}");
                    }

                    return Plain(c); // an escaped symbol stands for itself
            }
        }

        private Node ParseGroup()
        {
            var lookaround = false;
            if (pos < pattern.Length && pattern[pos] == '?')
            {
                pos++;
                if (pos >= pattern.Length)
                {
                    throw new NotSupportedException("unterminated group");
                }

                switch (pattern[pos])
                {
                    case ':' or '>':
                        pos++;
                        break;
                    case '=' or '!':
                        pos++;
                        lookaround = true;
                        break;
                    case '<' when pos + 1 < pattern.Length && pattern[pos + 1] is '=' or '!':
                        pos += 2;
                        lookaround = true;
                        break;
                    case '<' or '\'':
                        var end = pattern.IndexOf(pattern[pos] == '<' ? '>' : '\'', pos + 1);
                        if (end < 0)
                        {
                            throw new NotSupportedException("unterminated group name");
                        }

                        pos = end + 1;
                        break;
                    case '#':
                        var comment = pattern.IndexOf(')', pos);
                        if (comment < 0)
                        {
                            throw new NotSupportedException("unterminated comment");
                        }

                        pos = comment + 1;
                        return Opaque.Instance;
                    case '(':
                        throw new NotSupportedException("conditional");
                    default:
                        // inline options: (?imsn-imsn) for the rest of the group, or (?imsn-imsn:...) for a group
                        var start = pos;
                        while (pos < pattern.Length && pattern[pos] is 'i' or 'm' or 's' or 'n' or 'x' or '-')
                        {
                            pos++;
                        }

                        if (pattern.AsSpan(start, pos - start).Contains('x') || pos >= pattern.Length || pattern[pos] is not (':' or ')'))
                        {
                            throw new NotSupportedException("inline options");
                        }

                        if (pattern[pos++] == ')')
                        {
                            return Opaque.Instance;
                        }

                        break;
                }
            }

            var inner = ParseAlternation();
            if (pos >= pattern.Length || pattern[pos] != ')')
            {
                throw new NotSupportedException("unterminated group");
            }

            pos++;
            return lookaround ? Opaque.Instance : new Group(inner);
        }

        private void SkipClass()
        {
            var depth = 1;
            if (pos < pattern.Length && pattern[pos] == '^')
            {
                pos++;
            }

            if (pos < pattern.Length && pattern[pos] == ']')
            {
                pos++; // a ']' first in a class is a literal
            }

            while (pos < pattern.Length)
            {
                var c = pattern[pos++];
                if (c == '\\')
                {
                    pos++;
                }
                else if (c == '[' && pos >= 2 && pattern[pos - 2] == '-')
                {
                    depth++; // subtraction: [a-z-[aeiou]]
                }
                else if (c == ']' && --depth == 0)
                {
                    return;
                }
            }

            throw new NotSupportedException("unterminated class");
        }

        // The least number of times the atom just read occurs, and whether it occurs exactly once.
        private (int Min, bool ExactlyOnce) ParseQuantifier()
        {
            if (pos >= pattern.Length)
            {
                return (1, true);
            }

            (int, bool) result;
            switch (pattern[pos])
            {
                case '*' or '?':
                    pos++;
                    result = (0, false);
                    break;
                case '+':
                    pos++;
                    result = (1, false);
                    break;
                case '{' when Braces(out var min, out var max, out var next):
                    pos = next;
                    result = (min, min == 1 && max == 1);
                    break;
                default:
                    return (1, true);
            }

            if (pos < pattern.Length && pattern[pos] is '?' or '+')
            {
                pos++; // lazy or possessive
            }

            return result;
        }

        private bool Braces(out int min, out int max, out int next)
        {
            min = max = 0;
            next = pos;
            var close = pattern.IndexOf('}', pos);
            if (close < 0)
            {
                return false;
            }

            var body = pattern.AsSpan(pos + 1, close - pos - 1);
            var comma = body.IndexOf(',');
            var low = comma < 0 ? body : body[..comma];
            if (!int.TryParse(low, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out min))
            {
                return false; // a literal brace
            }

            if (comma < 0)
            {
                max = min;
            }
            else if (body[(comma + 1)..] is { Length: > 0 } high)
            {
                if (!int.TryParse(high, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out max))
                {
                    return false;
                }
            }
            else
            {
                max = int.MaxValue;
            }

            next = close + 1;
            return true;
        }
    }
}
