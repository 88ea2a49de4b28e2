using CommsBot.Bot.Hosting;
using CommsBot.Bot.Storage;
using CommsBot.Cards;
using CommsBot.Guidelines;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;
using Newtonsoft.Json.Linq;

namespace CommsBot.Bot.Conversations;

/// <summary>The result of checking a draft: the review (null when the draft could not be checked) and the card to show.</summary>
public sealed record CheckResult(Review? Review, Attachment Card);

/// <summary>Reviews drafts and renders the cards the conversations send, in one channel's card format (Adaptive Cards
/// by default; Slack gets its own instance with Block Kit); counts and logs each check (never its text).</summary>
public sealed class DraftChecker(
    DraftReviewer reviewer,
    ICardRenderer renderer,
    UsageCounters counters,
    IOptions<GuidelinesOptions> options,
    TimeProvider time,
    ILogger<DraftChecker> logger)
{
    public const string AdaptiveCardContentType = "application/vnd.microsoft.card.adaptive";

    public DraftReviewer Reviewer => reviewer;

    /// <summary>Reviews a draft; a draft that is empty or over the limit gets a friendly notice card instead.</summary>
    public CheckResult Check(string draft, DraftContext context, string? activityId, string source)
    {
        var started = time.GetTimestamp();
        using var span = Operations.CommsBotTelemetry.StartEvaluation(source, draft.Length);
        Review review;
        try
        {
            review = reviewer.Review(draft, context);
        }
        catch (InvalidDraftException e)
        {
            Operations.CommsBotTelemetry.Rejected(span);
            Log.DraftRejected(logger, activityId, draft.Length);
            return new CheckResult(null, Notice("I can't check that draft", e.Message, isError: true));
        }

        counters.RecordCheck(review);
        Operations.CommsBotTelemetry.Evaluated(span, review, time.GetElapsedTime(started).TotalMilliseconds);
        var card = ToAttachment(renderer.RenderReview(review, new CardContext(draft, context, options.Value.MaxExcerpt)));
        Log.DraftChecked(
            logger,
            activityId,
            source,
            review.Verdict.ToWire(),
            review.Findings.Count,
            string.Join(",", review.Findings.Select(f => f.RuleId).Distinct(StringComparer.Ordinal)),
            draft.Length,
            time.GetElapsedTime(started).TotalMilliseconds);
        return new CheckResult(review, card);
    }

    /// <summary>Reviews without rendering (for "apply fixes" and "why?"); null when the draft cannot be checked.</summary>
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

    public Attachment Why(Review review) => ToAttachment(renderer.RenderWhy(review));

    public Attachment Welcome() => ToAttachment(renderer.RenderWelcome());

    public Attachment Help() => ToAttachment(renderer.RenderHelp());

    public Attachment Notice(string title, string text, bool isError = false) => ToAttachment(renderer.RenderNotice(title, text, isError));

    private Attachment ToAttachment(string json) => new()
    {
        ContentType = renderer.ContentType,
        Content = JObject.Parse(json),
    };
}
