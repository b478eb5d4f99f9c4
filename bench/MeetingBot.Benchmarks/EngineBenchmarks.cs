using BenchmarkDotNet.Attributes;
using MeetingBot.Core;
using MeetingBot.Core.Engine;
using MeetingBot.Storage;
using MeetingBot.TestSupport;

namespace MeetingBot.Benchmarks;

/// <summary>
/// Chat inputs through the engine into the SQLite file (WAL, log fsynced before acknowledging): each input is committed
/// durably before HandleAsync returns, as the live bot acknowledges it. Inputs per second = 1 / Mean. The "32 at once"
/// rows are one burst (all start together, all wait for the last); the "32 members" row is a busy endpoint in steady
/// state (wrk -c32: each connection sends its next request when the previous one is answered), where one batch's
/// fsync overlaps the next batch's work.
/// </summary>
[MemoryDiagnoser]
public class EngineBenchmarks
{
    private string _folder = "";
    private SqliteMeetingStore _store = null!;
    private MeetingEngine _engine = null!;
    private readonly ConversationAddress _chat = new("bench", "chat-1");
    private long _id;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _folder = Path.Combine(Path.GetTempPath(), "meetingbot-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        _store = await SqliteMeetingStore.OpenAsync($"Data Source={Path.Combine(_folder, "bench.db")}");
        var meeting = TestMeetings.Strategy("bench-meeting");
        await _store.UpsertDefinitionAsync(meeting);
        await _store.CommitAsync(new StoreChange { Binding = new ConversationBinding(_chat, meeting.Id, meeting.Start) });
        _engine = new MeetingEngine(_store, TimeProvider.System);
        await _engine.HandleAsync(Input("start", "user-id-1", "/시작"));
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _engine.Dispose();
        await _store.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private const int Burst = 32;
    private const int Rounds = 16;

    [Benchmark(Description = "#의견 entry, one at a time")]
    public Task<EngineResult> TaggedOpinion() => Opinion();

    [Benchmark(Description = "#의견 entry, 32 at once", OperationsPerInvoke = Burst)]
    public Task TaggedOpinionBurst() => Task.WhenAll(Enumerable.Range(0, Burst).Select(_ => Task.Run(Opinion)));

    [Benchmark(Description = "#의견 entry, 32 members each waiting for the reply", OperationsPerInvoke = Burst * Rounds)]
    public Task TaggedOpinionMembers() => Task.WhenAll(Enumerable.Range(0, Burst).Select(_ => Task.Run(async () =>
    {
        for (var i = 0; i < Rounds; i++)
        {
            await Opinion();
        }
    })));

    [Benchmark(Description = "untagged chatter, one at a time")]
    public Task<EngineResult> Chatter() => Chat();

    [Benchmark(Description = "untagged chatter, 32 at once", OperationsPerInvoke = Burst)]
    public Task ChatterBurst() => Task.WhenAll(Enumerable.Range(0, Burst).Select(_ => Task.Run(Chat)));

    private Task<EngineResult> Opinion() =>
        _engine.HandleAsync(Input($"o{Interlocked.Increment(ref _id)}", "user-id-2", "#의견 동아리 운영과 연계해서 운영하면 시너지가 날 것 같습니다"));

    private Task<EngineResult> Chat() =>
        _engine.HandleAsync(Input($"c{Interlocked.Increment(ref _id)}", "user-id-3", "화면 공유 잘 보입니다"));

    private ChatInput Input(string id, string user, string text) => new()
    {
        Conversation = _chat,
        MessageId = id,
        From = new ChatUser(user, user),
        Text = text,
    };
}
