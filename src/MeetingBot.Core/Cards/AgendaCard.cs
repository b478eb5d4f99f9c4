using System.Globalization;
using System.Text;
using MeetingBot.Core.Engine;

namespace MeetingBot.Core.Cards;

public enum CardItemState
{
    Upcoming,
    Open,
    Done,
}

/// <summary>One agenda item as the card shows it, every figure already in the words the chat uses.</summary>
public sealed record AgendaCardItem
{
    public required int Index { get; init; }

    /// <summary><c>2. 마을 돌봄 네트워크 운영 방안</c>.</summary>
    public required string Label { get; init; }

    public string? Lead { get; init; }

    /// <summary><c>14:05~14:25 (20')</c>, extended minutes included.</summary>
    public required string Planned { get; init; }

    /// <summary><c>14:05~14:31 (26')</c> once left, <c>14:05~</c> while open, null before it opened.</summary>
    public string? Actual { get; init; }

    public CardItemState State { get; init; }

    /// <summary><c>6분 초과</c> when the item ran (or runs) over its timebox; null on time.</summary>
    public string? Overrun { get; init; }
}

/// <summary>
/// The live agenda card (SPEC §10) as data, channel-neutral: built from the one agenda timeline
/// (<see cref="AgendaTimeline"/>) at an instant, rendered by each channel (Adaptive Card, Google Chat card) and as text
/// (<see cref="Text"/>) where cards are off or a transcript is written. Stored in the outbox with the change that caused it.
/// </summary>
public sealed record AgendaCard
{
    public required string MeetingId { get; init; }

    /// <summary><c>[전략사업] 분과회의 안건</c>.</summary>
    public required string Title { get; init; }

    public required MeetingStatus Status { get; init; }

    /// <summary>What the meeting is doing now: the open item and its time left (or over), paused, ended.</summary>
    public required string StatusLine { get; init; }

    /// <summary>The open item (1-based); 0 before the start and after the end.</summary>
    public int OpenItem { get; init; }

    public required IReadOnlyList<AgendaCardItem> Items { get; init; }

    /// <summary>The instant the card shows (local to the meeting): <c>14:12 기준</c>.</summary>
    public required string AsOf { get; init; }

    /// <summary>One card per meeting and chat: later states replace earlier ones (coalescing, update in place).</summary>
    public string Key => "agenda:" + MeetingId;

    /// <summary>The chair's buttons show while the meeting runs or is paused.</summary>
    public bool Live => Status is MeetingStatus.Running or MeetingStatus.Paused;

    public static AgendaCard Of(MeetingDefinition meeting, MeetingRuntime runtime, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        ArgumentNullException.ThrowIfNull(runtime);
        var timeline = AgendaTimeline.Of(meeting, runtime);
        var live = runtime.Status is MeetingStatus.Running or MeetingStatus.Paused;
        var items = new List<AgendaCardItem>(meeting.Agenda.Count);
        foreach (var item in meeting.Agenda)
        {
            var timing = timeline.Item(item.Index);
            var open = live && runtime.CurrentItem == item.Index;
            var used = open ? Timebox.Used(runtime.Timing(item.Index), runtime.SegmentStart, now) : timing.Used;
            var over = used - TimeSpan.FromMinutes(timing.BudgetMinutes);
            var plannedEnd = timing.PlannedStart.AddMinutes(timing.BudgetMinutes);
            items.Add(new AgendaCardItem
            {
                Index = item.Index,
                Label = BotText.ItemLabel(item),
                Lead = string.IsNullOrWhiteSpace(item.Lead) ? null : item.Lead,
                Planned = KoreanTime.RangeWithMinutes(meeting.ToLocal(timing.PlannedStart), meeting.ToLocal(plannedEnd)),
                Actual = !timing.WasOpened ? null
                    : open ? KoreanTime.Time(meeting.ToLocal(timing.ActualStart!.Value)) + "~"
                    : timing.UsedMinutes is { } minutes ? $"{KoreanTime.Visits(timing.Visits, meeting.TimeZone)} ({KoreanTime.Minutes(minutes)})"
                    : KoreanTime.Visits(timing.Visits, meeting.TimeZone),
                State = open ? CardItemState.Open : timing.WasOpened ? CardItemState.Done : CardItemState.Upcoming,
                Overrun = over >= TimeSpan.FromMinutes(1) ? CardText.Overrun(KoreanTime.WholeMinutes(over)) : null,
            });
        }

        return new AgendaCard
        {
            MeetingId = meeting.Id,
            Title = $"[{meeting.Subcommittee}] {meeting.Title}",
            Status = runtime.Status,
            StatusLine = DescribeClock(meeting, runtime, now),
            OpenItem = live ? runtime.CurrentItem : 0,
            Items = items,
            AsOf = CardText.AsOf(KoreanTime.Time(meeting.ToLocal(now))),
        };
    }

    private static string DescribeClock(MeetingDefinition meeting, MeetingRuntime runtime, DateTimeOffset now)
    {
        if (runtime.Status == MeetingStatus.NotStarted)
        {
            return CardText.NotStarted;
        }

        if (runtime.Status == MeetingStatus.Ended)
        {
            return CardText.Ended(runtime.EndedAt is { } end ? KoreanTime.Time(meeting.ToLocal(end)) : null);
        }

        var item = meeting.Agenda[runtime.CurrentItem - 1];
        var timing = runtime.Timing(runtime.CurrentItem);
        var left = Timebox.Budget(item, timing) - Timebox.Used(timing, runtime.SegmentStart, now);
        var clock = left >= TimeSpan.Zero ? CardText.Left(KoreanTime.Countdown(left)) : CardText.Over(KoreanTime.Countdown(left));
        return runtime.Status == MeetingStatus.Paused
            ? CardText.PausedLine(BotText.ItemLabel(item), clock)
            : CardText.RunningLine(BotText.ItemLabel(item), clock);
    }

    /// <summary>What the card says, as text: where cards are off, and in <c>simulate</c>'s transcript.</summary>
    public string Text()
    {
        var sb = new StringBuilder();
        sb.Append("🗂 ").Append(Title).Append(" — ").Append(AsOf).Append('\n').Append(StatusLine);
        foreach (var item in Items)
        {
            var mark = item.State switch { CardItemState.Open => "▶", CardItemState.Done => "✔", _ => "·" };
            sb.Append('\n').Append(CultureInfo.InvariantCulture, $"{mark} {item.Label} — {CardText.PlannedLabel} {item.Planned}");
            if (item.Actual is { } actual)
            {
                sb.Append(" · ").Append(CardText.ActualLabel).Append(' ').Append(actual);
            }

            if (item.Overrun is { } overrun)
            {
                sb.Append(" ⚠ ").Append(overrun);
            }
        }

        if (Live)
        {
            sb.Append('\n').Append(CardText.ButtonsLine(CardActions.ChairButtons(this).Select(b => b.Label)));
        }

        return sb.ToString();
    }
}
