namespace CommsBot.Guidelines.Fixes;

/// <summary>Finds the sentence around a span the way a reader would cut it: up to the previous and next terminator.</summary>
internal static class Sentences
{
    private static readonly char[] Terminators = ['.', '!', '?', '\n'];

    public static TextSpan Around(string text, TextSpan span)
    {
        var start = span.Start;
        while (start > 0 && Array.IndexOf(Terminators, text[start - 1]) < 0)
        {
            start--;
        }

        var end = Math.Min(span.End, text.Length);
        while (end < text.Length && Array.IndexOf(Terminators, text[end]) < 0)
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
}
