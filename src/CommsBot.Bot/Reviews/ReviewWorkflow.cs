using CommsBot.Bot.Channels;
using CommsBot.Bot.Conversations;
using CommsBot.Bot.Nudges;
using CommsBot.Bot.Storage;
using CommsBot.Cards;
using CommsBot.Guidelines;
using CommsBot.Nudges;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;

namespace CommsBot.Bot.Reviews;

/// <summary>
/// The comms team's review queue, for every channel: <c>review here</c> / <c>review where</c> / <c>reviews</c>, the
/// review card's "Ask comms to review" (the author confirms, with a note and a wanted-by date), the request's card in
/// the review channel and its Take it / Approve / Request changes (the card updated in place), the decision in the
/// author's personal chat, and the reminder and purge passes. Cards come from the conversation's
/// <see cref="IChannelCards"/> and proactive messages go through its <see cref="INudgeSender"/>: nothing here knows
/// which platform it is on.
/// </summary>
public sealed class ReviewWorkflow(
    ReviewStore store,
    ReviewChannels channels,
    ReviewProtector protector,
    DraftChecker checker,
    ChannelCards cards,
    IBotStore botStore,
    IServiceProvider services,
    IOptions<ReviewOptions> options,
    IOptions<NudgeOptions> nudgeOptions,
    TimeProvider time,
    ILogger<ReviewWorkflow> logger)
{
    /// <summary>The longest note or comment kept.</summary>
    public const int MaxComment = 2000;

    /// <summary>Answers <c>review here</c>, <c>review where</c> and <c>reviews</c>; null for any other text.</summary>
    public async Task<BotReply?> TryHandleCommandAsync(ITurnContext turnContext, string? text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        if (!MayBeCommand(text))
        {
            return null; // a draft: no need to normalise it to find out
        }

        var command = string.Join(' ', (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant().TrimStart('/');
        var activity = turnContext.Activity;
        var channel = cards.For(activity);
        switch (command)
        {
            case "review here":
                if (!IsAdmin(activity))
                {
                    Log.ReviewRefused(logger, "review-here", activity.Id, "not-admin");
                    return channel.Notice("Only an admin can do that", "The review channel is chosen by the people listed in Review:Admins or Nudges:Admins.", isError: true);
                }

                if (Turn.IsPersonal(activity) || activity.Conversation?.Id is not { Length: > 0 } conversationId)
                {
                    return channel.Notice("Say it in the comms team's channel", "`review here` makes the channel you say it in the review channel: say it there, with the bot added to it.", isError: true);
                }

                var reviewConversation = ChannelConversation(conversationId);
                if (!string.IsNullOrEmpty(activity.ServiceUrl))
                {
                    var reference = activity.GetConversationReference();
                    reference.Conversation.Id = reviewConversation;
                    reference.ActivityId = null;
                    await botStore.SaveConversationReferenceAsync(reference, cancellationToken);
                }

                var scope = ReviewChannels.Scope(activity);
                await store.SetChannelAsync(scope, activity.ChannelId, reviewConversation, Turn.UserKey(activity), cancellationToken);
                channels.Registered(scope);
                Log.ReviewChannelRegistered(logger, activity.ChannelId, activity.Id);
                return channel.Notice("This is now the review channel", "Drafts your colleagues ask the comms team to review will appear here, with **Take it**, **Approve** and **Request changes**. Say `reviews` to list the open ones.");

            case "review where":
                var registered = await store.GetChannelAsync(ReviewChannels.Scope(activity), cancellationToken);
                return registered is null
                    ? channel.Notice("No review channel yet", "An admin can say `review here` in the comms team's channel to make it the review channel.")
                    : channel.Notice("The review channel", registered.ConversationId == ChannelConversation(activity.Conversation?.Id ?? "")
                        ? "This channel is the review channel."
                        : $"Review requests go to the channel an admin chose with `review here` on {DateTimeOffset.FromUnixTimeMilliseconds(registered.RegisteredAtMs):yyyy-MM-dd}. Say `review where` there to check.");

            case "reviews":
                var open = await store.OpenRequestsAsync(ReviewChannels.Scope(activity), cancellationToken);
                var now = time.GetUtcNow();
                return channel.ReviewList(open.Select(r => new ReviewListItem(
                    r.Id, now - DateTimeOffset.FromUnixTimeMilliseconds(r.CreatedAtMs), r.AuthorId, r.AuthorName, r.ReviewerId, r.ReviewerName)).ToList());

            default:
                return null;
        }
    }

    /// <summary>False when <paramref name="text"/> cannot be one of the commands above: it has more characters other
    /// than white space and '/' than the longest ("review where" has 11), which every draft of two lines has.</summary>
    private static bool MayBeCommand(string? text)
    {
        const int longest = 11;
        var count = 0;
        foreach (var c in text.AsSpan())
        {
            if (!char.IsWhiteSpace(c) && c != '/' && ++count > longest)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>"Ask comms to review" on a review card: the confirmation, with the note and wanted-by inputs.</summary>
    public async Task<BotReply> AskAsync(ITurnContext turnContext, CardActionPayload request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(request);
        var activity = turnContext.Activity;
        var channel = cards.For(activity);
        if (await store.GetChannelAsync(ReviewChannels.Scope(activity), cancellationToken) is null)
        {
            return channel.Notice("No review channel", "Your communications team has not chosen a review channel yet.", isError: true);
        }

        if (string.IsNullOrEmpty(request.Draft))
        {
            return channel.Notice("Send the draft again", "This draft was too long to carry on the card's buttons. Send it to me again as a message.");
        }

        var resubmitOf = await store.AwaitingResubmissionAsync(ReviewChannels.Scope(activity), activity.From?.Id ?? "", cancellationToken);
        var submit = new ReviewActionPayload(ReviewActions.Submit, Draft: request.Draft, Account: request.Account, Platform: request.Platform, ResubmitOf: resubmitOf, Channel: activity.Conversation?.Id);
        Log.CardActionHandled(logger, CardActions.AskReview, activity.Id);
        return channel.ReviewConfirm("the communications team's review channel", resubmitOf, submit);
    }

    /// <summary>A review queue action; null when the answer is the card updated in place.</summary>
    public async Task<BotReply?> HandleAsync(ITurnContext turnContext, ReviewActionPayload action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(action);
        Log.CardActionHandled(logger, action.Action, turnContext.Activity.Id);
        if (action.Action == ReviewActions.Submit)
        {
            return await SubmitAsync(turnContext, action, cancellationToken);
        }

        var activity = turnContext.Activity;
        var channel = cards.For(activity);
        var request = action.Id is { } id ? await store.GetRequestAsync(id, cancellationToken) : null;
        if (request is null || request.Scope != ReviewChannels.Scope(activity) || request.ReviewConversationId != ChannelConversation(activity.Conversation?.Id ?? ""))
        {
            Log.ReviewRefused(logger, action.Action, activity.Id, request is null ? "unknown-request" : "not-the-review-channel");
            return channel.Notice("Not available", "That review request is not one of this channel's.", isError: true);
        }

        if (request.IsDecided || request.PurgedAtMs is not null)
        {
            Log.ReviewAction(logger, request.Id, action.Action, "already-decided");
            return channel.Notice("Already decided", $"Request #{request.Id} was already decided.");
        }

        switch (action.Action)
        {
            case ReviewActions.Take:
                if (!await store.TakeAsync(request.Id, activity.From?.Id ?? "", activity.From?.Name, cancellationToken))
                {
                    Log.ReviewAction(logger, request.Id, action.Action, "taken-by-another");
                    return channel.Notice("Already taken", $"Request #{request.Id} is being reviewed by someone else.");
                }

                Log.ReviewAction(logger, request.Id, action.Action, "taken");
                await UpdateCardAsync(request.Id, cancellationToken);
                return null;

            case ReviewActions.Comment:
                var decision = action.Decision == ReviewActions.RequestChanges ? ReviewActions.RequestChanges : ReviewActions.Approve;
                var draft = protector.Unprotect(request.DraftCipher) ?? "";
                return channel.ReviewCommentForm(request.Id, decision, draft, new ReviewActionPayload(decision, request.Id, Channel: activity.Conversation?.Id));

            default:
                return await DecideAsync(turnContext, request, action, cancellationToken);
        }
    }

    /// <summary>Re-surfaces, once, each request still open after <see cref="ReviewOptions.RemindAfter"/>, when the
    /// nudges' allowed hours (<c>Nudges:QuietHours</c>) allow a message now. Returns how many were re-surfaced.</summary>
    public async Task<int> RemindAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (NudgePolicy.NextAllowed(nudgeOptions.Value.ToRules(), now) != now)
        {
            return 0;
        }

        var reminded = 0;
        foreach (var request in await store.DueRemindersAsync(now - options.Value.RemindAfter, cancellationToken))
        {
            if (!await store.ClaimReminderAsync(request.Id, cancellationToken))
            {
                continue;
            }

            var hours = (int)(now - DateTimeOffset.FromUnixTimeMilliseconds(request.CreatedAtMs)).TotalHours;
            var card = cards.For(request.ChannelId).ReviewRequest(View(request) with { Reminder = $"Still waiting for review after {hours} h." });
            var outcome = await Sender(request.ChannelId).SendAsync(new NudgeAddress(false, request.ChannelId, request.ReviewConversationId), card, cancellationToken);
            if (outcome is DeliveryOutcome.Delivered delivered)
            {
                // Decisions from now on update the re-surfaced card; the first one's buttons still work.
                await store.SetChannelMessageAsync(request.Id, delivered.MessageId ?? request.ChannelMessageId, cancellationToken);
                reminded++;
                Log.ReviewAction(logger, request.Id, "remind", "re-surfaced");
            }
            else
            {
                Log.ReviewNotDelivered(logger, request.Id, "reminder", Reason(outcome));
            }
        }

        return reminded;
    }

    /// <summary>Deletes the text of requests decided (or, never decided, made) <see cref="ReviewOptions.RetentionDays"/> ago.</summary>
    public Task<int> PurgeAsync(CancellationToken cancellationToken) =>
        store.PurgeAsync(time.GetUtcNow() - TimeSpan.FromDays(options.Value.RetentionDays), cancellationToken);

    private async Task<BotReply> SubmitAsync(ITurnContext turnContext, ReviewActionPayload action, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        var channel = cards.For(activity);
        var scope = ReviewChannels.Scope(activity);
        var reviewChannel = await store.GetChannelAsync(scope, cancellationToken);
        if (reviewChannel is null)
        {
            return channel.Notice("No review channel", "Your communications team has not chosen a review channel yet.", isError: true);
        }

        var draft = action.Draft?.Trim();
        var context = action.Context();
        var review = string.IsNullOrEmpty(draft) ? null : checker.TryReview(draft, context);
        if (draft is null || review is null)
        {
            return channel.Notice("Send the draft again", "That confirmation did not carry a draft I can check. Send me the draft as a message.", isError: true);
        }

        var authorId = activity.From?.Id ?? "";
        long? resubmitOf = null;
        if (action.ResubmitOf is { } earlierId && await store.GetRequestAsync(earlierId, cancellationToken) is { } earlier && earlier.AuthorId == authorId && earlier.Scope == scope)
        {
            resubmitOf = earlierId;
        }

        var note = Shorten(action.Note);
        var record = new ReviewRequestRecord
        {
            Scope = scope,
            ChannelId = activity.ChannelId,
            AuthorId = authorId,
            AuthorName = activity.From?.Name,
            OriginConversationId = activity.Conversation?.Id ?? authorId,
            ReviewConversationId = reviewChannel.ConversationId,
            Account = context.Account.ToWire(),
            Platform = context.Platform.ToWire(),
            Verdict = review.Verdict.ToWire(),
            RuleIds = string.Join(",", review.Findings.Select(f => f.RuleId).Distinct(StringComparer.Ordinal)),
            DraftCipher = protector.Protect(draft),
            NoteCipher = protector.Protect(note),
            WantedBy = DateOnly.TryParseExact(action.WantedBy, "yyyy-MM-dd", out var by) ? by.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : null,
            ResubmitOf = resubmitOf,
        };
        var id = await store.AddRequestAsync(record, cancellationToken);
        Log.ReviewRequested(logger, id, draft.Length, note?.Length ?? 0, record.Verdict, resubmitOf);

        var card = cards.For(record.ChannelId).ReviewRequest(View(record, draft, note, review));
        var outcome = await Sender(record.ChannelId).SendAsync(new NudgeAddress(false, record.ChannelId, record.ReviewConversationId), card, cancellationToken);
        if (outcome is not DeliveryOutcome.Delivered delivered)
        {
            Log.ReviewNotDelivered(logger, id, "request", Reason(outcome));
            await store.DeleteRequestAsync(id, cancellationToken);
            return channel.Notice("The comms team's channel could not be reached", "Your draft was not shared and nothing was kept. Press Ask comms to review again in a few minutes.", isError: true);
        }

        await store.SetChannelMessageAsync(id, delivered.MessageId, cancellationToken);
        return channel.Notice("Sent to the comms team", $"Your draft is request **#{id}**{(resubmitOf is { } r ? $", linked to request #{r}" : "")}. Their answer will come to you here, in your chat with me.");
    }

    private async Task<BotReply?> DecideAsync(ITurnContext turnContext, ReviewRequestRecord request, ReviewActionPayload action, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        var channel = cards.For(activity);
        var changes = action.Action == ReviewActions.RequestChanges;
        var comment = Shorten(action.Comment);
        var original = protector.Unprotect(request.DraftCipher) ?? "";
        var edited = action.EditedDraft?.Trim() is { Length: > 0 } e && e != original.Trim() && changes ? e : null;
        if (changes && comment is null)
        {
            Log.ReviewRefused(logger, action.Action, activity.Id, "no-comment");
            return channel.Notice("Say what should change", $"Request changes on #{request.Id} needs a comment for the author.", isError: true);
        }

        Review? editedReview = null;
        var context = new DraftContext(
            WireNames.TryParseAccount(request.Account, out var account) ? account : AccountKind.Unknown,
            WireNames.TryParsePlatform(request.Platform, out var platform) ? platform : Platform.Unknown);
        if (edited is not null)
        {
            // The reviewer's edit is checked before it reaches the author: comms does not send a draft the rules block.
            editedReview = checker.TryReview(edited, context);
            if (editedReview is null || editedReview.Verdict == Verdict.DoNotPost)
            {
                Log.ReviewRefused(logger, action.Action, activity.Id, editedReview is null ? "edit-not-checkable" : "edit-do-not-post");
                var rules = editedReview is null ? "" : string.Join(", ", editedReview.Findings.Where(f => f.Severity == CommsBot.Guidelines.Severity.Blocker).Select(f => $"`{f.RuleId}`").Distinct(StringComparer.Ordinal));
                return channel.Notice("The edited draft was not sent", editedReview is null
                    ? "CommsBot could not check the edited draft (is it empty or too long?). Nothing was sent to the author."
                    : $"CommsBot's check of your edit still finds a blocker ({rules}). Edit it again, or request changes without an edited draft. Nothing was sent to the author.", isError: true);
            }
        }

        var status = changes ? ReviewRequestRecord.ChangesRequested : ReviewRequestRecord.Approved;
        if (!await store.DecideAsync(request.Id, status, activity.From?.Id ?? "", activity.From?.Name, protector.Protect(comment), protector.Protect(edited), cancellationToken))
        {
            Log.ReviewAction(logger, request.Id, action.Action, "already-decided");
            return channel.Notice("Already decided", $"Request #{request.Id} was already decided.");
        }

        Log.ReviewAction(logger, request.Id, action.Action, status);
        await UpdateCardAsync(request.Id, cancellationToken);
        await DeliverDecisionAsync(request.Id, edited, editedReview, context, cancellationToken);
        return null;
    }

    private async Task UpdateCardAsync(long id, CancellationToken cancellationToken)
    {
        var request = await store.GetRequestAsync(id, cancellationToken);
        if (request?.ChannelMessageId is not { Length: > 0 } messageId)
        {
            return;
        }

        var card = cards.For(request.ChannelId).ReviewRequest(View(request));
        var outcome = await Sender(request.ChannelId).UpdateAsync(new NudgeAddress(false, request.ChannelId, request.ReviewConversationId), messageId, card, cancellationToken);
        if (outcome is not DeliveryOutcome.Delivered)
        {
            Log.ReviewNotDelivered(logger, id, "card-update", Reason(outcome));
        }
    }

    /// <summary>The decision to the author's personal chat, else the conversation they asked from; with a changes
    /// request's edited draft, that draft's review card too (its "Ask comms to review" re-submits).</summary>
    private async Task DeliverDecisionAsync(long id, string? edited, Review? editedReview, DraftContext context, CancellationToken cancellationToken)
    {
        var request = await store.GetRequestAsync(id, cancellationToken);
        if (request is null)
        {
            return;
        }

        var channel = cards.For(request.ChannelId);
        var messages = new List<Attachment> { channel.ReviewDecision(View(request)) };
        if (edited is not null && editedReview is not null)
        {
            messages.Add(channel.Review(editedReview, new CardContext(edited, context, checker.MaxExcerpt, OfferReview: true)));
        }

        var sender = Sender(request.ChannelId);
        var dm = new NudgeAddress(true, request.ChannelId, request.AuthorId);
        var origin = new NudgeAddress(false, request.ChannelId, request.OriginConversationId);
        foreach (var message in messages)
        {
            var outcome = await sender.SendAsync(dm, message, cancellationToken);
            if (outcome is DeliveryOutcome.Drop && request.OriginConversationId != request.ReviewConversationId)
            {
                outcome = await sender.SendAsync(origin, message, cancellationToken);
            }

            if (outcome is not DeliveryOutcome.Delivered)
            {
                Log.ReviewNotDelivered(logger, id, "decision", Reason(outcome));
            }
        }
    }

    private ReviewRequestView View(ReviewRequestRecord r, string? draft = null, string? note = null, Review? review = null)
    {
        draft ??= protector.Unprotect(r.DraftCipher);
        var context = new DraftContext(
            WireNames.TryParseAccount(r.Account, out var account) ? account : AccountKind.Unknown,
            WireNames.TryParsePlatform(r.Platform, out var platform) ? platform : Platform.Unknown);
        review ??= draft is null ? null : checker.TryReview(draft, context);
        var state = r.Status switch
        {
            ReviewRequestRecord.Taken => ReviewState.Taken,
            ReviewRequestRecord.Approved => ReviewState.Approved,
            ReviewRequestRecord.ChangesRequested => ReviewState.ChangesRequested,
            _ => ReviewState.Open,
        };
        return new ReviewRequestView(
            r.Id, r.AuthorId, r.AuthorName, r.Account, r.Platform,
            note ?? protector.Unprotect(r.NoteCipher), r.WantedBy, r.ResubmitOf,
            draft ?? "(deleted after the retention period)", review, state, r.ReviewerId, r.ReviewerName,
            protector.Unprotect(r.CommentCipher), protector.Unprotect(r.EditedDraftCipher));
    }

    private INudgeSender Sender(string channelId) =>
        services.GetKeyedService<INudgeSender>(channelId) ?? services.GetRequiredService<BotFrameworkNudgeSender>();

    private bool IsAdmin(Activity activity)
    {
        var user = Turn.UserKey(activity);
        return activity.From?.Id is { Length: > 0 }
            && (options.Value.Admins.Contains(user, StringComparer.Ordinal) || nudgeOptions.Value.Admins.Contains(user, StringComparer.Ordinal));
    }

    /// <summary>A Teams channel conversation without the thread (<c>;messageid=…</c>) it was mentioned in.</summary>
    private static string ChannelConversation(string conversationId)
    {
        var thread = conversationId.IndexOf(";messageid=", StringComparison.OrdinalIgnoreCase);
        return thread < 0 ? conversationId : conversationId[..thread];
    }

    private static string? Shorten(string? text) =>
        text?.Trim() is { Length: > 0 } t ? (t.Length > MaxComment ? t[..MaxComment] : t) : null;

    private static string Reason(DeliveryOutcome outcome) => outcome switch
    {
        DeliveryOutcome.Retry r => r.Reason,
        DeliveryOutcome.Drop d => d.Reason,
        _ => "unknown",
    };
}
