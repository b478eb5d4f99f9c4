using BenchmarkDotNet.Attributes;

namespace MeetingBot.Benchmarks;

/// <summary>
/// Cost per <c>#의견</c> input as the number of meetings bound and running in the store grows, for both stores: 32
/// members each waiting for their reply (as <see cref="EngineBenchmarks.TaggedOpinionMembers"/>), the inputs spread
/// round robin over all the meetings. Compare each configuration with SQLite and one meeting of the same run
/// (README.md); BenchmarkDotNet's own ratio column compares only within one set of parameters.
/// </summary>
[MemoryDiagnoser]
public class MeetingScaleBenchmarks : EngineHarness
{
    [Params(BenchStore.Sqlite, BenchStore.Postgres)]
    public BenchStore Store { get; set; }

    [Params(1, 100, 10_000)]
    public int Meetings { get; set; }

    [GlobalSetup]
    public Task SetupAsync() => OpenAsync(Store, Meetings);

    [GlobalCleanup]
    public Task CleanupAsync() => CloseAsync();

    [Benchmark(Description = "#의견 entry, 32 members each waiting for the reply", OperationsPerInvoke = Burst * Rounds)]
    public Task TaggedOpinionMembers() => Members();
}
