namespace MeetingBot.Calendar;

/// <summary>
/// One occurrence of a calendar entry, whatever the source. Recurring entries arrive expanded, one record per
/// occurrence, so the scheduler never has to understand recurrence rules.
/// </summary>
/// <param name="SourceName">The configured name of the source that produced it.</param>
/// <param name="EventId">Stable per occurrence: the entry id, plus the original start for an instance of a series,
/// so a moved instance keeps its id.</param>
/// <param name="Start">The start in the event's own time zone (<paramref name="TimeZoneId"/>) when one is known.</param>
/// <param name="TimeZoneId">IANA name of the zone the event was scheduled in, or null when unknown.</param>
/// <param name="JoinUrl">The online meeting link (Google Meet or Microsoft Teams), when one was found.</param>
/// <param name="MeetingIdHint">The meeting id written in the event (<c>meetingbot: &lt;id&gt;</c> line or the
/// private extended property <c>meetingbot</c>).</param>
/// <param name="ChatSpace">A Google Chat space named in the event (<c>chat: spaces/…</c> line).</param>
/// <param name="Cancelled">The event or this occurrence was cancelled; kept so a scheduled meeting can be called off.</param>
public sealed record CalendarEvent(
    string SourceName,
    string EventId,
    string Title,
    DateTimeOffset Start,
    DateTimeOffset End,
    string? TimeZoneId,
    string? Description,
    string? Location,
    string? JoinUrl,
    string? MeetingIdHint,
    string? ChatSpace,
    bool Cancelled)
{
    /// <summary>Whether the occurrence overlaps the half-open window [from, to), the way Google's timeMin/timeMax do.</summary>
    public bool Overlaps(DateTimeOffset from, DateTimeOffset to) => End > from && Start < to;
}
