namespace MeetingBot.Core.Engine.Commands;

/// <summary>A command that runs the meeting: the chair, the vice-chair and staff only; its news goes to every bound chat.</summary>
internal abstract class MeetingCommand : ChatCommand
{
    public override StateNeeds Needs => StateNeeds.Bindings;

    public override bool RunsMeeting => true;
}

/// <summary>A <see cref="MeetingCommand"/> for a meeting under way (running or paused); otherwise the sender is told why not.</summary>
internal abstract class RunningCommand : MeetingCommand
{
    public sealed override void Decide(Turn turn, CommandMessage command)
    {
        if (turn.RequireRunning())
        {
            DecideRunning(turn, command);
        }
    }

    protected abstract void DecideRunning(Turn turn, CommandMessage command);
}
