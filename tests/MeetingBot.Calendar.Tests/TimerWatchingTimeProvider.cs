using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace MeetingBot.Calendar.Tests;

/// <summary>
/// A fake clock that tells the test when code under test starts waiting, and for how long, so a retry delay can be
/// asserted and then skipped with <see cref="FakeTimeProvider.Advance"/> instead of being waited out.
/// </summary>
internal sealed class TimerWatchingTimeProvider() : FakeTimeProvider(new DateTimeOffset(2020, 9, 10, 9, 0, 0, TimeSpan.FromHours(9)))
{
    private readonly Channel<TimeSpan> _timers = Channel.CreateUnbounded<TimeSpan>();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        _timers.Writer.TryWrite(dueTime);
        return timer;
    }

    /// <summary>The due time of the next timer created; fails the test if none comes (a hang guard, not a timing).</summary>
    public async Task<TimeSpan> NextTimerAsync()
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await _timers.Reader.ReadAsync(guard.Token);
    }

    /// <summary>Waits for the next timer and lets it fire.</summary>
    public async Task<TimeSpan> FireNextTimerAsync()
    {
        var due = await NextTimerAsync();
        Advance(due);
        return due;
    }
}
