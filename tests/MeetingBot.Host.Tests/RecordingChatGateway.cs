using System.Threading.Channels;
using MeetingBot.Core;

namespace MeetingBot.Host.Tests;

/// <summary>A gateway that keeps what it would have posted, and lets a test wait for posts made in the background.</summary>
public sealed class RecordingChatGateway(string channel) : IChatGateway
{
    private readonly List<OutboundMessage> _sent = [];
    private readonly Channel<bool> _arrived = System.Threading.Channels.Channel.CreateUnbounded<bool>();

    public string Channel => channel;

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
