using System.Globalization;
using MeetingBot.Core;

namespace MeetingBot.Calendar;

public enum MatchRule
{
    /// <summary>Not matched; <see cref="EventMatch.Reason"/> says why.</summary>
    None,

    /// <summary>The event names the meeting (<c>meetingbot: &lt;id&gt;</c> or the private extended property).</summary>
    Hint,

    /// <summary>The event's join link is a meeting's join link, on the same date.</summary>
    JoinUrl,

    /// <summary>The event's title matches a template; the meeting is the template on the event's date.</summary>
    TitleTemplate,
}

/// <summary>
/// What an event was matched to. <see cref="Meeting"/> is the definition found, or for a template a new one
/// (id <c>{template id}-{yyyyMMdd}</c>) not yet stored anywhere.
/// </summary>
public sealed record EventMatch(CalendarEvent Event, MatchRule Rule, MeetingDefinition? Meeting, string? Reason = null)
{
    public string? MeetingId => Meeting?.Id;

    public bool IsMatched => Meeting is not null;
}

public sealed record MatchReport(IReadOnlyList<EventMatch> Matched, IReadOnlyList<EventMatch> Unmatched);

/// <summary>
/// Finds the meeting a calendar event is about, by the strongest evidence first: the id written in the event, then
/// the join link, then the title. An event no rule fits is reported as unmatched with the reason, never guessed.
/// </summary>
public static class EventMatcher
{
    public static MatchReport MatchAll(IEnumerable<CalendarEvent> events, IReadOnlyList<MeetingDefinition> definitions, IReadOnlyList<TitleTemplate> templates)
    {
        ArgumentNullException.ThrowIfNull(events);
        var matches = events.Select(e => Match(e, definitions, templates)).ToList();
        return new MatchReport(matches.Where(m => m.IsMatched).ToList(), matches.Where(m => !m.IsMatched).ToList());
    }

    public static EventMatch Match(CalendarEvent calendarEvent, IReadOnlyList<MeetingDefinition> definitions, IReadOnlyList<TitleTemplate> templates)
    {
        ArgumentNullException.ThrowIfNull(calendarEvent);
        ArgumentNullException.ThrowIfNull(definitions);
        ArgumentNullException.ThrowIfNull(templates);

        if (!string.IsNullOrWhiteSpace(calendarEvent.MeetingIdHint))
        {
            return ByHint(calendarEvent, calendarEvent.MeetingIdHint.Trim(), definitions, templates);
        }

        string? reason = null;
        if (JoinUrls.Normalize(calendarEvent.JoinUrl) is { } joinUrl)
        {
            var sameLink = definitions.Where(d => JoinUrls.Normalize(d.JoinUrl) == joinUrl).ToList();

            // One link is often reused for a whole series (a recurring Teams meeting), so the date must agree too.
            var sameDay = sameLink.Where(d => LocalDate(calendarEvent.Start, d) == LocalDate(d.Start, d)).ToList();
            switch (sameDay.Count)
            {
                case 1:
                    return new EventMatch(calendarEvent, MatchRule.JoinUrl, sameDay[0]);
                case > 1:
                    return Unmatched(calendarEvent, CalendarStrings.JoinUrlAmbiguous(Ids(sameDay)));
                default:
                    if (sameLink.Count > 0)
                    {
                        reason = CalendarStrings.JoinUrlOtherDate(Ids(sameLink));
                    }

                    break;
            }
        }

        var fitting = templates.Where(t => t.Matches(calendarEvent.Title)).ToList();
        return fitting.Count switch
        {
            1 => new EventMatch(calendarEvent, MatchRule.TitleTemplate, Instantiate(fitting[0].Definition, calendarEvent, definitions)),
            > 1 => Unmatched(calendarEvent, CalendarStrings.TemplateAmbiguous(Ids(fitting.Select(t => t.Definition)))),
            _ => Unmatched(calendarEvent, reason ?? CalendarStrings.NoMatch),
        };
    }

    private static EventMatch ByHint(CalendarEvent calendarEvent, string hint, IReadOnlyList<MeetingDefinition> definitions, IReadOnlyList<TitleTemplate> templates)
    {
        var named = definitions.FirstOrDefault(d => string.Equals(d.Id, hint, StringComparison.OrdinalIgnoreCase));
        if (named is not null)
        {
            return new EventMatch(calendarEvent, MatchRule.Hint, named);
        }

        var template = templates.FirstOrDefault(t => string.Equals(t.Definition.Id, hint, StringComparison.OrdinalIgnoreCase));
        return template is not null
            ? new EventMatch(calendarEvent, MatchRule.Hint, Instantiate(template.Definition, calendarEvent, definitions))
            : Unmatched(calendarEvent, CalendarStrings.HintUnknown(hint));
    }

    /// <summary>
    /// The template on the event's date: id <c>{template id}-{yyyyMMdd}</c> (local date), the event's start, and the
    /// event's join link when it has one (the calendar is where the real link lives). An instance already among the
    /// definitions (stored earlier, perhaps edited) is returned as it is.
    /// </summary>
    private static MeetingDefinition Instantiate(MeetingDefinition template, CalendarEvent calendarEvent, IReadOnlyList<MeetingDefinition> definitions)
    {
        var start = template.ToLocal(calendarEvent.Start);
        var id = $"{template.Id}-{start.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}";
        return definitions.FirstOrDefault(d => string.Equals(d.Id, id, StringComparison.OrdinalIgnoreCase))
               ?? template with { Id = id, Start = start, JoinUrl = calendarEvent.JoinUrl ?? template.JoinUrl };
    }

    private static DateOnly LocalDate(DateTimeOffset instant, MeetingDefinition meeting) => DateOnly.FromDateTime(meeting.ToLocal(instant).DateTime);

    private static string Ids(IEnumerable<MeetingDefinition> meetings) => string.Join(", ", meetings.Select(m => m.Id));

    private static EventMatch Unmatched(CalendarEvent calendarEvent, string reason) => new(calendarEvent, MatchRule.None, null, reason);
}
