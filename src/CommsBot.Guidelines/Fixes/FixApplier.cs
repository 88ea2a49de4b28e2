using System.Text;

namespace CommsBot.Guidelines.Fixes;

/// <summary>Applies text edits to a draft: non-overlapping edits in order; an edit that overlaps an earlier one is skipped.</summary>
public static class FixApplier
{
    /// <summary>Applies <paramref name="edits"/> to <paramref name="text"/>.</summary>
    public static string Apply(string text, IEnumerable<TextEdit> edits)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ordered = edits
            .Where(e => e.Span.Start >= 0 && e.Span.End <= text.Length)
            .OrderBy(e => e.Span.Start).ThenBy(e => e.Span.Length)
            .ToList();
        var accepted = new List<TextEdit>();
        var lastEnd = -1;
        var lastWasInsertAt = -1;
        foreach (var e in ordered)
        {
            var isInsert = e.Span.Length == 0;
            if (e.Span.Start < lastEnd || (isInsert && e.Span.Start == lastWasInsertAt))
            {
                continue;
            }

            accepted.Add(e);
            lastEnd = Math.Max(lastEnd, e.Span.End);
            if (isInsert)
            {
                lastWasInsertAt = e.Span.Start;
            }
        }

        if (accepted.Count == 0)
        {
            return text;
        }

        var sb = new StringBuilder(text.Length + 64);
        var pos = 0;
        foreach (var e in accepted)
        {
            sb.Append(text, pos, e.Span.Start - pos).Append(e.NewText);
            pos = e.Span.End;
        }

        sb.Append(text, pos, text.Length - pos);
        return Tidy(sb.ToString());
    }

    private static string Tidy(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            // collapse the double spaces and space-before-punctuation that cutting words leaves behind
            if (c == ' ' && sb.Length > 0 && sb[^1] == ' ')
            {
                continue;
            }

            if (c is '.' or ',' or '!' or '?' && sb.Length > 0 && sb[^1] == ' ')
            {
                sb.Length--;
            }

            sb.Append(c);
        }

        return sb.ToString().Trim();
    }
}
