using System.Globalization;
using System.Text;
using CommsBot.Guidelines;

namespace CommsBot.Cli.Output;

/// <summary>
/// <c>check</c>'s human output: the draft with each finding's excerpt highlighted and numbered, each finding with its
/// severity, rule, message and fix, the verdict, and the revised draft when a fix edits the text. Written to stdout
/// only: it shows the user their own draft.
/// </summary>
internal sealed class CheckTextWriter(TextWriter output, bool useColor)
{
    private const string Indent = "  ";
    private const char Open = '»';
    private const char Close = '«';
    private const int MaxExcerpt = 80;
    private readonly Ansi ansi = new(useColor);

    public async Task WriteAsync(string draft, Review review)
    {
        var sb = new StringBuilder(draft.Length * 2 + 512);
        sb.Append(ansi.Bold("Draft")).Append(ansi.Dim($" (account: {review.Context.Account.ToWire()}, platform: {review.Context.Platform.ToWire()})")).AppendLine().AppendLine();
        AppendIndented(sb, Highlighted(draft, review.Findings));
        sb.AppendLine().AppendLine();

        if (review.Findings.Count == 0)
        {
            sb.AppendLine("No findings.").AppendLine();
        }
        else
        {
            sb.Append(ansi.Bold(review.Findings.Count == 1 ? "1 finding" : $"{review.Findings.Count} findings")).AppendLine().AppendLine();
            for (var i = 0; i < review.Findings.Count; i++)
            {
                AppendFinding(sb, draft, i + 1, review.Findings[i]);
            }
        }

        foreach (var notice in review.Notices)
        {
            sb.Append(ansi.Bold("Note: ")).AppendLine(notice).AppendLine();
        }

        sb.Append("Verdict: ").Append(ansi.Verdict(review.Verdict, review.Verdict.ToWire())).Append(" (").Append(Explain(review)).AppendLine(")");
        if (review.HasEdits && !string.Equals(review.RevisedText, draft, StringComparison.Ordinal))
        {
            sb.AppendLine().Append(ansi.Bold("Revised draft")).AppendLine(ansi.Dim(" (every suggested edit applied; review it before posting)")).AppendLine();
            AppendIndented(sb, Printable(review.RevisedText));
            sb.AppendLine();
        }

        await output.WriteAsync(sb.ToString());
    }

    private void AppendFinding(StringBuilder sb, string draft, int number, ReviewedFinding finding)
    {
        var label = finding.Severity.ToWire().ToUpperInvariant();
        sb.Append(Indent).Append(ansi.Dim($"[{number}]")).Append(' ')
            .Append(ansi.Severity(finding.Severity, label)).Append("  ")
            .Append(finding.RuleId).Append(ansi.Dim(" · ")).Append(finding.Rule.Title).AppendLine();
        const string body = "      ";
        if (finding.Span.Length > 0)
        {
            sb.Append(body).Append('"').Append(Excerpt(draft, finding.Span)).Append('"')
                .AppendLine(ansi.Dim(string.Create(CultureInfo.InvariantCulture, $" (at {finding.Span.Start}, {finding.Span.Length} characters)")));
        }

        sb.Append(body).AppendLine(OneLine(finding.Rule.Message));
        sb.Append(body).Append(ansi.Bold("Fix: ")).AppendLine(OneLine(finding.Fix.Title));
        foreach (var edit in finding.Fix.Edits)
        {
            sb.Append(body).Append(Indent).AppendLine(DescribeEdit(draft, edit));
        }

        sb.AppendLine();
    }

    private static string DescribeEdit(string draft, TextEdit edit)
    {
        var inserted = Printable(OneLine(edit.NewText));
        if (edit.Span.Length == 0)
        {
            return edit.Span.Start == 0 ? $"insert at the start: \"{inserted}\"" : $"insert at {edit.Span.Start}: \"{inserted}\"";
        }

        var removed = Excerpt(draft, edit.Span);
        return edit.NewText.Length == 0 ? $"delete \"{removed}\"" : $"replace \"{removed}\" with \"{inserted}\"";
    }

    /// <summary>The draft with each cluster of overlapping findings wrapped in markers and labelled with their numbers.</summary>
    private string Highlighted(string draft, IReadOnlyList<ReviewedFinding> findings)
    {
        var sb = new StringBuilder(draft.Length + findings.Count * 16);
        var pos = 0;
        foreach (var cluster in Clusters(draft.Length, findings))
        {
            sb.Append(Printable(draft[pos..cluster.Start]));
            var excerpt = Printable(draft[cluster.Start..cluster.End]);
            var numbers = "[" + string.Join(',', cluster.Numbers) + "]";
            if (ansi.Enabled)
            {
                sb.Append(ansi.Highlight(cluster.Worst, excerpt)).Append(ansi.Dim(numbers));
            }
            else
            {
                sb.Append(Open).Append(excerpt).Append(Close).Append(numbers);
            }

            pos = cluster.End;
        }

        sb.Append(Printable(draft[pos..]));
        return sb.ToString();
    }

    private static List<Cluster> Clusters(int textLength, IReadOnlyList<ReviewedFinding> findings)
    {
        var spans = findings
            .Select((f, i) => (Start: Math.Clamp(f.Span.Start, 0, textLength), End: Math.Clamp(f.Span.End, 0, textLength), Number: i + 1, f.Severity))
            .OrderBy(s => s.Start).ThenBy(s => s.Number)
            .ToList();
        var clusters = new List<Cluster>();
        foreach (var span in spans)
        {
            var last = clusters.Count == 0 ? null : clusters[^1];
            if (last is not null && (span.Start < last.End || span.Start == last.Start))
            {
                last.End = Math.Max(last.End, span.End);
                last.Numbers.Add(span.Number);
                last.Worst = span.Severity > last.Worst ? span.Severity : last.Worst;
            }
            else
            {
                clusters.Add(new Cluster { Start = span.Start, End = span.End, Numbers = [span.Number], Worst = span.Severity });
            }
        }

        return clusters;
    }

    private static string Explain(Review review)
    {
        var counts = review.Findings
            .GroupBy(f => f.Severity)
            .OrderByDescending(g => g.Key)
            .Select(g => $"{g.Count()} {g.Key.ToWire()}{(g.Count() == 1 ? "" : "s")}");
        var summary = string.Join(", ", counts);
        var meaning = review.Verdict switch
        {
            Verdict.DoNotPost => "must not be posted as written",
            Verdict.Revise => "revise before posting",
            _ => "can be posted",
        };
        return summary.Length == 0 ? meaning : $"{meaning}: {summary}";
    }

    private static string Excerpt(string draft, TextSpan span)
    {
        var start = Math.Clamp(span.Start, 0, draft.Length);
        var end = Math.Clamp(span.End, start, draft.Length);
        var text = OneLine(draft[start..end]);
        if (text.Length > MaxExcerpt)
        {
            text = string.Concat(text.AsSpan(0, MaxExcerpt / 2 - 1).TrimEnd(), " … ", text.AsSpan(text.Length - (MaxExcerpt / 2 - 2)).TrimStart());
        }

        return Printable(text);
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();

    /// <summary>Control characters (an escape sequence pasted into a draft) are shown, not sent to the terminal.</summary>
    private static string Printable(string text)
    {
        if (!text.Any(c => IsUnsafeControl(c)))
        {
            return text;
        }

        return string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = IsUnsafeControl(source[i]) ? '\uFFFD' : source[i];
            }
        });
    }

    private static bool IsUnsafeControl(char c) => char.IsControl(c) && c is not '\n' and not '\r' and not '\t';

    private static void AppendIndented(StringBuilder sb, string text)
    {
        sb.Append(Indent).Append(text.ReplaceLineEndings(Environment.NewLine + Indent));
    }

    private sealed class Cluster
    {
        public int Start { get; init; }

        public int End { get; set; }

        public required List<int> Numbers { get; init; }

        public Severity Worst { get; set; }
    }
}
