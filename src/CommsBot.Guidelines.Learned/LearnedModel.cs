using System.Text.Json;
using System.Text.Json.Serialization;

namespace CommsBot.Guidelines.Learned;

/// <summary>
/// The learned second opinion's parameters, as <c>commsbot train</c> writes them: per issue rule, a logistic head over
/// standardised sentence embeddings and a stacker that weighs the head's scores against whether the rules fired.
/// Plain numbers in JSON, so a model file can be read, diffed and checked in.
/// </summary>
public sealed class LearnedModel
{
    /// <summary>The format version.</summary>
    public int Version { get; init; } = 1;

    /// <summary>What produced the embeddings the heads read.</summary>
    public string Encoder { get; init; } = "";

    /// <summary>How the model was trained (corpora, drafts, options): provenance, not used at run time.</summary>
    public string Training { get; init; } = "";

    /// <summary>Per-dimension mean of the training embeddings.</summary>
    public float[] Mean { get; init; } = [];

    /// <summary>Per-dimension 1/standard deviation of the training embeddings.</summary>
    public float[] Scale { get; init; } = [];

    /// <summary>The lexical heads' vocabulary (words and word pairs, see <see cref="LexicalFeatures"/>); null: none.</summary>
    public string[]? Vocabulary { get; init; }

    /// <summary>The phrase head shared by the rules (null: none).</summary>
    public PhraseNetwork? Phrase { get; init; }

    /// <summary>The heads, by rule id.</summary>
    public Dictionary<string, RuleHead> Rules { get; init; } = new(StringComparer.Ordinal);

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = false,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The model built into this assembly, or null when none was trained.</summary>
    public static LearnedModel? LoadEmbedded()
    {
        using var stream = typeof(LearnedModel).Assembly.GetManifestResourceStream("CommsBot.Guidelines.Learned.learned-model.json");
        return stream is null ? null : Read(stream);
    }

    /// <summary>Reads a model file; throws <see cref="InvalidDataException"/> naming what is wrong.</summary>
    public static LearnedModel Read(Stream stream)
    {
        LearnedModel? model;
        try
        {
            model = JsonSerializer.Deserialize<LearnedModel>(stream, Json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"The learned model is not valid JSON: {e.Message}", e);
        }

        if (model is null || model.Version != 1)
        {
            throw new InvalidDataException("The learned model has an unknown format version.");
        }

        var problems = new List<string>();
        if (model.Mean.Length != SentenceEmbedder.Dimensions || model.Scale.Length != SentenceEmbedder.Dimensions)
        {
            problems.Add($"mean and scale must have {SentenceEmbedder.Dimensions} values");
        }

        if (model.Phrase is { } phrase)
        {
            problems.AddRange(phrase.Problems());
        }

        foreach (var (id, head) in model.Rules)
        {
            if (head.Weights.Length != SentenceEmbedder.Dimensions)
            {
                problems.Add($"rule '{id}': weights must have {SentenceEmbedder.Dimensions} values");
            }

            if (head.SentenceWeights.Length is not 0 and not SentenceEmbedder.Dimensions)
            {
                problems.Add($"rule '{id}': sentence weights must have {SentenceEmbedder.Dimensions} values");
            }

            if (head.LexicalWeights is { } lexical && lexical.Length != (model.Vocabulary?.Length ?? 0))
            {
                problems.Add($"rule '{id}': lexical weights must have one value per vocabulary entry");
            }

            if (head.SentenceLexicalWeights is { } sentenceLexical && sentenceLexical.Length != (model.Vocabulary?.Length ?? 0))
            {
                problems.Add($"rule '{id}': sentence lexical weights must have one value per vocabulary entry");
            }

            if (head.PhraseStackOthers is { Count: > 0 } phraseOthers && (model.Phrase is null || phraseOthers.Keys.Any(k => Array.IndexOf(model.Phrase.Outputs, k) < 0)))
            {
                problems.Add($"rule '{id}': the stacker reads a phrase head output the model does not have");
            }

            if (head.LengthStack is { Length: not 3 })
            {
                problems.Add($"rule '{id}': length stack must have 3 values (length, length times sentence score, length times sentence lexical score)");
            }

            if (head.Stack.Length != 4)
            {
                problems.Add($"rule '{id}': stack must have 4 values (rules fired, draft score, best sentence score, bias)");
            }
        }

        return problems.Count == 0 ? model : throw new InvalidDataException("The learned model is broken: " + string.Join("; ", problems));
    }

    /// <summary>Writes the model as JSON (numbers rounded to 6 significant digits, so retraining gives a small diff).</summary>
    public void Write(Stream stream) => JsonSerializer.Serialize(stream, this, Json);
}

/// <summary>One issue rule's head and stacker.</summary>
public sealed record RuleHead
{
    /// <summary>The accounts the rule applies to (null: every account), as in RULES.md.</summary>
    public string[]? Accounts { get; init; }

    /// <summary>Logistic weights over the standardised embedding.</summary>
    public float[] Weights { get; init; } = [];

    /// <summary>The head's bias.</summary>
    public float Bias { get; init; }

    /// <summary>Logistic weights of the sentence head (a sentence that holds the evidence); empty: the draft head's.</summary>
    public float[] SentenceWeights { get; init; } = [];

    /// <summary>The sentence head's bias.</summary>
    public float SentenceBias { get; init; }

    /// <summary>Stacker weights: [rules fired (0/1), draft logit, best sentence logit, bias].</summary>
    public float[] Stack { get; init; } = [];

    /// <summary>Stacker weights of the other issue rules' outputs (1 when that rule fired), by rule id.</summary>
    public Dictionary<string, float>? StackOthers { get; init; }

    /// <summary>The stacked probability at or above which the rule is reported.</summary>
    public float Threshold { get; init; } = 0.5f;

    /// <summary>Whether the second opinion may withdraw the rules' finding when the stacked probability is below the threshold.</summary>
    public bool MayWithdraw { get; init; }

    /// <summary>Logistic weights of the lexical head over <see cref="LearnedModel.Vocabulary"/>; null: no lexical head.</summary>
    public float[]? LexicalWeights { get; init; }

    /// <summary>The lexical head's bias.</summary>
    public float LexicalBias { get; init; }

    /// <summary>The stacker's weight of the lexical head's logit.</summary>
    public float LexicalStack { get; init; }

    /// <summary>Logistic weights of the lexical sentence head (a sentence that holds the evidence); null: none.</summary>
    public float[]? SentenceLexicalWeights { get; init; }

    /// <summary>The lexical sentence head's bias.</summary>
    public float SentenceLexicalBias { get; init; }

    /// <summary>The stacker's weight of the best sentence's lexical logit.</summary>
    public float SentenceLexicalStack { get; init; }

    /// <summary>The stacker's weight of the phrase head's logit for this rule.</summary>
    public float PhraseStack { get; init; }

    /// <summary>The stacker's weights of the phrase head's other outputs' logits (other rules and the tags: a draft the
    /// head reads as levity is less likely disparaging), by output; null: this rule's logit only.</summary>
    public Dictionary<string, float>? PhraseStackOthers { get; init; }

    /// <summary>The stacker's weights of the draft's length factor (<see cref="LinearMath.LengthFactor"/>: 0 up to 280
    /// characters, one more for each doubling), and of that factor times the best sentence's embedding logit and times
    /// the best sentence's lexical logit: in a long post the one telling sentence says more than the whole draft's
    /// average. Null: the stacker does not read the length (models trained before it did).</summary>
    public float[]? LengthStack { get; init; }

    /// <summary>Cross-validated scores at training time (for the record).</summary>
    public string Validation { get; init; } = "";
}
