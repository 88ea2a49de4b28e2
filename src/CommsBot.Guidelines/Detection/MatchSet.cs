namespace CommsBot.Guidelines.Detection;

/// <summary>One occurrence of a group's term or pattern in a draft, by token and character range.</summary>
internal readonly record struct GroupMatch(int GroupId, int FirstToken, int LastToken, int Start, int End, int Sentence)
{
    public TextSpan Span => TextSpan.FromBounds(Start, End);
}

/// <summary>The matches of every group of the pack in one draft, grouped by group id.</summary>
internal sealed class MatchSet
{
    private readonly List<GroupMatch>?[] byGroup;

    public MatchSet(int groupCount) => byGroup = new List<GroupMatch>?[groupCount];

    public void Add(in GroupMatch match)
    {
        var list = byGroup[match.GroupId] ??= new List<GroupMatch>(4);
        foreach (var m in list)
        {
            if (m.Start == match.Start && m.End == match.End)
            {
                return;
            }
        }

        list.Add(match);
    }

    public IReadOnlyList<GroupMatch> Of(int groupId) => (IReadOnlyList<GroupMatch>?)byGroup[groupId] ?? [];

    public bool Any(int groupId) => byGroup[groupId] is { Count: > 0 };
}
