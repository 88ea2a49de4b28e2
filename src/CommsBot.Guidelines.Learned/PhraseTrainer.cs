using System.Globalization;
using System.Numerics.Tensors;

namespace CommsBot.Guidelines.Learned;

/// <summary>Options of the phrase head's training.</summary>
public sealed record PhraseOptions
{
    /// <summary>How many filters (phrase detectors). Out of fold (a fifth of the 45 corpora held out), the nine issue
    /// rules' mean ROC AUC was 0.955 with 64 filters and 8 passes, 0.967 with 128, 0.974 with 256; 128 filters cost
    /// about 0.8 ms of one core for a 280-character draft.</summary>
    public int Filters { get; init; } = 128;

    /// <summary>Passes over the training drafts: with 128 filters, mean AUC 0.967 at 8, 0.975 at 16, 0.977 at 24, 0.978
    /// at 32 (and 0.978 at 24 with twice the step size, the default).</summary>
    public int Epochs { get; init; } = 24;

    /// <summary>Adam's step size at the start (it falls linearly to a tenth of it by the last pass).</summary>
    public float LearningRate { get; init; } = 2e-3f;

    /// <summary>Decoupled weight decay (AdamW) per step, times the step size.</summary>
    public float WeightDecay { get; init; } = 1e-2f;

    /// <summary>The share of a draft's pieces blanked in each pass, so no one word decides (0.2, with filter dropout 0.5,
    /// lowered the held-out AUC from 0.955 to 0.945).</summary>
    public float PieceDropout { get; init; } = 0.1f;

    /// <summary>The share of filters blanked for each draft in each pass.</summary>
    public float FilterDropout { get; init; } = 0.3f;

    /// <summary>Drafts per step.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>The seed of every random choice (the same seed and drafts give the same network).</summary>
    public int Seed { get; init; } = 1;
}

/// <summary>A draft for the phrase head: its word pieces, and per output whether it is labelled and whether it applies.</summary>
/// <param name="Pieces">The draft's word-piece ids.</param>
/// <param name="Labels">Per output: labelled.</param>
/// <param name="Applies">Per output: the label applies to this draft's account (an account-bound rule does not elsewhere).</param>
public sealed record PhraseExample(int[] Pieces, bool[] Labels, bool[] Applies);

/// <summary>
/// Fits a <see cref="PhraseNetwork"/> by AdamW on weighted cross-entropy (each output's positives weighted by
/// √(negatives / positives), as the other heads are), with piece and filter dropout. The gradient of a batch is summed
/// over two fixed halves in a fixed order, so the same drafts, options and seed give the same network however the
/// threads are scheduled (on another processor the vector width of the sums may differ in the last bits).
/// </summary>
public static class PhraseTrainer
{
    private const int Dims = SentenceEmbedder.Dimensions;
    private const int Window = PhraseNetwork.Width * Dims;
    private const int Halves = 2;

    /// <summary>Trains the network; <paramref name="progress"/> hears each pass's loss.</summary>
    public static PhraseNetwork Train(IReadOnlyList<PhraseExample> examples, string[] outputs, StaticEmbeddingTable table, PhraseOptions options, Action<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(options);
        if (examples.Count == 0)
        {
            throw new ArgumentException("The phrase head needs drafts to train on.", nameof(examples));
        }

        var (mean, scale) = Standardisation(examples, table);
        var filters = options.Filters;
        var outs = outputs.Length;
        var random = new Random(options.Seed);
        var conv = new float[filters * Window];
        var convBias = new float[filters];
        var output = new float[outs * filters];
        var outputBias = new float[outs];
        var convStd = MathF.Sqrt(2f / Window);
        for (var i = 0; i < conv.Length; i++)
        {
            conv[i] = Normal(random) * convStd;
        }

        var outStd = MathF.Sqrt(1f / filters);
        for (var i = 0; i < output.Length; i++)
        {
            output[i] = Normal(random) * outStd;
        }

        var positiveWeight = new float[outs];
        for (var o = 0; o < outs; o++)
        {
            var applies = examples.Count(e => e.Applies[o]);
            var positives = examples.Count(e => e.Applies[o] && e.Labels[o]);
            positiveWeight[o] = positives == 0 ? 1f : MathF.Sqrt((float)(applies - positives) / positives);
            var rate = Math.Clamp((positives + 0.5f) / (applies + 1f), 1e-3f, 1 - 1e-3f);
            outputBias[o] = MathF.Log(rate / (1 - rate));
        }

        var parameters = new[] { conv, convBias, output, outputBias };
        var firstMoment = parameters.Select(p => new float[p.Length]).ToArray();
        var secondMoment = parameters.Select(p => new float[p.Length]).ToArray();
        var gradients = Enumerable.Range(0, Halves).Select(_ => parameters.Select(p => new float[p.Length]).ToArray()).ToArray();
        var losses = new double[Halves];
        var order = Enumerable.Range(0, examples.Count).ToArray();
        var steps = options.Epochs * ((examples.Count + options.BatchSize - 1) / options.BatchSize);
        var step = 0;
        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            Shuffle(order, new Random(options.Seed + (7919 * (epoch + 1))));
            var epochLoss = 0.0;
            for (var start = 0; start < order.Length; start += options.BatchSize)
            {
                var batch = order.AsSpan(start, Math.Min(options.BatchSize, order.Length - start)).ToArray();
                Parallel.For(0, Halves, new ParallelOptions { MaxDegreeOfParallelism = Halves }, half =>
                {
                    var g = gradients[half];
                    foreach (var array in g)
                    {
                        Array.Clear(array);
                    }

                    losses[half] = 0;
                    var pooled = new float[filters];
                    var at = new int[filters];
                    var kept = new float[filters];
                    var hidden = new float[filters];
                    for (var k = half; k < batch.Length; k += Halves)
                    {
                        var index = batch[k];
                        var example = examples[index];
                        var rng = new Random(unchecked((options.Seed * 1_000_003) + (epoch * 100_003) + index));
                        var input = PhraseNetwork.Input(example.Pieces, table, mean, scale, _ => rng.NextSingle() < options.PieceDropout);
                        PhraseNetwork.Pool(conv, convBias, filters, input, example.Pieces.Length, pooled, at);
                        for (var f = 0; f < filters; f++)
                        {
                            kept[f] = rng.NextSingle() < options.FilterDropout ? 0f : 1f / (1f - options.FilterDropout);
                            hidden[f] = pooled[f] * kept[f];
                        }

                        for (var o = 0; o < outs; o++)
                        {
                            if (!example.Applies[o])
                            {
                                continue;
                            }

                            var z = outputBias[o] + TensorPrimitives.Dot<float>(output.AsSpan(o * filters, filters), hidden);
                            var p = LinearMath.Sigmoid(z);
                            var y = example.Labels[o];
                            var weight = y ? positiveWeight[o] : 1f;
                            losses[half] -= weight * Math.Log(Math.Max(1e-7, y ? p : 1 - p));
                            var dz = weight * (p - (y ? 1f : 0f));
                            g[3][o] += dz;
                            for (var f = 0; f < filters; f++)
                            {
                                g[2][(o * filters) + f] += dz * hidden[f];
                                var dPooled = dz * output[(o * filters) + f] * kept[f];
                                if (dPooled != 0 && at[f] >= 0)
                                {
                                    g[1][f] += dPooled;
                                    TensorPrimitives.MultiplyAdd(input.AsSpan(at[f] * Dims, Window), dPooled, g[0].AsSpan(f * Window, Window), g[0].AsSpan(f * Window, Window));
                                }
                            }
                        }
                    }
                });

                for (var half = 1; half < Halves; half++)
                {
                    for (var p = 0; p < parameters.Length; p++)
                    {
                        TensorPrimitives.Add(gradients[0][p], gradients[half][p], gradients[0][p]);
                    }
                }

                epochLoss += losses.Sum();
                step++;
                var rate = options.LearningRate * (1f - (0.9f * (step - 1) / Math.Max(1, steps - 1)));
                for (var p = 0; p < parameters.Length; p++)
                {
                    Adam(parameters[p], gradients[0][p], firstMoment[p], secondMoment[p], 1f / batch.Length, rate, p is 0 or 2 ? options.WeightDecay : 0f, step);
                }
            }

            progress?.Invoke(string.Create(CultureInfo.InvariantCulture, $"phrase head pass {epoch + 1} of {options.Epochs}: loss {epochLoss / examples.Count:0.0000}"));
        }

        return new PhraseNetwork
        {
            Outputs = outputs,
            Filters = filters,
            Mean = mean,
            Scale = scale,
            Conv = conv,
            ConvBias = convBias,
            Out = output,
            OutBias = outputBias,
        };
    }

    private static void Adam(float[] parameter, float[] gradient, float[] m, float[] v, float gradientScale, float rate, float decay, int step)
    {
        const float beta1 = 0.9f;
        const float beta2 = 0.999f;
        const float epsilon = 1e-8f;
        var correction1 = 1f - MathF.Pow(beta1, step);
        var correction2 = 1f - MathF.Pow(beta2, step);
        for (var i = 0; i < parameter.Length; i++)
        {
            var g = gradient[i] * gradientScale;
            m[i] = (beta1 * m[i]) + ((1 - beta1) * g);
            v[i] = (beta2 * v[i]) + ((1 - beta2) * g * g);
            var update = m[i] / correction1 / (MathF.Sqrt(v[i] / correction2) + epsilon);
            parameter[i] -= rate * (update + (decay * parameter[i]));
        }
    }

    private static (float[] Mean, float[] Scale) Standardisation(IReadOnlyList<PhraseExample> examples, StaticEmbeddingTable table)
    {
        var sum = new double[Dims];
        var squares = new double[Dims];
        var count = 0L;
        var row = new float[Dims];
        var counts = new Dictionary<int, int>();
        foreach (var example in examples)
        {
            foreach (var id in example.Pieces.Take(PhraseNetwork.MaxPieces))
            {
                counts[id] = counts.GetValueOrDefault(id) + 1;
            }
        }

        foreach (var (id, n) in counts.OrderBy(kv => kv.Key))
        {
            if (!table.CopyUnitRow(id, row))
            {
                continue;
            }

            for (var d = 0; d < Dims; d++)
            {
                sum[d] += (double)n * row[d];
                squares[d] += (double)n * row[d] * row[d];
            }

            count += n;
        }

        var mean = new float[Dims];
        var scale = new float[Dims];
        for (var d = 0; d < Dims; d++)
        {
            var mu = count == 0 ? 0 : sum[d] / count;
            var variance = count == 0 ? 1 : Math.Max(1e-8, (squares[d] / count) - (mu * mu));
            mean[d] = (float)mu;
            scale[d] = (float)(1 / Math.Sqrt(variance));
        }

        return (mean, scale);
    }

    private static void Shuffle(int[] order, Random random)
    {
        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
    }

    private static float Normal(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return (float)(Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2));
    }
}
