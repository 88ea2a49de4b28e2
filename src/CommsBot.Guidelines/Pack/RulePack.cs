using CommsBot.Guidelines.Detection;
using CommsBot.Guidelines.Fixes;

namespace CommsBot.Guidelines.Pack;

/// <summary>
/// A loaded, validated rule pack: the rules' descriptors, their compiled detectors and fixes, and their examples.
/// Immutable and safe to share between threads.
/// </summary>
public sealed class RulePack
{
    internal RulePack(
        string name,
        IReadOnlyList<GuidelineRule> rules,
        TermIndex index,
        IReadOnlyList<IDetector> detectors,
        IReadOnlyDictionary<string, FixSpec> fixes,
        IReadOnlyList<RuleExample> examples,
        IReadOnlyList<string> sources)
    {
        Name = name;
        Rules = rules;
        Index = index;
        Detectors = detectors;
        Fixes = fixes;
        Examples = examples;
        Sources = sources;
        byId = rules.ToDictionary(r => r.Id, StringComparer.Ordinal);
    }

    private readonly Dictionary<string, GuidelineRule> byId;

    /// <summary>The pack's name.</summary>
    public string Name { get; }

    /// <summary>Every rule, retired ones included, in pack order.</summary>
    public IReadOnlyList<GuidelineRule> Rules { get; }

    /// <summary>The should-fire and should-not-fire examples of every rule.</summary>
    public IReadOnlyList<RuleExample> Examples { get; }

    /// <summary>The files the pack was built from (the embedded default first).</summary>
    public IReadOnlyList<string> Sources { get; }

    internal TermIndex Index { get; }

    /// <summary>Raised once for each pattern that timed out on three drafts in a row and was switched off for the rest
    /// of the process (a pattern the load-time checks could not prove safe). The host logs it.</summary>
    public event EventHandler<PatternDisabledEventArgs>? PatternDisabled
    {
        add => Index.PatternDisabled += value;
        remove => Index.PatternDisabled -= value;
    }

    /// <summary>The patterns switched off so far.</summary>
    public IReadOnlyList<string> DisabledPatterns => Index.DisabledPatterns;

    internal IReadOnlyList<IDetector> Detectors { get; }

    internal IReadOnlyDictionary<string, FixSpec> Fixes { get; }

    /// <summary>The rule with this id, or null.</summary>
    public GuidelineRule? Find(string ruleId) => byId.GetValueOrDefault(ruleId);

    /// <summary>The rule with this id; throws <see cref="KeyNotFoundException"/> when there is none.</summary>
    public GuidelineRule this[string ruleId] => byId.TryGetValue(ruleId, out var rule) ? rule : throw new KeyNotFoundException($"No rule '{ruleId}' in the pack.");

    /// <summary>Loads the embedded default pack.</summary>
    public static RulePack LoadDefault() => RulePackLoader.Load(null);

    /// <summary>Loads the embedded default pack extended by the file at <paramref name="extensionPath"/> (when given).</summary>
    public static RulePack Load(string? extensionPath) => RulePackLoader.Load(extensionPath);
}
