namespace MeetingBot.Core;

/// <summary>
/// One calendar occurrence the scheduler is watching, and what it has already done for it. The sent markers hold the
/// start they were sent for, so a moved occurrence is reminded and started again at its new time, never at the old.
/// </summary>
/// <param name="SourceName">The configured calendar source the occurrence came from.</param>
/// <param name="EventId">The occurrence's id in that source (<c>CalendarEvent.EventId</c>); stable when it moves.</param>
/// <param name="ReminderSentFor">The start a reminder was posted for.</param>
/// <param name="StartedFor">The start the meeting was started for.</param>
/// <param name="NoticeSentFor">The start a cancellation or move notice was posted for.</param>
public sealed record ScheduledMeeting(
    string SourceName,
    string EventId,
    string MeetingId,
    string Title,
    DateTimeOffset Start,
    bool Cancelled,
    string? ChatSpace,
    DateTimeOffset? ReminderSentFor,
    DateTimeOffset? StartedFor,
    DateTimeOffset? NoticeSentFor,
    DateTimeOffset UpdatedAt);

/// <summary>The scheduler's durable memory, so a restart neither forgets an occurrence nor posts anything twice.</summary>
public interface IScheduleStore
{
    /// <summary>Occurrences starting at or after <paramref name="since"/>, earliest first.</summary>
    Task<IReadOnlyList<ScheduledMeeting>> GetScheduleAsync(DateTimeOffset since, CancellationToken cancellationToken = default);

    /// <summary>Inserts or replaces the occurrence (by source and event id); returns once it is durable.</summary>
    Task SaveScheduleAsync(ScheduledMeeting entry, CancellationToken cancellationToken = default);
}
