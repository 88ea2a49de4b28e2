using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CommsBot.Bot.Conversations;
using CommsBot.Bot.Storage;
using CommsBot.Cards;
using CommsBot.Guidelines;
using CommsBot.Nudges;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;
using Newtonsoft.Json.Linq;

namespace CommsBot.Bot.Nudges;

/// <summary>A nudge command's or button's answer: an optional plain-text draft, then a card.</summary>
public sealed record NudgeReply(string? Draft, Attachment Card);

/// <summary>The nudge side of a turn: <c>kudos</c>, <c>conference</c> and <c>nudges</c> commands, the nudge cards'
/// buttons, and the meeting-policy reminder on a checked draft. Channel-neutral: cards come from the turn's
/// <see cref="DraftChecker"/>.</summary>
public sealed partial class NudgeConversation(
    NudgeStore store,
    NudgePlanner planner,
    IBotStore botStore,
    UsageCounters counters,
    IOptions<NudgeOptions> options,
    TimeProvider time,
    ILogger<NudgeConversation> logger)
{
    /// <summary>Answers a nudge command, or returns null when the text is not one.</summary>
    public async Task<NudgeReply?> TryHandleCommandAsync(ITurnContext turnContext, string? text, DraftChecker checker, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(checker);
        if (!NudgeCommandParser.TryParse(text, out var command))
        {
            return null;
        }

        var activity = turnContext.Activity;
        var name = command.GetType().Name.ToLowerInvariant();
        Log.NudgeCommandHandled(logger, name, activity.Id);
        var card = command switch
        {
            NudgeCommand.AddKudos add => await AddKudosAsync(activity, add, checker, cancellationToken),
            NudgeCommand.ListKudos => await ListKudosAsync(activity, checker, cancellationToken),
            NudgeCommand.RemoveKudos remove => await RemoveKudosAsync(activity, remove.Id, checker, cancellationToken),
            NudgeCommand.AddConference add => await AddConferenceAsync(activity, add.Conference, checker, cancellationToken),
            NudgeCommand.ListConferences => await ListConferencesAsync(checker, cancellationToken),
            NudgeCommand.RemoveConference remove => await store.RemoveConferenceAsync(remove.IdOrHashtag, cancellationToken)
                ? checker.Notice("Meeting removed", "It won't get highlight nudges any more.")
                : checker.Notice("No such meeting", "See `conference list` for ids and hashtags.", isError: true),
            NudgeCommand.Subscribe subscribe => await SubscribeAsync(turnContext, subscribe.On, null, checker, cancellationToken),
            NudgeCommand.Pause pause => await SubscribeAsync(turnContext, true, time.GetUtcNow() + pause.For, checker, cancellationToken),
            NudgeCommand.Status => await StatusAsync(activity, checker, cancellationToken),
            NudgeCommand.Invalid invalid => checker.Notice("I didn't get that", invalid.Problem, isError: true),
            _ => checker.Help(),
        };
        return new NudgeReply(null, card);
    }

    /// <summary>Answers a nudge card's button, or returns null when the value is not a nudge action.</summary>
    public async Task<NudgeReply?> TryHandleActionAsync(ITurnContext turnContext, object? value, DraftChecker checker, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(checker);
        var data = value switch
        {
            JObject o => o,
            string s when s.StartsWith('{') => TryParse(s),
            _ => null,
        };
        var action = (data?["action"] as JValue)?.Value as string;
        if (data is null || action is null || !NudgeActions.All.Contains(action))
        {
            return null;
        }

        var activity = turnContext.Activity;
        Log.CardActionHandled(logger, action, activity.Id);
        switch (action)
        {
            case NudgeActions.DraftPost:
                var item = await store.GetAccomplishmentAsync(Id(data), cancellationToken);
                if (item is null || item.Consent != ConsentState.Granted.ToWire() || item.Scope != Scope(activity))
                {
                    return new NudgeReply(null, checker.Notice("Not available", "That accomplishment was removed, or its owner hasn't agreed to a public post.", isError: true));
                }

                counters.Increment(UsageCounters.NudgeActedCounter(NudgeKind.ColleaguePromotion.ToWire()));
                var draft = PostDrafter.ColleaguePost(NudgeMapping.ToModel(item));
                return new NudgeReply(draft, checker.Check(draft, new DraftContext(AccountKind.Professional), activity.Id, "nudge-draft-post").Card);

            case NudgeActions.DraftHighlight:
                var conferenceId = (data["conference"] as JValue)?.Value as string;
                var conference = (await store.ListConferencesAsync(cancellationToken)).FirstOrDefault(c => c.Id == conferenceId);
                if (conference is null)
                {
                    return new NudgeReply(null, checker.Notice("Not available", "That meeting is no longer in the calendar.", isError: true));
                }

                counters.Increment(UsageCounters.NudgeActedCounter(NudgeKind.ConferenceHighlight.ToWire()));
                var model = NudgeMapping.ToModel(conference);
                return new NudgeReply(
                    PostDrafter.HighlightTemplate(model),
                    checker.Notice($"A highlight for {model.Hashtag}", $"Fill in the brackets with the most salient points and the speaker, then send me the draft to check. {model.Photos.Describe()}{(model.Embargo.Length > 0 ? " Embargo: " + model.Embargo : "")}"));

            default: // consent
                var yes = string.Equals((data["answer"] as JValue)?.Value as string, "yes", StringComparison.Ordinal);
                var answered = await store.SetConsentAsync(Id(data), activity.From?.Id ?? "", yes ? ConsentState.Granted : ConsentState.Declined, cancellationToken);
                return new NudgeReply(null, !answered
                    ? checker.Notice("Not yours to answer", "Only the colleague named on this item can answer.", isError: true)
                    : yes
                        ? checker.Notice("Thank you", "Your colleagues may now be offered a ready post about it. You can change your mind by asking them to remove it (`kudos remove`).")
                        : checker.Notice("Understood", "It won't be offered for posting."));
        }
    }

    /// <summary>The photo and embargo policy of each configured meeting whose hashtag the draft names; null when none.</summary>
    public async Task<Attachment?> ConferenceReminderAsync(string draft, DraftChecker checker, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checker);
        if (string.IsNullOrEmpty(draft) || !draft.Contains('#', StringComparison.Ordinal))
        {
            return null;
        }

        var named = ConferenceCalendar.NamedIn(draft, (await store.ListConferencesAsync(cancellationToken)).Select(NudgeMapping.ToModel));
        if (named.Count == 0)
        {
            return null;
        }

        var text = new StringBuilder();
        foreach (var c in named)
        {
            text.Append(CultureInfo.InvariantCulture, $"**{c.Hashtag}** ({c.Name}): {c.Photos.Describe()}");
            text.Append(c.Embargo.Length > 0 ? " Embargo: " + c.Embargo : "").Append('\n');
        }

        return checker.Notice("Meeting policy reminder", text.ToString().TrimEnd());
    }

    internal static string Scope(IActivity activity) => $"{activity.ChannelId}|{activity.Conversation?.TenantId}";

    private async Task<Attachment> AddKudosAsync(Activity activity, NudgeCommand.AddKudos add, DraftChecker checker, CancellationToken cancellationToken)
    {
        var (colleagueId, colleagueName) = ResolveColleague(activity, add.Colleague);
        if (colleagueName.Length == 0)
        {
            return checker.Notice("Who is it for?", "Mention the colleague with @.", isError: true);
        }

        var self = colleagueId is not null && colleagueId == activity.From?.Id;
        var record = new AccomplishmentRecord
        {
            Scope = Scope(activity),
            ChannelId = activity.ChannelId,
            ColleagueId = colleagueId,
            ColleagueName = colleagueName,
            Kind = add.Kind.ToWire(),
            Title = add.Title,
            Link = add.Link.AbsoluteUri,
            CoAuthors = string.Join('\n', add.CoAuthors),
            AddedBy = CommsBotActivityHandler.UserKey(activity),
            ServiceUrl = activity.ServiceUrl,
            TenantId = activity.Conversation?.TenantId,
            Consent = (self ? ConsentState.Granted : ConsentState.Pending).ToWire(),
        };
        var id = await store.AddAccomplishmentAsync(record, cancellationToken);
        if (self)
        {
            return checker.Notice($"Kudos #{id} added", $"Added your {record.Kind}. It will be offered in the next colleague-promotion nudge.");
        }

        if (colleagueId is null)
        {
            return checker.Notice($"Kudos #{id} added", $"I can't ask {colleagueName} for consent without an @mention, so it won't be offered until they add it themselves. Remove it with `kudos remove {id}`.");
        }

        await planner.EnqueueConsentAsync(record, cancellationToken);
        return checker.Notice($"Kudos #{id} added", $"I'll ask {colleagueName} in a personal chat whether they're happy to be promoted publicly. It won't be offered until they say yes.");
    }

    private async Task<Attachment> ListKudosAsync(Activity activity, DraftChecker checker, CancellationToken cancellationToken)
    {
        var items = await store.ListAccomplishmentsAsync(Scope(activity), cancellationToken);
        if (items.Count == 0)
        {
            return checker.Notice("No kudos yet", "Add one with `kudos @colleague publication https://… Title`.");
        }

        var text = string.Join("\n", items.TakeLast(25).Select(a =>
            $"#{a.Id} {a.Kind}: {a.ColleagueName}{(a.Title.Length > 0 ? $", \"{a.Title}\"" : "")} (consent {a.Consent})"));
        return checker.Notice($"Kudos ({items.Count})", text);
    }

    private async Task<Attachment> RemoveKudosAsync(Activity activity, long id, DraftChecker checker, CancellationToken cancellationToken)
    {
        var item = await store.GetAccomplishmentAsync(id, cancellationToken);
        if (item is null || item.Scope != Scope(activity))
        {
            return checker.Notice("No such kudos", "See `kudos list` for ids.", isError: true);
        }

        var user = CommsBotActivityHandler.UserKey(activity);
        var allowed = item.AddedBy == user || (item.ColleagueId is not null && item.ColleagueId == activity.From?.Id) || options.Value.Admins.Contains(user);
        if (!allowed)
        {
            return checker.Notice("Not yours to remove", "Only the person who added it, the colleague it's about, or an admin can remove it.", isError: true);
        }

        await store.RemoveAccomplishmentAsync(id, cancellationToken);
        return checker.Notice("Kudos removed", $"#{id} won't be offered again.");
    }

    private async Task<Attachment> AddConferenceAsync(Activity activity, Conference conference, DraftChecker checker, CancellationToken cancellationToken)
    {
        await store.UpsertConferenceAsync(conference, CommsBotActivityHandler.UserKey(activity), cancellationToken);
        return checker.Notice("Meeting saved", $"{conference.Name} ({conference.Hashtag}), {conference.Start:yyyy-MM-dd} to {conference.End:yyyy-MM-dd}, id `{conference.Id}`. {conference.Photos.Describe()}");
    }

    private async Task<Attachment> ListConferencesAsync(DraftChecker checker, CancellationToken cancellationToken)
    {
        var rows = await store.ListConferencesAsync(cancellationToken);
        return rows.Count == 0
            ? checker.Notice("No meetings", "Add one with `conference add name=\"…\" hashtag=#TAG start=2026-06-01 end=2026-06-05`.")
            : checker.Notice($"Meetings ({rows.Count})", string.Join("\n", rows.Select(c =>
                $"`{c.Id}` {c.Name} {c.Hashtag}, {c.Start:yyyy-MM-dd} to {c.End:yyyy-MM-dd} ({c.TimeZoneId}), photos {c.Photos}")));
    }

    private async Task<Attachment> SubscribeAsync(ITurnContext turnContext, bool on, DateTimeOffset? pausedUntil, DraftChecker checker, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        if (activity.Conversation?.Id is null)
        {
            return checker.Notice("Nudges", "This conversation can't receive nudges.", isError: true);
        }

        // Nudges are proactive: keep where to reach this conversation.
        if (on && !string.IsNullOrEmpty(activity.ServiceUrl))
        {
            await botStore.SaveConversationReferenceAsync(activity.GetConversationReference(), cancellationToken);
        }

        var key = NudgeTarget.Conversation(activity.ChannelId, activity.Conversation.Id);
        await store.SetSubscriptionAsync(key, Scope(activity), on, pausedUntil, cancellationToken);
        var o = options.Value;
        if (!on)
        {
            return checker.Notice("Nudges are off", "This conversation won't get nudges. Turn them back on with `nudges on`.");
        }

        if (pausedUntil is { } until)
        {
            var local = TimeZoneInfo.ConvertTime(until, o.ResolveTimeZone());
            return checker.Notice("Nudges paused", $"No nudges until {local:yyyy-MM-dd HH:mm} ({o.TimeZone}). `nudges on` resumes them now.");
        }

        return checker.Notice("Nudges are on", Rules(o));
    }

    private async Task<Attachment> StatusAsync(Activity activity, DraftChecker checker, CancellationToken cancellationToken)
    {
        var key = NudgeTarget.Conversation(activity.ChannelId, activity.Conversation?.Id ?? "");
        var subscription = await store.GetSubscriptionAsync(key, cancellationToken);
        var state = subscription switch
        {
            null or { Enabled: false } => "Nudges are off here. `nudges on` turns them on.",
            { PausedUntilMs: { } ms } when ms > time.GetUtcNow().ToUnixTimeMilliseconds() => "Nudges are paused. `nudges on` resumes them.",
            _ => "Nudges are on here.",
        };
        return checker.Notice("Nudges", state + " " + Rules(options.Value));
    }

    private static string Rules(NudgeOptions o) =>
        $"Colleague promotions on the schedule `{o.ColleaguePromotion.Cron}` and conference highlights on `{o.ConferenceHighlights.Cron}` ({o.TimeZone}). "
        + (o.QuietHours.Enabled ? $"Only between {o.QuietHours.Start} and {o.QuietHours.End}{(o.QuietHours.WeekendsOff ? " on weekdays" : "")}, " : "")
        + $"at most {o.QuietHours.MaxPerWeek} a week. `nudges pause 2w` or `nudges off` to stop.";

    private static (string? Id, string Name) ResolveColleague(Activity activity, ColleagueMention mention)
    {
        // Teams: the mention entity whose text is the markup carries the user id.
        var entity = activity.Entities?
            .Where(e => string.Equals(e.Type, "mention", StringComparison.OrdinalIgnoreCase))
            .Select(e => e.GetAs<Mention>())
            .FirstOrDefault(m => m.Mentioned is not null && m.Mentioned.Id != activity.Recipient?.Id
                && string.Equals(m.Text, mention.Raw, StringComparison.OrdinalIgnoreCase));
        if (entity is not null)
        {
            return (entity.Mentioned.Id, mention.Name ?? entity.Mentioned.Name ?? "");
        }

        // Slack: <@U123> (or @U123 once mrkdwn has been flattened) is a user id.
        var id = mention.PlatformId ?? (SlackUserId().IsMatch(mention.Name ?? "") ? mention.Name : null);
        return (id, mention.Name ?? mention.Raw);
    }

    private static long Id(JObject data) => data["id"] is JValue { Value: { } v } && long.TryParse(Convert.ToString(v, CultureInfo.InvariantCulture), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : -1;

    private static JObject? TryParse(string s)
    {
        try
        {
            return JObject.Parse(s);
        }
        catch (Newtonsoft.Json.JsonException)
        {
            return null;
        }
    }

    [GeneratedRegex("^[UW][A-Z0-9]{6,20}$", RegexOptions.None, matchTimeoutMilliseconds: 200)]
    private static partial Regex SlackUserId();
}
