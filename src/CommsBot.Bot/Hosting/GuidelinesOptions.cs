using System.ComponentModel.DataAnnotations;
using CommsBot.Guidelines;

namespace CommsBot.Bot.Hosting;

/// <summary>What the bot checks drafts against (section <c>Guidelines</c>).</summary>
public sealed class GuidelinesOptions
{
    public const string Section = "Guidelines";

    /// <summary>An institution's rule pack that extends the embedded default one; empty for the default alone.
    /// A relative path is resolved against the application's base directory.</summary>
    public string? PackPath { get; set; }

    /// <summary>The longest draft checked, in characters.</summary>
    [Range(1, 100_000)]
    public int MaxDraftLength { get; set; } = DraftLimits.DefaultMaxLength;

    /// <summary>How much of a draft a finding's excerpt on a card shows, in characters.</summary>
    [Range(20, 1000)]
    public int MaxExcerpt { get; set; } = 120;

    /// <summary>Whether the learned second opinion (sentence embeddings, offline, about 350 MiB and a few ms a draft)
    /// is stacked on the rules. Off: the rules alone.</summary>
    public bool Learned { get; set; } = true;
}
