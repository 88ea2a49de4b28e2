namespace CommsBot.Guidelines.Detection;

/// <summary>Where a clause looks for its groups together.</summary>
internal enum ClauseScope
{
    /// <summary>Anywhere in the draft.</summary>
    Post,

    /// <summary>Within one sentence.</summary>
    Sentence,

    /// <summary>Within a number of tokens of a match of the clause's first group.</summary>
    Window,
}

/// <summary>A compiled clause: the groups that must, may and must not appear together, and for which accounts.</summary>
internal sealed class Clause
{
    public IReadOnlySet<AccountKind>? Accounts { get; init; }

    public ClauseScope Scope { get; init; }

    public int Window { get; init; } = 20;

    public required int[] All { get; init; }

    public required int[] Any { get; init; }

    public required int[] None { get; init; }

    public required int[] Unless { get; init; }

    public required int[] Score { get; init; }

    public double MinScore { get; init; }
}

/// <summary>The part of a draft a clause is checked in: all of it, one sentence, or a window of tokens.</summary>
internal readonly record struct Unit(ClauseScope Scope, int Sentence, int Lo, int Hi)
{
    public bool Contains(in GroupMatch m) => Scope switch
    {
        ClauseScope.Post => true,
        ClauseScope.Sentence => m.Sentence == Sentence,
        _ => m.LastToken >= Lo && m.FirstToken <= Hi,
    };
}

/// <summary>
/// The <c>signals</c> detector kind: a rule fires when one of its clauses holds. A clause names term groups that
/// must all appear (<c>all</c>), at least one of which must appear (<c>any</c>), that must not appear in the same
/// scope (<c>none</c>) or anywhere (<c>unless</c>), and a minimum summed weight of the groups present
/// (<c>minScore</c>, each group counting up to its <c>maxCount</c> distinct matches): enough to express
/// co-occurrence in a sentence or window, weighted quasi-identifiers, and placement (a group that only counts at
/// the start of the draft). Allocation-free until something fires.
/// </summary>
internal sealed class SignalsDetector(
    GuidelineRule rule,
    IReadOnlyList<Clause> clauses,
    IReadOnlyList<(int Group, string Advice)> missing,
    int? spanGroup,
    int maxFindings,
    IReadOnlyList<SignalGroup> groups) : IDetector
{
    // An array, so that the loop over them on every draft enumerates without an allocated enumerator.
    private readonly Clause[] clauseArray = [.. clauses];

    public void Detect(DetectionContext context, List<Finding> findings)
    {
        if (rule.Retired)
        {
            return;
        }

        var matches = context.Matches;
        List<(TextSpan Span, List<GroupMatch> Parts)>? found = null;
        foreach (var clause in clauseArray)
        {
            if (clause.Accounts is { } accounts && !accounts.Contains(context.Draft.Account))
            {
                continue;
            }

            if (AnyPresent(clause.Unless, matches))
            {
                continue;
            }

            switch (clause.Scope)
            {
                case ClauseScope.Post:
                    TryUnit(clause, matches, new Unit(ClauseScope.Post, 0, 0, 0), ref found);
                    break;
                case ClauseScope.Sentence:
                    for (var s = 0; s < context.Text.SentenceCount; s++)
                    {
                        TryUnit(clause, matches, new Unit(ClauseScope.Sentence, s, 0, 0), ref found);
                    }

                    break;
                default:
                    // anchor on the first required group, or on every match of the 'any' groups
                    if (clause.All.Length > 0)
                    {
                        TryAnchors(clause, matches, clause.All[0], ref found);
                    }
                    else
                    {
                        foreach (var g in clause.Any)
                        {
                            TryAnchors(clause, matches, g, ref found);
                        }
                    }

                    break;
            }

            if (found?.Count >= maxFindings)
            {
                break;
            }
        }

        if (found is null)
        {
            return;
        }

        var severity = rule.Severity;
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        if (missing.Count > 0 && Absent(matches) is { Count: > 0 } absent)
        {
            severity = Severity.Suggestion;
            properties["missing"] = string.Join('|', absent);
        }

        foreach (var (span, parts) in Merge(found, context.Text).Take(maxFindings))
        {
            var props = new Dictionary<string, string>(properties, StringComparer.Ordinal)
            {
                [FindingParts.Key] = FindingParts.Encode(parts.OrderBy(p => p.Start).Select(p => (groups[p.GroupId].Name, p.Span))),
            };
            findings.Add(new Finding(rule.Id, severity, span, props));
        }
    }

    // Not inline in Detect: a lambda there that captures its locals makes every call allocate their closure, also the
    // calls (nearly all) where nothing fires.
    private List<string> Absent(MatchSet matches) => missing.Where(m => !matches.Any(m.Group)).Select(m => m.Advice).ToList();

    private static bool AnyPresent(int[] groupIds, MatchSet matches)
    {
        foreach (var g in groupIds)
        {
            if (matches.Any(g))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Present(int group, MatchSet matches, in Unit unit)
    {
        foreach (ref readonly var m in matches.Of(group))
        {
            if (unit.Contains(m))
            {
                return true;
            }
        }

        return false;
    }

    private void TryAnchors(Clause clause, MatchSet matches, int anchorGroup, ref List<(TextSpan, List<GroupMatch>)>? found)
    {
        foreach (ref readonly var anchor in matches.Of(anchorGroup))
        {
            if (found is not null && Covered(found, anchor.Start))
            {
                continue; // this place already fired: one finding per place is enough
            }

            TryUnit(clause, matches, new Unit(ClauseScope.Window, 0, anchor.FirstToken - clause.Window, anchor.LastToken + clause.Window), ref found);
        }
    }

    private static bool Covered(List<(TextSpan Span, List<GroupMatch> Parts)> found, int start)
    {
        foreach (var (span, _) in found)
        {
            if (span.Start <= start && start < span.End)
            {
                return true;
            }
        }

        return false;
    }

    private void TryUnit(Clause clause, MatchSet matches, in Unit unit, ref List<(TextSpan, List<GroupMatch>)>? found)
    {
        foreach (var g in clause.All)
        {
            if (!Present(g, matches, unit))
            {
                return;
            }
        }

        if (clause.Any.Length > 0)
        {
            var any = false;
            foreach (var g in clause.Any)
            {
                if (Present(g, matches, unit))
                {
                    any = true;
                    break;
                }
            }

            if (!any)
            {
                return;
            }
        }

        foreach (var g in clause.None)
        {
            if (Present(g, matches, unit))
            {
                return;
            }
        }

        if (clause.MinScore > 0)
        {
            double score = 0;
            foreach (var g in clause.Score)
            {
                var count = 0;
                var cap = groups[g].MaxCount;
                foreach (ref readonly var m in matches.Of(g))
                {
                    if (unit.Contains(m) && ++count == cap)
                    {
                        break;
                    }
                }

                score += groups[g].Weight * count;
            }

            if (score < clause.MinScore)
            {
                return;
            }
        }

        // it fires: collect the parts that make the span (the rule's span group when the clause uses it)
        var parts = new List<GroupMatch>();
        var useSpanGroup = spanGroup is { } sg && (clause.All.Contains(sg) || clause.Any.Contains(sg) || clause.Score.Contains(sg)) && Present(sg, matches, unit);
        foreach (var g in useSpanGroup ? [spanGroup!.Value] : clause.All.Concat(clause.Any).Concat(clause.Score).Distinct())
        {
            if (groups[g].Weight <= 0 && !useSpanGroup)
            {
                continue;
            }

            foreach (ref readonly var m in matches.Of(g))
            {
                if (unit.Contains(m))
                {
                    parts.Add(m);
                }
            }
        }

        if (parts.Count == 0)
        {
            return;
        }

        var span = parts[0].Span;
        foreach (var p in parts)
        {
            span = span.Union(p.Span);
        }

        (found ??= []).Add((span, parts));
    }

    /// <summary>Merges findings whose spans overlap or share a sentence, so one place in the draft is reported once per rule.</summary>
    private static IEnumerable<(TextSpan Span, List<GroupMatch> Parts)> Merge(List<(TextSpan Span, List<GroupMatch> Parts)> found, Text.DraftText text)
    {
        int SentenceOf(TextSpan span)
        {
            var t = text.TokenAtOrAfter(span.Start);
            return t < text.Tokens.Length ? text.Tokens[t].Sentence : -1;
        }

        found.Sort((a, b) => a.Span.Start.CompareTo(b.Span.Start));
        var current = found[0];
        for (var i = 1; i < found.Count; i++)
        {
            if (found[i].Span.Overlaps(current.Span) || SentenceOf(found[i].Span) == SentenceOf(current.Span))
            {
                var parts = current.Parts.Concat(found[i].Parts).Distinct().ToList();
                current = (current.Span.Union(found[i].Span), parts);
            }
            else
            {
                yield return current;
                current = found[i];
            }
        }

        yield return current;
    }
}
