using System.CommandLine;
using System.Text;
using CommsBot.Cli.Output;
using CommsBot.Guidelines;
using CommsBot.Guidelines.Scoring;

namespace CommsBot.Cli.Commands;

/// <summary><c>commsbot eval</c>: scores the evaluator against a labelled corpus (the JSON-lines format of RULES.md).</summary>
internal static class EvalCommand
{
    public static (Command Command, string[] HelpFooter) Create(CliHost host, Option<string?> pack)
    {
        var file = new Argument<string>("FILE")
        {
            Description = "A labelled corpus: one {\"id\",\"text\",\"account\"?,\"platform\"?,\"issues\",\"tags\",\"verdict\"} per line (- for standard input).",
        };
        var format = new Option<string>("--format", "-f")
        {
            Description = "text: tables; json: the machine form.",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong("text", "json");
        var showErrors = new Option<bool>("--show-errors")
        {
            Description = "Also list each draft with a missed or extra rule or a wrong verdict (its id, the rule ids and the first 100 characters of its text).",
        };

        var command = new Command("eval", "Score the checks against a labelled corpus: per-rule precision, recall and F1, macro-F1, verdict accuracy and confusion.")
        {
            file, format, showErrors,
        };

        command.SetAction(async (parse, cancellationToken) => await RunAsync(
            parse.GetValue(file)!,
            parse.GetValue(format) == "json",
            parse.GetValue(showErrors),
            parse.GetValue(pack),
            LearnedLayer.IsOn(parse),
            host,
            cancellationToken));

        string[] footer =
        [
            "Per rule: precision, recall, F1 and support (labelled drafts), with true and false positives and false negatives;",
            "macro-F1 over the issue rules and over the opportunity rules; verdict accuracy and a confusion table.",
            "A malformed line is reported on stderr with its line number and skipped.",
            "",
            "Exit codes:",
            "  0  the corpus was scored",
            "  2  the file cannot be read, has no drafts, or has a malformed line (the others are still scored), or the pack is broken",
            "",
            "Examples:",
            "  commsbot eval corpus.jsonl",
            "  commsbot eval corpus.jsonl --show-errors",
            "  commsbot eval corpus.jsonl --format json --pack our-hospital.yaml",
        ];
        return (command, footer);
    }

    private static async Task<int> RunAsync(string path, bool json, bool showErrors, string? packPath, bool learned, CliHost host, CancellationToken cancellationToken)
    {
        var pack = await PackSource.LoadAsync(packPath, host);
        if (pack is null)
        {
            return ExitCodes.UsageOrInputError;
        }

        TextReader reader;
        if (path == "-")
        {
            reader = host.In;
        }
        else
        {
            try
            {
                reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                await host.Error.WriteLineAsync($"commsbot eval: cannot read '{path}': {e.Message}");
                return ExitCodes.UsageOrInputError;
            }
        }

        var drafts = new List<LabelledDraft>();
        var malformed = 0;
        try
        {
            var lineNumber = 0;
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                lineNumber++;
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                try
                {
                    drafts.Add(LabelledDraft.Parse(line));
                }
                catch (FormatException e)
                {
                    malformed++;
                    await host.Error.WriteLineAsync($"commsbot eval: line {lineNumber}: {e.Message}; skipped");
                }
            }
        }
        finally
        {
            if (!ReferenceEquals(reader, host.In))
            {
                reader.Dispose();
            }
        }

        if (drafts.Count == 0)
        {
            await host.Error.WriteLineAsync($"commsbot eval: no labelled drafts in '{path}'.");
            return ExitCodes.UsageOrInputError;
        }

        var unknown = drafts.SelectMany(d => d.Labels).Where(l => pack.Find(l) is null).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            // A typo in a label would silently count as a miss of nothing: say so.
            await host.Error.WriteLineAsync($"commsbot eval: labels that are not rules of the pack (not scored): {string.Join(", ", unknown)}");
        }

        // With the learned layer, the rules alone are scored too, so every run shows what the layer adds.
        var secondOpinion = await LearnedLayer.CreateAsync(learned, host);
        var rulesOnly = CorpusScorer.Score(new GuidelineEvaluator(pack), drafts);
        var score = secondOpinion is null ? rulesOnly : CorpusScorer.Score(new GuidelineEvaluator(pack, secondOpinion), drafts);
        var report = new EvalReport(score, pack, path, malformed, secondOpinion is null ? null : rulesOnly);
        if (json)
        {
            await EvalJsonWriter.WriteAsync(host.Out, report, showErrors);
        }
        else
        {
            await new EvalTextWriter(host.Out, host.UseColor).WriteAsync(report, showErrors);
        }

        await host.Out.FlushAsync(cancellationToken);
        return malformed > 0 ? ExitCodes.UsageOrInputError : ExitCodes.Ready;
    }
}
