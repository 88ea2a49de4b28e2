using System.Text.RegularExpressions;
using CommsBot.Bot.Channels;
using CommsBot.Bot.Conversations;
using CommsBot.Bot.Storage;
using CommsBot.Nudges;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;

namespace CommsBot.Bot.Nudges;

/// <summary>The nudge commands, in any channel: <c>kudos</c> (add, list, remove), <c>conference</c> (add, list,
/// remove) and <c>nudges</c> (on, off, pause, status).</summary>
public sealed partial class NudgeCommands(
    NudgeStore store,
    NudgePlanner planner,
    IBotStore botStore,
    ChannelCards cards,
    IOptions<NudgeOptions> options,
    TimeProvider time,
    ILogger<NudgeCommands> logger)
{
    /// <summary>Answers a nudge command, or returns null when the text is not one.</summary>
    public async Task<BotReply?> TryHandleAsync(ITurnContext turnContext, string? text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        if (!NudgeCommandParser.TryParse(text, out var command))
        {
            return null;
        }

        var activity = turnContext.Activity;
        var channel = cards.For(activity);
        var name = command.GetType().Name.ToLowerInvariant();
        Log.NudgeCommandHandled(logger, name, activity.Id);
        var card = command switch
        {
            NudgeCommand.AddKudos add => await AddKudosAsync(activity, add, channel, cancellationToken),
            NudgeCommand.ListKudos => await ListKudosAsync(activity, channel, cancellationToken),
            NudgeCommand.RemoveKudos remove => await RemoveKudosAsync(activity, remove.Id, channel, cancellationToken),
            NudgeCommand.AddConference add => await AddConferenceAsync(activity, add.Conference, channel, cancellationToken),
            NudgeCommand.ListConferences => await ListConferencesAsync(channel, cancellationToken),
            NudgeCommand.RemoveConference remove => await store.RemoveConferenceAsync(remove.IdOrHashtag, cancellationToken)
                ? channel.Notice("Meeting removed", "It won't get highlight nudges any more.")
                : channel.Notice("No such meeting", "See `conference list` for ids and hashtags.", isError: true),
            NudgeCommand.Subscribe subscribe => await SubscribeAsync(turnContext, subscribe.On, null, channel, cancellationToken),
            NudgeCommand.Pause pause => await SubscribeAsync(turnContext, true, time.GetUtcNow() + pause.For, channel, cancellationToken),
            NudgeCommand.Status => await StatusAsync(activity, channel, cancellationToken),
            NudgeCommand.Invalid invalid => channel.Notice("I didn't get that", invalid.Problem, isError: true),
            _ => channel.Help(),
        };
        return card;
    }

    /// <summary>The scope of accomplishments: one workspace or tenant of one channel.</summary>
    internal static string Scope(IActivity activity) => $"{activity.ChannelId}|{activity.Conversation?.TenantId}";

    private async Task<Attachment> AddKudosAsync(Activity activity, NudgeCommand.AddKudos add, IChannelCards channel, CancellationToken cancellationToken)
    {
        var (colleagueId, colleagueName, colleagueAad) = ResolveColleague(activity, add.Colleague);
        if (colleagueName.Length == 0)
        {
            return channel.Notice("Who is it for?", "Mention the colleague with @.", isError: true);
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
            AddedBy = Turn.UserKey(activity),
            ServiceUrl = activity.ServiceUrl,
            TenantId = activity.Conversation?.TenantId,
            Consent = (self ? ConsentState.Granted : ConsentState.Pending).ToWire(),
        };
        var id = await store.AddAccomplishmentAsync(record, cancellationToken);
        if (self)
        {
            return channel.Notice($"Kudos #{id} added", $"Added your {record.Kind}. It will be offered in the next colleague-promotion nudge.");
        }

        if (colleagueId is null)
        {
            return channel.Notice($"Kudos #{id} added", $"I can't ask {colleagueName} for consent without an @mention, so it won't be offered until they add it themselves. Remove it with `kudos remove {id}`.");
        }

        // Where to tell the adder if the colleague cannot be asked.
        if (activity.Conversation?.Id is not null && !string.IsNullOrEmpty(activity.ServiceUrl))
        {
            await botStore.SaveConversationReferenceAsync(activity.GetConversationReference(), cancellationToken);
        }

        await planner.EnqueueConsentAsync(record, activity.Conversation?.Id, colleagueAad, cancellationToken);
        return channel.Notice($"Kudos #{id} added", $"I'll ask {colleagueName} in a personal chat whether they're happy to be promoted publicly. It won't be offered until they say yes.");
    }

    private async Task<Attachment> ListKudosAsync(Activity activity, IChannelCards channel, CancellationToken cancellationToken)
    {
        var items = await store.ListAccomplishmentsAsync(Scope(activity), cancellationToken);
        if (items.Count == 0)
        {
            return channel.Notice("No kudos yet", "Add one with `kudos @colleague publication https://… Title`.");
        }

        var text = string.Join("\n", items.TakeLast(25).Select(a =>
            $"#{a.Id} {a.Kind}: {a.ColleagueName}{(a.Title.Length > 0 ? $", \"{a.Title}\"" : "")} (consent {a.Consent})"));
        return channel.Notice($"Kudos ({items.Count})", text);
    }

    private async Task<Attachment> RemoveKudosAsync(Activity activity, long id, IChannelCards channel, CancellationToken cancellationToken)
    {
        var item = await store.GetAccomplishmentAsync(id, cancellationToken);
        if (item is null || item.Scope != Scope(activity))
        {
            return channel.Notice("No such kudos", "See `kudos list` for ids.", isError: true);
        }

        var user = Turn.UserKey(activity);
        var allowed = item.AddedBy == user || (item.ColleagueId is not null && item.ColleagueId == activity.From?.Id) || options.Value.Admins.Contains(user);
        if (!allowed)
        {
            return channel.Notice("Not yours to remove", "Only the person who added it, the colleague it's about, or an admin can remove it.", isError: true);
        }

        await store.RemoveAccomplishmentAsync(id, cancellationToken);
        return channel.Notice("Kudos removed", $"#{id} won't be offered again.");
    }

    private async Task<Attachment> AddConferenceAsync(Activity activity, Conference conference, IChannelCards channel, CancellationToken cancellationToken)
    {
        await store.UpsertConferenceAsync(conference, Turn.UserKey(activity), cancellationToken);
        return channel.Notice("Meeting saved", $"{conference.Name} ({conference.Hashtag}), {conference.Start:yyyy-MM-dd} to {conference.End:yyyy-MM-dd}, id `{conference.Id}`. {conference.Photos.Describe()}");
    }

    private async Task<Attachment> ListConferencesAsync(IChannelCards channel, CancellationToken cancellationToken)
    {
        var rows = await store.ListConferencesAsync(cancellationToken);
        return rows.Count == 0
            ? channel.Notice("No meetings", "Add one with `conference add name=\"…\" hashtag=#TAG start=2026-06-01 end=2026-06-05`.")
            : channel.Notice($"Meetings ({rows.Count})", string.Join("\n", rows.Select(c =>
                $"`{c.Id}` {c.Name} {c.Hashtag}, {c.Start:yyyy-MM-dd} to {c.End:yyyy-MM-dd} ({c.TimeZoneId}), photos {c.Photos}")));
    }

    private async Task<Attachment> SubscribeAsync(ITurnContext turnContext, bool on, DateTimeOffset? pausedUntil, IChannelCards channel, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        if (activity.Conversation?.Id is null)
        {
            return channel.Notice("Nudges", "This conversation can't receive nudges.", isError: true);
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
            return channel.Notice("Nudges are off", "This conversation won't get nudges. Turn them back on with `nudges on`.");
        }

        if (pausedUntil is { } until)
        {
            var local = TimeZoneInfo.ConvertTime(until, o.ResolveTimeZone());
            return channel.Notice("Nudges paused", $"No nudges until {local:yyyy-MM-dd HH:mm} ({o.TimeZone}). `nudges on` resumes them now.");
        }

        return channel.Notice("Nudges are on", Rules(o));
    }

    private async Task<Attachment> StatusAsync(Activity activity, IChannelCards channel, CancellationToken cancellationToken)
    {
        var key = NudgeTarget.Conversation(activity.ChannelId, activity.Conversation?.Id ?? "");
        var subscription = await store.GetSubscriptionAsync(key, cancellationToken);
        var state = subscription switch
        {
            null or { Enabled: false } => "Nudges are off here. `nudges on` turns them on.",
            { PausedUntilMs: { } ms } when ms > time.GetUtcNow().ToUnixTimeMilliseconds() => "Nudges are paused. `nudges on` resumes them.",
            _ => "Nudges are on here.",
        };
        return channel.Notice("Nudges", state + " " + Rules(options.Value));
    }

    private static string Rules(NudgeOptions o) =>
        $"Colleague promotions on the schedule `{o.ColleaguePromotion.Cron}` and conference highlights on `{o.ConferenceHighlights.Cron}` ({o.TimeZone}). "
        + (o.QuietHours.Enabled ? $"Only between {o.QuietHours.Start} and {o.QuietHours.End}{(o.QuietHours.WeekendsOff ? " on weekdays" : "")}, " : "")
        + $"at most {o.QuietHours.MaxPerWeek} a week. `nudges pause 2w` or `nudges off` to stop.";

    private static (string? Id, string Name, string? AadObjectId) ResolveColleague(Activity activity, ColleagueMention mention)
    {
        // Teams: the mention entity whose text is the markup carries the user id.
        var entity = activity.Entities?
            .Where(e => string.Equals(e.Type, "mention", StringComparison.OrdinalIgnoreCase))
            .Select(e => e.GetAs<Mention>())
            .FirstOrDefault(m => m.Mentioned is not null && m.Mentioned.Id != activity.Recipient?.Id
                && string.Equals(m.Text, mention.Raw, StringComparison.OrdinalIgnoreCase));
        if (entity is not null)
        {
            return (entity.Mentioned.Id, mention.Name ?? entity.Mentioned.Name ?? "", entity.Mentioned.AadObjectId);
        }

        // Slack: <@U123> (or @U123 once mrkdwn has been flattened) is a user id.
        var id = mention.PlatformId ?? (SlackUserId().IsMatch(mention.Name ?? "") ? mention.Name : null);
        return (id, mention.Name ?? mention.Raw, null);
    }

    [GeneratedRegex("^[UW][A-Z0-9]{6,20}$", RegexOptions.None, matchTimeoutMilliseconds: 200)]
    private static partial Regex SlackUserId();
}
