using System.Net;
using MeetingBot.Core;
using MeetingBot.Host.Services;
using MeetingBot.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace MeetingBot.Host.Tests.Outbox;

/// <summary>
/// The one way out, on a real SQLite file: order per conversation, group send, independence of conversations, failed
/// sends kept, refusals let go, and what was not sent before a restart sent once after it.
/// </summary>
public sealed class OutboxDrainTests : IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2026, 11, 27, 14, 0, 0, TimeSpan.FromHours(9));
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "meetingbot-outbox-drain", Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _clock = new(At);
    private readonly GatedGateway _gateway = new();
    private SqliteMeetingStore _store = null!;
    private OutboxDrain _drain = null!;

    private string ConnectionString => $"Data Source={Path.Combine(_folder, "store.db")}";

    public async Task InitializeAsync()
    {
        _store = await SqliteMeetingStore.OpenAsync(ConnectionString);
        _drain = await StartDrainAsync(_store, _gateway);
    }

    public async Task DisposeAsync()
    {
        await StopAsync(_drain, _store);
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task<OutboxDrain> StartDrainAsync(SqliteMeetingStore store, IChatGateway gateway)
    {
        var drain = new OutboxDrain(store, [gateway], _clock, NullLogger<OutboxDrain>.Instance);
        await drain.StartAsync(CancellationToken.None);
        return drain;
    }

    private static async Task StopAsync(OutboxDrain drain, SqliteMeetingStore store)
    {
        await drain.StopAsync(CancellationToken.None);
        drain.Dispose();
        await store.DisposeAsync();
    }

    private static OutboundMessage Reply(string conversation, string text, string? replyTo = null) =>
        new(new ConversationAddress(GatedGateway.ChannelName, conversation, "http://127.0.0.1:9/"), text, At, replyTo);

    private Task CommitAsync(params IEnumerable<OutboundMessage> messages) =>
        _store.CommitAsync(new StoreChange { Outbox = [.. messages] });

    [Fact]
    public async Task AReplyWithNothingAhead_GoesAlone_AsAReplyToItsMessage_AndIsMarkedSent()
    {
        await CommitAsync(Reply("c1", "첫 응답", "m1"));
        await _gateway.ReleaseAllAsync(_drain);

        var sent = Assert.Single(_gateway.Sent);
        Assert.Equal("첫 응답", sent.Text);
        Assert.Equal("m1", sent.ReplyToMessageId);
        Assert.Empty(await _store.GetUnsentAsync(10));
    }

    [Fact]
    public async Task RepliesCommittedBehindASend_LeaveTogether_InOrder_AsOnePlainMessage()
    {
        _gateway.Hold = true;
        await CommitAsync(Reply("c1", "1", "m1"));
        await _gateway.FirstCallAsync();
        await CommitAsync(Reply("c1", "2", "m2"), Reply("c1", "3", "m3"));
        await CommitAsync(Reply("c1", "4", "m4"));

        await _gateway.ReleaseAllAsync(_drain);

        Assert.Equal(["1", "2\n\n3\n\n4"], _gateway.Sent.Select(m => m.Text));
        Assert.Equal(["m1", null], _gateway.Sent.Select(m => m.ReplyToMessageId));
    }

    [Fact]
    public async Task AWarningCommittedAfterReplies_NeverOvertakesThem()
    {
        _gateway.Hold = true;
        await CommitAsync(Reply("c1", "접수 1", "m1"));
        await _gateway.FirstCallAsync();
        await CommitAsync(Reply("c1", "접수 2", "m2"));

        // The timebox clock's warning takes the same way out, behind what the chat is already owed.
        await _store.CommitAsync(new StoreChange { Outbox = [Reply("c1", "⏰ 2분 남았습니다")] });
        await _gateway.ReleaseAllAsync(_drain);

        Assert.Equal(["접수 1", "접수 2", "⏰ 2분 남았습니다"], _gateway.Sent.SelectMany(m => m.Text.Split("\n\n")));
    }

    [Fact]
    public async Task AMergedSendWithAWarningInIt_KeepsTheInMeetingAlert_AndOneWithoutStaysPlain()
    {
        _gateway.Hold = true;
        await CommitAsync(Reply("c1", "접수 1", "m1"));
        await _gateway.FirstCallAsync();
        await CommitAsync(Reply("c1", "접수 2", "m2"), Reply("c1", "⏰ 2분 남았습니다") with { AlertInMeeting = true }, Reply("c1", "접수 3", "m3"));
        await CommitAsync(Reply("c2", "접수 4", "m4"), Reply("c2", "접수 5", "m5"));

        await _gateway.ReleaseAllAsync(_drain);

        var merged = _gateway.Sent.Single(m => m.Text.StartsWith("접수 2", StringComparison.Ordinal));
        Assert.Equal("접수 2\n\n⏰ 2분 남았습니다\n\n접수 3", merged.Text);
        Assert.True(merged.AlertInMeeting);
        Assert.All(_gateway.Sent.Where(m => m != merged), m => Assert.False(m.AlertInMeeting));
    }

    [Fact]
    public async Task AMergedSend_StopsAtTwentyMessages_AndAtTheCharacterLimit()
    {
        _gateway.Hold = true;
        await CommitAsync(Reply("c1", "first"));
        await _gateway.FirstCallAsync();
        await CommitAsync(Enumerable.Range(1, 45).Select(i => Reply("c1", $"r{i}")));
        var longText = new string('가', OutboxDrain.MaxCharactersPerSend - 10);
        await CommitAsync(Reply("c1", longText), Reply("c1", "after the long one"));

        await _gateway.ReleaseAllAsync(_drain);

        var sends = _gateway.Sent.Select(m => m.Text.Split("\n\n")).ToList();
        Assert.Equal([1, 20, 20, 5, 1, 1], sends.Select(s => s.Length));
        Assert.Equal(["first", .. Enumerable.Range(1, 45).Select(i => $"r{i}"), longText, "after the long one"], sends.SelectMany(s => s));
        Assert.All(_gateway.Sent, m => Assert.True(m.Text.Length <= OutboxDrain.MaxCharactersPerSend));
    }

    [Fact]
    public async Task AConversationWhoseSendHangs_DoesNotHoldUpAnother()
    {
        _gateway.Hold = true;
        _gateway.HoldOnly = "stuck";
        await CommitAsync(Reply("stuck", "기다리는 중"));
        await _gateway.FirstCallAsync();

        await CommitAsync(Reply("free", "먼저 나감"));
        await Eventually(() => _gateway.Sent.Any(m => m.To.ConversationId == "free"));

        Assert.DoesNotContain(_gateway.Sent, m => m.To.ConversationId == "stuck");
        await _gateway.ReleaseAllAsync(_drain);
        Assert.Contains(_gateway.Sent, m => m.To.ConversationId == "stuck");
    }

    [Fact]
    public async Task AFailedSend_IsKept_AndSentAgainUnchangedAfterAPause_AheadOfTheMessagesBehindIt()
    {
        _gateway.FailNext = 2;
        await CommitAsync(Reply("c1", "first", "m1"));
        await Eventually(() => _gateway.Attempts == 1);
        await CommitAsync(Reply("c1", "second", "m2"));

        while (_gateway.Sent.Count < 2)
        {
            _clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(10);
        }

        await _drain.IdleAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(4, _gateway.Attempts);
        Assert.Equal(["first", "second"], _gateway.Sent.Select(m => m.Text));
        Assert.Equal(["m1", "m2"], _gateway.Sent.Select(m => m.ReplyToMessageId));
    }

    [Fact]
    public async Task ASendThePlatformRefusesForGood_IsLetGo_AndTheNextMessagesStillGo()
    {
        _gateway.FailNext = 1;
        _gateway.FailWith = HttpStatusCode.Forbidden;
        await CommitAsync(Reply("c1", "to a chat the bot was removed from"));
        await _drain.IdleAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await CommitAsync(Reply("c1", "next one"));
        await _drain.IdleAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(["next one"], _gateway.Sent.Select(m => m.Text));
        Assert.Empty(await _store.GetUnsentAsync(10));
    }

    [Fact]
    public async Task WhatThePlatformDidNotTakeBeforeAStop_IsSentOnceAfterTheRestart_InOrder()
    {
        await StopAsync(_drain, _store);
        _store = await SqliteMeetingStore.OpenAsync(ConnectionString);
        var down = new RecordingChatGateway(GatedGateway.ChannelName, fail: true);
        _drain = await StartDrainAsync(_store, down);
        await CommitAsync(Reply("c1", "접수 1", "m1"));
        await CommitAsync(Reply("c2", "다른 방"));
        await CommitAsync(Reply("c1", "접수 2", "m2"));
        await Eventually(() => down.Calls >= 2);
        await StopAsync(_drain, _store);

        _store = await SqliteMeetingStore.OpenAsync(ConnectionString);
        _drain = await StartDrainAsync(_store, _gateway);
        await _drain.IdleAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await StopAsync(_drain, _store);
        _store = await SqliteMeetingStore.OpenAsync(ConnectionString);
        _drain = await StartDrainAsync(_store, _gateway);
        await _drain.IdleAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Empty(down.Sent);
        Assert.Equal(["접수 1\n\n접수 2"], _gateway.Sent.Where(m => m.To.ConversationId == "c1").Select(m => m.Text));
        Assert.Equal(["다른 방"], _gateway.Sent.Where(m => m.To.ConversationId == "c2").Select(m => m.Text));
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

        public async Task ReleaseAllAsync(OutboxDrain queue)
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
