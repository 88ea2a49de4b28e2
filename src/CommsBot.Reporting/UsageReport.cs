namespace CommsBot.Reporting;

/// <summary>A name (verdict, rule id, nudge kind) and its count.</summary>
public sealed record NamedCount(string Name, long Count);

/// <summary>Nudges in the window: delivered, failed (given up), still waiting, and acted on (a button on the nudge
/// card pressed), per kind.</summary>
public sealed record NudgeSummary(long Sent, long Failed, long Pending, long ActedOn, IReadOnlyList<NudgeKindSummary> Kinds);

/// <summary>The review queue in the window: requests made, requests still open (made in the window), decisions by
/// kind (<c>approved</c>, <c>changes-requested</c>) and the median time from request to decision.</summary>
public sealed record ReviewSummary(long Requests, long Open, IReadOnlyList<NamedCount> Decisions, TimeSpan? MedianTimeToDecision)
{
    public long DecisionTotal => Decisions.Sum(d => d.Count);
}

/// <summary>One nudge kind's numbers.</summary>
public sealed record NudgeKindSummary(string Kind, long Sent, long Failed, long ActedOn);

/// <summary>
/// The comms team's report for a window: checks run and their verdicts, the rules hit most, "not an issue" reports
/// per rule, fixes applied, and nudges. Built from stored counts only.
/// </summary>
/// <param name="Since">The window's start (UTC); daily counts are kept per UTC day, so checks count from that day.</param>
/// <param name="Until">When the report was made.</param>
/// <param name="Checks">Drafts checked in the window.</param>
/// <param name="Verdicts">Checks per verdict, in the order ready, revise, do-not-post (then any other).</param>
/// <param name="TopRules">Rules by the number of checks in which they fired, most first.</param>
/// <param name="FalsePositives">"Not an issue" reports per rule, most first.</param>
/// <param name="FixesApplied">Times a user applied the suggested fixes.</param>
/// <param name="FixedFindings">Findings fixed by those applications.</param>
/// <param name="Nudges">Null when the database has no nudge tables.</param>
/// <param name="AllTimeChecks">Checks since the database was created.</param>
/// <param name="FirstDay">The first day with dated counts: a window that starts before it is incomplete.</param>
/// <param name="Reviews">Null when the database has no review tables.</param>
public sealed record UsageReport(
    DateTimeOffset Since,
    DateTimeOffset Until,
    long Checks,
    IReadOnlyList<NamedCount> Verdicts,
    IReadOnlyList<NamedCount> TopRules,
    IReadOnlyList<NamedCount> FalsePositives,
    long FixesApplied,
    long FixedFindings,
    NudgeSummary? Nudges,
    long AllTimeChecks,
    DateOnly? FirstDay,
    ReviewSummary? Reviews = null)
{
    public long FalsePositiveTotal => FalsePositives.Sum(f => f.Count);

    /// <summary>True when counts before <see cref="FirstDay"/> exist only as all-time totals.</summary>
    public bool WindowPredatesCounts => FirstDay is { } first && DateOnly.FromDateTime(Since.UtcDateTime) < first && AllTimeChecks > Checks;
}
