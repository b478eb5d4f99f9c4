namespace MeetingBot.Core.Engine.Commands;

/// <summary><c>/일시정지</c>: stops the clock; the item stays the open one.</summary>
internal sealed class Pause : ChatCommand
{
    public static readonly Pause Command = new();

    public override StateNeeds Needs => StateNeeds.Bindings;

    public override bool RunsMeeting => true;

    public override void Decide(Turn turn, CommandMessage command)
    {
        if (!turn.RequireRunning())
        {
            return;
        }

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
