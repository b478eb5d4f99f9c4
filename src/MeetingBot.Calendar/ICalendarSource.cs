namespace MeetingBot.Calendar;

/// <summary>A place meetings are scheduled in: a Google calendar, an ICS file or feed, a folder of meeting files.</summary>
public interface ICalendarSource
{
    /// <summary>The configured name; every event and error carries it so a user knows where to look.</summary>
    string Name { get; }

    /// <summary>
    /// The occurrences overlapping [<paramref name="from"/>, <paramref name="to"/>). A failure of the source or of
    /// single entries is reported in <see cref="CalendarFetch.Errors"/>, not thrown, so other sources keep working.
    /// </summary>
    Task<CalendarFetch> FetchAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default);
}

/// <summary>A problem of one source, in Korean. <see cref="EventRef"/> names the skipped entry when only one was bad.</summary>
public sealed record CalendarError(string SourceName, string Message, string? EventRef = null)
{
    public override string ToString() => EventRef is null ? $"[{SourceName}] {Message}" : $"[{SourceName}] {EventRef}: {Message}";
}

/// <summary>What a fetch found: the usable events and everything that had to be skipped.</summary>
public sealed record CalendarFetch(IReadOnlyList<CalendarEvent> Events, IReadOnlyList<CalendarError> Errors)
{
    public static CalendarFetch Failed(string sourceName, string message) => new([], [new CalendarError(sourceName, message)]);
}
