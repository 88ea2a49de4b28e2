using CommsBot.Bot.Channels;
using CommsBot.Bot.Hosting;
using CommsBot.Bot.Storage;
using CommsBot.Cards;
using CommsBot.Guidelines;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;

namespace CommsBot.Bot.Conversations;

/// <summary>The result of checking a draft: the review (null when the draft could not be checked) and the card to show.</summary>
public sealed record CheckResult(Review? Review, Attachment Card);

/// <summary>Reviews drafts; counts, traces and logs each check (never its text). <see cref="Check"/> also renders the
/// review card for the channel the activity came from.</summary>
public sealed class DraftChecker(
    DraftReviewer reviewer,
    ChannelCards cards,
    UsageCounters counters,
    Reviews.ReviewChannels reviewChannels,
    IOptions<GuidelinesOptions> options,
    TimeProvider time,
    ILogger<DraftChecker> logger)
{
    public DraftReviewer Reviewer => reviewer;

    /// <summary>The longest excerpt a card shows per finding.</summary>
    public int MaxExcerpt => options.Value.MaxExcerpt;

    /// <summary>Reviews a draft sent in <paramref name="activity"/>'s conversation and renders its card for that
    /// channel; a draft that is empty or over the limit gets a friendly notice card instead.</summary>
    public CheckResult Check(IActivity activity, string draft, DraftContext context, string source)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var channel = cards.For(activity);
        var started = time.GetTimestamp();
        using var span = Operations.CommsBotTelemetry.StartEvaluation(source, draft.Length);
        if (Evaluate(draft, context, activity.Id, span, started, out var problem) is not { } review)
        {
            return new CheckResult(null, channel.Notice("I can't check that draft", problem, isError: true));
        }

        var card = channel.Review(review, new CardContext(draft, context, MaxExcerpt, OfferReview: reviewChannels.Has(activity)));
        LogChecked(activity.Id, source, review, draft.Length, started);
        return new CheckResult(review, card);
    }

    /// <summary>Reviews a draft without a card (the REST API renders both channels' itself); null when the draft
    /// cannot be checked.</summary>
    public Review? Review(string draft, DraftContext context, string? requestId, string source)
    {
        var started = time.GetTimestamp();
        using var span = Operations.CommsBotTelemetry.StartEvaluation(source, draft.Length);
        var review = Evaluate(draft, context, requestId, span, started, out _);
        if (review is not null)
        {
            LogChecked(requestId, source, review, draft.Length, started);
        }

        return review;
    }

    /// <summary>Reviews without counting or rendering (for "apply fixes" and "why?"); null when the draft cannot be checked.</summary>
    public Review? TryReview(string draft, DraftContext context)
    {
        try
        {
            return reviewer.Review(draft, context);
        }
        catch (InvalidDraftException)
        {
            return null;
        }
    }

    private Review? Evaluate(string draft, DraftContext context, string? activityId, System.Diagnostics.Activity? span, long started, out string problem)
    {
        problem = "";
        Review review;
        try
        {
            review = reviewer.Review(draft, context);
        }
        catch (InvalidDraftException e)
        {
            Operations.CommsBotTelemetry.Rejected(span);
            Log.DraftRejected(logger, activityId, draft.Length);
            problem = e.Message;
            return null;
        }

        counters.RecordCheck(review);
        Operations.CommsBotTelemetry.Evaluated(span, review, time.GetElapsedTime(started).TotalMilliseconds);
        return review;
    }

    private void LogChecked(string? activityId, string source, Review review, int length, long started)
    {
        if (!logger.IsEnabled(LogLevel.Debug))
        {
            return; // the rule list is built only for a line that is written
        }

        Log.DraftChecked(
            logger,
            activityId,
            source,
            review.Verdict.ToWire(),
            review.Findings.Count,
            string.Join(",", review.Findings.Select(f => f.RuleId).Distinct(StringComparer.Ordinal)),
            length,
            time.GetElapsedTime(started).TotalMilliseconds);
    }
}
