using BenchmarkDotNet.Attributes;
using CommsBot.Cards;
using CommsBot.Guidelines;
using CommsBot.Guidelines.Pack;

namespace CommsBot.Benchmarks;

/// <summary>
/// The part of a bot turn that is the project's own work: the review of a draft and its Teams card written as JSON
/// text, for the four drafts of the load script (tests/load/turns.lua), in a personal chat with no default account.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class TurnBenchmarks
{
    private static readonly DraftContext Context = new(AccountKind.Unknown, Platform.Unknown);
    private DraftReviewer reviewer = null!;
    private AdaptiveCardRenderer teams = null!;
    private Review[] reviews = null!;

    [GlobalSetup]
    public void Setup()
    {
        reviewer = new DraftReviewer(RulePack.LoadDefault());
        var templates = CardTemplates.Load();
        teams = new AdaptiveCardRenderer(templates);
        reviews = [.. BenchmarkDrafts.LoadDrafts.Select(d => reviewer.Review(d, Context))];
    }

    [Benchmark(Description = "Review the 4 load drafts")]
    public int ReviewLoadDrafts()
    {
        var n = 0;
        foreach (var draft in BenchmarkDrafts.LoadDrafts)
        {
            n += reviewer.Review(draft, Context).Findings.Count;
        }

        return n;
    }

    [Benchmark(Description = "Teams card of the 4 load drafts")]
    public int TeamsCards()
    {
        var n = 0;
        for (var i = 0; i < reviews.Length; i++)
        {
            n += teams.RenderReviewJson(reviews[i], new CardContext(BenchmarkDrafts.LoadDrafts[i], Context)).Length;
        }

        return n;
    }
}
