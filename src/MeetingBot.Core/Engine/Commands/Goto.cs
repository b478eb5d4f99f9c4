namespace MeetingBot.Core.Engine.Commands;

/// <summary><c>/이동 N</c>: jumps to item N.</summary>
internal sealed class Goto : RunningCommand
{
    protected override void DecideRunning(Turn turn, CommandMessage command)
    {
        if (!int.TryParse(command.Argument, out var target))
        {
            turn.Reply(BotText.GotoUsage);
        }
        else if (turn.Meeting.Item(target) is null)
        {
            turn.Reply(BotText.NoSuchItem(turn.Meeting.Agenda.Count));
        }
        else if (target != turn.Clock.CurrentItem)
        {
            Items.Open(turn, target);
        }
    }
}
