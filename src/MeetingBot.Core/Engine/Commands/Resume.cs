namespace MeetingBot.Core.Engine.Commands;

/// <summary><c>/재개</c>: restarts the clock.</summary>
internal sealed class Resume : MeetingCommand
{
    public override void Decide(Turn turn, CommandMessage command)
    {
        var runtime = turn.Clock;
        if (runtime.Status != MeetingStatus.Paused)
        {
            turn.Reply(runtime.Status == MeetingStatus.Running ? BotText.NotPaused : turn.Gate());
            return;
        }

        turn.Runtime = runtime with { Status = MeetingStatus.Running, SegmentStart = turn.Now };
        var item = turn.Meeting.Agenda[runtime.CurrentItem - 1];
        var timing = runtime.Timing(runtime.CurrentItem);
        turn.Announce(BotText.Resumed(item, Timebox.Budget(item, timing) - timing.Used));
    }
}
