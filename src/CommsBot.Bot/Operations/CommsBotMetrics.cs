using System.Diagnostics;
using System.Diagnostics.Metrics;
using CommsBot.Bot.Storage;

namespace CommsBot.Bot.Operations;

/// <summary>
/// The bot's OpenTelemetry metrics (meter <c>CommsBot</c>). Tags are bounded sets only: verdicts, rule ids, nudge
/// kinds, reason codes and channel ids; never text. Checks, findings, fixes, false-positive reports and nudges acted
/// on are fed by <see cref="UsageCounters"/>, so the metrics and the stored counts (what <c>commsbot report</c>
/// reads) agree.
/// </summary>
public sealed class CommsBotMetrics
{
    public const string MeterName = "CommsBot";

    private static readonly HashSet<string> KnownChannels = new(StringComparer.Ordinal)
    {
        "msteams", "slack", "emulator", "webchat", "directline", "test",
    };

    private readonly Counter<long> checks;
    private readonly Counter<long> findings;
    private readonly Counter<long> fixesApplied;
    private readonly Counter<long> falsePositives;
    private readonly Counter<long> nudgesSent;
    private readonly Counter<long> nudgesFailed;
    private readonly Counter<long> nudgesActedOn;
    private readonly Counter<long> nudgesRateLimited;
    private readonly Histogram<double> turnDuration;

    public CommsBotMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        checks = meter.CreateCounter<long>("commsbot.checks", "{check}", "Drafts checked, by verdict.");
        findings = meter.CreateCounter<long>("commsbot.findings", "{check}", "Checks in which a rule fired, by rule.");
        fixesApplied = meter.CreateCounter<long>("commsbot.fixes_applied", "{fix}", "Times a user applied the suggested fixes.");
        falsePositives = meter.CreateCounter<long>("commsbot.false_positive_reports", "{report}", "\"Not an issue\" reports, by rule.");
        nudgesSent = meter.CreateCounter<long>("commsbot.nudges_sent", "{nudge}", "Nudges delivered, by kind.");
        nudgesFailed = meter.CreateCounter<long>("commsbot.nudges_failed", "{nudge}", "Nudge delivery attempts that failed, by kind and reason code.");
        nudgesActedOn = meter.CreateCounter<long>("commsbot.nudges_acted_on", "{nudge}", "Nudges a user acted on, by kind.");
        nudgesRateLimited = meter.CreateCounter<long>("commsbot.nudges_rate_limited", "{nudge}", "Nudge sends the platform answered with 429 (paused, not failed), by kind.");
        turnDuration = meter.CreateHistogram<double>("commsbot.turn_duration", "ms", "Time to handle one turn, by channel.");
    }

    /// <summary>A nudge was delivered.</summary>
    public void NudgeSent(string kind) => nudgesSent.Add(1, new TagList { { "kind", kind } });

    /// <summary>A nudge send was answered 429: its destination paused, the row not counted as failed.</summary>
    public void NudgeRateLimited(string kind) => nudgesRateLimited.Add(1, new TagList { { "kind", kind } });

    /// <summary>A nudge delivery attempt failed; <paramref name="reason"/> is a short code (HTTP status, exception type).</summary>

    public void NudgeFailed(string kind, string reason) => nudgesFailed.Add(1, new TagList { { "kind", kind }, { "reason", reason } });

    /// <summary>A user pressed a button on a nudge card. Counted through
    /// <see cref="UsageCounters.NudgeActedCounter"/>, which also stores it for the report.</summary>
    public void NudgeActedOn(string kind, long by = 1) => nudgesActedOn.Add(by, new TagList { { "kind", kind } });

    /// <summary>One turn handled on a channel.</summary>
    public void TurnHandled(string? channelId, double elapsedMs) => turnDuration.Record(elapsedMs, new TagList { { "channel", Channel(channelId) } });

    /// <summary>Whether anything listens to the turn duration: without a listener a turn need not be timed.</summary>
    public bool TimesTurns => turnDuration.Enabled;

    /// <summary>Mirrors a usage counter (see <see cref="UsageCounters"/>) into the matching metric.</summary>
    internal void Counted(string counter, long by)
    {
        if (!checks.Enabled && !findings.Enabled && !falsePositives.Enabled && !nudgesActedOn.Enabled && !fixesApplied.Enabled)
        {
            return; // nothing listens (no exporter): skip the tag strings
        }

        if (counter.StartsWith("verdict:", StringComparison.Ordinal))
        {
            checks.Add(by, new TagList { { "verdict", counter["verdict:".Length..] } });
        }
        else if (counter.StartsWith("rule:", StringComparison.Ordinal))
        {
            findings.Add(by, new TagList { { "rule", counter["rule:".Length..] } });
        }
        else if (counter.StartsWith("false-positive:", StringComparison.Ordinal))
        {
            falsePositives.Add(by, new TagList { { "rule", counter["false-positive:".Length..] } });
        }
        else if (counter.StartsWith(Reporting.UsageReportBuilder.NudgeActedPrefix, StringComparison.Ordinal))
        {
            NudgeActedOn(counter[Reporting.UsageReportBuilder.NudgeActedPrefix.Length..], by);
        }
        else if (counter == UsageCounters.FixesApplied)
        {
            fixesApplied.Add(by);
        }
    }

    /// <summary>The channel id as a tag: a known id, else "other" (in local mode a request may name any channel,
    /// and each distinct tag value is a new time series).</summary>
    internal static string Channel(string? channelId) =>
        channelId is not null && KnownChannels.Contains(channelId) ? channelId : "other";
}
