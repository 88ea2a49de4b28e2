using System.CommandLine;
using System.Text;
using System.Text.Json;
using CommsBot.Guidelines.Learned;
using CommsBot.Guidelines.Scoring;

namespace CommsBot.Cli.Commands;

/// <summary><c>commsbot train</c>: fits the learned second opinion on labelled corpora and writes the model file.</summary>
internal static class TrainCommand
{
    public static (Command Command, string[] HelpFooter) Create(CliHost host, Option<string?> pack)
    {
        var files = new Argument<string[]>("CORPUS")
        {
            Description = "Labelled corpora (the JSON-lines format of RULES.md). Each file is one unit of cross-validation.",
            Arity = ArgumentArity.OneOrMore,
        };
        var output = new Option<string>("--out", "-o")
        {
            Description = "Where to write the model (JSON).",
            DefaultValueFactory = _ => "learned-model.json",
            HelpName = "FILE",
        };
        var firstRun = new Option<string?>("--first-run")
        {
            Description = "The folder of first-run rule outputs ({\"id\",\"fired\"} per line, one NAME.jsonl per corpus, as tests/corpus/first-score.sh writes them). Default: first-run/ beside each corpus.",
            HelpName = "DIR",
        };
        var headL2 = new Option<float>("--head-l2")
        {
            Description = "L2 regularisation of the per-rule heads.",
            DefaultValueFactory = _ => new TrainingOptions().HeadL2,
        };
        var stackL2 = new Option<float>("--stack-l2")
        {
            Description = "L2 regularisation of the stackers.",
            DefaultValueFactory = _ => new TrainingOptions().StackL2,
        };
        var lexical = new Option<bool>("--lexical")
        {
            Description = "Fit a lexical head per rule (words and word pairs found in at least --lexical-min-corpora corpora); --lexical false: embeddings only.",
            DefaultValueFactory = _ => new TrainingOptions().Lexical,
        };
        var lexicalL2 = new Option<float>("--lexical-l2")
        {
            Description = "L2 regularisation of the lexical heads.",
            DefaultValueFactory = _ => new TrainingOptions().LexicalL2,
        };
        var lexicalMinCorpora = new Option<int>("--lexical-min-corpora")
        {
            Description = "In how many corpora a word or pair must appear to enter the vocabulary.",
            DefaultValueFactory = _ => new TrainingOptions().LexicalMinCorpora,
        };
        var blockerRecall = new Option<float>("--blocker-recall-weight")
        {
            Description = "How much more a blocker rule's threshold weighs recall than precision (the beta of F-beta).",
            DefaultValueFactory = _ => new TrainingOptions().BlockerRecallWeight,
        };
        var readyCost = new Option<float>("--ready-false-blocker-cost")
        {
            Description = "How many false positives a blocker on an otherwise ready draft counts as when thresholds are chosen.",
            DefaultValueFactory = _ => new TrainingOptions().ReadyFalseBlockerCost,
        };
        var readyBudget = new Option<float>("--ready-blocker-budget")
        {
            Description = "The share of ready drafts (out of fold, contrast sets left out) the blockers together may flag; blocker thresholds are lowered for recall within it. 0: best-F1 thresholds.",
            DefaultValueFactory = _ => new TrainingOptions().ReadyBlockerBudget,
        };
        var phrase = new Option<bool>("--phrase")
        {
            Description = "Fit the phrase head (filters over windows of three word pieces, static embeddings only) and stack its logits; --phrase false: without it.",
            DefaultValueFactory = _ => new TrainingOptions().Phrase,
        };
        var phraseFilters = new Option<int>("--phrase-filters")
        {
            Description = "How many filters the phrase head has.",
            DefaultValueFactory = _ => new PhraseOptions().Filters,
        };
        var phraseEpochs = new Option<int>("--phrase-epochs")
        {
            Description = "How many passes over the drafts the phrase head trains for.",
            DefaultValueFactory = _ => new PhraseOptions().Epochs,
        };
        var phraseSeeds = new Option<int>("--phrase-seeds")
        {
            Description = "How many phrase networks, each from its own seed, are trained and averaged.",
            DefaultValueFactory = _ => new TrainingOptions().PhraseSeeds,
        };
        phraseSeeds.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 16)
            {
                result.AddError("--phrase-seeds must be between 1 and 16.");
            }
        });
        var headFolds = new Option<int>("--head-folds")
        {
            Description = "The heads' out-of-fold logits come from this many folds of corpora (corpus k in fold k mod N); 0: one per corpus.",
            DefaultValueFactory = _ => new TrainingOptions().HeadFolds,
            HelpName = "N",
        };
        headFolds.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 0 or > 1000)
            {
                result.AddError("--head-folds must be 0 (one fold per corpus) or between 2 and 1000.");
            }
            else if (result.GetValueOrDefault<int>() == 1)
            {
                result.AddError("--head-folds 1 leaves nothing to train a fold's heads on: use 0 (one fold per corpus) or 2 or more.");
            }
        });
        var phraseStackAll = new Option<bool>("--phrase-stack-all")
        {
            Description = "Each rule's stacker reads every output of the phrase head (other rules and tags), not only its own.",
            DefaultValueFactory = _ => new TrainingOptions().PhraseStackAll,
        };
        var lengthStack = new Option<bool>("--length-stack")
        {
            Description = "Each rule's stacker reads the draft's length, and the length times the best sentence's scores (a problem buried in a long post).",
            DefaultValueFactory = _ => new TrainingOptions().LengthStack,
        };
        var phraseCache = new Option<string?>("--phrase-cache")
        {
            Description = "A directory that keeps the phrase head's fit between runs over the same drafts and options (the slow part of training).",
            HelpName = "DIR",
        };
        var outOfFold = new Option<string?>("--out-of-fold")
        {
            Description = "Also write every draft's out-of-fold stacked probability per rule (JSON lines of ids, labels and numbers; no text), to study thresholds.",
            HelpName = "FILE",
        };
        var cache = new Option<string?>("--cache")
        {
            Description = "With --encoder minilm: a file that keeps embeddings between runs (it holds the corpora's text: keep it out of the repository).",
            HelpName = "FILE",
        };
        var encoder = new Option<string>("--encoder")
        {
            Description = "static: word-piece embeddings distilled from MiniLM (the built-in table, or --table), microseconds per draft; minilm: the MiniLM encoder itself, tens of milliseconds per draft.",
            HelpName = "static|minilm",
            DefaultValueFactory = _ => StaticEmbedder.EncoderName,
        };
        encoder.AcceptOnlyFromAmong(StaticEmbedder.EncoderName, "minilm");
        var table = new Option<string?>("--table")
        {
            Description = "With --encoder static: a table written by `commsbot distill` instead of the built-in one.",
            HelpName = "FILE",
        };

        var command = new Command("train", "Fit the learned second opinion (embeddings and words, per-rule logistic heads, stacked with the rules) on labelled corpora.")
        {
            files, output, firstRun, headL2, stackL2, lexical, lexicalL2, lexicalMinCorpora, blockerRecall, readyCost, readyBudget, phrase, phraseFilters, phraseEpochs, phraseSeeds, headFolds, phraseStackAll, lengthStack, phraseCache, outOfFold, cache, encoder, table,
        };
        command.SetAction(async (parse, cancellationToken) => await RunAsync(
            parse.GetValue(files)!,
            parse.GetValue(output)!,
            parse.GetValue(firstRun),
            new TrainingOptions
            {
                HeadL2 = parse.GetValue(headL2),
                StackL2 = parse.GetValue(stackL2),
                Lexical = parse.GetValue(lexical),
                LexicalL2 = parse.GetValue(lexicalL2),
                LexicalMinCorpora = parse.GetValue(lexicalMinCorpora),
                BlockerRecallWeight = parse.GetValue(blockerRecall),
                ReadyFalseBlockerCost = parse.GetValue(readyCost),
                ReadyBlockerBudget = parse.GetValue(readyBudget),
                Phrase = parse.GetValue(phrase),
                PhraseHead = new PhraseOptions { Filters = parse.GetValue(phraseFilters), Epochs = parse.GetValue(phraseEpochs) },
                PhraseSeeds = parse.GetValue(phraseSeeds),
                HeadFolds = parse.GetValue(headFolds),
                PhraseStackAll = parse.GetValue(phraseStackAll),
                LengthStack = parse.GetValue(lengthStack),
            },
            parse.GetValue(phraseCache),
            parse.GetValue(outOfFold),
            parse.GetValue(cache),
            parse.GetValue(encoder) == StaticEmbedder.EncoderName ? parse.GetValue(table) ?? "" : null,
            parse.GetValue(pack),
            host,
            cancellationToken));

        string[] footer =
        [
            "The stacker is fitted only on drafts whose corpus has first-run rule outputs: how the rules did before the pack",
            "was tuned on that corpus. Prints each rule's leave-one-corpus-out F1, rules alone and stacked. Corpora named in",
            "contrast-sets.txt beside them (written with an unnatural share of near misses) train the heads but are left out",
            "when the blockers' thresholds are calibrated against the ready-draft budget.",
            "",
            "Exit codes:",
            "  0  the model was written",
            "  2  a corpus cannot be read, has a malformed line, or the pack is broken",
            "",
            "Examples:",
            "  commsbot train tests/corpus/*.jsonl --out src/CommsBot.Guidelines.Learned/Model/learned-model.json",
            "  commsbot train tests/corpus/*.jsonl --head-l2 2",
            "  commsbot train tests/corpus/*.jsonl --phrase-cache /tmp/phrase-fits --ready-false-blocker-cost 2.5",
            "  commsbot train tests/corpus/*.jsonl --encoder minilm --cache /tmp/embeddings.bin",
        ];
        return (command, footer);
    }

    /// <param name="staticTable">null: the MiniLM encoder; empty: the built-in static table; else a static table file.</param>
    private static async Task<int> RunAsync(string[] paths, string output, string? firstRunDir, TrainingOptions options, string? phraseCacheDir, string? outOfFoldPath, string? cachePath, string? staticTable, string? packPath, CliHost host, CancellationToken cancellationToken)
    {
        ITextEmbedder embedder;
        try
        {
            embedder = staticTable switch
            {
                null => SentenceEmbedder.Shared,
                "" => StaticEmbedder.Shared ?? throw new InvalidDataException("this build has no static embedding table; write one with `commsbot distill` and pass it with --table"),
                _ => new StaticEmbedder(ReadTable(staticTable)),
            };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            await host.Error.WriteLineAsync($"commsbot train: cannot use the static embedding table: {e.Message}");
            return ExitCodes.UsageOrInputError;
        }

        if (staticTable is not null && cachePath is not null)
        {
            await host.Error.WriteLineAsync("commsbot train: --cache is for --encoder minilm; static embeddings are not cached.");
            cachePath = null;
        }

        var pack = await PackSource.LoadAsync(packPath, host);
        if (pack is null)
        {
            return ExitCodes.UsageOrInputError;
        }

        var drafts = new List<TrainingDraft>();
        foreach (var path in paths)
        {
            var name = Path.GetFileNameWithoutExtension(path);
            var firstRunPath = Path.Combine(firstRunDir ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, "first-run"), name + ".jsonl");
            Dictionary<string, HashSet<string>>? fired = null;
            try
            {
                var contrast = await IsContrastSetAsync(path, name, cancellationToken);
                if (File.Exists(firstRunPath))
                {
                    fired = [];
                    foreach (var line in await File.ReadAllLinesAsync(firstRunPath, cancellationToken))
                    {
                        if (line.Length == 0)
                        {
                            continue;
                        }

                        using var doc = JsonDocument.Parse(line);
                        fired[doc.RootElement.GetProperty("id").GetString()!] = doc.RootElement.GetProperty("fired").EnumerateArray().Select(e => e.GetString()!).ToHashSet(StringComparer.Ordinal);
                    }
                }

                var number = 0;
                foreach (var line in await File.ReadAllLinesAsync(path, Encoding.UTF8, cancellationToken))
                {
                    number++;
                    if (string.IsNullOrWhiteSpace(line))
                    {
                        continue;
                    }

                    var draft = LabelledDraft.Parse(line);
                    drafts.Add(new TrainingDraft(draft, name, fired?.GetValueOrDefault(draft.Id), contrast));
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or JsonException or KeyNotFoundException or InvalidOperationException)
            {
                await host.Error.WriteLineAsync($"commsbot train: cannot read '{path}' or its first-run file: {e.GetType().Name}");
                return ExitCodes.UsageOrInputError;
            }
        }

        var cacheEntries = cachePath is not null && File.Exists(cachePath) ? ReadCache(cachePath) : null;
        var trainer = new LearnedTrainer(embedder, pack, cacheEntries) { PhraseCache = phraseCacheDir is null ? null : new PhraseFitCache(phraseCacheDir) };
        var result = trainer.Train(drafts, options, message => host.Error.WriteLine($"commsbot train: {message}"));
        if (cachePath is not null)
        {
            WriteCache(cachePath, trainer.Cache);
        }

        await using (var stream = File.Create(output))
        {
            result.Model.Write(stream);
        }

        if (outOfFoldPath is not null)
        {
            await using var writer = new StreamWriter(outOfFoldPath, append: false, new UTF8Encoding(false));
            foreach (var score in result.OutOfFold)
            {
                await writer.WriteLineAsync(JsonSerializer.Serialize(score, OutOfFoldJson));
            }
        }

        foreach (var line in result.Report)
        {
            await host.Out.WriteLineAsync(line);
        }

        await host.Out.WriteLineAsync($"model written to {output} ({drafts.Count} drafts, {paths.Length} corpora)");
        return ExitCodes.Ready;
    }

    /// <summary>The file beside the corpora that names the contrast sets (<see cref="TrainingDraft.Contrast"/>).</summary>
    internal const string ContrastSetsFile = "contrast-sets.txt";

    private static readonly JsonSerializerOptions OutOfFoldJson = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>Whether <paramref name="name"/> is listed in contrast-sets.txt beside the corpus (one name a line, # comments).</summary>
    private static async Task<bool> IsContrastSetAsync(string path, string name, CancellationToken cancellationToken)
    {
        var list = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, ContrastSetsFile);
        return File.Exists(list) && (await File.ReadAllLinesAsync(list, cancellationToken))
            .Select(l => l.Split('#')[0].Trim())
            .Contains(name, StringComparer.Ordinal);
    }

    private static StaticEmbeddingTable ReadTable(string path)
    {
        using var stream = File.OpenRead(path);
        return StaticEmbeddingTable.Read(stream);
    }

    private static Dictionary<string, float[]> ReadCache(string path)
    {
        var result = new Dictionary<string, float[]>(StringComparer.Ordinal);
        using var reader = new BinaryReader(File.OpenRead(path), Encoding.UTF8);
        var count = reader.ReadInt32();
        for (var i = 0; i < count; i++)
        {
            var key = reader.ReadString();
            var vector = new float[SentenceEmbedder.Dimensions];
            for (var j = 0; j < vector.Length; j++)
            {
                vector[j] = reader.ReadSingle();
            }

            result[key] = vector;
        }

        return result;
    }

    private static void WriteCache(string path, IReadOnlyDictionary<string, float[]> cache)
    {
        using var writer = new BinaryWriter(File.Create(path), Encoding.UTF8);
        writer.Write(cache.Count);
        foreach (var (key, vector) in cache)
        {
            writer.Write(key);
            foreach (var v in vector)
            {
                writer.Write(v);
            }
        }
    }
}
