namespace MeetingBot.Core.Engine.Commands;

/// <summary><c>/이동 N</c>: jumps to item N.</summary>
internal sealed class Goto : ChatCommand
{
    public static readonly Goto Command = new();

    public override StateNeeds Needs => StateNeeds.Bindings;

    public override bool RunsMeeting => true;

    public override void Decide(Turn turn, CommandMessage command)
    {
        if (!turn.RequireRunning())
        {
            return;
        }

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
