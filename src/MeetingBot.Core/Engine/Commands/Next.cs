namespace MeetingBot.Core.Engine.Commands;

/// <summary><c>/다음</c>: closes the current item and opens the next.</summary>
internal sealed class Next : ChatCommand
{
    public static readonly Next Command = new();

    public override StateNeeds Needs => StateNeeds.Bindings;

    public override bool RunsMeeting => true;

    public override void Decide(Turn turn, CommandMessage command)
    {
        if (!turn.RequireRunning())
        {
            return;
        }

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
