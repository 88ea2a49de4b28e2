using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace CommsBot.Guidelines.Pack;

/// <summary>
/// Compiles a pack's regular expressions, picking the engine by shape, and keeps them for the process: the same
/// pattern in several groups or packs compiles once and, in TermIndex, runs once.
/// </summary>
internal static class PatternCompiler
{
    // A pattern that the linear-time engine cannot run (lookarounds, backreferences) and that slips past the load-time
    // check still cannot stall a turn: it stops at this timeout and is switched off (TermIndex). A thousand times what
    // the default pack's patterns take, so a loaded machine does not switch off a good one.
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(750);

    // Regex instances are immutable and thread-safe: packs loaded in one process share their compiled patterns.
    private static readonly ConcurrentDictionary<string, Regex> Compiled = new(StringComparer.Ordinal);

    public static Regex? Compile(string pattern, string file, string? ruleId, List<RulePackError>? errors, string where = "")
    {
        // the same pattern in several groups (a shared vocabulary) compiles once and, in TermIndex, runs once
        if (Compiled.TryGetValue(pattern, out var known))
        {
            return known;
        }

        const RegexOptions options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;
        try
        {
            // A repeated group that repeats, like (a+)+$, is exponential on a near miss when backtracking: it runs on
            // the linear-time engine. The others keep the compiled backtracking engine, more than twice as fast on the
            // pack's patterns (word boundaries cost the linear one dearly), under TermIndex's timeout, switch-off and
            // budget.
            return Compiled[pattern] = HasNestedQuantifier(pattern)
                ? new Regex(pattern, options | RegexOptions.NonBacktracking, RegexTimeout)
                : new Regex(pattern, options | RegexOptions.Compiled, RegexTimeout);
        }
        catch (NotSupportedException)
        {
            // lookarounds, backreferences, atomic groups: only the backtracking engine runs them, and not this shape
            errors?.Add(new RulePackError(file, ruleId, $"{where}pattern '{pattern}' can take exponential time: it repeats a group that itself repeats (like (a+)+), and its lookaround or backreference needs the backtracking engine. Drop one of the two."));
            return null;
        }
        catch (ArgumentException e)
        {
            errors?.Add(new RulePackError(file, ruleId, $"{where}pattern '{pattern}' is not a valid regular expression: {e.Message}"));
            return null;
        }
    }

    /// <summary>Whether an unbounded quantifier (<c>*</c>, <c>+</c>, <c>{n,}</c>) applies to a group that contains
    /// one: the shape that backtracks exponentially on a near miss. A syntax check, not a proof (overlapping
    /// alternatives such as <c>(a|aa)+</c> pass it); the timeout in TermIndex catches what it misses.</summary>
    internal static bool HasNestedQuantifier(string pattern)
    {
        var open = new Stack<bool>(); // per enclosing group: whether it contains an unbounded quantifier so far
        var inner = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var groupHadUnbounded = false;
            switch (pattern[i])
            {
                case '(' when i + 2 < pattern.Length && pattern[i + 1] == '?' && pattern[i + 2] == '#':
                    i = pattern.IndexOf(')', i) is var close and >= 0 ? close : pattern.Length;
                    continue;
                case '(':
                    open.Push(inner);
                    inner = false;
                    continue;
                case ')' when open.Count > 0:
                    groupHadUnbounded = inner;
                    inner = open.Pop();
                    break;
                case '|':
                    continue;
                case '\\':
                    i++;
                    if (i + 1 < pattern.Length && pattern[i] is 'p' or 'P' or 'k' && pattern[i + 1] is '{' or '<')
                    {
                        i = pattern.IndexOfAny(['}', '>'], i) is var end and >= 0 ? end : pattern.Length;
                    }

                    break;
                case '[':
                    i++;
                    if (i < pattern.Length && pattern[i] == '^')
                    {
                        i++;
                    }

                    for (i++; i < pattern.Length && pattern[i] != ']'; i++)
                    {
                        if (pattern[i] == '\\')
                        {
                            i++;
                        }
                    }

                    break;
            }

            var unbounded = Quantifier(pattern, i + 1, out var next);
            if (unbounded && groupHadUnbounded)
            {
                return true;
            }

            inner |= unbounded || groupHadUnbounded;
            i = next - 1;
        }

        return false;

        // Reads a quantifier at position at (none: false, next = at); next is the position after it.
        static bool Quantifier(string p, int at, out int next)
        {
            next = at;
            if (at >= p.Length)
            {
                return false;
            }

            bool unbounded;
            switch (p[at])
            {
                case '*' or '+':
                    unbounded = true;
                    next = at + 1;
                    break;
                case '?':
                    unbounded = false;
                    next = at + 1;
                    break;
                case '{':
                    var close = p.IndexOf('}', at);
                    var body = close < 0 ? "" : p[(at + 1)..close];
                    var parts = body.Split(',');
                    if (parts.Length is < 1 or > 2 || parts[0].Length == 0 || !parts.All(x => x.All(char.IsAsciiDigit)))
                    {
                        return false; // a literal brace
                    }

                    unbounded = parts.Length == 2 && parts[1].Length == 0;
                    next = close + 1;
                    break;
                default:
                    return false;
            }

            if (next < p.Length && p[next] is '?' or '+')
            {
                next++; // lazy or possessive
            }

            return unbounded;
        }
    }
}
