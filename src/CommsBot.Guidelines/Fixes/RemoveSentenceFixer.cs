using System.Text.RegularExpressions;

namespace CommsBot.Guidelines.Fixes;

/// <summary><c>remove-sentence</c>: cuts the sentence(s) the finding points at (a put-down, a joke at a patient's expense),
/// every sentence that holds a piece of its evidence, so that none of it is left behind. A disclosure that opens the
/// post ("#ad Paid partnership with Kinetiq") stays, even when the post runs on from it without a full stop: cutting
/// it would turn a disclosed promotion into an undisclosed one.</summary>
internal sealed partial class RemoveSentenceFixer : IFixer
{
    public string Kind => "remove-sentence";

    public SuggestedFix Suggest(FixRequest request)
    {
        var cut = Sentences.Around(request.Text, request.Finding.Span);
        foreach (var (_, part) in request.Finding.Parts)
        {
            if (part.End <= request.Text.Length)
            {
                cut = cut.Union(Sentences.Around(request.Text, part));
            }
        }

        if (cut.Start == 0 && LeadingDisclosure().Match(request.Text) is { Success: true, Length: > 0 } disclosure && disclosure.Length < cut.End)
        {
            cut = TextSpan.FromBounds(disclosure.Length, cut.End);
        }

        if (cut.Length >= request.Text.Trim().Length)
        {
            // nothing would be left: the whole post is the problem
            return SuggestedFix.Advice(request.Spec.Title);
        }

        return new SuggestedFix(request.Spec.Title, [new TextEdit(cut, "")]);
    }

    // "#ad", "#sponsored |", "Sponsored:", "Paid partnership with @Brand", "#ad Paid partnership with Kinetiq" at the very
    // start, with the space or separator after it
    [GeneratedRegex(@"^\s*(?:(?:#(?:ad|advert|sponsored|paidpartnership|partner)\b|sponsored\s*[:|])[\s|:,–—-]*)*(?:(?:paid partnership|sponsored|in partnership)\s+(?:with|by)\s+(?-i:@?[\p{Lu}\d][\w&'.-]*(?:\s+[\p{Lu}\d][\w&'.-]*){0,2})[\s|:,.–—-]*)?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LeadingDisclosure();
}
