using MeetingBot.Core;
using MeetingBot.Core.Engine;
using MeetingBot.Storage;
using MeetingBot.Storage.Postgres;
using MeetingBot.TestSupport;

namespace MeetingBot.Benchmarks;

/// <summary>Which store the engine benchmarks write through.</summary>
public enum BenchStore
{
    /// <summary>The embedded SQLite file (WAL, log fsynced before acknowledging) in a temporary folder.</summary>
    Sqlite,

    /// <summary>
    /// A new database on a real PostgreSQL server: the one in <c>MEETINGBOT_TEST_POSTGRES</c>, or else one started by
    /// <c>tests/tools/postgres/pg-server</c> and stopped when the benchmark process ends (<see cref="PostgresServer"/>).
    /// </summary>
    Postgres,
}

/// <summary>
/// What the engine benchmarks share: a store with meetings bound to chats and started (<c>/시작</c>), an engine on it,
/// and the inputs. Each input is committed durably before HandleAsync returns, as the live bot acknowledges it.
/// </summary>
public abstract class EngineHarness
{
    protected const int Burst = 32;
    protected const int Rounds = 16;

    /// <summary>How many setup writes go to the store at once (both stores group concurrent writes in one commit).</summary>
    private const int SetupBatch = 64;

    private IMeetingStore _store = null!;
    private Func<ValueTask> _close = () => ValueTask.CompletedTask;
    private MeetingEngine _engine = null!;
    private ConversationAddress[] _chats = [];
    private long _id;

    /// <summary>Opens the store, binds <paramref name="meetings"/> meetings (one chat each) and starts them all.</summary>
    protected async Task OpenAsync(BenchStore store, int meetings)
    {
        (_store, _close) = store switch
        {
            BenchStore.Sqlite => await OpenSqliteAsync(),
            BenchStore.Postgres => await OpenPostgresAsync(),
            _ => throw new ArgumentOutOfRangeException(nameof(store), store, $"알 수 없는 저장소 {store}"),
        };
        _engine = new MeetingEngine((ITurnStore)_store, TimeProvider.System);
        _chats = [.. Enumerable.Range(1, meetings).Select(i => new ConversationAddress("bench", $"chat-{i}"))];
        await InBatchesAsync(meetings, async i =>
        {
            var meeting = TestMeetings.Strategy(i == 0 ? "bench-meeting" : $"bench-meeting-{i + 1}");
            await _store.UpsertDefinitionAsync(meeting);
            await _store.CommitAsync(new StoreChange { Binding = new ConversationBinding(_chats[i], meeting.Id, meeting.Start) });
        });
        await InBatchesAsync(meetings, i => _engine.HandleAsync(Input(_chats[i], $"start-{i}", "user-id-1", "/시작")));
    }

    protected async Task CloseAsync()
    {
        _engine.Dispose();
        await _close();
    }

    /// <summary>A tagged opinion to the next meeting in turn (all meetings get inputs, round robin).</summary>
    protected Task<EngineResult> Opinion()
    {
        var id = Interlocked.Increment(ref _id);
        return _engine.HandleAsync(Input(_chats[id % _chats.Length], $"o{id}", "user-id-2", "#의견 동아리 운영과 연계해서 운영하면 시너지가 날 것 같습니다"));
    }

    protected Task<EngineResult> Chat()
    {
        var id = Interlocked.Increment(ref _id);
        return _engine.HandleAsync(Input(_chats[id % _chats.Length], $"c{id}", "user-id-3", "화면 공유 잘 보입니다"));
    }

    /// <summary>
    /// A busy endpoint in steady state (wrk -c32): 32 members, each sending its next input when the previous one is
    /// answered, <see cref="Rounds"/> inputs each; one batch's commit overlaps the next batch's work.
    /// </summary>
    protected Task Members() => Task.WhenAll(Enumerable.Range(0, Burst).Select(_ => Task.Run(async () =>
    {
        for (var i = 0; i < Rounds; i++)
        {
            await Opinion();
        }
    })));

    private static async Task<(IMeetingStore, Func<ValueTask>)> OpenSqliteAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "meetingbot-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var store = await SqliteMeetingStore.OpenAsync($"Data Source={Path.Combine(folder, "bench.db")}");
        return (store, async () =>
        {
            await store.DisposeAsync();
            Directory.Delete(folder, recursive: true);
        });
    }

    private static async Task<(IMeetingStore, Func<ValueTask>)> OpenPostgresAsync()
    {
        var database = await PostgresServer.CreateDatabaseAsync();
        var store = await PostgresMeetingStore.OpenAsync(database.ConnectionString);
        return (store, async () =>
        {
            await store.DisposeAsync();
            await database.DisposeAsync();
        });
    }

    private static async Task InBatchesAsync(int count, Func<int, Task> write)
    {
        for (var from = 0; from < count; from += SetupBatch)
        {
            await Task.WhenAll(Enumerable.Range(from, Math.Min(SetupBatch, count - from)).Select(write));
        }
    }

    private static ChatInput Input(ConversationAddress chat, string id, string user, string text) => new()
    {
        Conversation = chat,
        MessageId = id,
        From = new ChatUser(user, user),
        Text = text,
    };
}
