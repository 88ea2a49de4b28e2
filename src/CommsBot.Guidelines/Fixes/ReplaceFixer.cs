namespace CommsBot.Guidelines.Fixes;

/// <summary>
/// <c>replace</c> and <c>generalize</c>: each matched part is replaced by the pack's replacement for its text
/// (lower-cased) or, failing that, for its group; parts with neither stay. Generalising "62F" to "a patient" or
/// "bed 12" to nothing keeps the story and drops the identifier.
/// </summary>
internal sealed class ReplaceFixer(string kind) : IFixer
{
    public string Kind => kind;

    public SuggestedFix Suggest(FixRequest request)
    {
        var edits = new List<TextEdit>();
        foreach (var (group, span) in request.Finding.Parts)
        {
            var matched = request.Text.Substring(span.Start, span.Length).ToLowerInvariant();
            if (!request.Spec.Replacements.TryGetValue(matched, out var replacement) &&
                !request.Spec.Replacements.TryGetValue(group, out replacement))
            {
                continue;
            }

            var target = span;
            if (replacement.Length == 0)
            {
                // drop a dangling space with the removed words
                if (target.End < request.Text.Length && request.Text[target.End] == ' ')
                {
                    target = new TextSpan(target.Start, target.Length + 1);
                }
                else if (target.Start > 0 && request.Text[target.Start - 1] == ' ')
                {
                    target = new TextSpan(target.Start - 1, target.Length + 1);
                }
            }
            else if (char.IsUpper(request.Text[span.Start]) && char.IsLower(replacement[0]))
            {
                replacement = char.ToUpperInvariant(replacement[0]) + replacement[1..];
            }

            edits.Add(new TextEdit(target, replacement));
        }

        return edits.Count == 0 ? SuggestedFix.Advice(request.Spec.Title) : new SuggestedFix(request.Spec.Title, edits);
    }
}
