using CommsBot.Bot.Channels;
using CommsBot.Bot.Storage;
using CommsBot.Cards;
using CommsBot.Guidelines;
using Microsoft.Bot.Builder;

namespace CommsBot.Bot.Conversations;

/// <summary>
/// A review card's buttons, in any channel: Apply fixes, Why?, Re-check, the account choice and Not an issue, and
/// the check of a message the user pointed at (Teams' message action, Slack's shortcut). Drafts come in the action's
/// data because they are never stored.
/// </summary>
public sealed class CardActionHandler(
    DraftChecker checker,
    ChannelCards cards,
    IBotStore store,
    UsageCounters counters,
    FalsePositiveReports falsePositives,
    Reviews.ReviewWorkflow reviews,
    ILogger<CardActionHandler> logger)
{
    public async Task<BotReply> HandleAsync(ITurnContext turnContext, CardActionPayload request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(request);
        var activity = turnContext.Activity;
        var channel = cards.For(activity);
        if (!request.IsKnown)
        {
            Log.CardActionIgnored(logger, activity.Id, "unknown action");
            return channel.Help();
        }

        Log.CardActionHandled(logger, request.Action, activity.Id);
        if (request.Action == CardActions.NotAnIssue)
        {
            return await falsePositives.ReportAsync(activity, request, cancellationToken);
        }

        if (request.Action == CardActions.AskReview)
        {
            return await reviews.AskAsync(turnContext, request, cancellationToken);
        }

        // A message the user pointed at is checked as a post would read (no surrounding white space).
        var draft = request.Action == CardActions.Check ? request.Draft?.Trim() : request.Draft;
        if (string.IsNullOrEmpty(draft))
        {
            return WithoutDraft(channel, request);
        }

        var context = request.ContextOr(await store.DefaultAccountAsync(turnContext, cancellationToken));
        switch (request.Action)
        {
            case CardActions.ApplyFixes:
                var review = checker.TryReview(draft, context);
                if (review is null || !review.HasEdits || review.RevisedText == draft)
                {
                    return review is null
                        ? checker.Check(activity, draft, context, "apply-fixes").Card
                        : channel.Notice("No automatic fixes", "None of the findings on this draft can be fixed automatically: follow the suggestions on the card.");
                }

                counters.Increment(UsageCounters.FixesApplied);
                counters.Increment(UsageCounters.FixedFindings, review.Findings.Count(f => !f.Fix.IsAdviceOnly));
                return new BotReply(review.RevisedText, checker.Check(activity, review.RevisedText, context, "apply-fixes").Card);

            case CardActions.Why:
                var reviewed = checker.TryReview(draft, context);
                return reviewed is null ? checker.Check(activity, draft, context, "why").Card : channel.Why(reviewed);

            case CardActions.SetAccount:
                if (context.Account != AccountKind.Unknown)
                {
                    await store.SetDefaultAccountAsync(Turn.UserKey(activity), context.Account, cancellationToken);
                }

                return checker.Check(activity, draft, context, "set-account").Card;

            case CardActions.Check:
                return checker.Check(activity, draft, context, "message-action").Card;

            default: // recheck
                return checker.Check(activity, draft, context, "recheck").Card;
        }
    }

    /// <summary>An action without its draft: Why? explains the rules it names; the others ask for the draft again.</summary>
    private BotReply WithoutDraft(IChannelCards channel, CardActionPayload request)
    {
        if (request.Action == CardActions.Why && request.RuleIds is { Count: > 0 } ids)
        {
            var rules = ids.Select(checker.Reviewer.Pack.Find).OfType<GuidelineRule>().ToList();
            if (rules.Count > 0)
            {
                return channel.Why(rules);
            }
        }

        if (request.Action == CardActions.Check)
        {
            return channel.Notice("Nothing to check", "The message has no text to check. Type the draft into the form instead.");
        }

        return request.DraftOmitted == true
            ? channel.Notice("Send the draft again", "This draft was too long to carry on the card's buttons. Send it to me again as a message.")
            : channel.Notice("Nothing to check", "That button did not carry a draft. Send me the draft as a message.", isError: true);
    }
}
