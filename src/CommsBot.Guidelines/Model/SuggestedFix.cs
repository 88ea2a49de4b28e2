namespace CommsBot.Guidelines;

/// <summary>One replacement in a draft.</summary>
/// <param name="Span">The characters to replace (length 0 inserts).</param>
/// <param name="NewText">What goes there.</param>
public sealed record TextEdit(TextSpan Span, string NewText);

/// <summary>A fix for a finding: a title for the button or list, and the edits (none when only advice fits).</summary>
/// <param name="Title">What the fix does, in the user's words.</param>
/// <param name="Edits">Concrete text edits; empty when the fix is advice only.</param>
public sealed record SuggestedFix(string Title, IReadOnlyList<TextEdit> Edits)
{
    /// <summary>Whether the fix is advice with no text edit.</summary>
    public bool IsAdviceOnly => Edits.Count == 0;

    /// <summary>Advice with no text edit.</summary>
    public static SuggestedFix Advice(string title) => new(title, []);
}
