namespace MeetingBot.Core.Engine.Commands;

/// <summary><c>/도움말</c>, and any unknown command: the commands this sender may use.</summary>
internal sealed class Help : ChatCommand
{
    public override void Decide(Turn turn, CommandMessage command) =>
        turn.Reply(BotText.Help(turn.CanRun, turn.IsStaff, command.Command == Command.Unknown ? command.Name : null));

    /// <summary>The bot was added to a bound chat: greets and says what it understands.</summary>
    public static void Added(Turn turn) => turn.Reply(BotText.Greeting + "\n" + BotText.Help(turn.CanRun, turn.IsStaff, null));
}
