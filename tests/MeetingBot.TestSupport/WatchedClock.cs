using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace MeetingBot.TestSupport;

/// <summary>
/// A fake clock that reports each timer the code under test starts, so a wait (a retry's back-off, a hosted loop's
/// sleep) is seen and then skipped with <see cref="FakeTimeProvider.Advance"/> instead of being waited out.
/// </summary>
public sealed class WatchedClock(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly Channel<TimeSpan> _timers = Channel.CreateUnbounded<TimeSpan>();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            _timers.Writer.TryWrite(dueTime);
        }

        return timer;
    }

    /// <summary>The due time of the next timer of at least <paramref name="atLeast"/> (a hang guard, not a timing).</summary>
    public async Task<TimeSpan> NextTimerAsync(TimeSpan atLeast)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var due = await _timers.Reader.ReadAsync(guard.Token);
            if (due >= atLeast)
            {
                return due;
            }
        }
    }

    /// <summary>Waits for the next timer of at least <paramref name="atLeast"/> and lets it fire.</summary>
    public async Task<TimeSpan> FireTimerAsync(TimeSpan atLeast)
    {
        var due = await NextTimerAsync(atLeast);
        Advance(due);
        return due;
    }
}
