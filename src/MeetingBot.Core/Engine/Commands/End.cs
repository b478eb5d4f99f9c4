namespace MeetingBot.Core.Engine.Commands;

/// <summary><c>/종료</c>, and a platform's "meeting ended": closes the open item and the meeting.</summary>
internal sealed class End : RunningCommand
{
    public override StateNeeds Needs => StateNeeds.Bindings | StateNeeds.Entries;

    protected override void DecideRunning(Turn turn, CommandMessage command) => Run(turn);

    /// <summary>The platform says the meeting ended: end it if it is running.</summary>
    public static void Ended(Turn turn)
    {
        if (turn.Clock.Status is MeetingStatus.Running or MeetingStatus.Paused)
        {
            Run(turn);
        }
    }

    private static void Run(Turn turn)
    {
        var runtime = turn.Clock;
        var items = runtime.Items.ToArray();
        var visits = Items.CloseCurrent(turn, items);
        turn.Runtime = runtime with
        {
            Items = items,
            Visits = visits,
            Status = MeetingStatus.Ended,
            EndedAt = turn.Now,
            SegmentStart = null,
            CaptureStops = runtime.CaptureStopsEndedAt(turn.Now),
        };
        var count = turn.State.Entries.Count(e => !e.Withdrawn) + turn.Entries.Count(e => !e.Withdrawn);
        turn.Announce(BotText.Ended(turn.Meeting, turn.Now, count));
        turn.EndedMeetingId = turn.Meeting.Id;
    }
}
