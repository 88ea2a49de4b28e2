namespace CommsBot.Bot.Storage;

/// <summary>A user's remembered default target account. Keyed by channel and channel user id; no names.</summary>
public sealed class UserPreference
{
    public required string UserKey { get; set; }

    public required string DefaultAccount { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>Where the bot can message a conversation proactively (the nudges issue needs it). The reference is
/// stored without user or bot display names.</summary>
public sealed class ConversationRecord
{
    public required string ConversationKey { get; set; }

    public required string ChannelId { get; set; }

    public required string ConversationId { get; set; }

    public string? ConversationType { get; set; }

    public string? TenantId { get; set; }

    public string? UserId { get; set; }

    public required string ServiceUrl { get; set; }

    /// <summary>The Bot Framework ConversationReference as JSON (ids and service URL only).</summary>
    public required string ReferenceJson { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A user's "not an issue" on a finding: the rule and a hash of the draft, never the draft.</summary>
public sealed class FalsePositiveReport
{
    public long Id { get; set; }

    public required string RuleId { get; set; }

    public required string DraftHash { get; set; }

    public DateTimeOffset ReportedAt { get; set; }
}

/// <summary>A running count: checks per verdict and rule, fixes applied.</summary>
public sealed class UsageCounter
{
    public required string Name { get; set; }

    public long Count { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A Slack request already taken: its signature (hashed) or its event id, kept until Slack could no longer
/// send it again (the signature window; the Events API's retries). In the database, so a second instance or a restart
/// knows it too.</summary>
public sealed class SlackRequestRecord
{
    /// <summary><c>sig:</c> and the SHA-256 of the signature, or <c>event:</c> and the event id.</summary>
    public required string Key { get; set; }

    public long ExpiresAtMs { get; set; }
}
