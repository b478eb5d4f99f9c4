using System.Collections.Concurrent;
using MeetingBot.Calendar;

namespace MeetingBot.Calendar.Scheduling;

/// <summary>How one calendar source did at its last poll, for the staff page.</summary>
public sealed record CalendarSourceStatus(
    string Name,
    DateTimeOffset? LastAttempt,
    DateTimeOffset? LastSuccess,
    int Events,
    int ConsecutiveFailures,
    string? Error,
    IReadOnlyList<string> Skipped,
    DateTimeOffset? NextPoll);

/// <summary>The scheduler's latest view of its sources, kept in memory (the calendar is read again after a restart).</summary>
public sealed class CalendarStatus
{
    private readonly ConcurrentDictionary<string, CalendarSourceStatus> _sources = new(StringComparer.Ordinal);

    public IReadOnlyList<CalendarSourceStatus> Sources => [.. _sources.Values.OrderBy(s => s.Name, StringComparer.Ordinal)];

    public void Record(string source, DateTimeOffset at, CalendarFetch fetch, DateTimeOffset nextPoll)
    {
        ArgumentNullException.ThrowIfNull(fetch);
        var error = fetch.Errors.FirstOrDefault(e => e.EventRef is null)?.Message;
        var skipped = fetch.Errors.Where(e => e.EventRef is not null).Select(e => e.ToString()).ToList();
        _sources.AddOrUpdate(
            source,
            _ => new CalendarSourceStatus(source, at, error is null ? at : null, fetch.Events.Count, error is null ? 0 : 1, error, skipped, nextPoll),
            (_, old) => new CalendarSourceStatus(
                source,
                at,
                error is null ? at : old.LastSuccess,
                fetch.Events.Count,
                error is null ? 0 : old.ConsecutiveFailures + 1,
                error,
                skipped,
                nextPoll));
    }

    public int FailuresOf(string source) => _sources.TryGetValue(source, out var s) ? s.ConsecutiveFailures : 0;
}
