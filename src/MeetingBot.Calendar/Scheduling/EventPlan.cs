using MeetingBot.Calendar;
using MeetingBot.Calendar.Files;
using MeetingBot.Core;

namespace MeetingBot.Calendar.Scheduling;

/// <summary>
/// Events matched to meetings, one event per meeting. <see cref="EventMatcher"/> judges each event alone; here a
/// meeting file's own event gives way to any calendar entry naming the same meeting (cancelled ones too), and a
/// meeting that several live entries point at (a recurring series tied to one meeting file by its id) keeps the entry
/// it had before, else the one nearest its own start; the others are reported unmatched rather than moving the
/// meeting back and forth.
/// </summary>
public static class EventPlan
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

        // A calendar entry naming a meeting, even a cancelled one, speaks for it; the meeting file's own event steps back.
        var onCalendar = matches
            .Where(m => m.IsMatched && !MeetingFilesCalendarSource.IsMeetingFileEvent(m.Event))
            .Select(m => m.MeetingId!)
            .ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < matches.Count; i++)
        {
            if (matches[i].IsMatched && MeetingFilesCalendarSource.IsMeetingFileEvent(matches[i].Event) && onCalendar.Contains(matches[i].MeetingId!))
            {
                matches[i] = new EventMatch(matches[i].Event, MatchRule.None, null, ScheduleText.OnCalendar(matches[i].MeetingId!));
            }
        }

        var contested = matches
            .Where(m => m.IsMatched && !m.Event.Cancelled)
            .GroupBy(m => m.MeetingId!, StringComparer.Ordinal)
            .Where(g => g.Count() > 1);
        foreach (var group in contested)
        {
            var meeting = group.First().Meeting!;
            var kept = group
                .OrderBy(m => string.Equals(previousMeetingOf?.Invoke(m.Event), meeting.Id, StringComparison.Ordinal) ? 0 : 1)
                .ThenBy(m => (m.Event.Start - meeting.Start).Duration())
                .ThenBy(m => m.Event.EventId, StringComparer.Ordinal)
                .First();
            var reason = ScheduleText.SameMeetingTwice(meeting.Id, $"{kept.Event.Title} {ScheduleText.When(meeting, kept.Event.Start)}");
            foreach (var other in group.Where(m => !ReferenceEquals(m, kept)))
            {
                matches[matches.IndexOf(other)] = new EventMatch(other.Event, MatchRule.None, null, reason);
            }
        }

        return matches;
    }
}
