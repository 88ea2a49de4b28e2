using System.Globalization;
using CommsBot.Guidelines.Learned;

namespace CommsBot.Cli.Tests.Commands;

/// <summary><c>commsbot train</c> and <c>commsbot distill</c>: a model from labelled corpora, the same twice, and clear errors.</summary>
public sealed class TrainCommandTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("commsbot-train-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public async Task Train_TwoCorpora_WritesAReadableStaticModelTheSameEachTime()
    {
        var corpora = new[] { Corpus("a", 0), Corpus("b", 1) };
        var first = Path.Combine(dir, "first.json");
        var second = Path.Combine(dir, "second.json");

        // three passes of the phrase head instead of its default: the same code, a fraction of the time
        var result = await CliRun.RunAsync(["train", .. corpora, "--phrase-epochs", "3", "--out", first]);
        (await CliRun.RunAsync(["train", .. corpora, "--phrase-epochs", "3", "--out", second])).AssertExitCode(0);

        result.AssertExitCode(0);
        Assert.Contains("model written to", result.Out, StringComparison.Ordinal);
        await using var stream = File.OpenRead(first);
        var model = LearnedModel.Read(stream);
        Assert.StartsWith(StaticEmbedder.EncoderName, model.Encoder, StringComparison.Ordinal);
        Assert.Contains("disparaging-colleagues", model.Rules.Keys);
        Assert.NotNull(model.Phrase);
        Assert.Contains("levity", model.Phrase.Outputs);
        Assert.Equal(await File.ReadAllBytesAsync(first), await File.ReadAllBytesAsync(second));
    }

    [Fact]
    public async Task Train_WithAPhraseCache_SecondRunReadsTheFitAndWritesTheSameModel()
    {
        var corpora = new[] { Corpus("a", 0), Corpus("b", 1) };
        var cache = Path.Combine(dir, "phrase-fits");
        var (first, second, third) = (Path.Combine(dir, "1.json"), Path.Combine(dir, "2.json"), Path.Combine(dir, "3.json"));

        var fitted = await CliRun.RunAsync(["train", .. corpora, "--phrase-epochs", "2", "--phrase-cache", cache, "--out", first]);
        var cached = await CliRun.RunAsync(["train", .. corpora, "--phrase-epochs", "2", "--phrase-cache", cache, "--out", second]);
        // one more pass is another fit, under another key
        var other = await CliRun.RunAsync(["train", .. corpora, "--phrase-epochs", "3", "--phrase-cache", cache, "--out", third]);

        fitted.AssertExitCode(0);
        cached.AssertExitCode(0);
        other.AssertExitCode(0);
        Assert.DoesNotContain("from the cache", fitted.Error, StringComparison.Ordinal);
        Assert.Contains("from the cache", cached.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("phrase head: fold", cached.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("from the cache", other.Error, StringComparison.Ordinal);
        Assert.Equal(await File.ReadAllBytesAsync(first), await File.ReadAllBytesAsync(second));
        // a fit per seed of the phrase head, for each of the two options
        Assert.Equal(2 * new TrainingOptions().PhraseSeeds, Directory.GetFiles(cache, "*.json").Length);
        // the cache holds numbers, never the drafts' text
        var dev = File.ReadLines(RepoFile("tests", "corpus", "dev.jsonl")).First(l => l.Length > 0);
        var text = System.Text.Json.JsonDocument.Parse(dev).RootElement.GetProperty("text").GetString()!;
        Assert.All(Directory.GetFiles(cache), f => Assert.DoesNotContain(text[..Math.Min(40, text.Length)], File.ReadAllText(f), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Train_TwoPhraseSeeds_AveragesTwoNetworksAndReusesTheFirstSeedsFit()
    {
        var corpora = new[] { Corpus("a", 0), Corpus("b", 1) };
        var cache = Path.Combine(dir, "phrase-fits");
        var (single, pair) = (Path.Combine(dir, "1.json"), Path.Combine(dir, "2.json"));

        var one = await CliRun.RunAsync(["train", .. corpora, "--phrase-epochs", "2", "--phrase-filters", "16", "--phrase-seeds", "1", "--phrase-cache", cache, "--out", single]);
        var two = await CliRun.RunAsync(["train", .. corpora, "--phrase-epochs", "2", "--phrase-filters", "16", "--phrase-seeds", "2", "--phrase-cache", cache, "--out", pair]);
        var bad = await CliRun.RunAsync(["train", .. corpora, "--phrase-seeds", "0", "--out", Path.Combine(dir, "bad.json")]);

        one.AssertExitCode(0);
        two.AssertExitCode(0);
        Assert.Contains("network 1 of 2 (seed 1)", two.Error, StringComparison.Ordinal);
        Assert.Contains("network 2 of 2 (seed 2)", two.Error, StringComparison.Ordinal);
        // the first seed's fit is the single network's, from the cache; only the second seed is trained
        Assert.Single(two.Error.Split('\n'), l => l.Contains("from the cache", StringComparison.Ordinal));
        Assert.Equal(2, Directory.GetFiles(cache, "*.json").Length);
        await using var s1 = File.OpenRead(single);
        await using var s2 = File.OpenRead(pair);
        var (m1, m2) = (LearnedModel.Read(s1), LearnedModel.Read(s2));
        Assert.Equal(16, m1.Phrase!.Filters);
        Assert.Equal(32, m2.Phrase!.Filters);
        Assert.Equal(m1.Phrase.Conv, m2.Phrase.Conv[..m1.Phrase.Conv.Length]);
        bad.AssertExitCode(2);
        Assert.Contains("--phrase-seeds must be between 1 and 16", bad.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(dir, "bad.json")));
    }

    [Fact]
    public async Task Train_OutOfFold_WritesEveryRulesProbabilityPerDraftWithoutText()
    {
        var corpora = new[] { Corpus("a", 0), Corpus("b", 1) };
        Directory.CreateDirectory(Path.Combine(dir, "first-run"));
        foreach (var corpus in corpora)
        {
            // the rules fired nothing at these corpora's first score: the stacker is fitted and scored on every draft
            File.WriteAllLines(Path.Combine(dir, "first-run", Path.GetFileName(corpus)), File.ReadLines(corpus)
                .Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("id").GetString())
                .Select(id => $"{{\"id\":\"{id}\",\"fired\":[]}}"));
        }

        var scores = Path.Combine(dir, "oof.jsonl");

        var result = await CliRun.RunAsync(["train", .. corpora, "--phrase", "false", "--out-of-fold", scores, "--out", Path.Combine(dir, "m.json")]);

        result.AssertExitCode(0);
        var rows = File.ReadLines(scores).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement).ToList();
        var drafts = corpora.Sum(c => File.ReadLines(c).Count());
        var privacy = rows.Where(r => r.GetProperty("rule").GetString() == "patient-privacy").ToList();
        Assert.Equal(drafts, privacy.Count);
        Assert.All(rows, r => Assert.InRange(r.GetProperty("probability").GetSingle(), 0f, 1f));
        Assert.Contains(privacy, r => r.GetProperty("labelled").GetBoolean());
        Assert.All(rows, r => Assert.Equal(["id", "corpus", "rule", "labelled", "fired", "probability", "verdict"], r.EnumerateObject().Select(p => p.Name)));
        // the stacker reads the draft's length by default (three weights), and not with --length-stack false
        var withLength = await ReadModel(Path.Combine(dir, "m.json"));
        Assert.All(withLength.Rules.Values, h => Assert.Equal(3, h.LengthStack?.Length));
        (await CliRun.RunAsync(["train", .. corpora, "--phrase", "false", "--length-stack", "false", "--out", Path.Combine(dir, "n.json")])).AssertExitCode(0);
        Assert.All((await ReadModel(Path.Combine(dir, "n.json"))).Rules.Values, h => Assert.Null(h.LengthStack));
    }

    [Fact]
    public async Task Train_HeadFolds_ScoresEveryDraftOutOfFoldAndSaysHowAndRejectsOneFold()
    {
        // four corpora, every fourth draft of dev.jsonl each; the rules fired nothing at their first score
        Directory.CreateDirectory(Path.Combine(dir, "first-run"));
        var corpora = new List<string>();
        foreach (var k in Enumerable.Range(0, 4))
        {
            var path = Path.Combine(dir, $"c{k}.jsonl");
            var lines = File.ReadLines(RepoFile("tests", "corpus", "dev.jsonl")).Where(l => l.Length > 0).Where((_, i) => i % 4 == k).ToList();
            File.WriteAllLines(path, lines);
            File.WriteAllLines(Path.Combine(dir, "first-run", Path.GetFileName(path)), lines
                .Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("id").GetString())
                .Select(id => $"{{\"id\":\"{id}\",\"fired\":[]}}"));
            corpora.Add(path);
        }

        var scores = Path.Combine(dir, "oof.jsonl");

        var grouped = await CliRun.RunAsync(["train", .. corpora, "--phrase", "false", "--head-folds", "2", "--out-of-fold", scores, "--out", Path.Combine(dir, "m.json")]);
        var perCorpus = await CliRun.RunAsync(["train", .. corpora, "--phrase", "false", "--out", Path.Combine(dir, "n.json")]);
        var one = await CliRun.RunAsync(["train", .. corpora, "--head-folds", "1", "--out", Path.Combine(dir, "bad.json")]);

        grouped.AssertExitCode(0);
        perCorpus.AssertExitCode(0);
        var drafts = corpora.Sum(c => File.ReadLines(c).Count());
        Assert.Equal(drafts, File.ReadLines(scores).Count(l => l.Contains("\"rule\":\"patient-privacy\"", StringComparison.Ordinal)));
        Assert.Contains("privacy: out of 2 folds of corpora on " + drafts.ToString(CultureInfo.InvariantCulture) + " drafts", grouped.Out, StringComparison.Ordinal);
        Assert.Contains("out of 2 folds of corpora", (await ReadModel(Path.Combine(dir, "m.json"))).Rules["patient-privacy"].Validation, StringComparison.Ordinal);
        Assert.Contains("privacy: leave-one-corpus-out on", perCorpus.Out, StringComparison.Ordinal);
        one.AssertExitCode(2);
        Assert.Contains("--head-folds 1 leaves nothing to train", one.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(dir, "bad.json")));
    }

    private static async Task<LearnedModel> ReadModel(string path)
    {
        await using var stream = File.OpenRead(path);
        return LearnedModel.Read(stream);
    }

    [Fact]
    public async Task Train_TableThatIsNotATable_ExitsTwoSayingSo()
    {
        var table = Path.Combine(dir, "table.bin.gz");
        await File.WriteAllTextAsync(table, "not a table");

        var result = await CliRun.RunAsync(["train", Corpus("a", 0), "--table", table, "--out", Path.Combine(dir, "m.json")]);

        result.AssertExitCode(2);
        Assert.Contains("cannot use the static embedding table", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(dir, "m.json")));
    }

    [Fact]
    public async Task Distill_MalformedLine_ExitsTwoNamingTheFileAndLineButNotItsText()
    {
        var corpus = Path.Combine(dir, "bad.jsonl");
        await File.WriteAllLinesAsync(corpus, [File.ReadLines(RepoFile("tests", "corpus", "dev.jsonl")).First(), "{\"text\": \"67F in bed 4, not json"]);

        var result = await CliRun.RunAsync(["distill", corpus, "--out", Path.Combine(dir, "t.bin.gz")]);

        result.AssertExitCode(2);
        Assert.Contains("bad.jsonl' line 2", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("67F", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(dir, "t.bin.gz")));
    }

    /// <summary>Every other draft of dev.jsonl (odd or even), as its own corpus.</summary>
    private string Corpus(string name, int parity)
    {
        var path = Path.Combine(dir, name + ".jsonl");
        File.WriteAllLines(path, File.ReadLines(RepoFile("tests", "corpus", "dev.jsonl")).Where(l => l.Length > 0).Where((_, i) => i % 2 == parity));
        return path;
    }

    private static string RepoFile(params string[] parts)
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "CommsBot.sln")))
            {
                return Path.Combine([d.FullName, .. parts]);
            }
        }

        throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"CommsBot.sln not found above {AppContext.BaseDirectory}"));
    }
}
