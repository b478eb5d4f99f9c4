using MeetingBot.Calendar;
using MeetingBot.Core;

namespace MeetingBot.Host.Services;

/// <summary>
/// Events matched to meetings, one event per meeting. <see cref="EventMatcher"/> judges each event alone; here a
/// meeting that several live events point at (a recurring series tied to one meeting file by its id) keeps the event
/// it had before, else the one nearest its own start, and the others are reported unmatched rather than moving the
/// meeting back and forth.
/// </summary>
public static class CalendarPlan
{
    /// <param name="previousMeetingOf">The meeting an event was scheduled for at the last poll, if any.</param>
    public static IReadOnlyList<EventMatch> Match(
        IEnumerable<CalendarEvent> events,
        IReadOnlyList<MeetingDefinition> definitions,
        IReadOnlyList<TitleTemplate> templates,
        Func<CalendarEvent, string?>? previousMeetingOf = null)
    {
        ArgumentNullException.ThrowIfNull(events);
        var matches = events.Select(e => EventMatcher.Match(e, definitions, templates)).ToList();
        var contested = matches
            .Where(m => m.IsMatched && !m.Event.Cancelled)
            .GroupBy(m => m.MeetingId!, StringComparer.Ordinal)
            .Where(g => g.Count() > 1);
        foreach (var group in contested)
        {
            var meeting = group.First().Meeting!;
            var kept = group.FirstOrDefault(m => string.Equals(previousMeetingOf?.Invoke(m.Event), meeting.Id, StringComparison.Ordinal))
                       ?? group.OrderBy(m => (m.Event.Start - meeting.Start).Duration()).ThenBy(m => m.Event.EventId, StringComparer.Ordinal).First();
            var reason = ScheduleText.SameMeetingTwice(meeting.Id, $"{kept.Event.Title} {ScheduleText.When(meeting, kept.Event.Start)}");
            foreach (var other in group.Where(m => !ReferenceEquals(m, kept)))
            {
                matches[matches.IndexOf(other)] = new EventMatch(other.Event, MatchRule.None, null, reason);
            }
        }

        return matches;
    }
}
