using System.Text.Json.Serialization;

namespace CommsBot.Guidelines;

/// <summary>The account a draft is meant for.</summary>
public enum AccountKind
{
    /// <summary>Not stated.</summary>
    Unknown = 0,

    /// <summary>Public-facing, credentials listed.</summary>
    Professional = 1,

    /// <summary>Private or personal use.</summary>
    Personal = 2,
}

/// <summary>The social platform a draft is meant for.</summary>
public enum Platform
{
    /// <summary>Not stated.</summary>
    Unknown = 0,

    /// <summary>X (Twitter).</summary>
    X,

    /// <summary>LinkedIn.</summary>
    [JsonStringEnumMemberName("linkedin")]
    LinkedIn,

    /// <summary>Instagram.</summary>
    Instagram,

    /// <summary>TikTok.</summary>
    [JsonStringEnumMemberName("tiktok")]
    TikTok,

    /// <summary>Facebook.</summary>
    Facebook,

    /// <summary>Bluesky.</summary>
    Bluesky,

    /// <summary>Threads.</summary>
    Threads,
}

/// <summary>What the evaluator knows about a draft besides its text.</summary>
/// <param name="Account">The target account.</param>
/// <param name="Platform">The target platform.</param>
public sealed record DraftContext(AccountKind Account = AccountKind.Unknown, Platform Platform = Platform.Unknown)
{
    /// <summary>No account or platform known.</summary>
    public static DraftContext Default { get; } = new();
}
