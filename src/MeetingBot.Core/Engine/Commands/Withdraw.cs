namespace MeetingBot.Core.Engine.Commands;

/// <summary><c>/철회 K</c>: the author (or staff) withdraws entry K.</summary>
internal sealed class Withdraw : ChatCommand
{
    public override StateNeeds Needs => StateNeeds.EntryByNumber;

    /// <summary>The entry number the argument names (<c>3</c> or <c>#3</c>), or null.</summary>
    public static int? Number(string argument) => int.TryParse(argument.TrimStart('#'), out var number) ? number : null;

    public override void Decide(Turn turn, CommandMessage command)
    {
        if (Number(command.Argument) is not { } number)
        {
            turn.Reply(BotText.WithdrawUsage);
            return;
        }

        if (turn.State.Target is not { } entry || entry.Number != number)
        {
            turn.Reply(BotText.NoSuchEntry(number));
            return;
        }

        var isAuthor = string.Equals(entry.AuthorId, turn.Input.From.Id, StringComparison.Ordinal)
            || (turn.Sender is not null && string.Equals(entry.AuthorName, turn.Sender.Name, StringComparison.Ordinal));
        if (!isAuthor && !turn.IsStaff)
        {
            turn.Refuse(BotText.Refused(Command.Withdraw), turn.Meeting);
            return;
        }

        if (entry.Withdrawn)
        {
            turn.Reply(BotText.AlreadyWithdrawn(number));
            return;
        }

        var withdrawn = entry with { Withdrawn = true, EditedAt = turn.Now };
        turn.Add(withdrawn);
        turn.Reply(BotText.Withdrawn(withdrawn));
    }
}
