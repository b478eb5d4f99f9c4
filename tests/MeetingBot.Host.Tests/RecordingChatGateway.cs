using System.Net;
using System.Threading.Channels;
using MeetingBot.Core;

namespace MeetingBot.Host.Tests;

/// <summary>
/// A gateway that keeps what it would have posted and lets a test wait for posts made in the background; it can be
/// told to fail, as a platform that is down would.
/// </summary>
public sealed class RecordingChatGateway(string channel, bool fail = false) : IChatGateway
{
    private readonly List<OutboundMessage> _sent = [];
    private readonly Channel<bool> _arrived = System.Threading.Channels.Channel.CreateUnbounded<bool>();
    private int _calls;

    public string Channel => channel;

    public bool Fail { get; set; } = fail;

    /// <summary>Every send, failed ones included.</summary>
    public int Calls => Volatile.Read(ref _calls);

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

    public Task SendAsync(OutboundMessage message, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        if (Fail)
        {
            throw new HttpRequestException("연결 거부: 테스트용 대화방이 응답하지 않습니다.", null, HttpStatusCode.ServiceUnavailable);
        }

        lock (_sent)
        {
            _sent.Add(message);
        }

        _arrived.Writer.TryWrite(true);
        return Task.CompletedTask;
    }

    /// <summary>Waits until at least <paramref name="count"/> messages were posted in all (a hang guard, not a timing).</summary>
    public async Task<IReadOnlyList<OutboundMessage>> WaitForAsync(int count)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (Sent.Count < count)
        {
            await _arrived.Reader.ReadAsync(guard.Token);
        }

        return Sent;
    }

    public void Clear()
    {
        lock (_sent)
        {
            _sent.Clear();
        }
    }
}
