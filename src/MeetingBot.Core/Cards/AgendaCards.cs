namespace MeetingBot.Core.Cards;

/// <summary>When the agenda card changes, and the messages that carry it to each chat.</summary>
public static class AgendaCards
{
    /// <summary>
    /// True when the clock moved in a way the card shows: a start, step, extension, pause or resume, end, or a
    /// warning (which raises <see cref="MeetingRuntime.WarnedUpTo"/>). An entry captured is not one.
    /// </summary>
    public static bool Moved(MeetingRuntime before, MeetingRuntime after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        return before.Status != after.Status
            || before.CurrentItem != after.CurrentItem
            || before.WarnedUpTo != after.WarnedUpTo
            || !before.Items.Select(i => i.ExtraMinutes).SequenceEqual(after.Items.Select(i => i.ExtraMinutes));
    }

    /// <summary>The card as the clock stands at <paramref name="now"/>, one message per chat.</summary>
    public static IEnumerable<OutboundMessage> Updates(MeetingDefinition meeting, MeetingRuntime runtime, IReadOnlyList<ConversationAddress> to, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(to);
        var card = AgendaCard.Of(meeting, runtime, now);
        var text = card.Text();
        return to.Select(address => new OutboundMessage(address, text, now) { Card = card });
    }
}
