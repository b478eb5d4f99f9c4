namespace MeetingBot.Core.Engine.Commands;

/// <summary><c>/기록재개</c>: capture goes on; the stop's stretch stays recorded.</summary>
internal sealed class ResumeCapture : MeetingCommand
{
    public override void Decide(Turn turn, CommandMessage command)
    {
        var runtime = turn.Clock;
        if (runtime.OpenCaptureStop() is not { } open)
        {
            turn.Reply(runtime.Status is MeetingStatus.Running or MeetingStatus.Paused ? BotText.CaptureNotStopped : turn.Gate());
            return;
        }

        turn.Runtime = runtime with { CaptureStops = runtime.CaptureStopsEndedAt(turn.Now) };
        turn.Announce(BotText.CaptureResumed(turn.Meeting, open with { End = turn.Now }));
    }
}
