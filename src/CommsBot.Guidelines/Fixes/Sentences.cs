using CommsBot.Guidelines.Text;

namespace CommsBot.Guidelines.Fixes;

/// <summary>Finds the sentence around a span the way a reader would cut it: up to the previous and next terminator.</summary>
internal static class Sentences
{
    private static readonly char[] Terminators = ['.', '!', '?', '\n'];

    // A full stop after one of these ends a title or an abbreviation, not a sentence ("Dr. Ramos", "St. Mary's").
    private static readonly HashSet<string> Abbreviations = new(
        ["dr", "drs", "mr", "mrs", "ms", "mx", "prof", "st", "mt", "vs", "fig", "dept", "approx", "e.g", "i.e", "cf"],
        StringComparer.OrdinalIgnoreCase);

    public static TextSpan Around(string text, TextSpan span)
    {
        var start = span.Start;
        while (start > 0 && !Ends(text, start - 1))
        {
            start--;
        }

        var end = Math.Min(span.End, text.Length);
        while (end < text.Length && !Ends(text, end))
        {
            end++;
        }

        // take the terminator (a run of them, "!!!") and any closing quote or bracket after it
        while (end < text.Length && text[end] is '.' or '!' or '?' or '\'' or '"' or ')' or '\u2019' or '\u201D')
        {
            end++;
        }

        while (end < text.Length && text[end] == ' ')
        {
            end++;
        }

        while (start < span.Start && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        return TextSpan.FromBounds(start, end);
    }

    /// <summary>Whether a sentence starts at <paramref name="index"/>: nothing but spaces between it and the start of the
    /// text or the terminator before it.</summary>
    public static bool StartAt(string text, int index)
    {
        var i = index - 1;
        while (i >= 0 && text[i] == ' ')
        {
            i--;
        }

        return i < 0 || text[i] is '.' or '!' or '?' or '\n';
    }

    /// <summary>Whether the character at <paramref name="i"/> ends a sentence: a terminator, but not one closing a
    /// quotation the sentence goes on after, nor the full stop of a title or abbreviation, of a decimal number ("2.5 mg"), or one inside a word ("WD-40.com").</summary>
    internal static bool Ends(string text, int i)
    {
        if (Array.IndexOf(Terminators, text[i]) < 0)
        {
            return false;
        }

        if (text[i] != '\n' && DraftText.QuotationGoesOn(text, i))
        {
            return false;
        }

        if (text[i] != '.')
        {
            return true;
        }

        if (i + 1 < text.Length && char.IsLetterOrDigit(text[i + 1]))
        {
            return false;
        }

        var wordStart = i;
        while (wordStart > 0 && (char.IsLetter(text[wordStart - 1]) || text[wordStart - 1] == '.'))
        {
            wordStart--;
        }

        return wordStart == i || !Abbreviations.Contains(text[wordStart..i]);
    }
}
