namespace MeetingBot.Core.Engine.Commands;

/// <summary>One chat command's decision (SPEC §2), over the turn's state; pure.</summary>
internal abstract class ChatCommand
{
    /// <summary>What the decision reads beyond the binding, the meeting and its clock.</summary>
    public virtual StateNeeds Needs => StateNeeds.None;

    /// <summary>Only the chair, the vice-chair and staff may use it; others get a polite refusal and nothing changes.</summary>
    public virtual bool RunsMeeting => false;

    public abstract void Decide(Turn turn, CommandMessage command);
}
