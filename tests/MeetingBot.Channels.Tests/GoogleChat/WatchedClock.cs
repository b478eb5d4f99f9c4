using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace MeetingBot.Channels.Tests.GoogleChat;

/// <summary>A fake clock that reports each timer the code under test starts, so a retry wait is seen and skipped, not waited out.</summary>
internal sealed class WatchedClock() : FakeTimeProvider(new DateTimeOffset(2020, 9, 15, 14, 0, 0, TimeSpan.FromHours(9)))
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

    /// <summary>Waits for a timer of at least <paramref name="atLeast"/> (a hang guard, not a timing) and lets it fire.</summary>
    public async Task<TimeSpan> FireTimerAsync(TimeSpan atLeast)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var due = await _timers.Reader.ReadAsync(guard.Token);
            if (due >= atLeast)
            {
                Advance(due);
                return due;
            }
        }
    }
}
