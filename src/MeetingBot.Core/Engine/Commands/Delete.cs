namespace MeetingBot.Core.Engine.Commands;

/// <summary>A platform delete: withdraws the message's entry.</summary>
internal static class Delete
{
    public static void Decide(Turn turn)
    {
        if (turn.State.Target is not { Withdrawn: false } existing)
        {
            return;
        }

        var withdrawn = existing with { Withdrawn = true, EditedAt = turn.Now };
        turn.Add(withdrawn);
        turn.Reply(BotText.WithdrawnByDelete(withdrawn));
    }
}
