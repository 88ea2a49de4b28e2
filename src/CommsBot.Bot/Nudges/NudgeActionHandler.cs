using CommsBot.Bot.Channels;
using CommsBot.Bot.Conversations;
using CommsBot.Bot.Storage;
using CommsBot.Cards;
using CommsBot.Guidelines;
using CommsBot.Nudges;
using Microsoft.Bot.Builder;

namespace CommsBot.Bot.Nudges;

/// <summary>The nudge cards' buttons, in any channel: Draft a post (a ready post about a colleague, checked),
/// Draft a highlight (a template for a meeting), and the consent answer.</summary>
public sealed class NudgeActionHandler(
    NudgeStore store,
    DraftChecker checker,
    ChannelCards cards,
    UsageCounters counters,
    ILogger<NudgeActionHandler> logger)
{
    /// <summary>Answers a nudge card's button.</summary>
    public async Task<BotReply> HandleAsync(ITurnContext turnContext, NudgeActionPayload data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(data);
        var activity = turnContext.Activity;
        var channel = cards.For(activity);
        Log.CardActionHandled(logger, data.Action, activity.Id);
        switch (data.Action)
        {
            case NudgeActions.DraftPost:
                var item = await store.GetAccomplishmentAsync(data.Id ?? -1, cancellationToken);
                if (item is null || item.Consent != ConsentState.Granted.ToWire() || item.Scope != NudgeCommands.Scope(activity))
                {
                    return channel.Notice("Not available", "That accomplishment was removed, or its owner hasn't agreed to a public post.", isError: true);
                }

                counters.Increment(UsageCounters.NudgeActedCounter(NudgeKind.ColleaguePromotion.ToWire()));
                var draft = PostDrafter.ColleaguePost(NudgeMapping.ToModel(item));
                return new BotReply(draft, checker.Check(activity, draft, new DraftContext(AccountKind.Professional), "nudge-draft-post").Card);

            case NudgeActions.DraftHighlight:
                var conferenceId = data.Conference;
                var conference = (await store.ListConferencesAsync(cancellationToken)).FirstOrDefault(c => c.Id == conferenceId);
                if (conference is null)
                {
                    return channel.Notice("Not available", "That meeting is no longer in the calendar.", isError: true);
                }

                counters.Increment(UsageCounters.NudgeActedCounter(NudgeKind.ConferenceHighlight.ToWire()));
                var model = NudgeMapping.ToModel(conference);
                return new BotReply(
                    PostDrafter.HighlightTemplate(model),
                    channel.Notice($"A highlight for {model.Hashtag}", $"Fill in the brackets with the most salient points and the speaker, then send me the draft to check. {model.Photos.Describe()}{(model.Embargo.Length > 0 ? " Embargo: " + model.Embargo : "")}"));

            default: // consent
                var yes = string.Equals(data.Answer, "yes", StringComparison.Ordinal);
                var answered = await store.SetConsentAsync(data.Id ?? -1, activity.From?.Id ?? "", yes ? ConsentState.Granted : ConsentState.Declined, cancellationToken);
                return !answered
                    ? channel.Notice("Not yours to answer", "Only the colleague named on this item can answer.", isError: true)
                    : yes
                        ? channel.Notice("Thank you", "Your colleagues may now be offered a ready post about it. You can change your mind by asking them to remove it (`kudos remove`).")
                        : channel.Notice("Understood", "It won't be offered for posting.");
        }
    }
}
