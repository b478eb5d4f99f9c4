namespace MeetingBot.Core.Engine.Commands;

/// <summary><c>/연결 ID</c>: staff of meeting ID bind this chat to it (the role is looked up in that meeting).</summary>
internal sealed class Bind : ChatCommand
{
    public override StateNeeds Needs => StateNeeds.BindTarget;

    public override void Decide(Turn turn, CommandMessage command)
    {
        var id = command.Argument.Trim();
        if (id.Length == 0)
        {
            turn.Reply(BotText.BindUsage);
            return;
        }

        if (turn.State.BindTarget is not { } target || target.Id != id)
        {
            turn.Reply(BotText.UnknownMeeting(id));
            return;
        }

        if (target.Identify(turn.Input.From)?.Role != ParticipantRole.Staff)
        {
            turn.Refuse(BotText.Refused(Command.Bind), target);
            return;
        }

        turn.Bind(new ConversationBinding(turn.Input.Conversation, target.Id, turn.Now));
        turn.Reply(BotText.Bound(target));
    }
}
