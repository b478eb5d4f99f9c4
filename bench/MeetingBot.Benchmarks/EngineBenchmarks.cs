using BenchmarkDotNet.Attributes;
using MeetingBot.Core;

namespace MeetingBot.Benchmarks;

/// <summary>
/// Chat inputs through the engine into the SQLite file (WAL, log fsynced before acknowledging), one meeting: each input
/// is committed durably before HandleAsync returns, as the live bot acknowledges it. Inputs per second = 1 / Mean. The
/// "32 at once" rows are one burst (all start together, all wait for the last); the "32 members" row is a busy endpoint
/// in steady state (wrk -c32: each connection sends its next request when the previous one is answered), where one
/// batch's fsync overlaps the next batch's work.
/// </summary>
[MemoryDiagnoser]
public class EngineBenchmarks : EngineHarness
{
    [GlobalSetup]
    public Task SetupAsync() => OpenAsync(BenchStore.Sqlite, meetings: 1);

    [GlobalCleanup]
    public Task CleanupAsync() => CloseAsync();

    [Benchmark(Description = "#의견 entry, one at a time")]
    public Task<EngineResult> TaggedOpinion() => Opinion();

    [Benchmark(Description = "#의견 entry, 32 at once", OperationsPerInvoke = Burst)]
    public Task TaggedOpinionBurst() => Task.WhenAll(Enumerable.Range(0, Burst).Select(_ => Task.Run(Opinion)));

    [Benchmark(Description = "#의견 entry, 32 members each waiting for the reply", OperationsPerInvoke = Burst * Rounds)]
    public Task TaggedOpinionMembers() => Members();

    [Benchmark(Description = "untagged chatter, one at a time")]
    public Task<EngineResult> Chatter() => Chat();

    [Benchmark(Description = "untagged chatter, 32 at once", OperationsPerInvoke = Burst)]
    public Task ChatterBurst() => Task.WhenAll(Enumerable.Range(0, Burst).Select(_ => Task.Run(Chat)));
}
