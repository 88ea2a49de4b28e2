using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace CommsBot.Guidelines.Learned;

/// <summary>
/// Keeps the phrase head's fit (its network and every draft's out-of-fold logits, the slow part of training) in a
/// directory, under a hash of everything the fit depends on: the drafts (corpus, text, labels, account), the outputs,
/// the options, the folds and the embedding table. A second training run over the same drafts, to try stacker or
/// threshold settings, then takes a minute instead of twenty. A changed draft, label, option or table gives another
/// key, so a stale fit is never read. Holds draft-derived numbers only, never text.
/// </summary>
public sealed class PhraseFitCache
{
    private const string Format = "commsbot-phrase-fit-1";
    private readonly string directory;

    /// <summary>A cache in <paramref name="directory"/> (created on first write).</summary>
    public PhraseFitCache(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        this.directory = directory;
    }

    /// <summary>The key of a fit.</summary>
    internal static string Key(IReadOnlyList<string> texts, IReadOnlyList<PhraseExample> examples, IReadOnlyList<int> folds, string[] outputs, PhraseOptions options, int foldCount, StaticEmbeddingTable table)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(string s)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(s));
            hash.AppendData([0]);
        }

        Add(Format);
        Add(string.Join(",", outputs));
        Add(options.ToString());
        Add(foldCount.ToString(CultureInfo.InvariantCulture));
        Add(table.ContentHash());
        for (var i = 0; i < texts.Count; i++)
        {
            Add(texts[i]);
            Add(folds[i].ToString(CultureInfo.InvariantCulture));
            Add(new string(examples[i].Labels.Select(l => l ? '1' : '0').ToArray()));
            Add(new string(examples[i].Applies.Select(a => a ? '1' : '0').ToArray()));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>The fit stored under <paramref name="key"/>; null when there is none or it cannot be read.</summary>
    internal (PhraseNetwork Network, float[][] OutOfFold)? TryRead(string key)
    {
        var path = PathOf(key);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            using var stream = File.OpenRead(path);
            var entry = JsonSerializer.Deserialize<Entry>(stream);
            return entry?.Network is { } network && entry.OutOfFold is { } oof && !network.Problems().Any() ? (network, oof) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    /// <summary>Stores a fit under <paramref name="key"/> (written to a temporary file, then moved into place).</summary>
    internal void Write(string key, PhraseNetwork network, float[][] outOfFold)
    {
        Directory.CreateDirectory(directory);
        var path = PathOf(key);
        var temporary = path + ".tmp";
        using (var stream = File.Create(temporary))
        {
            JsonSerializer.Serialize(stream, new Entry { Network = network, OutOfFold = outOfFold });
        }

        File.Move(temporary, path, overwrite: true);
    }

    private string PathOf(string key) => Path.Combine(directory, key + ".json");

    private sealed class Entry
    {
        public PhraseNetwork? Network { get; init; }

        public float[][]? OutOfFold { get; init; }
    }
}
