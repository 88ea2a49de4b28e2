using System.Diagnostics;
using System.Text.RegularExpressions;
using CommsBot.Guidelines.Pack;
using CommsBot.Guidelines.Text;

namespace CommsBot.Guidelines.Detection;

/// <summary>
/// Every phrase and pattern of a pack in one index, so a draft is scanned once for all rules: phrases are looked up
/// by their first token, patterns run over the folded text. Filters that need context (negation, position, the
/// author naming themself) are applied here, once per match.
/// </summary>
internal sealed class TermIndex
{
    private static readonly HashSet<string> SelfLeadIns = new(StringComparer.Ordinal) { "we", "us", "fellow", "fellows" };

    /// <summary>A prefix term needs at least this many letters; prefix phrases are indexed by them.</summary>
    public const int PrefixKeyLength = 3;

    // Capitalised words that are titles or sentence openers, not names ("Meet Dr. Lee" is not a patient's name).
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> NotNames = new HashSet<string>(StringComparer.Ordinal)
    {
        "dr", "mr", "mrs", "ms", "mx", "prof", "professor", "sister", "nurse", "the", "our", "my", "your", "their", "his", "her", "a", "an", "this",
        "that", "team", "everyone", "all", "baby", "little", "i", "we", "you", "it", "and", "in", "on", "at",
    }.GetAlternateLookup<ReadOnlySpan<char>>();

    private readonly Dictionary<string, List<(Phrase Phrase, int Anchor)>> byAnchor;
    private readonly Dictionary<string, List<(Phrase Phrase, int Anchor)>> byPrefix;
    private readonly Dictionary<string, List<(Phrase Phrase, int Anchor)>>.AlternateLookup<ReadOnlySpan<char>> lookup;
    private readonly Dictionary<string, List<(Phrase Phrase, int Anchor)>>.AlternateLookup<ReadOnlySpan<char>> prefixLookup;
    private readonly IReadOnlyList<SignalGroup> groups;
    private readonly (Regex Regex, int[] Groups)[] patterns;

    // 1 when the pattern at that index timed out on StrikesToDisable drafts in a row: off for the rest of the process.
    private readonly int[] disabled;

    // Timeouts in a row per pattern. A timeout is wall-clock time: on a starved machine a sound pattern can lose its
    // thread for a quarter of a second once; a catastrophic one times out on every near miss.
    private readonly int[] strikes;

    internal const int StrikesToDisable = 3;

    /// <summary>How long the patterns that need the backtracking engine may run on one draft, together; past it the
    /// rest wait for the next draft. With each one's timeout this bounds a draft's pattern time.</summary>
    internal static readonly TimeSpan BacktrackingBudget = TimeSpan.FromMilliseconds(1500);

    /// <summary>Raised once per pattern, when it has timed out on <see cref="StrikesToDisable"/> drafts in a row and is switched off.</summary>
    public event EventHandler<PatternDisabledEventArgs>? PatternDisabled;

    /// <summary>The patterns switched off so far.</summary>
    public IReadOnlyList<string> DisabledPatterns => [.. patterns.Where((_, i) => Volatile.Read(ref disabled[i]) != 0).Select(p => p.Regex.ToString())];

    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> aliasLookup;

    // The pack's negation cues, common words and speech verbs.
    private readonly WordLists wordLists;

    public TermIndex(IReadOnlyList<SignalGroup> groups, IEnumerable<Phrase> phrases, WordLists wordLists, IReadOnlyDictionary<string, string>? aliases = null)
    {
        this.groups = groups;
        this.wordLists = wordLists;
        aliasLookup = new Dictionary<string, string>(aliases ?? new Dictionary<string, string>(), StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        byAnchor = new Dictionary<string, List<(Phrase Phrase, int Anchor)>>(StringComparer.Ordinal);
        byPrefix = new Dictionary<string, List<(Phrase Phrase, int Anchor)>>(StringComparer.Ordinal);
        foreach (var phrase in phrases)
        {
            // Index a phrase by its rarest-looking word (the longest that is not a common word), so "the ED" is
            // tried where "ed" occurs, not at every "the"; a phrase of prefixes only is indexed by a prefix's first letters.
            var anchor = ChooseAnchor(phrase);
            if (anchor >= 0)
            {
                Add(byAnchor, phrase.Tokens[anchor], (phrase, anchor));
            }
            else
            {
                var k = Array.IndexOf(phrase.Kinds, TermTokenKind.Prefix);
                Add(byPrefix, phrase.Tokens[k][..Math.Min(PrefixKeyLength, phrase.Tokens[k].Length)], (phrase, k));
            }
        }

        static void Add(Dictionary<string, List<(Phrase, int)>> index, string key, (Phrase, int) entry)
        {
            if (!index.TryGetValue(key, out var list))
            {
                index[key] = list = [];
            }

            list.Add(entry);
        }

        lookup = byAnchor.GetAlternateLookup<ReadOnlySpan<char>>();
        prefixLookup = byPrefix.GetAlternateLookup<ReadOnlySpan<char>>();
        patterns = groups
            .SelectMany(g => g.Patterns.Select(p => (Regex: p, Group: g.Id)))
            .GroupBy(x => x.Regex)
            .Select(x => (x.Key, x.Select(y => y.Group).Distinct().ToArray()))
            .OrderBy(x => x.Key.Options.HasFlag(RegexOptions.NonBacktracking) ? 0 : 1) // the linear ones first, outside the budget
            .ToArray();
        disabled = new int[patterns.Length];
        strikes = new int[patterns.Length];

        // Most patterns need a word or symbol that most drafts lack: one scan finds which are present, and a
        // pattern runs only where one of its required literals is.
        var literals = new List<string>();
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        required = new int[]?[patterns.Length];
        for (var i = 0; i < patterns.Length; i++)
        {
            required[i] = RequiredLiterals.Of(patterns[i].Regex)?.Select(literal =>
            {
                if (!ids.TryGetValue(literal, out var id))
                {
                    ids[literal] = id = literals.Count;
                    literals.Add(literal);
                }

                return id;
            }).ToArray();
        }

        literalScan = new LiteralScan(literals);
    }

    // Per pattern, the literals of which every match contains one (their ids in literalScan); null: always run.
    private readonly int[]?[] required;
    private readonly LiteralScan literalScan;

    public int GroupCount => groups.Count;

    /// <summary>The pack's negation cues, common words and speech verbs.</summary>
    public WordLists Words => wordLists;

    public SignalGroup Group(int id) => groups[id];

    private const string PrefixMarker = "zzprefixzz";
    private const string NumberMarker = "zznumberzz";
    private const string NameMarker = "zznamezz";

    /// <summary>
    /// Splits a term the way drafts are split, lower-cased. A trailing '*' on a word makes it a prefix;
    /// <c>&lt;num&gt;</c> stands for any number and <c>&lt;Name&gt;</c> for any capitalised word.
    /// </summary>
    public static (string[] Tokens, TermTokenKind[] Kinds) TokenizeTerm(string term)
    {
        var marked = term
            .Replace("<num>", NumberMarker, StringComparison.Ordinal)
            .Replace("<Name>", NameMarker, StringComparison.Ordinal)
            .Replace("*", PrefixMarker, StringComparison.Ordinal);
        var analysed = new DraftText(marked);
        var tokens = new string[analysed.Tokens.Length];
        var kinds = new TermTokenKind[tokens.Length];
        for (var i = 0; i < tokens.Length; i++)
        {
            var word = analysed.LowerOf(analysed.Tokens[i]).ToString();
            (tokens[i], kinds[i]) = word switch
            {
                NumberMarker => ("", TermTokenKind.Number),
                NameMarker => ("", TermTokenKind.Name),
                _ when word.EndsWith(PrefixMarker, StringComparison.Ordinal) => (word[..^PrefixMarker.Length], TermTokenKind.Prefix),
                _ => (word, TermTokenKind.Word),
            };
        }

        return (tokens, kinds);
    }

    public MatchSet Match(DraftText text)
    {
        var set = new MatchSet(groups.Count, Math.Max(48, text.Tokens.Length));
        var tokens = text.Tokens;
        MatchWords(text, text, set, -1);
        for (var i = 0; i < tokens.Length; i++)
        {
            // #LightsOnNobodyHome reads as "Lights On Nobody Home": its words are matched too, at the hashtag's place
            if (tokens[i].Kind == TokenKind.Hashtag && SplitHashtag(text.Original.AsSpan(tokens[i].Start + 1, tokens[i].Length - 1)) is { } words)
            {
                MatchWords(new DraftText(words), text, set, i);
            }
        }

        Span<bool> present = literalScan.Count <= 1024 ? stackalloc bool[literalScan.Count] : new bool[literalScan.Count];
        literalScan.Scan(RequiredLiterals.Fold(text.Normalized, text.Lower), present);
        var backtrackingSince = 0L;
        for (var i = 0; i < patterns.Length; i++)
        {
            var (regex, groupIds) = patterns[i];
            if (Volatile.Read(ref disabled[i]) != 0)
            {
                continue;
            }

            if (required[i] is { } needs && !AnyPresent(needs, present))
            {
                // it cannot match this draft: as if it had run without a match (and without a timeout)
                if (Volatile.Read(ref strikes[i]) != 0)
                {
                    Volatile.Write(ref strikes[i], 0);
                }

                continue;
            }

            if (!regex.Options.HasFlag(RegexOptions.NonBacktracking))
            {
                if (backtrackingSince == 0)
                {
                    backtrackingSince = Stopwatch.GetTimestamp();
                }
                else if (Stopwatch.GetElapsedTime(backtrackingSince) > BacktrackingBudget)
                {
                    break;
                }
            }

            try
            {
                MatchPattern(text, set, groupIds, regex);
                if (Volatile.Read(ref strikes[i]) != 0)
                {
                    Volatile.Write(ref strikes[i], 0);
                }
            }
            catch (RegexMatchTimeoutException)
            {
                // A pattern that backtracks catastrophically on some drafts would cost its timeout on each of them.
                if (Interlocked.Increment(ref strikes[i]) >= StrikesToDisable && Interlocked.Exchange(ref disabled[i], 1) == 0)
                {
                    PatternDisabled?.Invoke(this, new PatternDisabledEventArgs(regex.ToString(), groupIds.Select(g => groups[g].RuleId).Distinct(StringComparer.Ordinal).ToList()));
                }
            }
        }

        set.Seal();
        return set;
    }

    private static bool AnyPresent(int[] ids, ReadOnlySpan<bool> present)
    {
        foreach (var id in ids)
        {
            if (present[id])
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Finds every phrase in <paramref name="words"/>; matches are recorded against <paramref name="text"/>,
    /// at the words' own tokens or, for a split hashtag, at the hashtag's token.</summary>
    private void MatchWords(DraftText words, DraftText text, MatchSet set, int hashtag)
    {
        var tokens = words.Tokens;
        for (var i = 0; i < tokens.Length; i++)
        {
            var word = Canonical(words.LowerOf(tokens[i]));
            if (lookup.TryGetValue(word, out var list))
            {
                TryPhrases(words, text, set, list, i, hashtag);
            }

            if (word.EndsWith("'s") && lookup.TryGetValue(word[..^2], out list))
            {
                TryPhrases(words, text, set, list, i, hashtag);
            }

            if (word.Length >= PrefixKeyLength && prefixLookup.TryGetValue(word[..PrefixKeyLength], out list))
            {
                TryPhrases(words, text, set, list, i, hashtag);
            }
        }
    }

    /// <summary>Splits a CamelCase or digit-separated hashtag body into words; null when it has only one word.</summary>
    internal static string? SplitHashtag(ReadOnlySpan<char> body)
    {
        var breaks = 0;
        for (var k = 1; k < body.Length; k++)
        {
            if (IsBreak(body, k))
            {
                breaks++;
            }
        }

        if (breaks == 0 || body.Length > 60)
        {
            return null;
        }

        var sb = new System.Text.StringBuilder(body.Length + breaks);
        sb.Append(body[0]);
        for (var k = 1; k < body.Length; k++)
        {
            if (IsBreak(body, k))
            {
                sb.Append(' ');
            }

            if (body[k] != '_')
            {
                sb.Append(body[k]);
            }
        }

        return sb.ToString();

        // a break before an upper-case letter that follows a lower-case one ("stopScope"), before the last capital
        // of an acronym followed by lower case ("ERLife" -> "ER Life"), and between letters and digits ("Call999")
        static bool IsBreak(ReadOnlySpan<char> b, int k) =>
            (char.IsUpper(b[k]) && char.IsLower(b[k - 1])) ||
            (char.IsUpper(b[k]) && char.IsUpper(b[k - 1]) && k + 1 < b.Length && char.IsLower(b[k + 1])) ||
            (char.IsDigit(b[k]) != char.IsDigit(b[k - 1]) && char.IsLetterOrDigit(b[k]) && char.IsLetterOrDigit(b[k - 1])) ||
            b[k] == '_';
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

    private void TryPhrases(DraftText words, DraftText text, MatchSet set, List<(Phrase Phrase, int Anchor)> phrases, int at, int hashtag)
    {
        foreach (var (phrase, anchor) in phrases)
        {
            if (at - anchor >= 0)
            {
                TryPhrase(words, text, set, phrase, at - anchor, hashtag);
            }
        }
    }

    private void TryPhrase(DraftText words, DraftText text, MatchSet set, Phrase phrase, int at, int hashtag)
    {
        var tokens = words.Tokens;
        var n = phrase.Tokens.Length;
        if (at + n > tokens.Length)
        {
            return;
        }

        for (var k = 0; k < n; k++)
        {
            var token = tokens[at + k];
            var matches = phrase.Kinds[k] switch
            {
                TermTokenKind.Number => token.Kind == TokenKind.Number,
                TermTokenKind.Name => IsName(words, token),
                TermTokenKind.Prefix => Canonical(words.LowerOf(token)).StartsWith(phrase.Tokens[k], StringComparison.Ordinal),
                _ => TokenMatches(Canonical(words.LowerOf(token)), phrase.Tokens[k]),
            };
            if (!matches)
            {
                return;
            }
        }

        if (hashtag >= 0)
        {
            var h = text.Tokens[hashtag];
            Accept(text, set, phrase.GroupId, hashtag, hashtag, h.Start, h.End, h.Sentence);
        }
        else
        {
            Accept(text, set, phrase.GroupId, at, at + n - 1, tokens[at].Start, tokens[at + n - 1].End, tokens[at].Sentence);
        }
    }

    /// <summary>The index of the word to look a phrase up by: the longest whole word that is not a common word.</summary>
    private int ChooseAnchor(Phrase phrase)
    {
        var best = -1;
        var bestScore = int.MinValue;
        for (var k = 0; k < phrase.Tokens.Length; k++)
        {
            if (!phrase.IsLiteral(k))
            {
                continue;
            }

            var score = phrase.Tokens[k].Length - (wordLists.CommonWords.Contains(phrase.Tokens[k]) ? 100 : 0);
            if (score > bestScore)
            {
                best = k;
                bestScore = score;
            }
        }

        return best;
    }

    /// <summary>A capitalised word that is not an acronym, title or sentence opener: "Leo", not "ED" or "Dr".</summary>
    private static bool IsName(DraftText text, in Token token) =>
        token.Kind == TokenKind.Word && token.Length >= 2 &&
        char.IsUpper(text.Original[token.Start]) && char.IsLower(text.Original[token.Start + 1]) &&
        !NotNames.Contains(text.LowerOf(token));

    /// <summary>The standard word for an informal spelling ("ur" → "your"), or the word itself.</summary>
    private ReadOnlySpan<char> Canonical(ReadOnlySpan<char> word) => aliasLookup.TryGetValue(word, out var standard) ? standard : word;

    private static bool TokenMatches(ReadOnlySpan<char> word, string term)
    {
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

    private bool IsNegated(DraftText text, int first)
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
            if (w.EndsWith("n't") || wordLists.Negation.Contains(w))
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

    /// <summary>Inside a quotation of three or more words that a speech verb introduces ("asked if I was 'a real doctor or just a nurse'").</summary>
    private bool IsReportedSpeech(DraftText text, int start, int first)
    {
        var quote = text.QuoteAround(start);
        if (quote is null)
        {
            return false;
        }

        var (qStart, qEnd) = quote.Value;
        var tokens = text.Tokens;
        var count = 0;
        var k = text.TokenAtOrAfter(qStart);
        var firstInQuote = k;
        for (; k < tokens.Length && tokens[k].Start < qEnd; k++)
        {
            count++;
        }

        if (count < 3)
        {
            return false;
        }

        for (var j = firstInQuote - 1; j >= 0 && j >= firstInQuote - 4; j--)
        {
            if (wordLists.Speech.Contains(text.LowerOf(tokens[j])))
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
            if (Is(lead - 1, "as") || Is(lead - 1, "i'm") || Is(lead - 1, "im") || (Is(lead - 1, "am") && Is(lead - 2, "i")))
            {
                return true;
            }
        }

        return IsAuthorsGroup(text, first, last);
    }

    /// <summary>
    /// Whether the group named by tokens <paramref name="first"/>..<paramref name="last"/> is one the author says they
    /// belong to anywhere in the draft (<see cref="DraftText.SelfDescriptions"/>): every word of the name is a form of a
    /// word of one self-description ("surgeons" and "I'm a surgeon"; "hospital doctors" and "signed, a hospital doc";
    /// "anaesthesia" and "as an anaesthetist"), so "ER docs" is not the group of "as a doctor". A joke about one's own
    /// group is levity, not disparagement of another profession.
    /// </summary>
    private static bool IsAuthorsGroup(DraftText text, int first, int last)
    {
        var descriptions = text.SelfDescriptions;
        if (descriptions.Count == 0)
        {
            return false;
        }

        var tokens = text.Tokens;
        foreach (var description in descriptions)
        {
            var all = true;
            for (var k = first; k <= last && k < tokens.Length && all; k++)
            {
                var word = text.LowerOf(tokens[k]);
                var any = false;
                foreach (var own in description)
                {
                    any |= SameWord(word, own);
                }

                all = any;
            }

            if (all)
            {
                return true;
            }
        }

        return false;
    }

    private static readonly string[] GroupSuffixes = ["ists", "ist", "ians", "ian", "ical", "ics", "ic", "eons", "eon", "ery", "ing", "ies", "ia", "y", "es", "e", "s"];

    /// <summary>
    /// Forms of one word, by stem (the longest of a few endings of profession names cut off: -ist, -ian, -ical, -ics,
    /// -eon, -ery, -ing, -ia, -y, -e, -s): surgeon, surgery and surgical; nurse and nursing; oncologist and oncology.
    /// Equal stems match, as does one stem a prefix of the other (doc, doctor; paeds, paediatrician) or two long stems
    /// with their first seven letters alike (anaesthetist, anaesthesia). Physio and physician stay apart.
    /// </summary>
    private static bool SameWord(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        a = Stem(a.EndsWith("'s") ? a[..^2] : a);
        b = Stem(b.EndsWith("'s") ? b[..^2] : b);
        if (a.Length < 3 || b.Length < 3)
        {
            return a.SequenceEqual(b);
        }

        var common = a.CommonPrefixLength(b);
        return common == Math.Min(a.Length, b.Length) || common >= 7;
    }

    private static ReadOnlySpan<char> Stem(ReadOnlySpan<char> word)
    {
        foreach (var suffix in GroupSuffixes)
        {
            if (word.Length - suffix.Length >= 3 && word.EndsWith(suffix, StringComparison.Ordinal))
            {
                return word[..^suffix.Length];
            }
        }

        return word;
    }
}
