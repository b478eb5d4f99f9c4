namespace MeetingBot.Core.Engine.Commands;

/// <summary><c>/상태</c>: the current item, the time left and the entries so far.</summary>
internal sealed class Status : ChatCommand
{
    public override StateNeeds Needs => StateNeeds.Entries;

    public override void Decide(Turn turn, CommandMessage command)
    {
        var live = turn.State.Entries.Where(e => !e.Withdrawn).ToList();
        turn.Reply(BotText.Status(turn.Meeting, turn.Clock, turn.Now, live.Count, live.Count(e => e.ItemIndex == turn.Clock.CurrentItem)));
    }
}
