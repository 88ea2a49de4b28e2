namespace CommsBot.Guidelines;

/// <summary>
/// A rule's descriptor: immutable metadata shared by every finding of the rule. Behaviour lives in the detector
/// and the fixer that the rule pack names.
/// </summary>
public sealed class GuidelineRule
{
    /// <summary>The kebab-case id (a contract: never renamed or reused).</summary>
    public required string Id { get; init; }

    /// <summary>A short human title.</summary>
    public required string Title { get; init; }

    /// <summary>Issue (DON'T) or opportunity (DO).</summary>
    public required RuleCategory Category { get; init; }

    /// <summary>The severity after any configured override.</summary>
    public required Severity Severity { get; init; }

    /// <summary>What is wrong (or right), shown with each finding.</summary>
    public required string Message { get; init; }

    /// <summary>Why it matters.</summary>
    public required string Rationale { get; init; }

    /// <summary>Where the rule comes from (MMS, HIPAA, FTC, AMA...).</summary>
    public required string Source { get; init; }

    /// <summary>Longer help: what the rule catches and what to do.</summary>
    public string Help { get; init; } = "";

    /// <summary>The fix the rule suggests, in words (used when no edit fits).</summary>
    public required string FixAdvice { get; init; }

    /// <summary>Retired rules keep their id but never fire.</summary>
    public bool Retired { get; init; }

    /// <summary>Rules whose findings make this rule's findings moot.</summary>
    public IReadOnlyList<string> SuppressedBy { get; init; } = [];

    /// <inheritdoc />
    public override string ToString() => Id;
}
