using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/CommsBot.Benchmarks -- --filter '*' [--job short]
// dotnet run -c Release --project tests/CommsBot.Benchmarks -- --cpu [turn]   (CPU time per operation, Linux;
// "turn": only the load script's drafts, reviewed and carded)
if (args is ["--cpu", ..])
{
    CommsBot.Benchmarks.CpuTime.Run(turnOnly: args is [_, "turn"]);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(CommsBot.Benchmarks.EvaluatorBenchmarks).Assembly).Run(args);
