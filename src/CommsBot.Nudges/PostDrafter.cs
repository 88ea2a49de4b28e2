namespace CommsBot.Nudges;

/// <summary>The ready drafts behind "Draft a post" and "Draft a highlight". Written to follow the guidelines: credit
/// and a link, no hype, no patient details, no promotion.</summary>
public static class PostDrafter
{
    /// <summary>A post celebrating a colleague's accomplishment: tags them, links the work, credits co-authors.</summary>
    public static string ColleaguePost(Accomplishment accomplishment)
    {
        ArgumentNullException.ThrowIfNull(accomplishment);
        var who = Tag(accomplishment.ColleagueName);
        var title = string.IsNullOrWhiteSpace(accomplishment.Title) ? "" : $" \"{accomplishment.Title.Trim()}\"";
        var opening = accomplishment.Kind switch
        {
            AccomplishmentKind.Publication => $"Congratulations to {who} on the publication of{(title.Length > 0 ? title : " their new paper")}.",
            AccomplishmentKind.Talk => $"Congratulations to {who} on presenting{(title.Length > 0 ? title : " their work")}.",
            AccomplishmentKind.Award => $"Congratulations to {who} on receiving{(title.Length > 0 ? title : " a well-deserved award")}.",
            AccomplishmentKind.Grant => $"Congratulations to {who} on being awarded{(title.Length > 0 ? " the grant" + title : " a new research grant")}.",
            _ => $"Congratulations to {who}{(title.Length > 0 ? " on" + title : "")}.",
        };
        var credit = accomplishment.CoAuthors.Count > 0
            ? $" Shared with {Join(accomplishment.CoAuthors.Select(Tag).ToList())}."
            : "";
        return $"{opening}{credit} Read more: {accomplishment.Link.AbsoluteUri}";
    }

    /// <summary>A template for sharing the salient points of a meeting, with the speaker credit to fill in.</summary>
    public static string HighlightTemplate(Conference conference)
    {
        ArgumentNullException.ThrowIfNull(conference);
        return $"Key takeaways from [session title] at {conference.Hashtag}, presented by [speaker name]:\n"
            + "1. [first key point]\n"
            + "2. [second key point]\n"
            + "3. [what it means for practice]\n"
            + "Source: [link to abstract or slides shared by the presenter]";
    }

    private static string Tag(string name)
    {
        var trimmed = name.Trim();
        return trimmed.StartsWith('@') ? trimmed : "@" + trimmed;
    }

    private static string Join(List<string> names) => names.Count switch
    {
        1 => names[0],
        2 => $"{names[0]} and {names[1]}",
        _ => string.Join(", ", names.Take(names.Count - 1)) + " and " + names[^1],
    };
}
