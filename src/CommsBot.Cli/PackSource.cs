using CommsBot.Guidelines.Pack;

namespace CommsBot.Cli;

/// <summary>Finds and loads the rule pack: <c>--pack</c>, else <c>$COMMSBOT_PACK</c>, else the built-in pack alone.</summary>
internal static class PackSource
{
    // The embedded pack cannot change while the process runs; tests and long runs load it once.
    private static readonly Lazy<RulePack> DefaultPack = new(RulePack.LoadDefault, LazyThreadSafetyMode.PublicationOnly);

    /// <summary>Loads the pack, or writes every pack error to stderr and returns null.</summary>
    public static async Task<RulePack?> LoadAsync(string? packOption, CliHost host)
    {
        var fromVariable = string.IsNullOrWhiteSpace(packOption);
        var path = fromVariable ? host.GetEnvironmentVariable(CliHost.PackVariable) : packOption;
        if (string.IsNullOrWhiteSpace(path))
        {
            path = null;
        }

        try
        {
            return path is null ? DefaultPack.Value : RulePack.Load(path);
        }
        catch (RulePackException e)
        {
            var origin = path is not null && fromVariable ? $" (named in {CliHost.PackVariable})" : "";
            await host.Error.WriteLineAsync($"commsbot: the rule pack{origin} has {e.Errors.Count} error{(e.Errors.Count == 1 ? "" : "s")}:");
            foreach (var error in e.Errors)
            {
                await host.Error.WriteLineAsync($"  - {error}");
            }

            return null;
        }
    }
}
