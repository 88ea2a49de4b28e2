namespace CommsBot.Guidelines.Fixes;

/// <summary>The closed set of fix kinds a pack may name, each with its fixer. Rules never know their fixers: the pack
/// names a kind, the compiler checks it is here, and the reviewer asks for it when a finding wants a fix.</summary>
internal static class FixerRegistry
{
    private static readonly Dictionary<string, IFixer> Fixers = new IFixer[]
    {
        new AdviceFixer(), new RemoveSentenceFixer(), new InsertDisclosureFixer(), new ReplaceFixer("replace"), new ReplaceFixer("generalize"),
    }.ToDictionary(f => f.Kind, StringComparer.Ordinal);

    /// <summary>The fix kinds, for validation and error messages.</summary>
    public static IReadOnlyCollection<string> Kinds => Fixers.Keys;

    public static bool Contains(string kind) => Fixers.ContainsKey(kind);

    /// <summary>The fixer of a kind the compiler has already checked.</summary>
    public static IFixer Fixer(string kind) => Fixers[kind];
}
