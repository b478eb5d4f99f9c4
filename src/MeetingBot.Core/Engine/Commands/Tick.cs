namespace MeetingBot.Core.Engine.Commands;

/// <summary>A clock tick for one meeting: the timebox warning due now, if any, to every bound chat; and the next due time.</summary>
internal static class Tick
{
    public static Decision Decide(MeetingDefinition meeting, MeetingRuntime runtime, IReadOnlyList<ConversationBinding> bindings, TimeboxSettings settings, DateTimeOffset now)
    {
        var messages = new List<OutboundMessage>();
        if (Timebox.Due(meeting, runtime, settings, now) is { } warning)
        {
            runtime = runtime with { WarnedUpTo = warning.Threshold };
            var text = BotText.Warning(meeting, meeting.Agenda[runtime.CurrentItem - 1], warning, now);
            messages.AddRange(bindings.Select(b => new OutboundMessage(b.Address, text, now) { AlertInMeeting = true }));
            messages.AddRange(Cards.AgendaCards.Updates(meeting, runtime, [.. bindings.Select(b => b.Address)], now));
        }

        return new Decision(runtime with { NextDueAt = Timebox.NextDue(meeting, runtime, settings) }, [], null, messages);
    }
}
