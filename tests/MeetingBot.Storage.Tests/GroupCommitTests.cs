using MeetingBot.Core;
using MeetingBot.Core.Engine;
using MeetingBot.TestSupport;

namespace MeetingBot.Storage.Tests;

/// <summary>
/// Who waits for the disk in the store's turns (<see cref="SqliteMeetingStore.TransactAsync"/>): a change waits for its
/// batch's fsync, chatter (which records nothing but its id) does not, and a batch holding a waiting change is always
/// flushed, whoever comes last. The engine on the real SQLite file, its log fsync held where a test needs it.
/// </summary>
public sealed class GroupCommitTests
{
    private const string Chair = "user-id-1";
    private const string Member = "user-id-2";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static ChatInput Say(EngineHarness h, string user, string text, string id) => new()
    {
        Conversation = h.Chat,
        MessageId = id,
        From = new ChatUser(user, user),
        Text = text,
    };

    /// <summary>The harness's file opened again with its log fsync in <paramref name="fsync"/>'s hands.</summary>
    private static async Task<SqliteMeetingStore> ReopenAsync(EngineHarness h, HeldFsync fsync)
    {
        await h.Store.DisposeAsync();
        return await SqliteMeetingStore.OpenAsync($"Data Source={h.DatabasePath}", fsync.Flush);
    }

    [Fact]
    public async Task Chatter_ReturnsWithoutWaitingForTheDisk_WhileATagWaitsForItsFsync()
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.SayAsync(Chair, "/시작");
        using var fsync = new HeldFsync();
        await using var store = await ReopenAsync(h, fsync);
        using var engine = new MeetingEngine(store, h.Clock, h.Settings);
        fsync.Hold();

        var chatter = await engine.HandleAsync(Say(h, Member, "좋은 의견이네요", "chat-1")).WaitAsync(Patience);
        Assert.Empty(chatter.Messages);
        Assert.Equal(0, store.BatchesCommitted);

        var tag = engine.HandleAsync(Say(h, Member, "#의견 디스크를 기다립니다", "tag-1"));
        await fsync.EnteredAsync();
        Assert.False(tag.IsCompleted);

        fsync.Release();
        Assert.Single((await tag.WaitAsync(Patience)).Messages);
        Assert.Equal(1, store.BatchesCommitted);
        Assert.True(await store.IsProcessedAsync(h.Chat.Channel, h.Chat.ConversationId, "chat-1"));
    }

    [Fact]
    public async Task ABatchHoldingAChange_IsFlushed_EvenWhenATurnThatChangesNothingIsTheLastOfTheBurst()
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.SayAsync(Chair, "/시작");
        var store = h.Store;
        var before = store.BatchesCommitted;
        var staging = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var entry = new Entry
        {
            MeetingId = "ydp-2020-09-strategy", Number = 1, Kind = EntryKind.Opinion, ItemIndex = 1, Text = "먼저 들어왔습니다",
            AuthorName = "박서연", SourceId = "tag-2", CapturedAt = h.Clock.GetUtcNow(),
        };

        // The change's turn is held while the next turn (chatter) is already waiting for it.
        var change = store.TransactAsync(new TurnKey { Channel = "test", ConversationId = "chat-1", MessageId = "tag-2" }, async (_, _) =>
        {
            staging.TrySetResult();
            await release.Task;
            return new TurnResult<int>(new StoreChange { Processed = new ProcessedMessage("test", "chat-1", "tag-2", h.Clock.GetUtcNow()), Entries = [entry] }, 1);
        }, redelivered: 0);
        await staging.Task.WaitAsync(Patience);
        var chatter = h.Engine.HandleAsync(Say(h, Member, "그 뒤의 잡담", "chat-2"));
        release.TrySetResult();

        await Task.WhenAll(change, chatter).WaitAsync(Patience);
        Assert.Equal(before + 1, store.BatchesCommitted);
        await h.RestartAsync();
        Assert.Single(await h.Store.GetEntriesAsync("ydp-2020-09-strategy"));
    }

    [Fact]
    public async Task LongChatter_IsFlushedEvery1024Inputs_NotLeftInOneOpenTransaction()
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.SayAsync(Chair, "/시작");
        var before = h.Store.BatchesCommitted;

        for (var i = 1; i <= 1100; i++)
        {
            await h.Engine.HandleAsync(Say(h, Member, $"잡담 {i}", $"c{i}"));
        }

        Assert.Equal(before + 1, h.Store.BatchesCommitted);
    }

    [Fact]
    public async Task ManyTagsAtOnce_AllReturnDurable_SharingFlushes()
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.SayAsync(Chair, "/시작");
        var before = h.Store.BatchesCommitted;

        var results = await Task.WhenAll(Enumerable.Range(1, 300).Select(i =>
            Task.Run(() => h.Engine.HandleAsync(Say(h, Member, $"#의견 동시에 {i}", $"many-{i}"))))).WaitAsync(Patience);

        Assert.All(results, r => Assert.Single(r.Messages));
        Assert.InRange(h.Store.BatchesCommitted - before, 1, 300);
        await h.RestartAsync();
        Assert.Equal(300, (await h.Store.GetEntriesAsync("ydp-2020-09-strategy")).Count);
    }

    [Fact]
    public async Task ATurnForAMessageAlreadyStored_IsNotRun_AndAnswersAsARedelivery()
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.SayAsync(Chair, "/시작", "start-1");
        var ran = false;

        var answer = await h.Store.TransactAsync(
            new TurnKey { Channel = h.Chat.Channel, ConversationId = h.Chat.ConversationId, MessageId = "start-1" },
            (_, _) =>
            {
                ran = true;
                return ValueTask.FromResult(new TurnResult<int>(new StoreChange(), 1));
            },
            redelivered: -1);

        Assert.Equal((-1, false), (answer, ran));
        Assert.True((await h.SayAsync(Chair, "/시작", "start-1")).Duplicate);
    }

    [Fact]
    public async Task ATurnThatFails_AppliesNothing_AndTheNextTurnRuns()
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.SayAsync(Chair, "/시작");

        await Assert.ThrowsAsync<InvalidOperationException>(() => h.Store.TransactAsync<int>(
            new TurnKey { Channel = h.Chat.Channel, ConversationId = h.Chat.ConversationId, MessageId = "bad-1" },
            (_, _) => throw new InvalidOperationException("결정 실패"), redelivered: 0));

        Assert.False(await h.Store.IsProcessedAsync(h.Chat.Channel, h.Chat.ConversationId, "bad-1"));
        Assert.Single((await h.SayAsync(Member, "#의견 다음 입력은 받습니다")).Messages);
    }
}
