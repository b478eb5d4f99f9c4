using System.Net;
using MeetingBot.Core;

namespace MeetingBot.Host.Services;

/// <summary>
/// The one way out: every bot message (replies, timebox warnings, scheduler posts) is written to the store's outbox
/// with the change that caused it, and this drain sends it once that change is on disk. Per conversation, sends go out
/// one at a time in outbox order; what waits while a send is in flight leaves as one message when it is done (group
/// send, the outbound twin of the store's group commit), so a burst never lines up behind the platform's
/// per-conversation rate limit (Teams: 7 sends/s). Conversations never wait on each other. A send that failed
/// (throttled past the gateway's own retries, the platform unreachable, a circuit open) is sent again, unchanged,
/// after a growing pause (<see cref="RetryDelay"/>), with the conversation's later messages behind it; only a send
/// the platform refused for good (<see cref="IsPermanent"/>) is logged and let go. A message is marked sent in the
/// store after the platform took it, so a restart sends what had not gone, once (README, "One way out").
/// Card updates (<see cref="OutboundMessage.Card"/>) take the same lanes, in the same order, each alone: a card
/// waiting behind a later state of the same card is let go unsent (the last state wins), and a card goes only to a
/// gateway that renders cards (<see cref="ICardGateway"/>), posted once and then updated in place by the message id
/// kept in <see cref="ICardPostStore"/>.
/// </summary>
public sealed partial class OutboxDrain(IOutboxStore store, IEnumerable<IChatGateway> gateways, TimeProvider time, ILogger<OutboxDrain> logger, ICardPostStore? cardPosts = null) : BackgroundService
{
    /// <summary>Messages merged into one send at most; more stay for the next.</summary>
    public const int MaxMessagesPerSend = 20;

    /// <summary>Characters in one merged send at most (Teams takes about 28 KB per activity); a longer message goes alone.</summary>
    public const int MaxCharactersPerSend = 8000;

    /// <summary>Unsent messages read from the store at once; a larger backlog is read again as lanes finish.</summary>
    public const int ReadAtOnce = 2000;

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

    private readonly Dictionary<string, IChatGateway> _gateways = gateways.ToDictionary(g => g.Channel, StringComparer.OrdinalIgnoreCase);

    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _pass = new(1, 1);

    // Per conversation: the lane sending now, and the highest outbox id a lane of this process has taken. A row read
    // while its lane was still marking it sent is skipped by the id, so no message is handed to two lanes.
    private readonly Dictionary<(string Channel, string Conversation), Task> _lanes = [];
    private readonly Dictionary<(string Channel, string Conversation), long> _taken = [];
    private TaskCompletionSource _laneEnded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationToken _stopping;

    /// <summary>
    /// Completes when every durable message has been handled (sent, or refused for good) and nothing is in flight:
    /// for tests and for callers that want to see a burst out. Waits as long as a conversation keeps failing.
    /// </summary>
    public async Task IdleAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var started = await PassAsync(cancellationToken).ConfigureAwait(false);
            Task[] lanes;
            lock (_gate)
            {
                lanes = [.. _lanes.Values];
            }

            if (started == 0 && lanes.Length == 0)
            {
                return;
            }

            await Task.WhenAll(lanes).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _stopping = stoppingToken;
        while (!stoppingToken.IsCancellationRequested)
        {
            // Both signals are taken before the read, so nothing that lands meanwhile is missed.
            var added = store.WhenAddedAsync(stoppingToken);
            Task laneEnded;
            lock (_gate)
            {
                laneEnded = _laneEnded.Task;
            }

            try
            {
                await PassAsync(stoppingToken).ConfigureAwait(false);
                await Task.WhenAny(added, laneEnded).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
#pragma warning disable CA1031 // Whatever failed the read, the drain must keep running; it logs and reads again.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                // The store could not be read: try again shortly rather than stop sending for good.
                LogReadFailed(logger, ex);
                try
                {
                    await Task.Delay(RetryDelay(1), time, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }

        Task[] left;
        lock (_gate)
        {
            left = [.. _lanes.Values];
        }

        await Task.WhenAll(left).ConfigureAwait(false);
    }

    public override void Dispose()
    {
        _pass.Dispose();
        base.Dispose();
    }

    /// <summary>Reads the unsent messages and starts a lane for each conversation that has none. Returns how many started.</summary>
    private async Task<int> PassAsync(CancellationToken cancellationToken)
    {
        await _pass.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var unsent = await store.GetUnsentAsync(ReadAtOnce, cancellationToken).ConfigureAwait(false);
            var started = 0;
            lock (_gate)
            {
                foreach (var group in unsent.GroupBy(u => (u.Message.To.Channel, u.Message.To.ConversationId)))
                {
                    var taken = _taken.GetValueOrDefault(group.Key);
                    var waiting = new Queue<OutboxMessage>(group.Where(u => u.Id > taken));
                    if (waiting.Count == 0 || _lanes.ContainsKey(group.Key))
                    {
                        continue;
                    }

                    _taken[group.Key] = waiting.Last().Id;
                    _lanes[group.Key] = Task.Run(() => LaneAsync(group.Key, waiting), CancellationToken.None);
                    started++;
                }
            }

            return started;
        }
        finally
        {
            _pass.Release();
        }
    }

    private async Task LaneAsync((string Channel, string Conversation) key, Queue<OutboxMessage> waiting)
    {
        var stopping = _stopping;
        try
        {
            var failures = 0;
            while (waiting.Count > 0 && !stopping.IsCancellationRequested)
            {
                var (send, ids) = TakeSend(waiting);
                while (send is not null)
                {
                    try
                    {
                        await DeliverAsync(send, stopping).ConfigureAwait(false);
                        failures = 0;
                        break;
                    }
                    catch (OperationCanceledException) when (stopping.IsCancellationRequested)
                    {
                        // Left unsent in the store: the next start sends it.
                        return;
                    }
                    catch (Exception ex) when (IsPermanent(ex))
                    {
                        failures = 0;
                        LogRefused(logger, ex, key.Channel, key.Conversation);
                        break;
                    }
#pragma warning disable CA1031 // Any other failure means the message did not go (IsPermanent sorts out the ones that never will); it is kept.
                    catch (Exception ex)
#pragma warning restore CA1031
                    {
                        var wait = RetryDelay(++failures);
                        LogKept(logger, ex, key.Channel, key.Conversation, wait);
                        try
                        {
                            await Task.Delay(wait, time, stopping).ConfigureAwait(false);
                        }
                        catch (OperationCanceledException)
                        {
                            return;
                        }
                    }
                }

                await store.MarkSentAsync(ids, time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
            }
        }
#pragma warning disable CA1031 // A failing store must end this lane, not the drain; the next start sends what is left.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            // Marking failed (the store is failing): this process must not send these again, the next start will.
            LogMarkFailed(logger, ex, key.Channel, key.Conversation);
        }
        finally
        {
            TaskCompletionSource ended;
            lock (_gate)
            {
                _lanes.Remove(key);
                ended = _laneEnded;
                _laneEnded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            ended.TrySetResult();
        }
    }

    /// <summary>Hands one send to the gateway of its channel and lets a failure through; a channel without one is a setting error (permanent).</summary>
    private async Task DeliverAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        if (!_gateways.TryGetValue(message.To.Channel, out var gateway))
        {
            throw new MeetingBotException($"{message.To.Channel} 채널의 발신 경로가 없습니다. 그 채널의 설정(직원 알림이면 Staff:Channel)을 확인해 주세요.");
        }

        if (message.Card is not { } card)
        {
            await gateway.SendAsync(message, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (gateway is not ICardGateway { CardsEnabled: true } cards || cardPosts is null)
        {
            return;
        }

        var posted = await cardPosts.FindCardPostAsync(message.To, card.Key, cancellationToken).ConfigureAwait(false);
        var shown = await cards.SendCardAsync(message, posted, cancellationToken).ConfigureAwait(false);
        if (shown is not null && shown != posted)
        {
            await cardPosts.SaveCardPostAsync(message.To, card.Key, shown, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The next send: the oldest message, joined by those behind it while they fit; with the outbox ids it covers. A
    /// card goes alone, and not at all (null, its id only) when a later state of it waits behind.
    /// </summary>
    private static (OutboundMessage? Send, long[] Ids) TakeSend(Queue<OutboxMessage> waiting)
    {
        var first = waiting.Dequeue();
        if (first.Message.Card is { } card)
        {
            return waiting.Any(w => w.Message.Card?.Key == card.Key) ? (null, [first.Id]) : (first.Message, [first.Id]);
        }

        if (waiting.Count == 0 || first.Message.Text.Length >= MaxCharactersPerSend)
        {
            return (first.Message, [first.Id]);
        }

        var taken = new List<OutboxMessage> { first };
        var length = first.Message.Text.Length;
        while (taken.Count < MaxMessagesPerSend
            && waiting.TryPeek(out var more)
            && more.Message.Card is null
            && length + Separator.Length + more.Message.Text.Length <= MaxCharactersPerSend)
        {
            taken.Add(waiting.Dequeue());
            length += Separator.Length + more.Message.Text.Length;
        }

        // A merged message answers several inputs, so it is not a reply to any one of them; with a warning in it, it alerts.
        var send = taken.Count == 1
            ? first.Message
            : first.Message with
            {
                Text = string.Join(Separator, taken.Select(t => t.Message.Text)),
                ReplyToMessageId = null,
                AlertInMeeting = taken.Any(t => t.Message.AlertInMeeting),
            };
        return (send, [.. taken.Select(t => t.Id)]);
    }

    [LoggerMessage(EventId = 211, Level = LogLevel.Warning, Message = "{Channel} 대화방 {Conversation}에 메시지를 보내지 못해 두었다가 {Wait} 뒤에 다시 보냅니다.")]
    private static partial void LogKept(ILogger logger, Exception ex, string channel, string conversation, TimeSpan wait);

    [LoggerMessage(EventId = 212, Level = LogLevel.Error, Message = "{Channel} 대화방 {Conversation}이(가) 메시지를 받지 않아(다시 보내도 같음) 이 메시지를 버립니다.")]
    private static partial void LogRefused(ILogger logger, Exception ex, string channel, string conversation);

    [LoggerMessage(EventId = 213, Level = LogLevel.Error, Message = "보낸 메시지를 저장소에 표시하지 못했습니다({Channel} {Conversation}). 이 대화방의 나머지는 다음 시작 때 보냅니다.")]
    private static partial void LogMarkFailed(ILogger logger, Exception ex, string channel, string conversation);

    [LoggerMessage(EventId = 214, Level = LogLevel.Error, Message = "보낼 메시지를 저장소에서 읽지 못했습니다. 잠시 뒤 다시 읽습니다.")]
    private static partial void LogReadFailed(ILogger logger, Exception ex);
}

public static class OutboxDrainExtensions
{
    /// <summary>The one drain of the store's outbox; the store must keep one (<see cref="IOutboxStore"/>).</summary>
    public static IServiceCollection AddOutboxDrain(this IServiceCollection services)
    {
        services.AddSingleton(sp => sp.GetRequiredService<IMeetingStore>() as IOutboxStore
            ?? throw new MeetingBotException("저장소에 발신함(outbox)이 없습니다. Storage:ConnectionString 설정을 확인해 주세요."));
        services.AddSingleton(sp => sp.GetRequiredService<IMeetingStore>() as ICardPostStore
            ?? throw new MeetingBotException("저장소가 카드 메시지 번호를 저장하지 못합니다. Storage:ConnectionString 설정을 확인해 주세요."));
        services.AddSingleton<OutboxDrain>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxDrain>());
        return services;
    }
}
