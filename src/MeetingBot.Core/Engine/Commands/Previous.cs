namespace MeetingBot.Core.Engine.Commands;

/// <summary><c>/이전</c>: reopens the previous item.</summary>
internal sealed class Previous : ChatCommand
{
    public static readonly Previous Command = new();

    public override StateNeeds Needs => StateNeeds.Bindings;

    public override bool RunsMeeting => true;

    public override void Decide(Turn turn, CommandMessage command)
    {
        if (!turn.RequireRunning())
        {
            return;
        }

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
