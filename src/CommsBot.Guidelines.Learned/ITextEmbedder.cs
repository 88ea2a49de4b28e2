namespace CommsBot.Guidelines.Learned;

/// <summary>Turns texts into fixed-size vectors the learned heads read. Implementations are thread-safe.</summary>
public interface ITextEmbedder
{
    /// <summary>The name a model file records (<see cref="LearnedModel.Encoder"/> starts with it).</summary>
    string Name { get; }

    /// <summary>Embeds each text: one row of <see cref="SentenceEmbedder.Dimensions"/> floats, unit length (zero for a text with no known word piece).</summary>
    float[][] Embed(IReadOnlyList<string> texts, CancellationToken cancellationToken = default);
}
