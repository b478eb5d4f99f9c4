using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/MeetingBot.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

/// <summary>Entry point for BenchmarkSwitcher.</summary>
public partial class Program;
