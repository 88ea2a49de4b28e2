using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/CommsBot.Benchmarks -- --filter '*' [--job short]
BenchmarkSwitcher.FromAssembly(typeof(CommsBot.Benchmarks.EvaluatorBenchmarks).Assembly).Run(args);
