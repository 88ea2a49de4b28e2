using System.Text.RegularExpressions;
using CommsBot.Guidelines.Pack;

namespace CommsBot.Guidelines.Detection;

/// <summary>
/// Checks and compiles the <c>signals</c> options of every rule of a pack. The groups and phrases of all rules go
/// into one list each, so that one <see cref="TermIndex"/> scans a draft for every rule at once.
/// </summary>
/// <param name="vocabularies">The pack's shared vocabularies, which a group can <c>use</c>.</param>
/// <param name="packFile">The name errors in a vocabulary are reported under.</param>
internal sealed partial class SignalsBuilder(IReadOnlyDictionary<string, TermSetDocument> vocabularies, string packFile)
{
    public const string Kind = "signals";

    /// <summary>The group an extension's <c>exceptions</c> become: a match anywhere keeps the rule quiet.</summary>
    private const string ExceptionsGroup = "pack-exceptions";

    private readonly List<SignalGroup> groups = [];
    private readonly List<Phrase> phrases = [];

    /// <summary>Every group of every rule added so far, indexed by <see cref="SignalGroup.Id"/>.</summary>
    public IReadOnlyList<SignalGroup> Groups => groups;

    /// <summary>Compiles the vocabularies' patterns once, so that a broken one is reported once, under the vocabulary.</summary>
    public void CheckVocabularies(List<RulePackError> errors)
    {
        foreach (var (vocabName, vocab) in vocabularies)
        {
            foreach (var pattern in vocab.Patterns ?? [])
            {
                _ = PatternCompiler.Compile(pattern, packFile, $"vocabulary '{vocabName}'", errors);
            }
        }
    }

    /// <summary>
    /// Adds one rule's groups and clauses. Returns what makes its detector once the rule's descriptor exists, or
    /// null when the options are too broken to read further (the error says why); errors are reported through
    /// <paramref name="error"/>, every one of them.
    /// </summary>
    public Func<GuidelineRule, IDetector>? Add(string ruleId, string sourceFile, SignalsOptions options, IReadOnlyList<string>? exceptions, Action<string> error)
    {
        var groupOptions = new Dictionary<string, SignalGroupOptions>(options.Groups ?? [], StringComparer.Ordinal);
        if (exceptions is { Count: > 0 })
        {
            groupOptions[ExceptionsGroup] = new SignalGroupOptions { Terms = [.. exceptions] };
        }

        if (groupOptions.Count == 0)
        {
            error("the detector has no groups");
            return null;
        }

        var local = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (groupName, g) in groupOptions)
        {
            local[groupName] = AddGroup(ruleId, sourceFile, groupName, g, error);
        }

        var clauses = BuildClauses(options.Clauses ?? [], local, error);

        var missing = new List<(int, string)>();
        foreach (var (groupName, advice) in options.Missing ?? [])
        {
            if (local.TryGetValue(groupName, out var gid))
            {
                missing.Add((gid, advice));
            }
            else
            {
                error($"'missing' names group '{groupName}', which the rule does not define");
            }
        }

        int? spanGroup = null;
        if (options.Span is { } spanName)
        {
            if (local.TryGetValue(spanName, out var gid))
            {
                spanGroup = gid;
            }
            else
            {
                error($"'span' names group '{spanName}', which the rule does not define");
            }
        }

        var maxFindings = options.MaxFindings ?? 3;
        return descriptor => new SignalsDetector(descriptor, clauses, missing, spanGroup, maxFindings, groups);
    }

    /// <summary>The index over every group added, with the pack's aliases and word lists.</summary>
    public TermIndex BuildIndex(IReadOnlyDictionary<string, string> aliases, WordLists words) => new(groups, phrases, words, aliases);

    private int AddGroup(string ruleId, string sourceFile, string groupName, SignalGroupOptions g, Action<string> error)
    {
        var patterns = new List<Regex>();
        var terms = new List<string>(g.Terms ?? []);
        foreach (var vocabName in g.Use ?? [])
        {
            if (!vocabularies.TryGetValue(vocabName, out var vocab))
            {
                error($"group '{groupName}' uses vocabulary '{vocabName}', which the pack does not define");
                continue;
            }

            terms.AddRange(vocab.Terms ?? []);
            foreach (var p in vocab.Patterns ?? [])
            {
                if (PatternCompiler.Compile(p, packFile, null, null) is { } rx)
                {
                    patterns.Add(rx);
                }
            }
        }

        foreach (var p in g.Patterns ?? [])
        {
            var patternErrors = new List<RulePackError>();
            if (PatternCompiler.Compile(p, sourceFile, ruleId, patternErrors, $"group '{groupName}': ") is { } rx)
            {
                patterns.Add(rx);
            }

            patternErrors.ForEach(e => error(e.Message));
        }

        if (terms.Count == 0 && patterns.Count == 0 && (g.Patterns?.Count ?? 0) == 0)
        {
            error($"group '{groupName}' has no terms or patterns");
        }

        if (g.MaxCount is < 1 or > 20)
        {
            error($"group '{groupName}': maxCount {g.MaxCount} is outside 1..20");
        }

        if (g.Weight is < -100 or > 100)
        {
            error($"group '{groupName}': weight {g.Weight} is outside -100..100");
        }

        var group = new SignalGroup
        {
            Id = groups.Count,
            Name = groupName,
            RuleId = ruleId,
            Weight = g.Weight ?? 1,
            Negatable = g.Negatable ?? false,
            MaxCount = g.MaxCount ?? 1,
            StartWithin = g.StartWithin,
            StartAfter = g.StartAfter,
            ExceptSelf = g.ExceptSelf ?? false,
            ExceptReported = g.ExceptReported ?? false,
            Patterns = patterns,
        };
        groups.Add(group);
        if (terms.RemoveAll(string.IsNullOrWhiteSpace) > 0)
        {
            error($"group '{groupName}' has an empty term (in YAML, quote a term that starts with #: \"#ad\")");
        }

        foreach (var term in terms.SelectMany(ExpandTerm))
        {
            var (tokens, kinds) = TermIndex.TokenizeTerm(term);
            if (tokens.Length == 0)
            {
                error($"group '{groupName}': term '{term}' has no words");
                continue;
            }

            if (tokens.Where((t, k) => kinds[k] == TermTokenKind.Prefix && t.Length < TermIndex.PrefixKeyLength).Any())
            {
                error($"group '{groupName}': term '{term}' has a prefix (*) shorter than {TermIndex.PrefixKeyLength} letters");
                continue;
            }

            if (!kinds.Any(k => k is TermTokenKind.Word or TermTokenKind.Prefix))
            {
                error($"group '{groupName}': term '{term}' needs at least one word besides <num> and <Name>");
                continue;
            }

            phrases.Add(new Phrase(tokens, kinds, group.Id));
        }

        return group.Id;
    }

    private static List<Clause> BuildClauses(List<SignalClauseOptions> clauseOptions, Dictionary<string, int> local, Action<string> error)
    {
        var clauses = new List<Clause>();
        if (clauseOptions.Count == 0)
        {
            error("the detector has no clauses");
        }

        for (var c = 0; c < clauseOptions.Count; c++)
        {
            var cd = clauseOptions[c];
            var where = $"clause {c + 1}: ";
            int[] Resolve(List<string>? names, string field)
            {
                var ids = new List<int>();
                foreach (var name in names ?? [])
                {
                    if (local.TryGetValue(name, out var gid))
                    {
                        ids.Add(gid);
                    }
                    else
                    {
                        error($"{where}'{field}' names group '{name}', which the rule does not define");
                    }
                }

                return ids.ToArray();
            }

            var scope = cd.Scope switch
            {
                null or "post" => ClauseScope.Post,
                "sentence" => ClauseScope.Sentence,
                "window" => ClauseScope.Window,
                _ => (ClauseScope?)null,
            };
            if (scope is null)
            {
                error($"{where}scope '{cd.Scope}' is not one of post, sentence, window");
            }

            HashSet<AccountKind>? accounts = null;
            if (cd.Accounts is { Count: > 0 })
            {
                accounts = [];
                foreach (var a in cd.Accounts)
                {
                    if (WireNames.TryParseAccount(a, out var kind))
                    {
                        accounts.Add(kind);
                    }
                    else
                    {
                        error($"{where}account '{a}' is not one of professional, personal, unknown");
                    }
                }
            }

            var all = Resolve(cd.All, "all");
            var any = Resolve(cd.Any, "any");
            var unless = Resolve(cd.Unless, "unless");
            if (local.TryGetValue(ExceptionsGroup, out var exceptionsGroup))
            {
                unless = [.. unless, exceptionsGroup];
            }

            if (all.Length == 0 && any.Length == 0 && (cd.Score?.Count ?? 0) == 0)
            {
                error($"{where}needs at least one group in 'all', 'any' or 'score'");
            }

            var score = cd.Score is null ? all.Concat(any).Distinct().ToArray() : Resolve(cd.Score, "score");
            clauses.Add(new Clause
            {
                Accounts = accounts,
                Scope = scope ?? ClauseScope.Post,
                Window = cd.Window ?? 20,
                All = all,
                Any = any.Length == 0 && all.Length == 0 ? score : any,
                None = Resolve(cd.None, "none"),
                Unless = unless,
                Score = score,
                MinScore = cd.MinScore ?? 0,
            });
        }

        return clauses;
    }

    /// <summary>"nurse(s)" becomes "nurse" and "nurses"; "film(|s|ed|ing)" four forms. One group per term.</summary>
    internal static IEnumerable<string> ExpandTerm(string term)
    {
        var m = AlternationPattern().Match(term);
        if (!m.Success)
        {
            yield return term.Trim();
            yield break;
        }

        var options = m.Groups[1].Value.Split('|');
        if (options.Length == 1)
        {
            options = ["", options[0]];
        }

        foreach (var option in options)
        {
            foreach (var expanded in ExpandTerm(string.Concat(term.AsSpan(0, m.Index), option, term.AsSpan(m.Index + m.Length))))
            {
                yield return expanded;
            }
        }
    }

    [GeneratedRegex(@"\(([A-Za-z'|]*)\)")]
    private static partial Regex AlternationPattern();
}
