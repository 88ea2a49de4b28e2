using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace CommsBot.Nudges;

/// <summary>A nudge command typed in chat.</summary>
public abstract record NudgeCommand
{
    private NudgeCommand()
    {
    }

    /// <summary><c>kudos @colleague &lt;what&gt; &lt;link&gt; [title] [; with A, B]</c>.</summary>
    /// <param name="Colleague">The mention as typed: <c>&lt;at&gt;Name&lt;/at&gt;</c>, <c>&lt;@U123&gt;</c>, <c>@name</c> or a quoted name.</param>
    /// <param name="Kind">What it is.</param>
    /// <param name="Link">Where to read about it.</param>
    /// <param name="Title">The title, possibly empty.</param>
    /// <param name="CoAuthors">Names after <c>; with</c>.</param>
    public sealed record AddKudos(ColleagueMention Colleague, AccomplishmentKind Kind, Uri Link, string Title, IReadOnlyList<string> CoAuthors) : NudgeCommand;

    /// <summary><c>kudos list</c>.</summary>
    public sealed record ListKudos : NudgeCommand;

    /// <summary><c>kudos remove &lt;id&gt;</c>.</summary>
    public sealed record RemoveKudos(long Id) : NudgeCommand;

    /// <summary><c>conference add name="…" hashtag=#X start=YYYY-MM-DD [end=…] [tz=…] [photos=…] [embargo="…"] [link=…]</c>.</summary>
    public sealed record AddConference(Conference Conference) : NudgeCommand;

    /// <summary><c>conference list</c>.</summary>
    public sealed record ListConferences : NudgeCommand;

    /// <summary><c>conference remove &lt;id or #hashtag&gt;</c>.</summary>
    public sealed record RemoveConference(string IdOrHashtag) : NudgeCommand;

    /// <summary><c>nudges on</c> / <c>nudges off</c>.</summary>
    public sealed record Subscribe(bool On) : NudgeCommand;

    /// <summary><c>nudges pause 2w</c> (days <c>d</c> or weeks <c>w</c>).</summary>
    public sealed record Pause(TimeSpan For) : NudgeCommand;

    /// <summary><c>nudges</c> alone: the conversation's status.</summary>
    public sealed record Status : NudgeCommand;

    /// <summary>A nudge command with a bad argument; the text is the bot's own words, never the user's.</summary>
    public sealed record Invalid(string Problem) : NudgeCommand;
}

/// <summary>Who a kudos is for, as typed.</summary>
/// <param name="Raw">The mention markup (matched against the activity's mention entities), or the name.</param>
/// <param name="Name">The display name, when the markup carries one.</param>
/// <param name="PlatformId">The chat platform's user id, when the markup carries one (Slack's <c>&lt;@U123&gt;</c>).</param>
public sealed record ColleagueMention(string Raw, string? Name, string? PlatformId);

/// <summary>Parses <c>kudos</c>, <c>conference</c> and <c>nudges</c> commands; anything else is not a nudge command.</summary>
public static partial class NudgeCommandParser
{
    /// <summary>The longest pause.</summary>
    public static readonly TimeSpan MaxPause = TimeSpan.FromDays(182);

    private const string KudosUsage = "Use `kudos @colleague <what> <link> [title] [; with co-author, co-author]`, where what is one of publication, talk, award, grant, other; or `kudos list`, `kudos remove <id>`.";
    private const string ConferenceUsage = "Use `conference add name=\"…\" hashtag=#TAG start=2026-06-01 end=2026-06-05 tz=America/Chicago photos=no-slides embargo=\"…\" link=https://…`, `conference list` or `conference remove <id or #TAG>`.";
    private const string NudgesUsage = "Use `nudges on`, `nudges off` or `nudges pause 2w` (days `d` or weeks `w`).";

    /// <summary>True when <paramref name="text"/> is a nudge command (valid or not).</summary>
    public static bool TryParse(string? text, out NudgeCommand command)
    {
        command = null!;
        var trimmed = (text ?? "").Trim();

        // The first word decides; the rest of the message (for a draft, nearly all of it) is copied only for a command.
        var end = trimmed.IndexOfAny(WordBreaks);
        var word = end < 0 ? trimmed : trimmed[..end];
        switch (word.TrimStart('/').ToLowerInvariant())
        {
            case "kudos":
                command = ParseKudos(Split(trimmed).Remainder);
                return true;
            case "conference" or "conferences":
                command = ParseConference(Split(trimmed).Remainder);
                return true;
            case "nudges" or "nudge":
                command = ParseNudges(Split(trimmed).Remainder);
                return true;
            default:
                return false;
        }
    }

    private static NudgeCommand ParseKudos(string rest)
    {
        var (sub, after) = Split(rest);
        switch (sub.ToLowerInvariant())
        {
            case "list" when after.Length == 0:
                return new NudgeCommand.ListKudos();
            case "remove" or "delete":
                return long.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                    ? new NudgeCommand.RemoveKudos(id)
                    : new NudgeCommand.Invalid("Use `kudos remove <id>` with an id from `kudos list`.");
            case "":
                return new NudgeCommand.Invalid(KudosUsage);
        }

        var mention = TakeMention(rest, out var remainder);
        if (mention is null)
        {
            return new NudgeCommand.Invalid(KudosUsage);
        }

        var (kindWord, afterKind) = Split(remainder);
        if (!NudgeNames.TryParseKind(kindWord, out var kind))
        {
            return new NudgeCommand.Invalid(KudosUsage);
        }

        var (linkWord, afterLink) = Split(afterKind);
        linkWord = linkWord.Trim('<', '>');
        if (linkWord.Contains('|', StringComparison.Ordinal))
        {
            linkWord = linkWord[..linkWord.IndexOf('|', StringComparison.Ordinal)]; // Slack's <url|label>
        }

        if (!Uri.TryCreate(linkWord, UriKind.Absolute, out var link) || link.Scheme is not ("https" or "http"))
        {
            return new NudgeCommand.Invalid("The link must be an http(s) URL. " + KudosUsage);
        }

        var title = afterLink;
        IReadOnlyList<string> coAuthors = [];
        var with = WithClause().Match(afterLink);
        if (with.Success)
        {
            title = afterLink[..with.Index];
            coAuthors = afterLink[(with.Index + with.Length)..]
                .Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .SelectMany(n => n.Split(" and ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                .Select(StripMarkup)
                .Where(n => n.Length > 0)
                .ToList();
        }

        title = title.Trim().Trim('"', '\u201c', '\u201d').Trim();
        if (title.Length > 300)
        {
            return new NudgeCommand.Invalid("Keep the title under 300 characters.");
        }

        return new NudgeCommand.AddKudos(mention, kind, link, title, coAuthors);
    }

    private static NudgeCommand ParseConference(string rest)
    {
        var (sub, after) = Split(rest);
        switch (sub.ToLowerInvariant())
        {
            case "list" or "" when after.Length == 0:
                return new NudgeCommand.ListConferences();
            case "remove" or "delete" when after.Length > 0 && !after.Contains(' ', StringComparison.Ordinal):
                return new NudgeCommand.RemoveConference(after);
            case "add":
                var fields = KeyValues(after, out var bad);
                if (bad is not null)
                {
                    return new NudgeCommand.Invalid($"I couldn't read `{bad}`. " + ConferenceUsage);
                }

                string? F(string key, string? alt = null) =>
                    fields.TryGetValue(key, out var v) ? v : alt is not null && fields.TryGetValue(alt, out var w) ? w : null;
                return ConferenceCalendar.TryCreate(F("id"), F("name"), F("start"), F("end"), F("tz", "timezone"), F("hashtag", "tag"), F("photos"), F("embargo"), F("link"), out var conference, out var problem)
                    ? new NudgeCommand.AddConference(conference)
                    : new NudgeCommand.Invalid(Capitalize(problem) + ". " + ConferenceUsage);
            default:
                return new NudgeCommand.Invalid(ConferenceUsage);
        }
    }

    private static NudgeCommand ParseNudges(string rest)
    {
        var (sub, after) = Split(rest);
        switch (sub.ToLowerInvariant())
        {
            case "" or "status":
                return new NudgeCommand.Status();
            case "on" when after.Length == 0:
                return new NudgeCommand.Subscribe(true);
            case "off" when after.Length == 0:
                return new NudgeCommand.Subscribe(false);
            case "pause":
                var match = Duration().Match(after);
                if (!match.Success)
                {
                    return new NudgeCommand.Invalid(NudgesUsage);
                }

                var count = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
                var span = match.Groups[2].Value.StartsWith('w') ? TimeSpan.FromDays(7 * count) : TimeSpan.FromDays(count);
                return count == 0 || span > MaxPause
                    ? new NudgeCommand.Invalid("Pause for between 1 day and 26 weeks, e.g. `nudges pause 2w`.")
                    : new NudgeCommand.Pause(span);
            default:
                return new NudgeCommand.Invalid(NudgesUsage);
        }
    }

    private static ColleagueMention? TakeMention(string text, out string remainder)
    {
        remainder = "";
        var teams = TeamsMention().Match(text);
        if (teams.Success)
        {
            remainder = text[teams.Length..].Trim();
            return new ColleagueMention(teams.Value, teams.Groups[1].Value.Trim(), null);
        }

        var slack = SlackMention().Match(text);
        if (slack.Success)
        {
            remainder = text[slack.Length..].Trim();
            return new ColleagueMention(slack.Value, slack.Groups[2].Success ? slack.Groups[2].Value : null, slack.Groups[1].Value);
        }

        if (text.StartsWith('"'))
        {
            var close = text.IndexOf('"', 1);
            if (close > 1)
            {
                remainder = text[(close + 1)..].Trim();
                var name = text[1..close].Trim();
                return new ColleagueMention(name, name, null);
            }

            return null;
        }

        var (word, after) = Split(text);
        if (word.StartsWith('@') && word.Length > 1)
        {
            remainder = after;
            return new ColleagueMention(word, word[1..], null);
        }

        return null;
    }

    private static Dictionary<string, string> KeyValues(string text, out string? bad)
    {
        bad = null;
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i >= text.Length)
            {
                break;
            }

            var eq = text.IndexOf('=', i);
            var space = text.IndexOf(' ', i);
            if (eq < 0 || (space >= 0 && space < eq))
            {
                bad = space < 0 ? text[i..] : text[i..space];
                bad = bad.Length > 30 ? bad[..30] : bad;
                return result;
            }

            var key = text[i..eq].Trim().ToLowerInvariant();
            i = eq + 1;
            var value = new StringBuilder();
            if (i < text.Length && (text[i] == '"' || text[i] == '\u201c'))
            {
                i++;
                while (i < text.Length && text[i] != '"' && text[i] != '\u201d')
                {
                    value.Append(text[i++]);
                }

                i++;
            }
            else
            {
                while (i < text.Length && !char.IsWhiteSpace(text[i]))
                {
                    value.Append(text[i++]);
                }
            }

            result[key] = StripMarkup(value.ToString().Trim('<', '>'));
        }

        return result;
    }

    private static string StripMarkup(string name)
    {
        var teams = TeamsMention().Match(name);
        return (teams.Success ? teams.Groups[1].Value : name).Trim().TrimStart('@').Trim();
    }

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static readonly char[] WordBreaks = [' ', '\t', '\r', '\n', '\u00a0'];

    private static (string Word, string Remainder) Split(string text)
    {
        var trimmed = text.Trim();
        var end = trimmed.IndexOfAny(WordBreaks);
        return end < 0 ? (trimmed, "") : (trimmed[..end], trimmed[end..].Trim());
    }

    [GeneratedRegex(@"^<at>([^<]{1,200})</at>", RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 200)]
    private static partial Regex TeamsMention();

    [GeneratedRegex(@"^<@([A-Z0-9]{2,30})(?:\|([^>]{1,200}))?>", RegexOptions.None, matchTimeoutMilliseconds: 200)]
    private static partial Regex SlackMention();

    [GeneratedRegex(@"\s*;\s*with\s+", RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 200)]
    private static partial Regex WithClause();

    [GeneratedRegex(@"^(\d{1,3})\s*(d|days?|w|weeks?)$", RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 200)]
    private static partial Regex Duration();
}
