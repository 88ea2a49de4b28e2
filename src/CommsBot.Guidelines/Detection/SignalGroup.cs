using System.Text.RegularExpressions;

namespace CommsBot.Guidelines.Detection;

/// <summary>A compiled term group of one rule: phrases and patterns with their options.</summary>
internal sealed class SignalGroup
{
    public required int Id { get; init; }

    public required string Name { get; init; }

    public required string RuleId { get; init; }

    public double Weight { get; init; } = 1;

    public bool Negatable { get; init; }

    /// <summary>How many distinct matches in a unit count towards a clause's score (default 1).</summary>
    public int MaxCount { get; init; } = 1;

    public int? StartWithin { get; init; }

    public int? StartAfter { get; init; }

    public bool ExceptSelf { get; init; }

    public bool ExceptReported { get; init; }

    public required IReadOnlyList<Regex> Patterns { get; init; }

    public override string ToString() => $"{RuleId}/{Name}";
}

/// <summary>A phrase of a group, tokenized: each token is matched whole, or as a prefix when it ends with '*'.</summary>
internal sealed record Phrase(string[] Tokens, bool[] Prefix, int GroupId);
