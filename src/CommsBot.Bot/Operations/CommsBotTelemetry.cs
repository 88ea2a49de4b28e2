using System.Diagnostics;
using CommsBot.Guidelines;

namespace CommsBot.Bot.Operations;

/// <summary>
/// The bot's spans (ActivitySource <c>CommsBot</c>): <c>commsbot.turn</c> around each turn and
/// <c>commsbot.evaluate</c> around each draft check. Tags carry ids, rule ids, counts, lengths and durations only:
/// never the draft, Activity.Text, a card, a name or an exception message.
/// </summary>
public static class CommsBotTelemetry
{
    public const string SourceName = "CommsBot";

    public static ActivitySource Source { get; } = new(SourceName);

    /// <summary>Starts the span of one draft check (null when nobody listens).</summary>
    public static Activity? StartEvaluation(string source, int draftLength)
    {
        var span = Source.StartActivity("commsbot.evaluate");
        span?.SetTag("commsbot.source", source);
        span?.SetTag("commsbot.draft.length", draftLength);
        return span;
    }

    /// <summary>Records a check's outcome on its span.</summary>
    public static void Evaluated(Activity? span, Review review, double elapsedMs)
    {
        if (span is null)
        {
            return;
        }

        ArgumentNullException.ThrowIfNull(review);
        span.SetTag("commsbot.verdict", review.Verdict.ToWire());
        span.SetTag("commsbot.findings.count", review.Findings.Count);
        span.SetTag("commsbot.rule_ids", review.Findings.Select(f => f.RuleId).Distinct(StringComparer.Ordinal).ToArray());
        span.SetTag("commsbot.duration_ms", Math.Round(elapsedMs, 3));
    }

    /// <summary>Marks a check that was refused (empty or too long), with its reason as a code.</summary>
    public static void Rejected(Activity? span)
    {
        span?.SetTag("commsbot.rejected", true);
    }
}
