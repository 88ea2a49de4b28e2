namespace CommsBot.Guidelines.Pack;

/// <summary>A pattern of the pack timed out on drafts (three in a row) and no longer runs. Names the pattern and its rules, never the
/// draft.</summary>
public sealed class PatternDisabledEventArgs(string pattern, IReadOnlyList<string> ruleIds) : EventArgs
{
    /// <summary>The pattern, as written in the pack.</summary>
    public string Pattern { get; } = pattern;

    /// <summary>The rules whose groups use it.</summary>
    public IReadOnlyList<string> RuleIds { get; } = ruleIds;
}
