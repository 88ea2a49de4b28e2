using System.Text;
using System.Text.RegularExpressions;

namespace CommsBot.Guidelines.Fixes;

/// <summary>Applies text edits to a draft: non-overlapping edits in order; an edit that overlaps an earlier one is skipped.</summary>
public static partial class FixApplier
{
    /// <summary>Applies <paramref name="edits"/> to <paramref name="text"/>.</summary>
    public static string Apply(string text, IEnumerable<TextEdit> edits)
    {
        ArgumentNullException.ThrowIfNull(text);
        // by start, then length, otherwise in the order given (a stable sort, as OrderBy was); a draft with no edit,
        // the common case, costs no list
        List<(TextEdit Edit, int Index)>? ordered = null;
        foreach (var e in edits)
        {
            if (e.Span.Start >= 0 && e.Span.End <= text.Length)
            {
                ordered ??= [];
                ordered.Add((e, ordered.Count));
            }
        }

        if (ordered is null)
        {
            return text;
        }

        ordered.Sort(static (a, b) =>
            a.Edit.Span.Start != b.Edit.Span.Start ? a.Edit.Span.Start.CompareTo(b.Edit.Span.Start)
            : a.Edit.Span.Length != b.Edit.Span.Length ? a.Edit.Span.Length.CompareTo(b.Edit.Span.Length)
            : a.Index.CompareTo(b.Index));
        var accepted = new List<TextEdit>(ordered.Count);
        var lastEnd = -1;
        var lastWasInsertAt = -1;
        foreach (var (e, _) in ordered)
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

        // a cut paragraph leaves its blank lines behind: one blank line is kept between the paragraphs either side
        return ExtraBlankLines().Replace(sb.ToString(), "\n\n").Trim();
    }

    [GeneratedRegex(@"[ \t]*\r?\n(?:[ \t]*\r?\n){2,}")]
    private static partial Regex ExtraBlankLines();
}
