namespace MeetingBot.Core.Engine.Commands;

/// <summary>
/// <c>/기록중지</c>: stops capture until <c>/기록재개</c> (SPEC §9): tags are not taken in, transcript cues of the
/// stretch are dropped, and the report says when.
/// </summary>
internal sealed class PauseCapture : RunningCommand
{
    protected override void DecideRunning(Turn turn, CommandMessage command)
    {
        var runtime = turn.Clock;
        if (runtime.OpenCaptureStop() is not null)
        {
            turn.Reply(BotText.CaptureAlreadyStopped);
            return;
        }

        turn.Runtime = runtime with { CaptureStops = [.. runtime.CaptureStops, new CaptureStop(turn.Now)] };
        turn.Announce(BotText.CaptureStoppedNow(turn.Meeting, turn.Now));
    }
}
