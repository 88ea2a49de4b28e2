using System.Text.RegularExpressions;

namespace CommsBot.Guidelines.Fixes;

/// <summary>
/// <c>insert-disclosure</c>: puts a clear disclosure at the very start. A disclosure the author already wrote but
/// buried (after the first lines, among the hashtags) is moved to the front; otherwise the pack's text is inserted,
/// naming the brand when the draft tags one ("Paid partnership with @Brand").
/// </summary>
internal sealed partial class InsertDisclosureFixer : IFixer
{
    public string Kind => "insert-disclosure";

    public SuggestedFix Suggest(FixRequest request)
    {
        var text = request.Text;
        var buried = request.Finding.Parts.Where(p => p.Group == "buried").Select(p => p.Span).ToList();
        if (buried.Count > 0)
        {
            var sentence = Sentences.Around(text, buried[0]);
            var moved = text.Substring(sentence.Start, sentence.Length).Trim();
            if (moved.StartsWith('(') && moved.EndsWith(')'))
            {
                // a whole aside "(Full disclosure: they pay me.)" loses its brackets; a sentence that ends in one
                // ("Big love to the team (btw they sponsor us)") keeps both
                moved = moved[1..^1];
            }

            moved = moved.TrimEnd('.', ' ').Trim();
            return new SuggestedFix(request.Spec.Title,
            [
                new TextEdit(new TextSpan(0, 0), moved + (moved.EndsWith('.') || moved.EndsWith('!') ? " " : ". ")),
                new TextEdit(sentence, ""),
            ]);
        }

        // name the brand when the draft tags one; otherwise the plain tag FTC guidance accepts
        var brand = Mention().Match(text);
        var insert = brand.Success && request.Spec.Text is { } template
            ? template.Replace("{brand}", brand.Value, StringComparison.Ordinal)
            : "#ad ";
        return new SuggestedFix(request.Spec.Title, [new TextEdit(new TextSpan(0, 0), insert)]);
    }

    [GeneratedRegex(@"@[A-Za-z][A-Za-z0-9_]{2,}")]
    private static partial Regex Mention();
}
