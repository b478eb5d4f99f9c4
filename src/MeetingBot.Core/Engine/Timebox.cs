namespace MeetingBot.Core.Engine;

public enum WarningKind
{
    /// <summary><see cref="TimeboxSettings.WarnBefore"/> left.</summary>
    Soon,

    /// <summary>The timebox has run out.</summary>
    TimeUp,

    /// <summary>Running over by a multiple of <see cref="TimeboxSettings.OverrunEvery"/>.</summary>
    Overrun,
}

public sealed record DueWarning(WarningKind Kind, TimeSpan Threshold, TimeSpan Budget);

/// <summary>
/// The clock of the open agenda item as pure functions of <see cref="MeetingRuntime"/>: nothing here keeps a timer,
/// so a restart only needs the stored state (ARCHITECTURE: timers are data).
/// </summary>
public static class Timebox
{
    public static TimeSpan Budget(AgendaItem item, ItemTiming timing) =>
        TimeSpan.FromMinutes(item.Minutes + timing.ExtraMinutes);

    /// <summary>Clock time the item has been open and not paused, up to <paramref name="now"/>.</summary>
    public static TimeSpan Used(ItemTiming timing, DateTimeOffset? segmentStart, DateTimeOffset now) =>
        timing.Used + (segmentStart is { } start && now > start ? now - start : TimeSpan.Zero);

    /// <summary>Warning thresholds in item usage: budget − warnBefore (when positive), budget, then every overrun step.</summary>
    public static IEnumerable<(WarningKind Kind, TimeSpan At)> Thresholds(TimeSpan budget, TimeboxSettings settings)
    {
        if (budget > settings.WarnBefore && settings.WarnBefore > TimeSpan.Zero)
        {
            yield return (WarningKind.Soon, budget - settings.WarnBefore);
        }

        yield return (WarningKind.TimeUp, budget);
        for (var at = budget + settings.OverrunEvery; ; at += settings.OverrunEvery)
        {
            yield return (WarningKind.Overrun, at);
        }
    }

    /// <summary>The next warning's due instant for the open item, or null when the clock is stopped.</summary>
    public static DateTimeOffset? NextDue(MeetingDefinition meeting, MeetingRuntime runtime, TimeboxSettings settings)
    {
        if (runtime.Status != MeetingStatus.Running || runtime.SegmentStart is not { } start || runtime.CurrentItem < 1)
        {
            return null;
        }

        var timing = runtime.Timing(runtime.CurrentItem);
        var budget = Budget(meeting.Agenda[runtime.CurrentItem - 1], timing);
        var floor = runtime.WarnedUpTo ?? TimeSpan.MinValue;
        var next = Thresholds(budget, settings).First(t => t.At > floor && t.At > TimeSpan.Zero);
        return start + (next.At - timing.Used);
    }

    /// <summary>
    /// The warning due at <paramref name="now"/>: the latest threshold already passed that was not warned about.
    /// After downtime only that one fires, never a burst of stale ones.
    /// </summary>
    public static DueWarning? Due(MeetingDefinition meeting, MeetingRuntime runtime, TimeboxSettings settings, DateTimeOffset now)
    {
        if (runtime.Status != MeetingStatus.Running || runtime.CurrentItem < 1)
        {
            return null;
        }

        var timing = runtime.Timing(runtime.CurrentItem);
        var budget = Budget(meeting.Agenda[runtime.CurrentItem - 1], timing);
        var used = Used(timing, runtime.SegmentStart, now);
        var floor = runtime.WarnedUpTo ?? TimeSpan.MinValue;
        DueWarning? due = null;
        foreach (var (kind, at) in Thresholds(budget, settings))
        {
            if (at > used)
            {
                break;
            }

            if (at > floor && at > TimeSpan.Zero)
            {
                due = new DueWarning(kind, at, budget);
            }
        }

        return due;
    }
}
