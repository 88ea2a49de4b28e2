namespace CommsBot.Guidelines.Fixes;

/// <summary>A rule's fix as the pack states it: which fixer kind, its title, and the kind's parameters.</summary>
/// <param name="Kind">The fixer kind.</param>
/// <param name="Title">The fix's title (the rule's advice).</param>
/// <param name="Text">Text to insert (insert-disclosure).</param>
/// <param name="Replacements">Group name or lower-cased term to its replacement (generalize, replace).</param>
internal sealed record FixSpec(string Kind, string Title, string? Text, IReadOnlyDictionary<string, string> Replacements);

/// <summary>What a fixer gets: the draft, the finding, and the pack's fix for the finding's rule.</summary>
/// <param name="Text">The message as the user sent it.</param>
/// <param name="Finding">The finding to fix.</param>
/// <param name="Spec">The pack's fix for the finding's rule.</param>
/// <param name="Disclosures">Where the message discloses a paid relationship ("#ad", "Sponsored by Brand"): text a fix
/// must not cut. Given to the fixers that cut sentences.</param>
internal sealed record FixRequest(string Text, Finding Finding, FixSpec Spec, IReadOnlyList<TextSpan>? Disclosures = null);

/// <summary>One of the closed set of fixer kinds. A fixer computes edits; detection never does.</summary>
internal interface IFixer
{
    /// <summary>The kind name used in the pack's <c>fix.kind</c>.</summary>
    string Kind { get; }

    /// <summary>Whether the fixer cuts whole sentences, and so needs <see cref="FixRequest.Disclosures"/>.</summary>
    bool CutsSentences => false;

    SuggestedFix Suggest(FixRequest request);
}
