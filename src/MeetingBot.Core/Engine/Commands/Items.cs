namespace MeetingBot.Core.Engine.Commands;

/// <summary>Opening and leaving agenda items: what <c>/시작</c>, <c>/다음</c>, <c>/이전</c>, <c>/이동</c> and <c>/종료</c> share.</summary>
internal static class Items
{
    /// <summary>Leaves the open item (if any) and opens item <paramref name="index"/>, posting its timebox.</summary>
    public static void Open(Turn turn, int index)
    {
        var runtime = turn.Clock;
        var items = runtime.Items.ToArray();
        var visits = CloseCurrent(turn, items);
        var timing = items[index - 1];
        items[index - 1] = timing with { ActualStart = timing.ActualStart ?? turn.Now, ActualEnd = null };
        var wasPaused = runtime.Status == MeetingStatus.Paused;
        turn.Runtime = runtime with
        {
            Items = items,
            Visits = [.. visits, new ItemVisit(index, turn.Now)],
            CurrentItem = index,
            Status = MeetingStatus.Running,
            SegmentStart = turn.Now,
            WarnedUpTo = items[index - 1].Used,
        };
        var item = turn.Meeting.Agenda[index - 1];
        var remaining = Timebox.Budget(item, items[index - 1]) - items[index - 1].Used;
        var text = BotText.ItemOpened(turn.Meeting, item, turn.Now, remaining < TimeSpan.Zero ? TimeSpan.Zero : remaining);
        turn.Announce(wasPaused ? text + "\n(일시정지를 풀고 진행합니다)" : text);
    }

    /// <summary>Leaves the open item in <paramref name="items"/>; returns the visits with its visit ended.</summary>
    public static IReadOnlyList<ItemVisit> CloseCurrent(Turn turn, ItemTiming[] items)
    {
        var runtime = turn.Clock;
        var visits = runtime.VisitsOrSpans();
        if (runtime.CurrentItem < 1)
        {
            return visits;
        }

        var i = runtime.CurrentItem - 1;
        items[i] = items[i] with
        {
            Used = Timebox.Used(items[i], runtime.SegmentStart, turn.Now),
            ActualEnd = turn.Now,
        };

        return visits is [.., { End: null } open] && open.Index == runtime.CurrentItem
            ? [.. visits.SkipLast(1), open with { End = turn.Now }]
            : visits;
    }
}
