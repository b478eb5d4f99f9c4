namespace MeetingBot.Core;

/// <summary>
/// Planned and actual times of one agenda item: what the chat's <c>/안건</c>, the report's run-of-show and
/// Ⅲ 시간 운영 결과, the staff page and the report notice all print. The <c>…Minutes</c> figures follow the rule of
/// <see cref="KoreanTime"/>: they are what the printed times add up to, and null while there is no end to print.
/// </summary>
public sealed record TimelineItem
{
    public required int Index { get; init; }

    /// <summary>The meeting's start plus the planned minutes of the items before this one.</summary>
    public required DateTimeOffset PlannedStart { get; init; }

    public required int PlannedMinutes { get; init; }
    public int ExtraMinutes { get; init; }

    /// <summary>When the item was open, in order; empty when it never was.</summary>
    public IReadOnlyList<ItemVisit> Visits { get; init; } = [];

    /// <summary>Clock time open and not paused, exactly, as the timebox counts it.</summary>
    public TimeSpan Used { get; init; }

    public DateTimeOffset PlannedEnd => PlannedStart.AddMinutes(PlannedMinutes);

    /// <summary>Planned plus extended minutes: the timebox.</summary>
    public int BudgetMinutes => PlannedMinutes + ExtraMinutes;

    public bool WasOpened => Visits.Count > 0;

    public DateTimeOffset? ActualStart => WasOpened ? Visits[0].Start : null;

    /// <summary>When the item was last left; null while it is open or when it never was.</summary>
    public DateTimeOffset? ActualEnd => WasOpened ? Visits[^1].End : null;

    /// <summary>Used beyond the timebox, exactly; zero when on time.</summary>
    public TimeSpan Overrun => Used > TimeSpan.FromMinutes(BudgetMinutes) ? Used - TimeSpan.FromMinutes(BudgetMinutes) : TimeSpan.Zero;

    /// <summary>The minutes the printed visits span: each visit's printed end less its printed start.</summary>
    public int? VisitMinutes => WasOpened && Visits.All(v => v.End is not null)
        ? Visits.Sum(v => KoreanTime.MinutesBetween(v.Start, v.End!.Value))
        : null;

    /// <summary>
    /// Whole minutes the clock stood paused within the visits (the visits' time the timebox did not count), never
    /// more than <see cref="VisitMinutes"/>, so that <see cref="UsedMinutes"/> is never negative.
    /// </summary>
    public int? PausedMinutes => VisitMinutes is { } visits
        ? Math.Max(0, Math.Min(visits, KoreanTime.WholeMinutes(Visits.Aggregate(TimeSpan.Zero, (sum, v) => sum + (v.End!.Value - v.Start)) - Used)))
        : null;

    /// <summary>The used minutes as printed: the printed visits' minutes less the paused minutes.</summary>
    public int? UsedMinutes => VisitMinutes - PausedMinutes;

    /// <summary>Printed used minutes beyond the timebox; zero when on time.</summary>
    public int? OverrunMinutes => UsedMinutes is { } used ? Math.Max(0, used - BudgetMinutes) : null;
}

/// <summary>
/// One meeting's agenda in time, planned and actual (ARCHITECTURE: one vocabulary). <see cref="Items"/> holds every
/// agenda item in order, so item <c>n</c> is <c>Items[n - 1]</c>.
/// </summary>
public sealed record AgendaTimeline(
    DateTimeOffset PlannedStart,
    DateTimeOffset? ActualStart,
    DateTimeOffset? ActualEnd,
    IReadOnlyList<TimelineItem> Items)
{
    public int PlannedMinutes => Items.Sum(i => i.PlannedMinutes);

    public DateTimeOffset PlannedEnd => PlannedStart.AddMinutes(PlannedMinutes);

    public TimelineItem Item(int index) => Items[index - 1];

    /// <summary>
    /// The plan is the meeting's own start with each item's planned minutes after the one before; the actual times are
    /// the runtime's. A meeting that starts late keeps its plan: the lateness shows as the actual times.
    /// </summary>
    public static AgendaTimeline Of(MeetingDefinition meeting, MeetingRuntime runtime)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        ArgumentNullException.ThrowIfNull(runtime);
        var visits = runtime.VisitsOrSpans();
        var items = new List<TimelineItem>(meeting.Agenda.Count);
        var plannedStart = meeting.Start;
        foreach (var agendaItem in meeting.Agenda)
        {
            var timing = runtime.Timing(agendaItem.Index);
            items.Add(new TimelineItem
            {
                Index = agendaItem.Index,
                PlannedStart = plannedStart,
                PlannedMinutes = agendaItem.Minutes,
                ExtraMinutes = timing.ExtraMinutes,
                Visits = [.. visits.Where(v => v.Index == agendaItem.Index)],
                Used = timing.Used,
            });
            plannedStart += agendaItem.Planned;
        }

        return new AgendaTimeline(meeting.Start, runtime.StartedAt, runtime.EndedAt, items);
    }

    /// <summary>
    /// The item open at <paramref name="instant"/>: opened at or before it and not yet left (a visit holds its start,
    /// not its end, so at the instant of <c>/다음</c> the next item is open). A pause does not close an item. Null
    /// before the first item opened, after the meeting ended, and for an instant no visit covers.
    /// </summary>
    public int? ItemOpenAt(DateTimeOffset instant)
    {
        ItemVisit? open = null;
        foreach (var visit in Items.SelectMany(i => i.Visits))
        {
            // Visits never overlap when recorded; state from before they were (one first-to-last span per item) can,
            // and there the most recently opened item is the likelier one.
            if (visit.Start <= instant && (visit.End is not { } end || instant < end) && (open is null || visit.Start > open.Start))
            {
                open = visit;
            }
        }

        return open?.Index;
    }
}
