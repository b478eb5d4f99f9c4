namespace MeetingBot.Core;

public enum MeetingStatus
{
    NotStarted,
    Running,
    Paused,
    Ended,
}

/// <summary>
/// What actually happened to one agenda item. <see cref="Used"/> is clock time while open and not paused;
/// <see cref="ActualStart"/> is when it was first opened, <see cref="ActualEnd"/> when it was last left.
/// </summary>
public sealed record ItemTiming
{
    public required int Index { get; init; }
    public DateTimeOffset? ActualStart { get; init; }
    public DateTimeOffset? ActualEnd { get; init; }
    public TimeSpan Used { get; init; }
    public int ExtraMinutes { get; init; }
}

/// <summary>
/// One stretch during which an item was the open one: from when it was opened to when another item was opened or the
/// meeting ended (null until then). A pause does not end it: a paused item is still the open one (SPEC §9).
/// </summary>
public sealed record ItemVisit(int Index, DateTimeOffset Start, DateTimeOffset? End = null);

/// <summary>
/// A stretch during which capture was stopped (<c>/기록중지</c> … <c>/기록재개</c>, SPEC §9): no tag was taken in and
/// transcript cues are dropped. <see cref="End"/> is null while it lasts (or when it was never restarted).
/// </summary>
public sealed record CaptureStop(DateTimeOffset Start, DateTimeOffset? End = null)
{
    public bool Covers(DateTimeOffset instant) => Start <= instant && (End is not { } end || instant < end);
}

/// <summary>
/// The durable state of a meeting's clock. Timers are data: <see cref="NextDueAt"/> is when the next
/// timebox warning is due, and the clock asks the store what is due (ARCHITECTURE, rules).
/// </summary>
public sealed record MeetingRuntime
{
    public required string MeetingId { get; init; }
    public MeetingStatus Status { get; init; } = MeetingStatus.NotStarted;

    /// <summary>1-based index of the open item; 0 before the start.</summary>
    public int CurrentItem { get; init; }

    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>When the current item's running segment began; null while paused or not running.</summary>
    public DateTimeOffset? SegmentStart { get; init; }

    /// <summary>Usage of the current item (as in <see cref="ItemTiming.Used"/>) that the last warning covered.</summary>
    public TimeSpan? WarnedUpTo { get; init; }

    public DateTimeOffset? NextDueAt { get; init; }
    public int NextEntryNumber { get; init; } = 1;
    public required IReadOnlyList<ItemTiming> Items { get; init; }

    /// <summary>
    /// Every visit in order, so an item left and opened again (<c>/이전</c>, <c>/이동</c>) says when it was open.
    /// Empty in state stored before visits were recorded: read them through <see cref="VisitsOrSpans"/>.
    /// </summary>
    public IReadOnlyList<ItemVisit> Visits { get; init; } = [];

    /// <summary>When capture was stopped, in order; empty in state stored before capture could be stopped.</summary>
    public IReadOnlyList<CaptureStop> CaptureStops { get; init; } = [];

    /// <summary>The stop that lasts now, or null while capture runs.</summary>
    public CaptureStop? OpenCaptureStop() => CaptureStops is [.., { End: null } open] ? open : null;

    /// <summary><see cref="CaptureStops"/> with the open stop, if any, ended at <paramref name="at"/>.</summary>
    public IReadOnlyList<CaptureStop> CaptureStopsEndedAt(DateTimeOffset at) =>
        OpenCaptureStop() is { } open ? [.. CaptureStops.SkipLast(1), open with { End = at }] : CaptureStops;

    public static MeetingRuntime NotStartedFor(MeetingDefinition meeting) => new()
    {
        MeetingId = meeting.Id,
        Items = meeting.Agenda.Select(a => new ItemTiming { Index = a.Index }).ToArray(),
    };

    public ItemTiming Timing(int index) => Items[index - 1];

    /// <summary>
    /// <see cref="Visits"/>; for state stored before visits were recorded, each opened item's
    /// <see cref="ItemTiming.ActualStart"/>~<see cref="ItemTiming.ActualEnd"/> as its one visit.
    /// </summary>
    public IReadOnlyList<ItemVisit> VisitsOrSpans() => Visits.Count > 0
        ? Visits
        : [.. Items.Where(i => i.ActualStart is not null).OrderBy(i => i.ActualStart).Select(i => new ItemVisit(i.Index, i.ActualStart!.Value, i.ActualEnd))];
}

/// <summary>Everything stored about one meeting: what the report is built from.</summary>
public sealed record MeetingRecord(MeetingDefinition Definition, MeetingRuntime Runtime, IReadOnlyList<Entry> Entries);
