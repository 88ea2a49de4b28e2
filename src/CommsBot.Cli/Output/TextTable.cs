using System.Text;

namespace CommsBot.Cli.Output;

/// <summary>A plain, space-aligned table; columns whose header starts with '>' are right-aligned (numbers).</summary>
internal static class TextTable
{
    public static string Format(IReadOnlyList<string> headers, IReadOnlyList<string[]> rows, string indent = "")
    {
        var rightAligned = headers.Select(h => h.StartsWith('>')).ToArray();
        var titles = headers.Select(h => h.TrimStart('>')).ToArray();
        var widths = titles.Select((t, i) => Math.Max(t.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        var sb = new StringBuilder();
        AppendRow(sb, titles, widths, rightAligned, indent);
        foreach (var row in rows)
        {
            AppendRow(sb, row, widths, rightAligned, indent);
        }

        return sb.ToString();
    }

    private static void AppendRow(StringBuilder sb, string[] cells, int[] widths, bool[] rightAligned, string indent)
    {
        var line = new StringBuilder(indent);
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0)
            {
                line.Append("  ");
            }

            line.Append(rightAligned[i] ? cells[i].PadLeft(widths[i]) : cells[i].PadRight(widths[i]));
        }

        sb.AppendLine(line.ToString().TrimEnd());
    }
}
