using System.Globalization;
using System.Text;
using CommsBot.Guidelines;

namespace CommsBot.Cli.Output;

/// <summary><c>eval</c>'s human output: per-rule tables, macro-F1, verdict accuracy and confusion, and optionally each error.</summary>
internal sealed class EvalTextWriter(TextWriter output, bool useColor)
{
    private const int MaxText = 100;
    private readonly Ansi ansi = new(useColor);

    public async Task WriteAsync(EvalReport report, bool showErrors)
    {
        var score = report.Score;
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"Scored {report.Drafts} drafts from {report.Path} with {report.Pack.Name}");
        if (report.MalformedLines > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $" ({report.MalformedLines} malformed line{(report.MalformedLines == 1 ? "" : "s")} skipped)");
        }

        sb.AppendLine().AppendLine();
        foreach (var (category, title, macro) in new[]
        {
            (RuleCategory.Issue, "Issue rules", score.IssueMacroF1),
            (RuleCategory.Opportunity, "Opportunity rules", score.OpportunityMacroF1),
        })
        {
            var rows = score.Rules
                .Where(r => r.Category == category)
                .Select(r => new[] { r.RuleId, F(r.Precision), F(r.Recall), F(r.F1), I(r.Support), I(r.TruePositives), I(r.FalsePositives), I(r.FalseNegatives) })
                .ToList();
            sb.AppendLine(ansi.Bold(title));
            sb.Append(TextTable.Format(["RULE", ">PRECISION", ">RECALL", ">F1", ">SUPPORT", ">TP", ">FP", ">FN"], rows, "  "));
            sb.Append("  ").Append(ansi.Bold("macro-F1")).Append(' ').AppendLine(F(macro)).AppendLine();
        }

        sb.Append(ansi.Bold("Verdict accuracy")).Append(CultureInfo.InvariantCulture, $" {F(score.VerdictAccuracy)} ({report.CorrectVerdicts} of {report.Drafts})").AppendLine().AppendLine();
        if (report.RulesOnly is { } rulesOnly)
        {
            sb.Append(ansi.Bold("Learned layer")).Append(CultureInfo.InvariantCulture,
                $" on (above). The rules alone: verdict accuracy {F(rulesOnly.VerdictAccuracy)}, issue macro-F1 {F(rulesOnly.IssueMacroF1)}, opportunity macro-F1 {F(rulesOnly.OpportunityMacroF1)}.").AppendLine().AppendLine();
        }

        sb.Append(ansi.Bold("Verdict confusion")).AppendLine(" (rows: expected, columns: actual)");
        var confusion = EvalReport.Verdicts
            .Select(expected => new[] { expected.ToWire() }.Concat(EvalReport.Verdicts.Select(actual => I(report.Confusion(expected, actual)))).ToArray())
            .ToList();
        sb.Append(TextTable.Format(["EXPECTED \\ ACTUAL", .. EvalReport.Verdicts.Select(v => ">" + v.ToWire())], confusion, "  "));

        if (showErrors)
        {
            var errors = report.Errors.ToList();
            sb.AppendLine().Append(ansi.Bold("Drafts with errors")).AppendLine(CultureInfo.InvariantCulture, $" ({errors.Count})");
            foreach (var outcome in errors)
            {
                sb.Append("  ").Append(outcome.Draft.Id);
                if (outcome.Verdict != outcome.Draft.Verdict)
                {
                    sb.Append(ansi.Dim($"  verdict: expected {outcome.Draft.Verdict.ToWire()}, got {outcome.Verdict.ToWire()}"));
                }

                sb.AppendLine();
                var missed = outcome.Missed.Where(report.IsScored).ToList();
                if (missed.Count > 0)
                {
                    sb.Append("    missed: ").AppendLine(string.Join(", ", missed));
                }

                var extra = outcome.Extra.ToList();
                if (extra.Count > 0)
                {
                    sb.Append("    extra:  ").AppendLine(string.Join(", ", extra));
                }

                sb.Append("    text:   ").AppendLine(ansi.Dim(Preview(outcome.Draft.Text)));
            }
        }

        await output.WriteAsync(sb.ToString());
    }

    /// <summary>The first 100 characters of a corpus draft on one line (the corpus is the user's own file).</summary>
    internal static string Preview(string text)
    {
        var line = new string(text.ReplaceLineEndings(" ").Select(c => char.IsControl(c) ? ' ' : c).ToArray());
        return line.Length <= MaxText ? line : string.Concat(line.AsSpan(0, MaxText), "…");
    }

    private static string F(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);
}
