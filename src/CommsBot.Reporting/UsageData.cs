namespace CommsBot.Reporting;

/// <summary>What the report is built from, as stored by the bot: counter names and counts, false-positive reports
/// (rule and time) and nudge outbox rows (kind, status, times). No draft text is stored, so none can be read.</summary>
public sealed record UsageData(
    IReadOnlyDictionary<string, long> Counters,
    IReadOnlyList<FalsePositiveRow> FalsePositives,
    IReadOnlyList<NudgeRow>? Nudges,
    IReadOnlyList<ReviewRow>? Reviews = null)
{
    public static UsageData Empty { get; } = new(new Dictionary<string, long>(), [], null);
}

/// <summary>One "not an issue" report.</summary>
public sealed record FalsePositiveRow(string RuleId, DateTimeOffset ReportedAt);

/// <summary>One review request's audit row: its status and times, no text.</summary>
public sealed record ReviewRow(string Status, DateTimeOffset CreatedAt, DateTimeOffset? DecidedAt);

/// <summary>One nudge in the outbox.</summary>
public sealed record NudgeRow(string Kind, string Status, DateTimeOffset CreatedAt, DateTimeOffset? DeliveredAt);
