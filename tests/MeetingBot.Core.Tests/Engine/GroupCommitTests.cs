using System.Reflection;
using MeetingBot.Core;
using MeetingBot.Core.Engine;
using MeetingBot.TestSupport;

namespace MeetingBot.Core.Tests.Engine;

/// <summary>
/// Who waits for the disk: a change waits for its batch's fsync, chatter (which changes nothing) does not, and a batch
/// holding a waiting change is always flushed, whoever comes last. The real SQLite store, with its flush held open.
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

    [Fact]
    public async Task Chatter_ReturnsWithoutWaitingForTheDisk_WhileATagWaitsForItsFlush()
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.SayAsync(Chair, "/시작");
        var store = HeldStore.Over(h.Store);
        using var engine = new MeetingEngine(store.AsStore, h.Clock, h.Settings);

        var chatter = await engine.HandleAsync(Say(h, Member, "좋은 의견이네요", "chat-1")).WaitAsync(Patience);
        Assert.Empty(chatter.Messages);
        Assert.Equal(0, store.FlushCalls);

        var tag = engine.HandleAsync(Say(h, Member, "#의견 디스크를 기다립니다", "tag-1"));
        await store.FlushRequestedAsync(1);
        Assert.False(tag.IsCompleted);

        store.OpenFlush();
        Assert.Single((await tag.WaitAsync(Patience)).Messages);
        Assert.Equal(1, store.FlushCalls);
        Assert.True(await h.Store.IsProcessedAsync(h.Chat.Channel, h.Chat.ConversationId, "chat-1"));
    }

    [Fact]
    public async Task ABatchHoldingATag_IsFlushed_EvenWhenChatterIsTheLastInputOfTheBurst()
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.SayAsync(Chair, "/시작");
        var store = HeldStore.Over(h.Store);
        store.HoldNextTagStage();
        store.OpenFlush();
        using var engine = new MeetingEngine(store.AsStore, h.Clock, h.Settings);

        var tag = engine.HandleAsync(Say(h, Member, "#의견 먼저 들어왔습니다", "tag-2"));
        await store.TagStageHeldAsync();
        var chatter = engine.HandleAsync(Say(h, Member, "그 뒤의 잡담", "chat-2"));
        store.ReleaseTagStage();

        await Task.WhenAll(tag, chatter).WaitAsync(Patience);
        Assert.Equal(1, store.FlushCalls);
        await h.RestartAsync();
        Assert.Single(await h.Store.GetEntriesAsync("ydp-2020-09-strategy"));
    }

    [Fact]
    public async Task LongChatter_IsFlushedEvery1024Inputs_NotLeftInOneOpenTransaction()
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.SayAsync(Chair, "/시작");
        var store = HeldStore.Over(h.Store);
        store.OpenFlush();
        using var engine = new MeetingEngine(store.AsStore, h.Clock, h.Settings);

        for (var i = 1; i <= 1100; i++)
        {
            await engine.HandleAsync(Say(h, Member, $"잡담 {i}", $"c{i}"));
        }

        Assert.Equal(1, store.FlushCalls);
    }

    [Fact]
    public async Task ManyTagsAtOnce_AllReturnDurable_SharingFlushes()
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.SayAsync(Chair, "/시작");
        var store = HeldStore.Over(h.Store);
        store.OpenFlush();
        using var engine = new MeetingEngine(store.AsStore, h.Clock, h.Settings);

        var results = await Task.WhenAll(Enumerable.Range(1, 300).Select(i =>
            Task.Run(() => engine.HandleAsync(Say(h, Member, $"#의견 동시에 {i}", $"many-{i}"))))).WaitAsync(Patience);

        Assert.All(results, r => Assert.Single(r.Messages));
        Assert.InRange(store.FlushCalls, 1, 300);
        await h.RestartAsync();
        Assert.Equal(300, (await h.Store.GetEntriesAsync("ydp-2020-09-strategy")).Count);
    }

    /// <summary>The store with its flushes (and, when asked, the next tag's staging) held until the test lets go.</summary>
#pragma warning disable CA1852 // DispatchProxy derives its proxy type from this class.
    public class HeldStore : DispatchProxy
#pragma warning restore CA1852
    {
        private readonly TaskCompletionSource _flushOpen = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _tagStageHeld = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _tagStageRelease = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _holdTagStage;
        private IMeetingStore _inner = null!;
        private int _flushCalls;

        public int FlushCalls => Volatile.Read(ref _flushCalls);

        public static HeldStore Over(IMeetingStore inner)
        {
            var proxy = Create<IMeetingStore, HeldStore>();
            var held = (HeldStore)(object)proxy;
            held._inner = inner;
            return held;
        }

        public IMeetingStore AsStore => (IMeetingStore)(object)this;

        public void OpenFlush() => _flushOpen.TrySetResult();

        public void HoldNextTagStage() => Volatile.Write(ref _holdTagStage, 1);

        public Task TagStageHeldAsync() => _tagStageHeld.Task.WaitAsync(Patience);

        public void ReleaseTagStage() => _tagStageRelease.TrySetResult();

        public async Task FlushRequestedAsync(int count)
        {
            using var timeout = new CancellationTokenSource(Patience);
            while (FlushCalls < count)
            {
                await Task.Delay(10, timeout.Token);
            }
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            ArgumentNullException.ThrowIfNull(targetMethod);
            if (targetMethod.Name == nameof(IMeetingStore.FlushAsync))
            {
                Interlocked.Increment(ref _flushCalls);
                return FlushWhenOpenAsync((CancellationToken)args![0]!);
            }

            if (targetMethod.Name == nameof(IMeetingStore.StageAsync) && args![0] is StoreChange { Entries.Count: > 0 } change
                && Interlocked.Exchange(ref _holdTagStage, 0) == 1)
            {
                return StageWhenReleasedAsync(change, (CancellationToken)args[1]!);
            }

            return targetMethod.Invoke(_inner, args);
        }

        private async Task FlushWhenOpenAsync(CancellationToken cancellationToken)
        {
            await _flushOpen.Task.ConfigureAwait(false);
            await _inner.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        private async Task<Task> StageWhenReleasedAsync(StoreChange change, CancellationToken cancellationToken)
        {
            _tagStageHeld.TrySetResult();
            await _tagStageRelease.Task.ConfigureAwait(false);
            return await _inner.StageAsync(change, cancellationToken).ConfigureAwait(false);
        }
    }
}
