using System.Text.RegularExpressions;
using CommsBot.Guidelines.Text;

namespace CommsBot.Guidelines.Detection;

/// <summary>
/// Every phrase and pattern of a pack in one index, so a draft is scanned once for all rules: phrases are looked up
/// by their first token, patterns run over the folded text. Filters that need context (negation, position, the
/// author naming themself) are applied here, once per match.
/// </summary>
internal sealed class TermIndex
{
    private static readonly HashSet<string> NegationCues = new(StringComparer.Ordinal)
    {
        "not", "no", "never", "without", "nobody", "none", "nothing", "zero", "neither", "nor", "isnt", "dont", "didnt", "wasnt", "cant", "wont", "aint", "nope", "non",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> NegationLookup = NegationCues.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly HashSet<string> SelfLeadIns = new(StringComparer.Ordinal) { "we", "us", "fellow", "fellows" };

    private readonly Dictionary<string, List<Phrase>> byFirstToken;
    private readonly Dictionary<string, List<Phrase>>.AlternateLookup<ReadOnlySpan<char>> lookup;
    private readonly List<Phrase> prefixFirst;
    private readonly IReadOnlyList<SignalGroup> groups;
    private readonly (Regex Regex, int[] Groups)[] patterns;

    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> aliasLookup;

    public TermIndex(IReadOnlyList<SignalGroup> groups, IEnumerable<Phrase> phrases, IReadOnlyDictionary<string, string>? aliases = null)
    {
        this.groups = groups;
        aliasLookup = new Dictionary<string, string>(aliases ?? new Dictionary<string, string>(), StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        byFirstToken = new Dictionary<string, List<Phrase>>(StringComparer.Ordinal);
        prefixFirst = [];
        foreach (var phrase in phrases)
        {
            if (phrase.Prefix[0])
            {
                prefixFirst.Add(phrase);
                continue;
            }

            if (!byFirstToken.TryGetValue(phrase.Tokens[0], out var list))
            {
                byFirstToken[phrase.Tokens[0]] = list = [];
            }

            list.Add(phrase);
        }

        lookup = byFirstToken.GetAlternateLookup<ReadOnlySpan<char>>();
        patterns = groups
            .SelectMany(g => g.Patterns.Select(p => (Regex: p, Group: g.Id)))
            .GroupBy(x => x.Regex)
            .Select(x => (x.Key, x.Select(y => y.Group).Distinct().ToArray()))
            .ToArray();
    }

    public int GroupCount => groups.Count;

    public SignalGroup Group(int id) => groups[id];

    private const string PrefixMarker = "zzprefixzz";

    /// <summary>Splits a term the way drafts are split, lower-cased; a trailing '*' on a word makes it a prefix.</summary>
    public static (string[] Tokens, bool[] Prefix) TokenizeTerm(string term)
    {
        var analysed = new DraftText(term.Replace("*", PrefixMarker, StringComparison.Ordinal));
        var tokens = new string[analysed.Tokens.Length];
        var prefix = new bool[tokens.Length];
        for (var i = 0; i < tokens.Length; i++)
        {
            var word = analysed.LowerOf(analysed.Tokens[i]).ToString();
            prefix[i] = word.EndsWith(PrefixMarker, StringComparison.Ordinal);
            tokens[i] = prefix[i] ? word[..^PrefixMarker.Length] : word;
        }

        return (tokens, prefix);
    }

    public MatchSet Match(DraftText text)
    {
        var set = new MatchSet(groups.Count);
        var tokens = text.Tokens;
        for (var i = 0; i < tokens.Length; i++)
        {
            var word = Canonical(text.LowerOf(tokens[i]));
            if (lookup.TryGetValue(word, out var list))
            {
                TryPhrases(text, set, list, i);
            }
            else if (word.EndsWith("'s") && lookup.TryGetValue(word[..^2], out list))
            {
                TryPhrases(text, set, list, i);
            }

            foreach (var phrase in prefixFirst)
            {
                if (word.StartsWith(phrase.Tokens[0], StringComparison.Ordinal))
                {
                    TryPhrase(text, set, phrase, i);
                }
            }
        }

        foreach (var (regex, groupIds) in patterns)
        {
            try
            {
                MatchPattern(text, set, groupIds, regex);
            }
            catch (RegexMatchTimeoutException)
            {
                // a pathological pattern on a pathological draft: that pattern simply finds nothing this time
            }
        }

        set.Seal();
        return set;
    }

    private void MatchPattern(DraftText text, MatchSet set, int[] groupIds, Regex regex)
    {
        var tokens = text.Tokens;
        foreach (var m in regex.EnumerateMatches(text.Normalized))
        {
            if (m.Length == 0)
            {
                continue;
            }

            var first = text.TokenAtOrAfter(m.Index);
            var last = first;
            while (last + 1 < tokens.Length && tokens[last + 1].Start < m.Index + m.Length)
            {
                last++;
            }

            var sentence = first < tokens.Length ? tokens[first].Sentence : text.SentenceCount;
            foreach (var groupId in groupIds)
            {
                Accept(text, set, groupId, first, last, m.Index, m.Index + m.Length, sentence);
            }
        }
    }

    private void TryPhrases(DraftText text, MatchSet set, List<Phrase> phrases, int at)
    {
        foreach (var phrase in phrases)
        {
            TryPhrase(text, set, phrase, at);
        }
    }

    private void TryPhrase(DraftText text, MatchSet set, Phrase phrase, int at)
    {
        var tokens = text.Tokens;
        var n = phrase.Tokens.Length;
        if (at + n > tokens.Length)
        {
            return;
        }

        for (var k = 0; k < n; k++)
        {
            if (!TokenMatches(Canonical(text.LowerOf(tokens[at + k])), phrase.Tokens[k], phrase.Prefix[k]))
            {
                return;
            }
        }

        Accept(text, set, phrase.GroupId, at, at + n - 1, tokens[at].Start, tokens[at + n - 1].End, tokens[at].Sentence);
    }

    /// <summary>The standard word for an informal spelling ("ur" → "your"), or the word itself.</summary>
    private ReadOnlySpan<char> Canonical(ReadOnlySpan<char> word) => aliasLookup.TryGetValue(word, out var standard) ? standard : word;

    private static bool TokenMatches(ReadOnlySpan<char> word, string term, bool prefix)
    {
        if (prefix)
        {
            return word.StartsWith(term, StringComparison.Ordinal);
        }

        return word.SequenceEqual(term) || (word.EndsWith("'s") && word[..^2].SequenceEqual(term));
    }

    private void Accept(DraftText text, MatchSet set, int groupId, int first, int last, int start, int end, int sentence)
    {
        var group = groups[groupId];
        if (group.StartWithin is { } within && start >= within)
        {
            return;
        }

        if (group.StartAfter is { } after && start < after)
        {
            return;
        }

        if (group.Negatable && IsNegated(text, first))
        {
            return;
        }

        if (group.ExceptSelf && IsSelfReference(text, first, last))
        {
            return;
        }

        if (group.ExceptReported && IsReportedSpeech(text, start, first))
        {
            return;
        }

        set.Add(new GroupMatch(groupId, first, last, start, end, sentence));
    }

    private static bool IsNegated(DraftText text, int first)
    {
        var tokens = text.Tokens;
        if (first >= tokens.Length)
        {
            return false;
        }

        var sentence = tokens[first].Sentence;
        for (var k = first - 1; k >= 0 && k >= first - 3 && tokens[k].Sentence == sentence; k--)
        {
            var w = text.LowerOf(tokens[k]);
            if (w.EndsWith("n't") || NegationLookup.Contains(w))
            {
                // idioms that only look negative: "nothing like the...", "not just", "no wonder"
                var next = k + 1 < tokens.Length ? text.LowerOf(tokens[k + 1]) : default;
                if (next.SequenceEqual("like") || next.SequenceEqual("just") || next.SequenceEqual("only") || next.SequenceEqual("wonder") || next.SequenceEqual("matter"))
                {
                    continue;
                }

                return true;
            }
        }

        return false;
    }

    private static readonly HashSet<string> SpeechVerbs = new(StringComparer.Ordinal)
    {
        "asked", "asks", "ask", "said", "says", "say", "told", "tells", "called", "calls", "wondered", "wanted", "yelled", "insisted", "whether", "if",
    };

    /// <summary>Inside a quotation of three or more words that a speech verb introduces ("asked if I was 'a real doctor or just a nurse'").</summary>
    private static bool IsReportedSpeech(DraftText text, int start, int first)
    {
        var quote = text.QuoteAround(start);
        if (quote is null)
        {
            return false;
        }

        var (qStart, qEnd) = quote.Value;
        var tokens = text.Tokens;
        var words = 0;
        var k = text.TokenAtOrAfter(qStart);
        var firstInQuote = k;
        for (; k < tokens.Length && tokens[k].Start < qEnd; k++)
        {
            words++;
        }

        if (words < 3)
        {
            return false;
        }

        var verbs = SpeechVerbs.GetAlternateLookup<ReadOnlySpan<char>>();
        for (var j = firstInQuote - 1; j >= 0 && j >= firstInQuote - 4; j--)
        {
            if (verbs.Contains(text.LowerOf(tokens[j])))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>"Radiologist here.", "as a nurse", "I'm an ER doc", "we surgeons", "fellow anesthesiologists".</summary>
    private static bool IsSelfReference(DraftText text, int first, int last)
    {
        var tokens = text.Tokens;
        if (first >= tokens.Length)
        {
            return false;
        }

        if (last + 1 < tokens.Length && text.LowerOf(tokens[last + 1]).SequenceEqual("here") && tokens[last + 1].Sentence == tokens[first].Sentence)
        {
            return true;
        }

        bool Is(int k, string w) => k >= 0 && text.LowerOf(text.Tokens[k]).SequenceEqual(w);
        var lead = first - 1;
        if (lead >= 0 && SelfLeadIns.GetAlternateLookup<ReadOnlySpan<char>>().Contains(text.LowerOf(tokens[lead])))
        {
            return true;
        }

        if (Is(lead, "a") || Is(lead, "an"))
        {
            return Is(lead - 1, "as") || Is(lead - 1, "i'm") || Is(lead - 1, "im") || (Is(lead - 1, "am") && Is(lead - 2, "i"));
        }

        return false;
    }
}
