using BenchmarkDotNet.Attributes;
using CommsBot.Guidelines;
using CommsBot.Guidelines.Learned;
using CommsBot.Guidelines.Pack;

namespace CommsBot.Benchmarks;

/// <summary>
/// Evaluation of one draft against the default pack, single-threaded (BenchmarkDotNet runs each benchmark on one
/// thread). Targets from issue 2: median at most 50 µs for 280 characters and 250 µs for 2,000, and at most 20 KB
/// allocated per 280-character draft. The Review benchmarks add what the bot and CLI do on top: fixes and the revised text;
/// the learned ones add the second opinion (MiniLM on one thread, the draft and its sentences), the bot's default.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class EvaluatorBenchmarks
{
    private static readonly DraftContext Context = new(AccountKind.Professional, Platform.Instagram);
    private GuidelineEvaluator evaluator = null!;
    private DraftReviewer reviewer = null!;
    private DraftReviewer stacked = null!;

    [GlobalSetup]
    public void Setup()
    {
        if (BenchmarkDrafts.Short280.Length != 280 || BenchmarkDrafts.Long2000.Length != 2_000)
        {
            throw new InvalidOperationException($"The benchmark drafts must be 280 and 2,000 characters long, not {BenchmarkDrafts.Short280.Length} and {BenchmarkDrafts.Long2000.Length}.");
        }

        var pack = RulePack.LoadDefault();
        evaluator = new GuidelineEvaluator(pack);
        reviewer = new DraftReviewer(pack);
        stacked = new DraftReviewer(pack, secondOpinion: LearnedSecondOpinion.CreateDefault() ?? throw new InvalidOperationException("This build has no learned model."));
        stacked.Review(BenchmarkDrafts.Short280, Context); // the model and the ONNX session load once, outside the measurement

        // A benchmark of a draft that triggers nothing would measure the wrong path.
        foreach (var draft in new[] { BenchmarkDrafts.Short280, BenchmarkDrafts.Long2000 })
        {
            var found = evaluator.Evaluate(draft, Context).Findings.Select(f => f.RuleId).Distinct().Count();
            if (found < 3)
            {
                throw new InvalidOperationException($"A benchmark draft triggers only {found} rules; it should trigger several.");
            }
        }
    }

    [Benchmark(Description = "Evaluate 280 chars")]
    public Evaluation Evaluate280() => evaluator.Evaluate(BenchmarkDrafts.Short280, Context);

    [Benchmark(Description = "Evaluate 2,000 chars")]
    public Evaluation Evaluate2000() => evaluator.Evaluate(BenchmarkDrafts.Long2000, Context);

    [Benchmark(Description = "Review 280 chars (with fixes)")]
    public Review Review280() => reviewer.Review(BenchmarkDrafts.Short280, Context);

    [Benchmark(Description = "Review 2,000 chars (with fixes)")]
    public Review Review2000() => reviewer.Review(BenchmarkDrafts.Long2000, Context);

    [Benchmark(Description = "Review 280 chars, learned layer on")]
    public Review Review280Learned() => stacked.Review(BenchmarkDrafts.Short280, Context);

    [Benchmark(Description = "Review 2,000 chars, learned layer on")]
    public Review Review2000Learned() => stacked.Review(BenchmarkDrafts.Long2000, Context);
}
