namespace CommsBot.Guidelines.Pack;

/// <summary>Merges an institution's pack into the default one, in document form, before anything is compiled.</summary>
internal static class RulePackMerger
{
    /// <summary>An institution pack adds vocabulary terms, rule overrides (severity, retired, exceptions, group terms) and new
    /// rules; a word list it gives replaces the default one.</summary>
    public static void Merge(RulePackDocument target, RulePackDocument extension, string file, List<RulePackError> errors)
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

        if (extension.Words is { } words)
        {
            target.Words ??= new WordListsDocument();
            target.Words.NegationCues = words.NegationCues ?? target.Words.NegationCues;
            target.Words.CommonWords = words.CommonWords ?? target.Words.CommonWords;
            target.Words.SpeechVerbs = words.SpeechVerbs ?? target.Words.SpeechVerbs;
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
}
