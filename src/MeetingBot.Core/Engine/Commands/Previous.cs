namespace MeetingBot.Core.Engine.Commands;

/// <summary><c>/이전</c>: reopens the previous item.</summary>
internal sealed class Previous : RunningCommand
{
    protected override void DecideRunning(Turn turn, CommandMessage command)
    {
        if (turn.Clock.CurrentItem <= 1)
        {
            turn.Reply(BotText.FirstItem);
        }
        else
        {
            Items.Open(turn, turn.Clock.CurrentItem - 1);
        }
    }
}
