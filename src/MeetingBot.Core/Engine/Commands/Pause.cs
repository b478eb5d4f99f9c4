namespace MeetingBot.Core.Engine.Commands;

/// <summary><c>/일시정지</c>: stops the clock; the item stays the open one.</summary>
internal sealed class Pause : RunningCommand
{
    protected override void DecideRunning(Turn turn, CommandMessage command)
    {
        var runtime = turn.Clock;
        if (runtime.Status == MeetingStatus.Paused)
        {
            turn.Reply(BotText.AlreadyPaused);
            return;
        }

        var items = runtime.Items.ToArray();
        var i = runtime.CurrentItem - 1;
        items[i] = items[i] with { Used = Timebox.Used(items[i], runtime.SegmentStart, turn.Now) };
        turn.Runtime = runtime with { Items = items, Status = MeetingStatus.Paused, SegmentStart = null };
        var item = turn.Meeting.Agenda[i];
        turn.Announce(BotText.Paused(item, Timebox.Budget(item, items[i]) - items[i].Used));
    }
}
