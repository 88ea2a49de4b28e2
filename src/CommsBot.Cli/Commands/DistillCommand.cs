using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CommsBot.Guidelines.Learned;
using CommsBot.Guidelines.Scoring;

namespace CommsBot.Cli.Commands;

/// <summary><c>commsbot distill</c>: builds the static word-piece embedding table the learned layer reads.</summary>
internal static class DistillCommand
{
    public static (Command Command, string[] HelpFooter) Create(CliHost host)
    {
        var files = new Argument<string[]>("CORPUS")
        {
            Description = "Labelled corpora whose drafts give each word piece its weight (how rare it is).",
            Arity = ArgumentArity.OneOrMore,
        };
        var output = new Option<string>("--out", "-o")
        {
            Description = "Where to write the table (gzip).",
            DefaultValueFactory = _ => "static-embeddings.bin.gz",
            HelpName = "FILE",
        };
        var command = new Command("distill", "Distil static word-piece embeddings from the MiniLM encoder (each piece encoded alone once, weighted by its rarity in the corpora).")
        {
            files, output,
        };
        command.SetAction(async (parse, cancellationToken) => await RunAsync(parse.GetValue(files)!, parse.GetValue(output)!, host, cancellationToken));
        string[] footer =
        [
            "Runs the MiniLM encoder once per word piece (30,522 of them): about a minute on two cores. The same corpora",
            "give the same table, byte for byte, on the same machine.",
            "",
            "Exit codes:",
            "  0  the table was written",
            "  2  a corpus cannot be read or has a malformed line",
            "",
            "Examples:",
            "  commsbot distill tests/corpus/*.jsonl --out src/CommsBot.Guidelines.Learned/Model/static-embeddings.bin.gz",
            "  commsbot train tests/corpus/*.jsonl --table static-embeddings.bin.gz --out learned-model.json",
        ];
        return (command, footer);
    }

    private static async Task<int> RunAsync(string[] paths, string output, CliHost host, CancellationToken cancellationToken)
    {
        var texts = new List<string>();
        foreach (var path in paths)
        {
            var number = 0;
            try
            {
                foreach (var line in await File.ReadAllLinesAsync(path, Encoding.UTF8, cancellationToken))
                {
                    number++;
                    if (!string.IsNullOrWhiteSpace(line))
                    {
                        texts.Add(LabelledDraft.Parse(line).Text);
                    }
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                await host.Error.WriteLineAsync($"commsbot distill: cannot read '{path}': {e.GetType().Name}");
                return ExitCodes.UsageOrInputError;
            }
            catch (Exception e) when (e is FormatException or JsonException or KeyNotFoundException or InvalidOperationException)
            {
                await host.Error.WriteLineAsync($"commsbot distill: '{path}' line {number.ToString(CultureInfo.InvariantCulture)} is not a labelled draft: {e.GetType().Name}");
                return ExitCodes.UsageOrInputError;
            }
        }

        var table = StaticEmbeddingTable.Distill(texts, message => host.Error.WriteLine($"commsbot distill: {message}"), cancellationToken: cancellationToken);
        await using (var stream = File.Create(output))
        {
            table.Write(stream);
        }

        await host.Out.WriteLineAsync($"table written to {output} ({table.Count} word pieces, weighted over {texts.Count} drafts from {paths.Length} corpora)");
        return ExitCodes.Ready;
    }
}
