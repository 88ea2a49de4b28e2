using System.Numerics.Tensors;

namespace CommsBot.Guidelines.Learned;

/// <summary>
/// The phrase head: a one-layer convolutional network over the draft's word pieces, each the unit-length row of the
/// static table (so a common word such as "not" or "again" weighs as much as a rare one), standardised. Each filter
/// reads a window of three pieces and keeps its largest value anywhere in the draft (ReLU, max over positions); one
/// logistic output per label reads the filters. Unlike the summed embeddings it sees word order within a phrase
/// ("still do it with a smile", "not a patient"), and unlike the word-pair heads it generalises from a phrase to its
/// paraphrases, because the pieces' rows carry their meaning. Trained by <see cref="PhraseTrainer"/>; read-only once
/// built, thread-safe.
/// </summary>
public sealed class PhraseNetwork
{
    /// <summary>Pieces in a window.</summary>
    public const int Width = 3;

    /// <summary>A draft's pieces beyond this many are not read (about 2,000 characters of English).</summary>
    public const int MaxPieces = 512;

    /// <summary>The labels it scores (issue rule ids, then the opportunity tags it was also trained on).</summary>
    public string[] Outputs { get; init; } = [];

    /// <summary>How many filters.</summary>
    public int Filters { get; init; }

    /// <summary>Per-dimension mean of the unit-length piece rows over the training drafts' pieces.</summary>
    public float[] Mean { get; init; } = [];

    /// <summary>Per-dimension 1/standard deviation of the same.</summary>
    public float[] Scale { get; init; } = [];

    /// <summary>The filters, [filter][window position][dimension], flattened.</summary>
    public float[] Conv { get; init; } = [];

    /// <summary>The filters' biases.</summary>
    public float[] ConvBias { get; init; } = [];

    /// <summary>The outputs' weights, [output][filter], flattened.</summary>
    public float[] Out { get; init; } = [];

    /// <summary>The outputs' biases.</summary>
    public float[] OutBias { get; init; } = [];

    /// <summary>
    /// One network whose logits are the mean of <paramref name="members"/>' logits: their filters side by side, each
    /// output reading every member's filters with its weights divided by the number of members. The members must score
    /// the same outputs over the same standardisation (networks trained on the same drafts from different seeds).
    /// </summary>
    public static PhraseNetwork Average(IReadOnlyList<PhraseNetwork> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        if (members.Count == 0)
        {
            throw new ArgumentException("There are no networks to average.", nameof(members));
        }

        var first = members[0];
        foreach (var m in members)
        {
            if (!m.Outputs.SequenceEqual(first.Outputs, StringComparer.Ordinal) || !Same(m.Mean, first.Mean) || !Same(m.Scale, first.Scale))
            {
                throw new ArgumentException("Only networks with the same outputs and standardisation can be averaged.", nameof(members));
            }
        }

        var filters = members.Sum(m => m.Filters);
        var outputs = first.Outputs.Length;
        var output = new float[outputs * filters];
        var outputBias = new float[outputs];
        var offset = 0;
        foreach (var m in members)
        {
            for (var o = 0; o < outputs; o++)
            {
                TensorPrimitives.Divide(m.Out.AsSpan(o * m.Filters, m.Filters), members.Count, output.AsSpan((o * filters) + offset, m.Filters));
                outputBias[o] += m.OutBias[o] / members.Count;
            }

            offset += m.Filters;
        }

        return new PhraseNetwork
        {
            Outputs = first.Outputs,
            Filters = filters,
            Mean = first.Mean,
            Scale = first.Scale,
            Conv = [.. members.SelectMany(m => m.Conv)],
            ConvBias = [.. members.SelectMany(m => m.ConvBias)],
            Out = output,
            OutBias = outputBias,
        };

        static bool Same(float[] a, float[] b) => a.Length == b.Length && a.Zip(b).All(p => MathF.Abs(p.First - p.Second) <= 1e-5f * MathF.Max(1f, MathF.Abs(p.First)));
    }

    /// <summary>The problems with the shapes, empty when it is whole.</summary>
    public IEnumerable<string> Problems()
    {
        const int dims = SentenceEmbedder.Dimensions;
        if (Filters <= 0 || Outputs.Length == 0)
        {
            yield return "the phrase head needs filters and outputs";
            yield break;
        }

        if (Mean.Length != dims || Scale.Length != dims)
        {
            yield return $"the phrase head's mean and scale must have {dims} values";
        }

        if (Conv.Length != Filters * Width * dims || ConvBias.Length != Filters)
        {
            yield return $"the phrase head's filters must have {Filters} x {Width * dims} values and {Filters} biases";
        }

        if (Out.Length != Outputs.Length * Filters || OutBias.Length != Outputs.Length)
        {
            yield return $"the phrase head's outputs must have {Outputs.Length} x {Filters} values and {Outputs.Length} biases";
        }
    }

    /// <summary>
    /// The logit of every output for a draft's piece ids. A filter is linear in each piece of its window, so what a piece
    /// adds to every filter at each of the three window positions is worked out the first time the piece is seen and
    /// kept (a few microseconds once; about 1.5 KB a piece, at most about 47 MB over the whole vocabulary, in practice a
    /// few thousand pieces): a draft then costs three additions per filter and piece, not a 1,152-value product.
    /// </summary>
    public float[] Logits(IReadOnlyList<int> pieces, StaticEmbeddingTable table)
    {
        ArgumentNullException.ThrowIfNull(pieces);
        ArgumentNullException.ThrowIfNull(table);
        var pooled = new float[Filters];
        var n = Math.Min(pieces.Count, MaxPieces);
        var cache = ResponseCache(table);
        var z = new float[Filters];
        for (var t = 0; t < n; t++)
        {
            ConvBias.CopyTo(z, 0);
            for (var k = 0; k < Width; k++)
            {
                var at = t + k - 1;
                if (at >= 0 && at < n)
                {
                    var response = Response(cache, table, pieces[at]);
                    TensorPrimitives.Add(z, response.AsSpan(k * Filters, Filters), z);
                }
            }

            TensorPrimitives.Max(pooled, z, pooled);
        }

        return Read(pooled);
    }

    /// <summary>The logits computed the way training computes them (each window's full product): for tests.</summary>
    internal float[] LogitsDirect(IReadOnlyList<int> pieces, StaticEmbeddingTable table)
    {
        var input = Input(pieces, table, Mean, Scale, drop: null);
        var pooled = new float[Filters];
        Pool(input, pieces.Count, pooled, null);
        return Read(pooled);
    }

    /// <summary>Every output's logit over the pooled filters.</summary>
    private float[] Read(float[] pooled)
    {
        var logits = new float[Outputs.Length];
        for (var o = 0; o < logits.Length; o++)
        {
            logits[o] = OutBias[o] + TensorPrimitives.Dot<float>(Out.AsSpan(o * Filters, Filters), pooled);
        }

        return logits;
    }

    private sealed record Responses(StaticEmbeddingTable Table, float[]?[] ByPiece);

    private Responses? responses;

    private Responses ResponseCache(StaticEmbeddingTable table)
    {
        var current = Volatile.Read(ref responses);
        if (current is not null && ReferenceEquals(current.Table, table))
        {
            return current;
        }

        // a network is used with one table; another one (tests, tools) starts a fresh cache
        var fresh = new Responses(table, new float[]?[table.Count]);
        Volatile.Write(ref responses, fresh);
        return fresh;
    }

    /// <summary>What piece <paramref name="id"/> adds to each filter at each window position ([position][filter]).</summary>
    private float[] Response(Responses cache, StaticEmbeddingTable table, int id)
    {
        const int dims = SentenceEmbedder.Dimensions;
        if ((uint)id >= (uint)cache.ByPiece.Length)
        {
            return new float[Width * Filters];
        }

        if (Volatile.Read(ref cache.ByPiece[id]) is { } known)
        {
            return known;
        }

        // two threads may both work it out; they get the same numbers, and either array is kept
        var response = new float[Width * Filters];
        var row = new float[dims];
        if (table.CopyUnitRow(id, row))
        {
            for (var d = 0; d < dims; d++)
            {
                row[d] = (row[d] - Mean[d]) * Scale[d];
            }

            for (var f = 0; f < Filters; f++)
            {
                for (var k = 0; k < Width; k++)
                {
                    response[(k * Filters) + f] = TensorPrimitives.Dot<float>(Conv.AsSpan((f * Width * dims) + (k * dims), dims), row);
                }
            }
        }

        Volatile.Write(ref cache.ByPiece[id], response);
        return response;
    }

    /// <summary>
    /// The padded input: one zero row, then each piece's standardised unit-length row, then one zero row, so window
    /// <c>t</c> (pieces t-1, t, t+1) is the contiguous slice starting at row t. A piece in <paramref name="drop"/> is a
    /// zero row (training's word dropout).
    /// </summary>
    internal static float[] Input(IReadOnlyList<int> pieces, StaticEmbeddingTable table, float[] mean, float[] scale, Func<int, bool>? drop)
    {
        const int dims = SentenceEmbedder.Dimensions;
        var n = Math.Min(pieces.Count, MaxPieces);
        var input = new float[(n + 2) * dims];
        for (var t = 0; t < n; t++)
        {
            var row = input.AsSpan((t + 1) * dims, dims);
            if ((drop is not null && drop(t)) || !table.CopyUnitRow(pieces[t], row))
            {
                continue;
            }

            for (var d = 0; d < dims; d++)
            {
                row[d] = (row[d] - mean[d]) * scale[d];
            }
        }

        return input;
    }

    /// <summary>Each filter's largest activation over the draft (0 when none is positive), and where it was (-1: none).</summary>
    internal void Pool(float[] input, int pieces, float[] pooled, int[]? at) =>
        Pool(Conv, ConvBias, Filters, input, pieces, pooled, at);

    internal static void Pool(float[] conv, float[] convBias, int filters, float[] input, int pieces, float[] pooled, int[]? at)
    {
        const int window = Width * SentenceEmbedder.Dimensions;
        var n = Math.Min(pieces, MaxPieces);
        Array.Clear(pooled);
        if (at is not null)
        {
            Array.Fill(at, -1);
        }

        var x = input.AsSpan();
        for (var t = 0; t < n; t++)
        {
            var slice = x.Slice(t * SentenceEmbedder.Dimensions, window);
            for (var f = 0; f < filters; f++)
            {
                var z = convBias[f] + TensorPrimitives.Dot<float>(conv.AsSpan(f * window, window), slice);
                if (z > pooled[f])
                {
                    pooled[f] = z;
                    if (at is not null)
                    {
                        at[f] = t;
                    }
                }
            }
        }
    }
}
