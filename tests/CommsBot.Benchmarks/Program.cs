using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/CommsBot.Benchmarks -- --filter '*' [--job short]
// dotnet run -c Release --project tests/CommsBot.Benchmarks -- --cpu    (CPU time per operation, Linux)
if (args is ["--cpu"])
{
    CommsBot.Benchmarks.CpuTime.Run();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(CommsBot.Benchmarks.EvaluatorBenchmarks).Assembly).Run(args);
