using MeetingBot.Core;
using MeetingBot.Host.Services;
using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace MeetingBot.Host.Tests.Teams;

/// <summary>The outbox every fast door answers through: order, group send, independence of conversations, backpressure, failed sends kept.</summary>
public sealed class OutboundQueueTests : IDisposable
{
    private static readonly DateTimeOffset At = new(2026, 11, 27, 14, 0, 0, TimeSpan.FromHours(9));
    private readonly FakeTimeProvider _clock = new(At);
    private readonly GatedGateway _gateway = new();
    private readonly OutboundQueue _queue;

    public OutboundQueueTests()
    {
        _queue = new OutboundQueue(new OutboundDispatcher([_gateway], NullLogger<OutboundDispatcher>.Instance), _clock, NullLogger<OutboundQueue>.Instance);
    }

    public void Dispose() => _queue.Dispose();

    private static OutboundMessage Reply(string conversation, string text, string? replyTo = null) =>
        new(new ConversationAddress(GatedGateway.ChannelName, conversation, "http://127.0.0.1:9/"), text, At, replyTo);

    [Fact]
    public async Task AReplyWithNothingAhead_GoesAlone_AsAReplyToItsMessage()
    {
        await _queue.EnqueueAsync([Reply("c1", "첫 응답", "m1")]);
        await _gateway.ReleaseAllAsync(_queue);

        var sent = Assert.Single(_gateway.Sent);
        Assert.Equal("첫 응답", sent.Text);
        Assert.Equal("m1", sent.ReplyToMessageId);
    }

    [Fact]
    public async Task RepliesQueuedBehindASend_LeaveTogether_InOrder_AsOnePlainMessage()
    {
        _gateway.Hold = true;
        await _queue.EnqueueAsync([Reply("c1", "1", "m1")]);
        await _gateway.FirstCallAsync();
        await _queue.EnqueueAsync([Reply("c1", "2", "m2"), Reply("c1", "3", "m3")]);
        await _queue.EnqueueAsync([Reply("c1", "4", "m4")]);

        await _gateway.ReleaseAllAsync(_queue);

        Assert.Equal(["1", "2\n\n3\n\n4"], _gateway.Sent.Select(m => m.Text));
        Assert.Equal(["m1", null], _gateway.Sent.Select(m => m.ReplyToMessageId));
    }

    [Fact]
    public async Task AMergedSend_StopsAtTwentyReplies_AndAtTheCharacterLimit()
    {
        _gateway.Hold = true;
        await _queue.EnqueueAsync([Reply("c1", "first")]);
        await _gateway.FirstCallAsync();
        await _queue.EnqueueAsync(Enumerable.Range(1, 45).Select(i => Reply("c1", $"r{i}")));
        var longText = new string('가', OutboundQueue.MaxCharactersPerSend - 10);
        await _queue.EnqueueAsync([Reply("c1", longText), Reply("c1", "after the long one")]);

        await _gateway.ReleaseAllAsync(_queue);

        var sends = _gateway.Sent.Select(m => m.Text.Split("\n\n")).ToList();
        Assert.Equal([1, 20, 20, 5, 1, 1], sends.Select(s => s.Length));
        Assert.Equal(["first", .. Enumerable.Range(1, 45).Select(i => $"r{i}"), longText, "after the long one"], sends.SelectMany(s => s));
        Assert.All(_gateway.Sent, m => Assert.True(m.Text.Length <= OutboundQueue.MaxCharactersPerSend));
    }

    [Fact]
    public async Task AConversationWhoseSendHangs_DoesNotHoldUpAnother()
    {
        _gateway.Hold = true;
        _gateway.HoldOnly = "stuck";
        await _queue.EnqueueAsync([Reply("stuck", "기다리는 중")]);
        await _gateway.FirstCallAsync();

        await _queue.EnqueueAsync([Reply("free", "먼저 나감")]);
        await Eventually(() => _gateway.Sent.Any(m => m.To.ConversationId == "free"));

        Assert.DoesNotContain(_gateway.Sent, m => m.To.ConversationId == "stuck");
        await _gateway.ReleaseAllAsync(_queue);
        Assert.Contains(_gateway.Sent, m => m.To.ConversationId == "stuck");
    }

    [Fact]
    public async Task AFullConversation_HoldsTheCallerBack_UntilThereIsRoom_AndACancelledCallerStillGetsItsReplyQueued()
    {
        _gateway.Hold = true;
        await _queue.EnqueueAsync([Reply("c1", "in flight")]);
        await _gateway.FirstCallAsync();
        await _queue.EnqueueAsync(Enumerable.Range(1, OutboundQueue.MaxWaitingPerConversation).Select(i => Reply("c1", $"w{i}")));

        var waiting = _queue.EnqueueAsync([Reply("c1", "one too many")]);
        using var gaveUp = new CancellationTokenSource();
        var cancelled = _queue.EnqueueAsync([Reply("c1", "caller went away")], gaveUp.Token);
        await Task.Delay(50);
        Assert.False(waiting.IsCompleted);
        Assert.False(cancelled.IsCompleted);

        await gaveUp.CancelAsync();
        await cancelled;
        await _gateway.ReleaseAllAsync(_queue);
        await waiting;
        await _queue.IdleAsync();

        var texts = _gateway.Sent.SelectMany(m => m.Text.Split("\n\n")).ToList();
        Assert.Equal(OutboundQueue.MaxWaitingPerConversation + 3, texts.Count);
        Assert.Contains("one too many", texts);
        Assert.Contains("caller went away", texts);
    }

    [Fact]
    public async Task AFailedSend_IsKept_AndSentAgainUnchangedAfterAPause_AheadOfTheRepliesQueuedBehindIt()
    {
        _gateway.FailNext = 2;
        await _queue.EnqueueAsync([Reply("c1", "first", "m1")]);
        await Eventually(() => _gateway.Attempts == 1);
        await _queue.EnqueueAsync([Reply("c1", "second", "m2")]);

        await Task.Delay(100);
        Assert.Equal(1, _gateway.Attempts);
        while (_gateway.Sent.Count < 2)
        {
            _clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(10);
        }

        await _queue.IdleAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(4, _gateway.Attempts);
        Assert.Equal(["first", "second"], _gateway.Sent.Select(m => m.Text));
        Assert.Equal(["m1", "m2"], _gateway.Sent.Select(m => m.ReplyToMessageId));
    }

    [Fact]
    public async Task ASendThePlatformRefusesForGood_IsLetGo_AndTheNextRepliesStillGo()
    {
        _gateway.FailNext = 1;
        _gateway.FailWith = HttpStatusCode.Forbidden;
        await _queue.EnqueueAsync([Reply("c1", "to a chat the bot was removed from")]);
        await _queue.IdleAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await _queue.EnqueueAsync([Reply("c1", "next one")]);
        await _queue.IdleAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(["next one"], _gateway.Sent.Select(m => m.Text));
    }

    private static async Task Eventually(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }

    /// <summary>A gateway whose sends can be held open, as a slow or rate-limited platform holds them.</summary>
    private sealed class GatedGateway : IChatGateway
    {
        public const string ChannelName = "gated";
        private readonly List<OutboundMessage> _sent = [];
        private readonly TaskCompletionSource _firstCall = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _attempts;

        public string Channel => ChannelName;
        public bool Hold { get; set; }
        public string? HoldOnly { get; set; }
        public int FailNext { get; set; }
        public HttpStatusCode? FailWith { get; set; }
        public int Attempts => Volatile.Read(ref _attempts);

        public IReadOnlyList<OutboundMessage> Sent
        {
            get
            {
                lock (_sent)
                {
                    return [.. _sent];
                }
            }
        }

        public Task FirstCallAsync() => _firstCall.Task.WaitAsync(TimeSpan.FromSeconds(30));

        public async Task ReleaseAllAsync(OutboundQueue queue)
        {
            Hold = false;
            _release.TrySetResult();
            await queue.IdleAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }

        public async Task SendAsync(OutboundMessage message, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _attempts);
            _firstCall.TrySetResult();
            if (Hold && (HoldOnly is null || HoldOnly == message.To.ConversationId))
            {
                await _release.Task.WaitAsync(cancellationToken);
            }

            if (FailNext > 0)
            {
                FailNext--;
                throw new HttpRequestException("테스트: 플랫폼이 거절했습니다.", null, FailWith);
            }

            lock (_sent)
            {
                _sent.Add(message);
            }
        }
    }
}
