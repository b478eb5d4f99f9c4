namespace MeetingBot.Core.Engine.Commands;

/// <summary><c>/연장 M</c>: adds M minutes (1–120) to the current item's timebox.</summary>
internal sealed class Extend : RunningCommand
{
    protected override void DecideRunning(Turn turn, CommandMessage command)
    {
        if (!int.TryParse(command.Argument, out var minutes) || minutes < 1 || minutes > 120)
        {
            turn.Reply(BotText.ExtendUsage);
            return;
        }

        var runtime = turn.Clock;
        var items = runtime.Items.ToArray();
        var i = runtime.CurrentItem - 1;
        items[i] = items[i] with { ExtraMinutes = items[i].ExtraMinutes + minutes };
        var used = Timebox.Used(items[i], runtime.SegmentStart, turn.Now);
        turn.Runtime = runtime with { Items = items, WarnedUpTo = used };
        var item = turn.Meeting.Agenda[i];
        turn.Announce(BotText.Extended(item, minutes, Timebox.Budget(item, items[i]) - used));
    }
}
