namespace MeetingBot.Core.Engine.Commands;

/// <summary><c>/안건</c>: the agenda with planned and actual times.</summary>
internal sealed class Agenda : ChatCommand
{
    public override void Decide(Turn turn, CommandMessage command) => turn.Reply(BotText.AgendaPost(turn.Meeting, turn.Clock));
}
