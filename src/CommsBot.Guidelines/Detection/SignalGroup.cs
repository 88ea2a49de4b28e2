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

/// <summary>How a word of a term matches a token of the draft.</summary>
internal enum TermTokenKind : byte
{
    /// <summary>The same word (or its possessive).</summary>
    Word,

    /// <summary>A word that starts with the term's letters (<c>film*</c>).</summary>
    Prefix,

    /// <summary>Any number (<c>&lt;num&gt;</c>).</summary>
    Number,

    /// <summary>Any capitalised word, a name (<c>&lt;Name&gt;</c>).</summary>
    Name,
}

/// <summary>A phrase of a group, tokenized: each token matched as its kind says.</summary>
internal sealed record Phrase(string[] Tokens, TermTokenKind[] Kinds, int GroupId)
{
    public bool IsLiteral(int k) => Kinds[k] == TermTokenKind.Word;
}
