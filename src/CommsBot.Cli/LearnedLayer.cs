using System.CommandLine;
using CommsBot.Guidelines;
using CommsBot.Guidelines.Learned;

namespace CommsBot.Cli;

/// <summary><c>--learned on|off</c>: whether the learned second opinion is stacked on the rules (on by default).</summary>
internal static class LearnedLayer
{
    /// <summary>The environment variable that names a learned model file to use instead of the built-in one.</summary>
    public const string ModelVariable = "COMMSBOT_LEARNED_MODEL";

    /// <summary>The option, shared by every command that checks drafts.</summary>
    public static Option<string> Option { get; } = CreateOption();

    /// <summary>Whether the parse asked for the learned layer.</summary>
    public static bool IsOn(ParseResult parse) => parse.GetValue(Option) != "off";

    /// <summary>The learned second opinion, or null when it is off or the build has no model (said on stderr).</summary>
    public static async Task<ISecondOpinion?> CreateAsync(bool on, CliHost host)
    {
        if (!on)
        {
            return null;
        }

        // A model file other than the built-in one (one trained by `commsbot train`, to compare before building it in).
        var path = host.GetEnvironmentVariable(ModelVariable);
        if (!string.IsNullOrWhiteSpace(path))
        {
            try
            {
                await using var stream = File.OpenRead(path);
                return LearnedSecondOpinion.Create(LearnedModel.Read(stream));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                await host.Error.WriteLineAsync($"commsbot: cannot use the learned model named in {ModelVariable}: {e.Message}");
                throw new InvalidDataException($"The learned model named in {ModelVariable} cannot be used.", e);
            }
        }

        var layer = LearnedSecondOpinion.Shared;
        if (layer is null)
        {
            await host.Error.WriteLineAsync("commsbot: this build has no learned model; checking with the rules alone.");
        }

        return layer;
    }

    private static Option<string> CreateOption()
    {
        var option = new Option<string>("--learned")
        {
            Description = "on: stack the learned second opinion (embeddings and words, offline) on the rules; off: the rules alone.",
            HelpName = "on|off",
            DefaultValueFactory = _ => "on",
            Recursive = true,
        };
        option.AcceptOnlyFromAmong("on", "off");
        return option;
    }
}
