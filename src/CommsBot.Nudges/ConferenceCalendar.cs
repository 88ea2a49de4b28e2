using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace CommsBot.Nudges;

/// <summary>Which meetings are on, and the seed file's format.</summary>
public static class ConferenceCalendar
{
    /// <summary>True when <paramref name="now"/> falls on one of the meeting's days in its own time zone.</summary>
    public static bool IsOn(Conference conference, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(conference);
        var day = LocalDay(conference, now);
        return day >= conference.Start && day <= conference.End;
    }

    /// <summary>The meeting's local date at <paramref name="now"/>.</summary>
    public static DateOnly LocalDay(Conference conference, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(conference);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(conference.TimeZoneId);
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
    }

    /// <summary>The outbox period of a highlight nudge: the meeting and its local day.</summary>
    public static string HighlightPeriod(Conference conference, DateTimeOffset now) =>
        conference.Id + ":" + LocalDay(conference, now).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The meetings whose hashtag a draft names (case-insensitive, whole hashtag).</summary>
    public static IReadOnlyList<Conference> NamedIn(string draft, IEnumerable<Conference> conferences)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(conferences);
        var tags = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < draft.Length; i++)
        {
            if (draft[i] != '#')
            {
                continue;
            }

            var end = i + 1;
            while (end < draft.Length && (char.IsLetterOrDigit(draft[end]) || draft[end] == '_'))
            {
                end++;
            }

            if (end > i + 1)
            {
                tags.Add(draft[i..end]);
            }

            i = end - 1;
        }

        return conferences.Where(c => tags.Contains(c.Hashtag)).ToList();
    }

    /// <summary>Parses the seed file (a YAML list under <c>conferences:</c>). Throws <see cref="FormatException"/>
    /// listing every problem at once, with the file name.</summary>
    public static IReadOnlyList<Conference> ParseSeed(string yaml, string fileName)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        SeedDocument? document;
        try
        {
            document = new DeserializerBuilder().WithNamingConvention(HyphenatedNamingConvention.Instance).Build().Deserialize<SeedDocument>(yaml);
        }
        catch (YamlException e)
        {
            throw new FormatException($"{fileName}: line {e.Start.Line}: {e.InnerException?.Message ?? e.Message}", e);
        }

        var errors = new List<string>();
        var result = new List<Conference>();
        foreach (var (entry, index) in (document?.Conferences ?? []).Select((e, i) => (e, i)))
        {
            if (TryCreate(entry.Id, entry.Name, entry.Start, entry.End, entry.TimeZone, entry.Hashtag, entry.Photos, entry.Embargo, entry.Link, out var conference, out var problem))
            {
                result.Add(conference);
            }
            else
            {
                errors.Add($"conference {index + 1} ({entry.Id ?? "no id"}): {problem}");
            }
        }

        foreach (var duplicate in result.GroupBy(c => c.Id, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            errors.Add($"id {duplicate.Key} is used {duplicate.Count()} times");
        }

        if (errors.Count > 0)
        {
            throw new FormatException($"{fileName} has {errors.Count} problem(s):{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", errors));
        }

        return result;
    }

    /// <summary>Validates one meeting's fields (from the seed file or <c>conference add</c>).</summary>
    public static bool TryCreate(
        string? id, string? name, string? start, string? end, string? timeZone, string? hashtag, string? photos, string? embargo, string? link,
        out Conference conference, out string problem)
    {
        conference = null!;
        problem = "";
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(name))
        {
            problems.Add("name is required");
        }

        if (!DateOnly.TryParseExact(start, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
        {
            problems.Add("start must be a date like 2026-06-01");
        }

        var last = first;
        if (!string.IsNullOrWhiteSpace(end) && !DateOnly.TryParseExact(end, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out last))
        {
            problems.Add("end must be a date like 2026-06-05");
        }
        else if (last < first)
        {
            problems.Add("end is before start");
        }

        var zone = string.IsNullOrWhiteSpace(timeZone) ? "UTC" : timeZone.Trim();
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
        {
            problems.Add($"unknown time zone {zone} (use an IANA id such as America/Chicago)");
        }

        var tag = (hashtag ?? "").Trim();
        if (!tag.StartsWith('#'))
        {
            tag = "#" + tag;
        }

        if (tag.Length < 2 || !tag.Skip(1).All(c => char.IsLetterOrDigit(c) || c == '_'))
        {
            problems.Add("hashtag must be letters, digits or _ (e.g. #ASCO26)");
        }

        var policy = PhotoPolicy.Allowed;
        if (!string.IsNullOrWhiteSpace(photos) && !NudgeNames.TryParsePhotoPolicy(photos, out policy))
        {
            problems.Add($"photos must be one of {string.Join(", ", NudgeNames.PhotoPolicies)}");
        }

        Uri? uri = null;
        if (!string.IsNullOrWhiteSpace(link) && (!Uri.TryCreate(link.Trim(), UriKind.Absolute, out uri) || uri.Scheme is not ("https" or "http")))
        {
            problems.Add("link must be an http(s) URL");
        }

        if (problems.Count > 0)
        {
            problem = string.Join("; ", problems);
            return false;
        }

        var slug = string.IsNullOrWhiteSpace(id) ? tag[1..].ToLowerInvariant() : id.Trim().ToLowerInvariant();
        conference = new Conference(slug, name!.Trim(), first, last, zone, tag, policy, embargo?.Trim() ?? "", uri);
        return true;
    }

    private sealed class SeedDocument
    {
        public List<SeedEntry> Conferences { get; set; } = [];
    }

    private sealed class SeedEntry
    {
        public string? Id { get; set; }

        public string? Name { get; set; }

        public string? Start { get; set; }

        public string? End { get; set; }

        public string? TimeZone { get; set; }

        public string? Hashtag { get; set; }

        public string? Photos { get; set; }

        public string? Embargo { get; set; }

        public string? Link { get; set; }
    }
}
