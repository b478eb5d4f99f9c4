using System.Net;
using MeetingBot.Core;

namespace MeetingBot.Host.Services;

/// <summary>
/// Chat replies leave through here once their input is durable, so a door can answer its platform at once.
/// Per conversation, sends go out one at a time in the order they were queued; what is queued while a send is in
/// flight leaves as one message when it is done (group send, the outbound twin of the store's group commit), so a
/// burst never lines up behind the platform's per-conversation rate limit (Teams: 7 sends/s). Conversations never
/// wait on each other. A conversation with too much waiting holds back the caller (backpressure); nothing is dropped.
/// A send that failed (throttled past the gateway's own retries, the platform unreachable, a circuit open) is kept at
/// the head of its conversation and sent again, unchanged, after a growing pause (<see cref="RetryDelay"/>), with the
/// conversation's later replies behind it; only a send the platform refused for good (<see cref="IsPermanent"/>) is
/// logged and let go. Kept sends live in memory: a restart loses them.
/// </summary>
public sealed partial class OutboundQueue(OutboundDispatcher dispatcher, TimeProvider time, ILogger<OutboundQueue> logger) : IHostedService, IDisposable
{
    /// <summary>Replies merged into one send at most; more stay for the next.</summary>
    public const int MaxMessagesPerSend = 20;

    /// <summary>Characters in one merged send at most (Teams takes about 28 KB per activity); a longer reply goes alone.</summary>
    public const int MaxCharactersPerSend = 8000;

    /// <summary>Replies waiting for one conversation before callers are held back.</summary>
    public const int MaxWaitingPerConversation = 1000;

    /// <summary>The pause before a kept send goes again: 1 s, doubling with each failure in a row, at most a minute.</summary>
    public static TimeSpan RetryDelay(int failures) =>
        TimeSpan.FromSeconds(Math.Min(60, Math.Pow(2, Math.Clamp(failures - 1, 0, 6))));

    /// <summary>
    /// Failures that sending again cannot mend: a bad address or setting, or a 4xx answer other than those that mean
    /// "not now" (408, 412, 425, 429). Everything else means the message did not go and may go later.
    /// </summary>
    public static bool IsPermanent(Exception exception) => exception switch
    {
        MeetingBotException or ArgumentException => true,
        HttpRequestException { StatusCode: { } status } => (int)status is >= 400 and < 500
            && status is not (HttpStatusCode.RequestTimeout or HttpStatusCode.PreconditionFailed or (HttpStatusCode)425 or HttpStatusCode.TooManyRequests),
        _ => false,
    };

    private const string Separator = "\n\n";

    private readonly Lock _gate = new();
    private readonly Dictionary<(string Channel, string Conversation), Lane> _lanes = [];
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Queues <paramref name="messages"/> in order. Returns once they are queued, not sent.</summary>
    /// <param name="cancellationToken">Stops waiting for room, never the queueing: the input is already stored, so its replies must still go.</param>
    public async Task EnqueueAsync(IEnumerable<OutboundMessage> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        foreach (var message in messages)
        {
            var force = false;
            while (true)
            {
                Task room;
                lock (_gate)
                {
                    var key = (message.To.Channel, message.To.ConversationId);
                    if (!_lanes.TryGetValue(key, out var lane))
                    {
                        lane = new Lane(key);
                        _lanes[key] = lane;
                    }

                    if (force || lane.Waiting.Count < MaxWaitingPerConversation)
                    {
                        lane.Waiting.Enqueue(message);
                        if (lane.Pump is null)
                        {
                            lane.Pump = Task.Run(() => PumpAsync(lane), CancellationToken.None);
                        }

                        break;
                    }

                    lane.Room ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    room = lane.Room.Task;
                }

                try
                {
                    await room.WaitAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    force = true;
                }
            }
        }
    }

    /// <summary>Completes when nothing is waiting or in flight (tests, shutdown).</summary>
    public async Task IdleAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            Task[] pumps;
            lock (_gate)
            {
                pumps = [.. _lanes.Values.Select(l => l.Pump).OfType<Task>()];
            }

            if (pumps.Length == 0)
            {
                return;
            }

            await Task.WhenAll(pumps).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Lets the queued replies go out until the host's shutdown timeout, then abandons the rest.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await IdleAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            int left;
            lock (_gate)
            {
                left = _lanes.Values.Sum(l => l.Waiting.Count + (l.Kept is null ? 0 : 1));
            }

            LogAbandoned(logger, left);
            await _stopping.CancelAsync().ConfigureAwait(false);
        }
    }

    public void Dispose() => _stopping.Dispose();

    private async Task PumpAsync(Lane lane)
    {
        while (true)
        {
            OutboundMessage next;
            TaskCompletionSource? room;
            lock (_gate)
            {
                if ((lane.Waiting.Count == 0 && lane.Kept is null) || _stopping.IsCancellationRequested)
                {
                    lane.Pump = null;
                    _lanes.Remove(lane.Key);
                    lane.Room?.TrySetResult();
                    return;
                }

                // A kept send goes again exactly as it was: merging more into it would make it another message.
                next = lane.Kept ?? TakeSend(lane.Waiting);
                lane.Kept = null;
                room = lane.Room;
                lane.Room = null;
            }

            room?.TrySetResult();
            try
            {
                await dispatcher.DeliverAsync(next, _stopping.Token).ConfigureAwait(false);
                lane.Failures = 0;
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
            }
            catch (Exception ex) when (IsPermanent(ex))
            {
                lane.Failures = 0;
                LogRefused(logger, ex, next.To.Channel, next.To.ConversationId);
            }
            catch (Exception ex)
            {
                lock (_gate)
                {
                    lane.Kept = next;
                }

                var wait = RetryDelay(++lane.Failures);
                LogKept(logger, ex, next.To.Channel, next.To.ConversationId, wait);
                try
                {
                    await Task.Delay(wait, time, _stopping.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
                {
                }
            }
        }
    }

    /// <summary>The next send: the oldest reply, joined by those behind it while they fit.</summary>
    private static OutboundMessage TakeSend(Queue<OutboundMessage> waiting)
    {
        var first = waiting.Dequeue();
        if (waiting.Count == 0 || first.Text.Length >= MaxCharactersPerSend)
        {
            return first;
        }

        var texts = new List<string> { first.Text };
        var length = first.Text.Length;
        while (texts.Count < MaxMessagesPerSend
            && waiting.TryPeek(out var more)
            && length + Separator.Length + more.Text.Length <= MaxCharactersPerSend)
        {
            texts.Add(waiting.Dequeue().Text);
            length += Separator.Length + more.Text.Length;
        }

        // A merged message answers several inputs, so it is not a reply to any one of them.
        return texts.Count == 1 ? first : first with { Text = string.Join(Separator, texts), ReplyToMessageId = null };
    }

    private sealed class Lane((string Channel, string Conversation) key)
    {
        public (string Channel, string Conversation) Key { get; } = key;
        public Queue<OutboundMessage> Waiting { get; } = new();
        public Task? Pump { get; set; }
        public TaskCompletionSource? Room { get; set; }

        /// <summary>A send that failed and goes again before anything else of this conversation.</summary>
        public OutboundMessage? Kept { get; set; }

        /// <summary>Failed sends in a row; only the pump touches it.</summary>
        public int Failures { get; set; }
    }

    [LoggerMessage(EventId = 211, Level = LogLevel.Warning, Message = "{Channel} 대화방 {Conversation}에 메시지를 보내지 못해 두었다가 {Wait} 뒤에 다시 보냅니다.")]
    private static partial void LogKept(ILogger logger, Exception ex, string channel, string conversation, TimeSpan wait);

    [LoggerMessage(EventId = 212, Level = LogLevel.Error, Message = "{Channel} 대화방 {Conversation}이(가) 메시지를 받지 않아(다시 보내도 같음) 이 메시지를 버립니다.")]
    private static partial void LogRefused(ILogger logger, Exception ex, string channel, string conversation);

    [LoggerMessage(EventId = 210, Level = LogLevel.Warning, Message = "종료 시간 안에 보내지 못한 대화 응답 {Count}개를 버립니다.")]
    private static partial void LogAbandoned(ILogger logger, int count);
}

public static class OutboundQueueExtensions
{
    /// <summary>The background outbox for chat replies, drained at shutdown.</summary>
    public static IServiceCollection AddOutboundQueue(this IServiceCollection services)
    {
        services.AddSingleton<OutboundQueue>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboundQueue>());
        return services;
    }
}
