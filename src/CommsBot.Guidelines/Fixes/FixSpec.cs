namespace CommsBot.Guidelines.Fixes;

/// <summary>A rule's fix as the pack states it: which fixer kind, its title, and the kind's parameters.</summary>
/// <param name="Kind">The fixer kind.</param>
/// <param name="Title">The fix's title (the rule's advice).</param>
/// <param name="Text">Text to insert (insert-disclosure).</param>
/// <param name="Replacements">Group name or lower-cased term to its replacement (generalize, replace).</param>
internal sealed record FixSpec(string Kind, string Title, string? Text, IReadOnlyDictionary<string, string> Replacements);

/// <summary>What a fixer gets: the draft, the finding, and the pack's fix for the finding's rule.</summary>
internal sealed record FixRequest(string Text, Finding Finding, FixSpec Spec);

/// <summary>One of the closed set of fixer kinds. A fixer computes edits; detection never does.</summary>
internal interface IFixer
{
    /// <summary>The kind name used in the pack's <c>fix.kind</c>.</summary>
    string Kind { get; }

    SuggestedFix Suggest(FixRequest request);
}
