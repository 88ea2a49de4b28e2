using System.Collections.Concurrent;
using CommsBot.Bot.Operations;
using CommsBot.Guidelines;

namespace CommsBot.Bot.Storage;

/// <summary>
/// Counts checks per verdict and rule, fixes applied and false-positive reports in memory, so a turn never waits on
/// a database write for them; <see cref="UsageCounterFlushService"/> adds them to the store periodically.
/// </summary>
public sealed class UsageCounters
{
    public const string Checks = "checks";
    public const string FixesApplied = "fixes-applied";
    public const string FixedFindings = "fixed-findings";
    public const string FalsePositives = "false-positive-reports";

    private readonly CommsBotMetrics? metrics;
    private ConcurrentDictionary<string, long> pending = new(StringComparer.Ordinal);

    public UsageCounters()
    {
    }

    /// <summary>Counts that also feed the OpenTelemetry metrics (the host's registration).</summary>
    public UsageCounters(CommsBotMetrics metrics) => this.metrics = metrics;

    public static string VerdictCounter(Verdict verdict) => VerdictCounters.GetOrAdd(verdict, static v => "verdict:" + v.ToWire());

    public static string RuleCounter(string ruleId) => RuleCounters.GetOrAdd(ruleId, static id => "rule:" + id);

    // Every check counts its verdict and rules: their names are made once (the pack's rule ids are a fixed set).
    private static readonly ConcurrentDictionary<Verdict, string> VerdictCounters = new();
    private static readonly ConcurrentDictionary<string, string> RuleCounters = new(StringComparer.Ordinal);

    public static string FalsePositiveCounter(string ruleId) => "false-positive:" + ruleId;

    public static string NudgeActedCounter(string kind) => Reporting.UsageReportBuilder.NudgeActedPrefix + kind;

    public void Increment(string name, long by = 1)
    {
        Add(name, by);
        metrics?.Counted(name, by);
    }

    /// <summary>Records one check: its verdict and each rule that fired.</summary>
    public void RecordCheck(Review review)
    {
        ArgumentNullException.ThrowIfNull(review);
        Increment(Checks);
        Increment(VerdictCounter(review.Verdict));
        var findings = review.Findings;
        for (var i = 0; i < findings.Count; i++)
        {
            var ruleId = findings[i].RuleId;
            if (!SeenBefore(findings, i, ruleId))
            {
                Increment(RuleCounter(ruleId));
            }
        }

        // each rule once per check; a review has a handful of findings
        static bool SeenBefore(IReadOnlyList<ReviewedFinding> findings, int i, string ruleId)
        {
            for (var j = 0; j < i; j++)
            {
                if (string.Equals(findings[j].RuleId, ruleId, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>Takes the counts accumulated since the last call.</summary>
    public IReadOnlyDictionary<string, long> Drain()
    {
        var taken = Interlocked.Exchange(ref pending, new ConcurrentDictionary<string, long>(StringComparer.Ordinal));
        return new Dictionary<string, long>(taken, StringComparer.Ordinal);
    }

    /// <summary>Puts counts back after a failed write, so they are not lost.</summary>
    public void Restore(IReadOnlyDictionary<string, long> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        foreach (var (name, count) in counts)
        {
            Add(name, count); // counted in the metrics already
        }
    }

    private void Add(string name, long by) => pending.AddOrUpdate(name, static (_, by) => by, static (_, count, by) => count + by, by);
}
