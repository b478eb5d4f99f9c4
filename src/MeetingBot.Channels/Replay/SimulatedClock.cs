namespace MeetingBot.Channels.Replay;

/// <summary>The replay's clock: it stands still until the replay moves it to the next message or due warning.</summary>
public sealed class SimulatedClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    /// <summary>Moves the clock forward; it never goes back, as a replay is chronological.</summary>
    public void MoveTo(DateTimeOffset instant)
    {
        if (instant > _now)
        {
            _now = instant;
        }
    }
}
