namespace CommsBot.Guidelines.Detection;

/// <summary>
/// The words the term index reads language by, from the pack's <c>words</c> section (so an institution changes
/// them as data): lower-case single words, matched against a draft's lower-cased tokens.
/// </summary>
internal sealed class WordLists
{
    public WordLists(IEnumerable<string> negationCues, IEnumerable<string> commonWords, IEnumerable<string> speechVerbs)
    {
        var negation = new HashSet<string>(negationCues, StringComparer.Ordinal);
        var speech = new HashSet<string>(speechVerbs, StringComparer.Ordinal);
        NegationCues = negation;
        CommonWords = new HashSet<string>(commonWords, StringComparer.Ordinal);
        SpeechVerbs = speech;
        Negation = negation.GetAlternateLookup<ReadOnlySpan<char>>();
        Speech = speech.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Words that negate a match within the three words after them ("not sponsored"); any word ending in
    /// <c>n't</c> does too.</summary>
    public IReadOnlySet<string> NegationCues { get; }

    /// <summary>Words too common to index a phrase by ("the ED" is looked up at "ed", not at every "the").</summary>
    public IReadOnlySet<string> CommonWords { get; }

    /// <summary>Words that introduce reported speech before a quotation ("asked if I was 'a real doctor'").</summary>
    public IReadOnlySet<string> SpeechVerbs { get; }

    internal HashSet<string>.AlternateLookup<ReadOnlySpan<char>> Negation { get; }

    internal HashSet<string>.AlternateLookup<ReadOnlySpan<char>> Speech { get; }
}
