namespace MeetingBot.Core.Engine.Commands;

/// <summary><c>/다음</c>: closes the current item and opens the next.</summary>
internal sealed class Next : RunningCommand
{
    protected override void DecideRunning(Turn turn, CommandMessage command)
    {
        if (turn.Clock.CurrentItem >= turn.Meeting.Agenda.Count)
        {
            turn.Reply(BotText.LastItem);
        }
        else
        {
            Items.Open(turn, turn.Clock.CurrentItem + 1);
        }
    }
}
