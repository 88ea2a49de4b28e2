using System.Text.RegularExpressions;
using CommsBot.Guidelines.Text;

namespace CommsBot.Guidelines.Fixes;

/// <summary><c>remove-sentence</c>: cuts the sentence(s) the finding points at (a put-down, a joke at a patient's expense),
/// every sentence that holds a piece of its evidence, so that none of it is left behind. A disclosure that opens the
/// post ("#ad Paid partnership with Kinetiq") stays, even when the post runs on from it without a full stop: cutting
/// it would turn a disclosed promotion into an undisclosed one; so does a disclosure inside the cut ("New brace day! #ad for
/// all my patients who ..."), which is kept in the sentence's place.</summary>
internal sealed partial class RemoveSentenceFixer : IFixer
{
    public string Kind => "remove-sentence";

    public bool CutsSentences => true;

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

        // A put-down that names its target by a pronoun ("... the lactation consultants at Mercy. Half of them did a weekend
        // course") is one jab with the sentence before it, which names the group: cutting only the pronoun's sentence
        // would leave the group and the sneer around it ("don't take advice from the lactation consultants at Mercy").
        if (cut.Start > 0 && BackReference().IsMatch(request.Text.AsSpan(cut.Start)))
        {
            var before = cut.Start - 1;
            while (before > 0 && char.IsWhiteSpace(request.Text[before]))
            {
                before--;
            }

            cut = cut.Union(Sentences.Around(request.Text, new TextSpan(before, 0)));
        }

        // A put-down that goes on to address its target ("... rang to ask why. Sweetheart, because you ...") goes on in
        // the sentences after it: a sentence that opens with a vocative of condescension, and those after it, are the
        // same jab. Cutting only the sentence that names the group would leave the contempt, now aimed at "you".
        if (cut.End < request.Text.Length && CondescendingVocative().IsMatch(request.Text.AsSpan(cut.End)))
        {
            cut = TextSpan.FromBounds(cut.Start, ParagraphEnd(request.Text, cut.End));
        }

        if (cut.Start == 0 && LeadingDisclosure().Match(request.Text) is { Success: true, Length: > 0 } disclosure && disclosure.Length < cut.End)
        {
            cut = TextSpan.FromBounds(disclosure.Length, cut.End);
        }

        if (cut.Length >= request.Text.Trim().Length || !LeavesAnyOfTheDraft(request.Text, cut))
        {
            // nothing of the post would be left (a request around it is not the post): the whole post is the problem
            return SuggestedFix.Advice(request.Spec.Title);
        }

        return new SuggestedFix(request.Spec.Title, [new TextEdit(cut, KeptDisclosures(request.Text, cut, request.Disclosures))]);
    }

    /// <summary>
    /// The disclosures inside <paramref name="cut"/>, with the brand they name ("Sponsored by Kinetiq"), as the text
    /// that takes the cut sentence's place; empty when the cut holds none.
    /// </summary>
    private static string KeptDisclosures(string text, TextSpan cut, IReadOnlyList<TextSpan>? disclosures)
    {
        if (disclosures is not { Count: > 0 })
        {
            return "";
        }

        var kept = new List<string>();
        var covered = cut.Start;
        foreach (var d in disclosures.OrderBy(d => d.Start))
        {
            if (d.Start < Math.Max(cut.Start, covered) || d.End > cut.End)
            {
                continue;
            }

            var end = d.End;
            if (NamedBrand().Match(text, end) is { Success: true } brand && brand.Index == end && brand.Index + brand.Length <= cut.End)
            {
                end += brand.Length;
            }

            var piece = text[d.Start..end].Trim();
            kept.Add(piece.StartsWith('#') ? piece : piece.TrimEnd('.', ':', ',', ' ') + ".");
            covered = end;
        }

        if (kept.Count == 0)
        {
            return "";
        }

        var joined = string.Join(" ", kept);
        if (Sentences.StartAt(text, cut.Start) && char.IsLower(joined[0]))
        {
            joined = char.ToUpperInvariant(joined[0]) + joined[1..];
        }

        return joined + (cut.End < text.Length ? " " : "");
    }

    private static int ParagraphEnd(string text, int from)
    {
        var end = text.IndexOf("\n\n", from, StringComparison.Ordinal);
        return end < 0 ? text.Length : end;
    }

    /// <summary>Whether a letter or digit of the draft is left outside <paramref name="cut"/>: in a message that asks for
    /// a check ("Is this ok for the clinic TikTok?" and the post quoted), cutting the whole post would leave only the
    /// request, which the re-check would then read as the post.</summary>
    private static bool LeavesAnyOfTheDraft(string text, TextSpan cut)
    {
        if (DraftFraming.Find(text) is not { } framed)
        {
            return true;
        }

        foreach (var span in framed.Draft)
        {
            for (var i = span.Start; i < span.End && i < text.Length; i++)
            {
                if ((i < cut.Start || i >= cut.End) && char.IsLetterOrDigit(text[i]))
                {
                    return true;
                }
            }
        }

        return false;
    }

    // " with @Brand", " by Kinetiq Labs" after a disclosure ("Paid partnership", "Sponsored by"): the brand it names
    [GeneratedRegex(@"\G(?(?<=\b(?:with|by|for))|\s+(?:with|by|for))\s+(?-i:@?[\p{Lu}\d][\w&'.-]*(?:\s+[\p{Lu}\d][\w&'.-]*){0,2})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NamedBrand();

    // "They ...", "Half of them ...", "Most of those ..." at the start of the cut: the group is named in the sentence before
    [GeneratedRegex(@"^\s*(?:(?:half|most|all|some|many|none|one|two|both|each|a few|a lot) of )?(?:they|them|those|these)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BackReference();

    // "Sweetheart, ...", "Honey, ...", "Babe, ..." at the start of the next sentence: the target addressed, talked down to
    [GeneratedRegex(@"^\s*(?:sweetheart|sweetie|honey|hun|babe|darling|sweetpea|kiddo|champ|buddy|pal|sunshine)\s*[,!]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CondescendingVocative();

    // "#ad", "#sponsored |", "Sponsored:", "Paid partnership with @Brand", "#ad Paid partnership with Kinetiq" at the very
    // start, with the space or separator after it
    [GeneratedRegex(@"^\s*(?:(?:#(?:ad|advert|sponsored|paidpartnership|partner)\b|sponsored\s*[:|])[\s|:,–—-]*)*(?:(?:paid partnership|sponsored|in partnership)\s+(?:with|by)\s+(?-i:@?[\p{Lu}\d][\w&'.-]*(?:\s+[\p{Lu}\d][\w&'.-]*){0,2})[\s|:,.–—-]*)?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LeadingDisclosure();
}
