namespace CommsBot.Reporting;

/// <summary>Builds a <see cref="UsageReport"/> for a window from <see cref="UsageData"/>. The counter names are the
/// bot's (see CommsBot.Bot's UsageCounters): <c>checks</c>, <c>verdict:V</c>, <c>rule:ID</c>, <c>fixes-applied</c>,
/// <c>fixed-findings</c>, <c>false-positive:ID</c>, <c>nudge-acted:KIND</c>.</summary>
public static class UsageReportBuilder
{
    public const string ChecksCounter = "checks";
    public const string VerdictPrefix = "verdict:";
    public const string RulePrefix = "rule:";
    public const string FixesAppliedCounter = "fixes-applied";
    public const string FixedFindingsCounter = "fixed-findings";
    public const string NudgeActedPrefix = "nudge-acted:";

    private static readonly string[] VerdictOrder = ["ready", "revise", "do-not-post"];

    /// <summary>The report for [<paramref name="since"/>, <paramref name="until"/>], with at most
    /// <paramref name="topRules"/> rules listed.</summary>
    public static UsageReport Build(UsageData data, DateTimeOffset since, DateTimeOffset until, int topRules = 10)
    {
        ArgumentNullException.ThrowIfNull(data);
        var firstDay = DateOnly.FromDateTime(since.UtcDateTime);
        var lastDay = DateOnly.FromDateTime(until.UtcDateTime);
        var window = new Dictionary<string, long>(StringComparer.Ordinal);
        DateOnly? earliest = null;
        foreach (var (name, count) in data.Counters)
        {
            if (!DailyCounters.TryParse(name, out var day, out var counter))
            {
                continue;
            }

            earliest = earliest is { } e && e <= day ? e : day;
            if (day >= firstDay && day <= lastDay)
            {
                window[counter] = window.GetValueOrDefault(counter) + count;
            }
        }

        var verdicts = window
            .Where(kv => kv.Key.StartsWith(VerdictPrefix, StringComparison.Ordinal))
            .Select(kv => new NamedCount(kv.Key[VerdictPrefix.Length..], kv.Value))
            .Concat(VerdictOrder.Select(v => new NamedCount(v, 0)))
            .GroupBy(v => v.Name, StringComparer.Ordinal)
            .Select(g => new NamedCount(g.Key, g.Sum(v => v.Count)))
            .OrderBy(v => Array.IndexOf(VerdictOrder, v.Name) is var i && i < 0 ? int.MaxValue : i)
            .ThenBy(v => v.Name, StringComparer.Ordinal)
            .ToList();

        var rules = window
            .Where(kv => kv.Key.StartsWith(RulePrefix, StringComparison.Ordinal) && kv.Value > 0)
            .Select(kv => new NamedCount(kv.Key[RulePrefix.Length..], kv.Value))
            .OrderByDescending(r => r.Count).ThenBy(r => r.Name, StringComparer.Ordinal)
            .Take(Math.Max(0, topRules))
            .ToList();

        var falsePositives = data.FalsePositives
            .Where(f => f.ReportedAt >= since && f.ReportedAt <= until)
            .GroupBy(f => f.RuleId, StringComparer.Ordinal)
            .Select(g => new NamedCount(g.Key, g.LongCount()))
            .OrderByDescending(r => r.Count).ThenBy(r => r.Name, StringComparer.Ordinal)
            .ToList();

        return new UsageReport(
            since,
            until,
            window.GetValueOrDefault(ChecksCounter),
            verdicts,
            rules,
            falsePositives,
            window.GetValueOrDefault(FixesAppliedCounter),
            window.GetValueOrDefault(FixedFindingsCounter),
            data.Nudges is null ? null : Nudges(data.Nudges, window, since, until),
            data.Counters.GetValueOrDefault(ChecksCounter),
            earliest,
            data.Reviews is null ? null : Reviews(data.Reviews, since, until));
    }

    /// <summary>Parses a window such as <c>30d</c>, <c>12w</c>, <c>24h</c> or a date <c>2026-03-01</c> into its start.</summary>
    public static bool TryParseSince(string? text, DateTimeOffset now, out DateTimeOffset since)
    {
        since = default;
        var value = (text ?? "").Trim();
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date))
        {
            since = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return since <= now;
        }

        if (!TryParseWindow(value, out var window))
        {
            return false;
        }

        since = now - window;
        return true;
    }

    /// <summary>Parses a relative window: <c>24h</c>, <c>30d</c>, <c>12w</c> (at most ten years).</summary>
    public static bool TryParseWindow(string? text, out TimeSpan window)
    {
        window = default;
        var value = (text ?? "").Trim();
        if (value.Length < 2 || !int.TryParse(value.AsSpan(0, value.Length - 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) || n <= 0 || n > 3660)
        {
            return false;
        }

        TimeSpan? span = char.ToLowerInvariant(value[^1]) switch
        {
            'h' => TimeSpan.FromHours(n),
            'd' => TimeSpan.FromDays(n),
            'w' => TimeSpan.FromDays(7 * n),
            _ => null,
        };
        if (span is null)
        {
            return false;
        }

        window = span.Value;
        return true;
    }

    /// <summary>The decisions the report counts, in this order.</summary>
    public static IReadOnlyList<string> ReviewDecisions { get; } = ["approved", "changes-requested"];

    private static ReviewSummary Reviews(IReadOnlyList<ReviewRow> rows, DateTimeOffset since, DateTimeOffset until)
    {
        bool In(DateTimeOffset t) => t >= since && t <= until;
        var requested = rows.Where(r => In(r.CreatedAt)).ToList();
        var decided = rows.Where(r => r.DecidedAt is { } d && In(d) && ReviewDecisions.Contains(r.Status, StringComparer.Ordinal)).ToList();
        var decisions = ReviewDecisions.Select(k => new NamedCount(k, decided.LongCount(r => r.Status == k))).ToList();
        var durations = decided.Select(r => r.DecidedAt!.Value - r.CreatedAt).Order().ToList();
        TimeSpan? median = durations.Count == 0
            ? null
            : durations.Count % 2 == 1
                ? durations[durations.Count / 2]
                : (durations[(durations.Count / 2) - 1] + durations[durations.Count / 2]) / 2;
        return new ReviewSummary(requested.Count, requested.LongCount(r => r.DecidedAt is null), decisions, median);
    }

    private static NudgeSummary Nudges(IReadOnlyList<NudgeRow> rows, Dictionary<string, long> window, DateTimeOffset since, DateTimeOffset until)
    {
        bool In(DateTimeOffset t) => t >= since && t <= until;
        var sent = rows.Where(r => r.Status == "delivered" && r.DeliveredAt is { } d && In(d)).ToList();
        var failed = rows.Where(r => r.Status == "failed" && In(r.CreatedAt)).ToList();
        var pending = rows.LongCount(r => r.Status == "pending" && In(r.CreatedAt));
        var acted = window
            .Where(kv => kv.Key.StartsWith(NudgeActedPrefix, StringComparison.Ordinal))
            .ToDictionary(kv => kv.Key[NudgeActedPrefix.Length..], kv => kv.Value, StringComparer.Ordinal);
        var kinds = sent.Select(r => r.Kind).Concat(failed.Select(r => r.Kind)).Concat(acted.Keys)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(k => new NudgeKindSummary(k, sent.LongCount(r => r.Kind == k), failed.LongCount(r => r.Kind == k), acted.GetValueOrDefault(k)))
            .ToList();
        return new NudgeSummary(sent.Count, failed.Count, pending, acted.Values.Sum(), kinds);
    }
}
