using System.Text.RegularExpressions;
using CommsBot.Guidelines.Detection;
using CommsBot.Guidelines.Fixes;

namespace CommsBot.Guidelines.Pack;

/// <summary>
/// Turns a merged pack document into a <see cref="RulePack"/>: checks each rule's metadata, fix and examples, hands
/// its detector options to the builder of their kind, and checks the aliases and word lists. Every problem is
/// collected; nothing is compiled when there is one.
/// </summary>
internal static partial class RulePackCompiler
{
    private static readonly string[] DetectorKinds = [SignalsBuilder.Kind];

    public static RulePack? Compile(RulePackDocument doc, IReadOnlyList<string> sources, List<RulePackError> errors)
    {
        var file = sources[^1] == RulePackLoader.DefaultPackName ? RulePackLoader.DefaultPackName : string.Join(" + ", sources);
        if (doc.Rules is not { Count: > 0 })
        {
            errors.Add(new RulePackError(file, null, "the pack has no rules"));
            return null;
        }

        var signals = new SignalsBuilder(doc.Vocabularies ?? [], file);
        signals.CheckVocabularies(errors);
        var rules = new List<GuidelineRule>();
        var detectorFactories = new List<(GuidelineRule Rule, Func<GuidelineRule, IDetector> Create)>();
        var fixes = new Dictionary<string, FixSpec>(StringComparer.Ordinal);
        var examples = new List<RuleExample>();
        var seen = new HashSet<string>(StringComparer.Ordinal);

        for (var index = 0; index < doc.Rules.Count; index++)
        {
            var r = doc.Rules[index];
            var id = r.Id?.Trim();
            var ruleErrors = errors.Count;
            var sourceFile = r.SourceFile ?? RulePackLoader.DefaultPackName;
            var errorRuleId = id ?? $"#{index + 1}";
            void Error(string message) => errors.Add(new RulePackError(sourceFile, errorRuleId, message));

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

            var category = RuleCategory.Issue;
            if (r.Category == "opportunity")
            {
                category = RuleCategory.Opportunity;
            }
            else if (r.Category is not ("issue" or null))
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

            var fix = CompileFix(r.Fix, Error);

            var detector = r.Detector;
            if (detector is null)
            {
                Error("missing 'detector'");
                continue;
            }

            // one builder per detector kind (Vale's check kinds); today there is one
            if (detector.Kind is null || !DetectorKinds.Contains(detector.Kind))
            {
                Error($"detector kind '{detector.Kind}' is not one of {string.Join(", ", DetectorKinds)}");
                continue;
            }

            var create = signals.Add(id, sourceFile, detector, r.Exceptions, Error);
            if (create is null)
            {
                continue;
            }

            AddExamples(id, r.Examples, examples, Error);

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
            detectorFactories.Add((descriptor, create));
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

        var aliases = CompileAliases(doc.Aliases, file, errors);
        var words = CompileWords(doc.Words, file, errors);
        if (errors.Count > 0 || words is null)
        {
            return null;
        }

        var termIndex = signals.BuildIndex(aliases, words);
        var detectors = detectorFactories.Select(d => d.Create(d.Rule)).ToList();
        return new RulePack(doc.Name ?? "CommsBot guidelines", rules, termIndex, detectors, fixes, examples, sources);
    }

    private static FixSpec? CompileFix(FixDocument? fix, Action<string> error)
    {
        if (fix is null)
        {
            error("missing 'fix'");
        }
        else if (fix.Kind is null || !FixerRegistry.Contains(fix.Kind))
        {
            error($"fix kind '{fix.Kind}' is not one of {string.Join(", ", FixerRegistry.Kinds)}");
        }
        else if (string.IsNullOrWhiteSpace(fix.Title))
        {
            error("missing 'fix.title'");
        }
        else
        {
            return new FixSpec(fix.Kind, fix.Title.Trim(), fix.Text, new Dictionary<string, string>(fix.Replacements ?? [], StringComparer.OrdinalIgnoreCase));
        }

        return null;
    }

    private static void AddExamples(string id, ExamplesDocument? doc, List<RuleExample> examples, Action<string> error)
    {
        foreach (var (list, fire) in new[] { (doc?.Fire, true), (doc?.Quiet, false) })
        {
            foreach (var e in list ?? [])
            {
                if (string.IsNullOrWhiteSpace(e.Text))
                {
                    error("an example has no text");
                    continue;
                }

                if (!WireNames.TryParseAccount(e.Account, out var account) || !WireNames.TryParsePlatform(e.Platform, out var platform))
                {
                    error($"an example has an unknown account '{e.Account}' or platform '{e.Platform}'");
                    continue;
                }

                var (text, spans) = RuleExample.ParseMarkup(e.Text);
                examples.Add(new RuleExample(id, fire, text, spans, new DraftContext(account, platform)));
            }
        }
    }

    private static Dictionary<string, string> CompileAliases(Dictionary<string, string>? doc, string file, List<RulePackError> errors)
    {
        var aliases = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (alias, word) in doc ?? [])
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

        return aliases;
    }

    /// <summary>Each list must be there and hold lower-case single words, as a draft's tokens read lower-cased.</summary>
    private static WordLists? CompileWords(WordListsDocument? doc, string file, List<RulePackError> errors)
    {
        var count = errors.Count;
        var negationCues = WordList(doc?.NegationCues, "negationCues");
        var commonWords = WordList(doc?.CommonWords, "commonWords");
        var speechVerbs = WordList(doc?.SpeechVerbs, "speechVerbs");
        return errors.Count > count ? null : new WordLists(negationCues, commonWords, speechVerbs);

        List<string> WordList(List<string>? list, string name)
        {
            if (list is not { Count: > 0 })
            {
                errors.Add(new RulePackError(file, null, $"words.{name}: the list is missing or empty"));
                return [];
            }

            var words = new List<string>();
            foreach (var word in list)
            {
                var tokens = TermIndex.TokenizeTerm(word ?? "");
                if (tokens.Tokens.Length != 1 || tokens.Kinds[0] != TermTokenKind.Word || tokens.Tokens[0] != word)
                {
                    errors.Add(new RulePackError(file, null, $"words.{name}: '{word}' is not one lower-case word"));
                    continue;
                }

                words.Add(word);
            }

            return words;
        }
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex RuleIdPattern();
}
