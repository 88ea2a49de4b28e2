using System.Runtime.InteropServices;
using CommsBot.Cards;
using CommsBot.Guidelines;
using CommsBot.Guidelines.Pack;

namespace CommsBot.Benchmarks;

/// <summary>
/// <c>--cpu</c>: the CPU time of this thread per operation (clock_gettime(CLOCK_THREAD_CPUTIME_ID), Linux), which a
/// busy machine changes far less than the wall-clock medians of BenchmarkDotNet: while the thread waits for a core,
/// its CPU clock stops. Each operation runs in rounds after a warm-up; the median round is printed.
/// </summary>
internal static partial class CpuTime
{
    public static void Run(int rounds = 15, bool turnOnly = false)
    {
        var context = new DraftContext(AccountKind.Professional, Platform.Instagram);
        var load = new DraftContext(AccountKind.Unknown, Platform.Unknown);
        var pack = RulePack.LoadDefault();
        var evaluator = new GuidelineEvaluator(pack);
        var reviewer = new DraftReviewer(pack);
        var teams = new AdaptiveCardRenderer(CardTemplates.Load());
        var loadReviews = BenchmarkDrafts.LoadDrafts.Select(d => reviewer.Review(d, load)).ToArray();

        Console.WriteLine($"{"operation",-44} {"CPU µs per op (median of " + rounds + " rounds)",40}");
        if (!turnOnly)
        {
            Measure("Evaluate 280 chars", () => evaluator.Evaluate(BenchmarkDrafts.Short280, context));
            Measure("Evaluate 2,000 chars", () => evaluator.Evaluate(BenchmarkDrafts.Long2000, context));
            Measure("Review 280 chars (with fixes)", () => reviewer.Review(BenchmarkDrafts.Short280, context));
            Measure("Review 2,000 chars (with fixes)", () => reviewer.Review(BenchmarkDrafts.Long2000, context));
        }

        var i = 0;
        Measure("Review, a load draft (of 4 in turn)", () => reviewer.Review(BenchmarkDrafts.LoadDrafts[i++ & 3], load));
        var j = 0;
        Measure("Teams card JSON, a load draft (of 4 in turn)", () =>
        {
            var k = j++ & 3;
            return teams.RenderReviewJson(loadReviews[k], new CardContext(BenchmarkDrafts.LoadDrafts[k], load));
        });

        void Measure(string name, Func<object> op) => MeasureOne(name, op, rounds);
    }

    public static void MeasureOne(string name, Func<object> op, int rounds = 15)
    {
        {
            // the JIT recompiles hot methods (tiered compilation) in the background, some 100 ms after they get hot
            var warm = System.Diagnostics.Stopwatch.StartNew();
            while (warm.ElapsedMilliseconds < 2_000)
            {
                op();
            }

            var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            const int allocationOps = 100;
            for (var k = 0; k < allocationOps; k++)
            {
                op();
            }

            var allocated = (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / allocationOps;
            var perOp = new double[rounds];
            for (var r = 0; r < rounds; r++)
            {
                const int n = 400;
                var before = ThreadCpuNanoseconds();
                for (var k = 0; k < n; k++)
                {
                    op();
                }

                perOp[r] = (ThreadCpuNanoseconds() - before) / 1000.0 / n;
            }

            Array.Sort(perOp);
            Console.WriteLine($"{name,-44} {perOp[rounds / 2],10:F1} (range {perOp[0]:F1}-{perOp[^1]:F1}), {allocated / 1024.0:F1} KB allocated");
        }
    }

    private static long ThreadCpuNanoseconds()
    {
        const int clockThreadCpuTimeId = 3;
        if (ClockGetTime(clockThreadCpuTimeId, out var ts) != 0)
        {
            throw new InvalidOperationException("clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed: --cpu needs Linux.");
        }

        return (ts.Seconds * 1_000_000_000L) + ts.Nanoseconds;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clockId, out TimeSpec time);
}
