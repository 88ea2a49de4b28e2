namespace CommsBot.Guidelines.Pack;

/// <summary>
/// Loads a pack in three steps, each in its own part: read (<see cref="RulePackReader"/>) the embedded default pack
/// and an optional institution pack, merge (<see cref="RulePackMerger"/>) them, and compile
/// (<see cref="RulePackCompiler"/>) the result. Every problem is collected and reported at once, with the file and
/// rule it is in.
/// </summary>
internal static class RulePackLoader
{
    public const string DefaultPackName = "default pack";

    public static RulePack Load(string? extensionPath)
    {
        var errors = new List<RulePackError>();
        var sources = new List<string> { DefaultPackName };
        var document = RulePackReader.Parse(RulePackReader.ReadDefault(), DefaultPackName, errors);
        if (!string.IsNullOrWhiteSpace(extensionPath))
        {
            sources.Add(extensionPath);
            var extension = RulePackReader.ReadFile(extensionPath, errors);
            if (document is not null && extension is not null)
            {
                RulePackMerger.Merge(document, extension, extensionPath, errors);
            }
        }

        if (document is null)
        {
            throw new RulePackException(errors);
        }

        // compile even after merge errors, so that every problem in the file is listed in one go
        var pack = RulePackCompiler.Compile(document, sources, errors);
        if (errors.Count > 0 || pack is null)
        {
            throw new RulePackException(errors);
        }

        return pack;
    }
}
