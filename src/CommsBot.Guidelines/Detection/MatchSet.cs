using System.Runtime.InteropServices;

namespace CommsBot.Guidelines.Detection;

/// <summary>One occurrence of a group's term or pattern in a draft, by token and character range.</summary>
internal readonly record struct GroupMatch(int GroupId, int FirstToken, int LastToken, int Start, int End, int Sentence)
{
    public TextSpan Span => TextSpan.FromBounds(Start, End);
}

/// <summary>
/// The matches of every group of the pack in one draft. Matches are collected into one flat list, then sorted by
/// group and start once (<see cref="Seal"/>), so that a group's matches are a slice: no list per group.
/// </summary>
internal sealed class MatchSet
{
    private readonly List<GroupMatch> all;
    private readonly int[] offsets;
    private bool sealed_;

    public MatchSet(int groupCount, int expectedMatches = 48)
    {
        offsets = new int[groupCount + 1];
        all = new List<GroupMatch>(expectedMatches);
    }

    public void Add(in GroupMatch match) => all.Add(match);

    /// <summary>Sorts and de-duplicates the matches and indexes them by group. Call once, after the last <see cref="Add"/>.</summary>
    public void Seal()
    {
        var span = CollectionsMarshal.AsSpan(all);
        span.Sort(static (a, b) => a.GroupId != b.GroupId ? a.GroupId.CompareTo(b.GroupId) : a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.End.CompareTo(b.End));
        var n = 0;
        for (var i = 0; i < span.Length; i++)
        {
            if (n > 0 && span[n - 1].GroupId == span[i].GroupId && span[n - 1].Start == span[i].Start && span[n - 1].End == span[i].End)
            {
                continue;
            }

            span[n++] = span[i];
        }

        all.RemoveRange(n, all.Count - n);
        span = CollectionsMarshal.AsSpan(all);
        var g = 0;
        for (var i = 0; i < span.Length; i++)
        {
            while (g <= span[i].GroupId)
            {
                offsets[g++] = i;
            }
        }

        while (g < offsets.Length)
        {
            offsets[g++] = span.Length;
        }

        sealed_ = true;
    }

    public ReadOnlySpan<GroupMatch> Of(int groupId)
    {
        if (!sealed_)
        {
            throw new InvalidOperationException("The match set is not sealed.");
        }

        return CollectionsMarshal.AsSpan(all)[offsets[groupId]..offsets[groupId + 1]];
    }

    public bool Any(int groupId) => Of(groupId).Length > 0;
}
