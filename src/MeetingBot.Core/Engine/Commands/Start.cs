namespace MeetingBot.Core.Engine.Commands;

/// <summary><c>/시작</c>, and a platform's "meeting started": opens item 1 and posts the agenda and what is recorded.</summary>
internal sealed class Start : MeetingCommand
{
    public override void Decide(Turn turn, CommandMessage command)
    {
        if (turn.Clock.Status == MeetingStatus.Ended)
        {
            turn.Reply(BotText.AlreadyEnded);
        }
        else if (turn.Clock.Status != MeetingStatus.NotStarted)
        {
            turn.Reply(BotText.AlreadyStarted);
        }
        else
        {
            Run(turn);
        }
    }

    /// <summary>The platform says the meeting began: start it unless it already has.</summary>
    public static void Started(Turn turn)
    {
        if (turn.Clock.Status == MeetingStatus.NotStarted)
        {
            Run(turn);
        }
    }

    private static void Run(Turn turn)
    {
        turn.Runtime = turn.Clock with { Status = MeetingStatus.Running, StartedAt = turn.Now };
        turn.Announce(BotText.AgendaPost(turn.Meeting, turn.Clock));
        Items.Open(turn, 1);
        turn.Announce(BotText.StartedHint + "\n" + BotText.Consent);
    }
}
