using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace MeetingBot.Channels.Teams;

/// <summary>
/// One lane per conversation: sends to a conversation go out one at a time, in the order they were asked for,
/// paced below the Bot Connector's per-conversation limits. Lanes never wait on each other, so a connector that
/// hangs or fails for one conversation delays only that conversation.
/// </summary>
public sealed class ConversationLanes : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Task> _tails = new(StringComparer.Ordinal);
    private readonly PartitionedRateLimiter<string> _limiter;

    public ConversationLanes(IOptions<TeamsOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var connector = options.Value.Connector;
        _limiter = PartitionedRateLimiter.CreateChained(
            Window(connector.SendsPerSecond, TimeSpan.FromSeconds(1)),
            Window(connector.SendsPer30Seconds, TimeSpan.FromSeconds(30)));
    }

    public static string LaneOf(string serviceUrl, string conversationId)
    {
        ArgumentNullException.ThrowIfNull(serviceUrl);
        ArgumentNullException.ThrowIfNull(conversationId);
        return $"{serviceUrl.TrimEnd('/').ToUpperInvariant()}|{conversationId}";
    }

    /// <summary>Runs <paramref name="work"/> after everything queued earlier on <paramref name="lane"/> has finished.</summary>
    public async Task<T> RunAsync<T>(string lane, Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lane);
        ArgumentNullException.ThrowIfNull(work);

        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task previous;
        lock (_gate)
        {
            previous = _tails.GetValueOrDefault(lane) ?? Task.CompletedTask;
            _tails[lane] = done.Task;
        }

        try
        {
            await previous.WaitAsync(cancellationToken).ConfigureAwait(false);
            using var lease = await _limiter.AcquireAsync(lane, 1, cancellationToken).ConfigureAwait(false);
            return await work(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // A caller that gave up while waiting must still hold its place until its predecessor is done,
            // otherwise the next send would overtake the one still running.
            if (previous.IsCompleted)
                Release(lane, done);
            else
                _ = previous.ContinueWith(_ => Release(lane, done), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    public void Dispose() => _limiter.Dispose();

    private void Release(string lane, TaskCompletionSource done)
    {
        lock (_gate)
        {
            if (_tails.TryGetValue(lane, out var tail) && tail == done.Task)
                _tails.Remove(lane);
        }

        done.TrySetResult();
    }

    private static PartitionedRateLimiter<string> Window(int permits, TimeSpan window) =>
        PartitionedRateLimiter.Create<string, string>(lane => RateLimitPartition.GetSlidingWindowLimiter(lane, _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = window,
            SegmentsPerWindow = 10,
            QueueLimit = 1,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        }));
}
