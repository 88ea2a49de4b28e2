using System.Reflection;
using System.Text.RegularExpressions;
using CommsBot.Guidelines.Detection;
using CommsBot.Guidelines.Fixes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace CommsBot.Guidelines.Pack;

/// <summary>
/// Reads the embedded default pack and an optional institution pack, merges them, and compiles the result. Every
/// problem is collected and reported at once, with the file and rule it is in.
/// </summary>
internal static partial class RulePackLoader
{
    public const string DefaultPackName = "default pack";
    private static readonly HashSet<string> DetectorKinds = ["signals"];
    private static readonly Dictionary<string, IFixer> Fixers = new IFixer[]
    {
        new AdviceFixer(), new RemoveSentenceFixer(), new InsertDisclosureFixer(), new ReplaceFixer("replace"), new ReplaceFixer("generalize"),
    }.ToDictionary(f => f.Kind, StringComparer.Ordinal);

    // A pattern that the linear-time engine cannot run (lookarounds, backreferences) and that slips past the load-time
    // check still cannot stall a turn: it stops at this timeout and is switched off (TermIndex). A thousand times what
    // the default pack's patterns take, so a loaded machine does not switch off a good one.
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(250);

    public static IReadOnlyCollection<string> FixerKinds => Fixers.Keys;

    public static IFixer Fixer(string kind) => Fixers[kind];

    public static RulePack Load(string? extensionPath)
    {
        var errors = new List<RulePackError>();
        var sources = new List<string> { DefaultPackName };
        var document = Parse(ReadDefault(), DefaultPackName, errors);
        if (!string.IsNullOrWhiteSpace(extensionPath))
        {
            sources.Add(extensionPath);
            if (!File.Exists(extensionPath))
            {
                errors.Add(new RulePackError(extensionPath, null, "file not found"));
            }
            else
            {
                string yaml;
                try
                {
                    yaml = File.ReadAllText(extensionPath);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    errors.Add(new RulePackError(extensionPath, null, $"cannot be read: {e.Message}"));
                    yaml = "";
                }

                var extension = Parse(yaml, extensionPath, errors);
                if (document is not null && extension is not null)
                {
                    Merge(document, extension, extensionPath, errors);
                }
            }
        }

        if (document is null)
        {
            throw new RulePackException(errors);
        }

        // compile even after merge errors, so that every problem in the file is listed in one go
        var pack = Compile(document, sources, errors);
        if (errors.Count > 0 || pack is null)
        {
            throw new RulePackException(errors);
        }

        return pack;
    }

    internal static string ReadDefault()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("CommsBot.Guidelines.default-pack.yaml")
            ?? throw new RulePackException("The embedded default pack is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    internal static RulePackDocument? Parse(string yaml, string file, List<RulePackError> errors)
    {
        var deserializer = new DeserializerBuilder()
            .WithNamingConvention(CamelCaseNamingConvention.Instance)
            .WithNodeDeserializer(new ScalarExampleDeserializer(), s => s.OnTop())
            .Build();
        try
        {
            return deserializer.Deserialize<RulePackDocument>(yaml) ?? new RulePackDocument();
        }
        catch (YamlException e)
        {
            var inner = e.InnerException?.Message;
            errors.Add(new RulePackError(file, null, $"line {e.Start.Line}, column {e.Start.Column}: {e.Message}{(inner is null ? "" : " " + inner)}"));
            return null;
        }
    }

    /// <summary>An institution pack adds vocabulary terms, rule overrides (severity, retired, exceptions, group terms) and new rules.</summary>
    private static void Merge(RulePackDocument target, RulePackDocument extension, string file, List<RulePackError> errors)
    {
        target.Aliases ??= [];
        foreach (var (alias, word) in extension.Aliases ?? [])
        {
            target.Aliases[alias] = word;
        }

        target.Vocabularies ??= [];
        foreach (var (name, vocab) in extension.Vocabularies ?? [])
        {
            if (target.Vocabularies.TryGetValue(name, out var existing))
            {
                existing.Terms = [.. existing.Terms ?? [], .. vocab.Terms ?? []];
                existing.Patterns = [.. existing.Patterns ?? [], .. vocab.Patterns ?? []];
            }
            else
            {
                target.Vocabularies[name] = vocab;
            }
        }

        target.Rules ??= [];
        foreach (var rule in extension.Rules ?? [])
        {
            var existing = target.Rules.FirstOrDefault(r => r.Id == rule.Id);
            if (existing is null)
            {
                rule.SourceFile = file;
                target.Rules.Add(rule);
                continue;
            }

            existing.SourceFile = file;

            if (rule.Detector is not null)
            {
                errors.Add(new RulePackError(file, rule.Id, "an extension cannot replace a built-in rule's detector; add terms under 'groups', or add a new rule with its own id"));
            }

            existing.Severity = rule.Severity ?? existing.Severity;
            existing.Retired = rule.Retired ?? existing.Retired;
            existing.Message = rule.Message ?? existing.Message;
            existing.Help = rule.Help ?? existing.Help;
            existing.Exceptions = [.. existing.Exceptions ?? [], .. rule.Exceptions ?? []];
            foreach (var (groupName, add) in rule.Groups ?? [])
            {
                if (existing.Detector?.Groups?.TryGetValue(groupName, out var group) != true || group is null)
                {
                    errors.Add(new RulePackError(file, rule.Id, $"group '{groupName}' does not exist in the rule (groups: {string.Join(", ", existing.Detector?.Groups?.Keys.AsEnumerable() ?? [])})"));
                    continue;
                }

                group.Terms = [.. group.Terms ?? [], .. add.Terms ?? []];
                group.Patterns = [.. group.Patterns ?? [], .. add.Patterns ?? []];
            }

            if (rule.Examples is not null)
            {
                existing.Examples ??= new ExamplesDocument();
                existing.Examples.Fire = [.. existing.Examples.Fire ?? [], .. rule.Examples.Fire ?? []];
                existing.Examples.Quiet = [.. existing.Examples.Quiet ?? [], .. rule.Examples.Quiet ?? []];
            }
        }
    }

    private static RulePack? Compile(RulePackDocument doc, IReadOnlyList<string> sources, List<RulePackError> errors)
    {
        var file = sources[^1] == DefaultPackName ? DefaultPackName : string.Join(" + ", sources);
        if (doc.Rules is not { Count: > 0 })
        {
            errors.Add(new RulePackError(file, null, "the pack has no rules"));
            return null;
        }

        var vocabularies = doc.Vocabularies ?? [];
        var groups = new List<SignalGroup>();
        var phrases = new List<Phrase>();
        var rules = new List<GuidelineRule>();
        var detectorFactories = new List<Func<IReadOnlyList<SignalGroup>, IDetector>>();
        var fixes = new Dictionary<string, FixSpec>(StringComparer.Ordinal);
        var examples = new List<RuleExample>();
        var seen = new HashSet<string>(StringComparer.Ordinal);

        foreach (var (vocabName, vocab) in vocabularies)
        {
            foreach (var pattern in vocab.Patterns ?? [])
            {
                _ = CompileRegex(pattern, file, $"vocabulary '{vocabName}'", errors);
            }
        }

        for (var index = 0; index < doc.Rules.Count; index++)
        {
            var r = doc.Rules[index];
            var id = r.Id?.Trim();
            var ruleErrors = errors.Count;
            void Error(string message) => errors.Add(new RulePackError(r.SourceFile ?? DefaultPackName, id ?? $"#{index + 1}", message));

            if (string.IsNullOrEmpty(id))
            {
                Error("missing 'id'");
                continue;
            }

            if (!RuleIdPattern().IsMatch(id))
            {
                Error("the id must be kebab-case (lower-case letters, digits and hyphens)");
            }

            if (!seen.Add(id))
            {
                Error("duplicate rule id");
            }

            RuleCategory category = RuleCategory.Issue;
            if (r.Category is "issue" or null)
            {
                category = RuleCategory.Issue;
            }
            else if (r.Category == "opportunity")
            {
                category = RuleCategory.Opportunity;
            }
            else
            {
                Error($"category '{r.Category}' is not 'issue' or 'opportunity'");
            }

            if (!WireNames.TryParseSeverity(r.Severity, out var severity))
            {
                Error(r.Severity is null ? "missing 'severity'" : $"severity '{r.Severity}' is not one of blocker, warning, suggestion, praise");
            }

            foreach (var (field, value) in new[] { ("title", r.Title), ("message", r.Message), ("rationale", r.Rationale), ("source", r.Source) })
            {
                if (string.IsNullOrWhiteSpace(value))
                {
                    Error($"missing '{field}'");
                }
            }

            FixSpec? fix = null;
            if (r.Fix is null)
            {
                Error("missing 'fix'");
            }
            else if (r.Fix.Kind is null || !Fixers.ContainsKey(r.Fix.Kind))
            {
                Error($"fix kind '{r.Fix.Kind}' is not one of {string.Join(", ", Fixers.Keys)}");
            }
            else if (string.IsNullOrWhiteSpace(r.Fix.Title))
            {
                Error("missing 'fix.title'");
            }
            else
            {
                fix = new FixSpec(r.Fix.Kind, r.Fix.Title.Trim(), r.Fix.Text,
                    new Dictionary<string, string>(r.Fix.Replacements ?? [], StringComparer.OrdinalIgnoreCase));
            }

            var detector = r.Detector;
            if (detector is null)
            {
                Error("missing 'detector'");
                continue;
            }

            if (detector.Kind is null || !DetectorKinds.Contains(detector.Kind))
            {
                Error($"detector kind '{detector.Kind}' is not one of {string.Join(", ", DetectorKinds)}");
                continue;
            }

            var groupDocs = new Dictionary<string, GroupDocument>(detector.Groups ?? [], StringComparer.Ordinal);
            if (r.Exceptions is { Count: > 0 })
            {
                groupDocs["pack-exceptions"] = new GroupDocument { Terms = r.Exceptions };
            }

            if (groupDocs.Count == 0)
            {
                Error("the detector has no groups");
                continue;
            }

            var local = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var (groupName, g) in groupDocs)
            {
                var patterns = new List<Regex>();
                var terms = new List<string>(g.Terms ?? []);
                foreach (var vocabName in g.Use ?? [])
                {
                    if (!vocabularies.TryGetValue(vocabName, out var vocab))
                    {
                        Error($"group '{groupName}' uses vocabulary '{vocabName}', which the pack does not define");
                        continue;
                    }

                    terms.AddRange(vocab.Terms ?? []);
                    foreach (var p in vocab.Patterns ?? [])
                    {
                        if (CompileRegex(p, file, null, null) is { } rx)
                        {
                            patterns.Add(rx);
                        }
                    }
                }

                foreach (var p in g.Patterns ?? [])
                {
                    if (CompileRegex(p, r.SourceFile ?? DefaultPackName, id, errors, $"group '{groupName}': ") is { } rx)
                    {
                        patterns.Add(rx);
                    }
                }

                if (terms.Count == 0 && patterns.Count == 0 && (g.Patterns?.Count ?? 0) == 0)
                {
                    Error($"group '{groupName}' has no terms or patterns");
                }

                if (g.MaxCount is < 1 or > 20)
                {
                    Error($"group '{groupName}': maxCount {g.MaxCount} is outside 1..20");
                }

                if (g.Weight is < -100 or > 100)
                {
                    Error($"group '{groupName}': weight {g.Weight} is outside -100..100");
                }

                var group = new SignalGroup
                {
                    Id = groups.Count,
                    Name = groupName,
                    RuleId = id,
                    Weight = g.Weight ?? 1,
                    Negatable = g.Negatable ?? false,
                    MaxCount = g.MaxCount ?? 1,
                    StartWithin = g.StartWithin,
                    StartAfter = g.StartAfter,
                    ExceptSelf = g.ExceptSelf ?? false,
                    ExceptReported = g.ExceptReported ?? false,
                    Patterns = patterns,
                };
                local[groupName] = group.Id;
                groups.Add(group);
                if (terms.RemoveAll(string.IsNullOrWhiteSpace) > 0)
                {
                    Error($"group '{groupName}' has an empty term (in YAML, quote a term that starts with #: \"#ad\")");
                }

                foreach (var term in terms.SelectMany(ExpandTerm))
                {
                    var (tokens, kinds) = TermIndex.TokenizeTerm(term);
                    if (tokens.Length == 0)
                    {
                        Error($"group '{groupName}': term '{term}' has no words");
                        continue;
                    }

                    if (tokens.Where((t, k) => kinds[k] == TermTokenKind.Prefix && t.Length < TermIndex.PrefixKeyLength).Any())
                    {
                        Error($"group '{groupName}': term '{term}' has a prefix (*) shorter than {TermIndex.PrefixKeyLength} letters");
                        continue;
                    }

                    if (!kinds.Any(k => k is TermTokenKind.Word or TermTokenKind.Prefix))
                    {
                        Error($"group '{groupName}': term '{term}' needs at least one word besides <num> and <Name>");
                        continue;
                    }

                    phrases.Add(new Phrase(tokens, kinds, group.Id));
                }
            }

            var clauses = new List<Clause>();
            var clauseDocs = detector.Clauses ?? [];
            if (clauseDocs.Count == 0)
            {
                Error("the detector has no clauses");
            }

            for (var c = 0; c < clauseDocs.Count; c++)
            {
                var cd = clauseDocs[c];
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
                            Error($"{where}'{field}' names group '{name}', which the rule does not define");
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
                    Error($"{where}scope '{cd.Scope}' is not one of post, sentence, window");
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
                            Error($"{where}account '{a}' is not one of professional, personal, unknown");
                        }
                    }
                }

                var all = Resolve(cd.All, "all");
                var any = Resolve(cd.Any, "any");
                var unless = Resolve(cd.Unless, "unless");
                if (local.TryGetValue("pack-exceptions", out var exceptionsGroup))
                {
                    unless = [.. unless, exceptionsGroup];
                }

                if (all.Length == 0 && any.Length == 0 && (cd.Score?.Count ?? 0) == 0)
                {
                    Error($"{where}needs at least one group in 'all', 'any' or 'score'");
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

            var missing = new List<(int, string)>();
            foreach (var (groupName, advice) in detector.Missing ?? [])
            {
                if (local.TryGetValue(groupName, out var gid))
                {
                    missing.Add((gid, advice));
                }
                else
                {
                    Error($"'missing' names group '{groupName}', which the rule does not define");
                }
            }

            int? spanGroup = null;
            if (detector.Span is { } spanName)
            {
                if (local.TryGetValue(spanName, out var gid))
                {
                    spanGroup = gid;
                }
                else
                {
                    Error($"'span' names group '{spanName}', which the rule does not define");
                }
            }

            foreach (var (list, fire) in new[] { (r.Examples?.Fire, true), (r.Examples?.Quiet, false) })
            {
                foreach (var e in list ?? [])
                {
                    if (string.IsNullOrWhiteSpace(e.Text))
                    {
                        Error("an example has no text");
                        continue;
                    }

                    if (!WireNames.TryParseAccount(e.Account, out var account) || !WireNames.TryParsePlatform(e.Platform, out var platform))
                    {
                        Error($"an example has an unknown account '{e.Account}' or platform '{e.Platform}'");
                        continue;
                    }

                    var (text, spans) = RuleExample.ParseMarkup(e.Text);
                    examples.Add(new RuleExample(id, fire, text, spans, new DraftContext(account, platform)));
                }
            }

            if (errors.Count > ruleErrors || fix is null)
            {
                continue;
            }

            var descriptor = new GuidelineRule
            {
                Id = id,
                Title = r.Title!.Trim(),
                Category = category,
                Severity = severity,
                Message = r.Message!.Trim(),
                Rationale = r.Rationale!.Trim(),
                Source = r.Source!.Trim(),
                Help = r.Help?.Trim() ?? "",
                FixAdvice = fix.Title,
                Retired = r.Retired ?? false,
                SuppressedBy = r.SuppressedBy ?? [],
            };
            rules.Add(descriptor);
            fixes[id] = fix;
            var maxFindings = detector.MaxFindings ?? 3;
            detectorFactories.Add(all => new SignalsDetector(descriptor, clauses, missing, spanGroup, maxFindings, all));
        }

        var ids = rules.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var rule in rules)
        {
            foreach (var other in rule.SuppressedBy.Where(o => !ids.Contains(o)))
            {
                errors.Add(new RulePackError(file, rule.Id, $"'suppressedBy' names rule '{other}', which the pack does not define"));
            }
        }

        if (errors.Count > 0)
        {
            return null;
        }

        var aliases = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (alias, word) in doc.Aliases ?? [])
        {
            var from = TermIndex.TokenizeTerm(alias).Tokens;
            var to = TermIndex.TokenizeTerm(word ?? "").Tokens;
            if (from.Length != 1 || to.Length != 1)
            {
                errors.Add(new RulePackError(file, null, $"alias '{alias}: {word}' must map one word to one word"));
                continue;
            }

            aliases[from[0]] = to[0];
        }

        if (errors.Count > 0)
        {
            return null;
        }

        var termIndex = new TermIndex(groups, phrases, aliases);
        var detectors = detectorFactories.Select(f => f(groups)).ToList();
        return new RulePack(doc.Name ?? "CommsBot guidelines", rules, termIndex, detectors, fixes, examples, sources);
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

    // Regex instances are immutable and thread-safe: packs loaded in one process share their compiled patterns.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Regex> Compiled = new(StringComparer.Ordinal);

    private static Regex? CompileRegex(string pattern, string file, string? ruleId, List<RulePackError>? errors, string where = "")
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

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex RuleIdPattern();

    [GeneratedRegex(@"\(([A-Za-z'|]*)\)")]
    private static partial Regex AlternationPattern();

    /// <summary>Lets an example be a plain string as well as a map with text, account and platform.</summary>
    private sealed class ScalarExampleDeserializer : INodeDeserializer
    {
        public bool Deserialize(IParser reader, Type expectedType, Func<IParser, Type, object?> nestedObjectDeserializer, out object? value, ObjectDeserializer rootDeserializer)
        {
            if (expectedType == typeof(ExampleDocument) && reader.Accept<Scalar>(out var scalar))
            {
                reader.MoveNext();
                value = new ExampleDocument { Text = scalar.Value };
                return true;
            }

            value = null;
            return false;
        }
    }
}
