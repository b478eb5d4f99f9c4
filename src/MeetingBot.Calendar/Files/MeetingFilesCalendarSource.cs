using MeetingBot.Core;

namespace MeetingBot.Calendar.Files;

/// <summary>
/// The folder of meeting files seen as a calendar (the embedded default source): each file is one event at its start,
/// naming its meeting, so it matches by id. Files are read again at every poll, so a corrected file counts at once;
/// a broken one is skipped with a message naming it, and the others still count.
/// </summary>
public sealed class MeetingFilesCalendarSource : ICalendarSource
{
    /// <summary>Event ids of this source are the meeting id behind this prefix.</summary>
    public const string EventIdPrefix = "file:";

    private readonly string _folder;
    private readonly IReadOnlySet<string> _excluded;

    /// <param name="excludedFiles">Full paths left out: template files, which shape meetings but are none themselves.</param>
    public MeetingFilesCalendarSource(string name, string folder, IReadOnlySet<string>? excludedFiles = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        Name = name;
        _folder = folder;
        _excluded = excludedFiles ?? new HashSet<string>();
    }

    public string Name { get; }

    /// <summary>
    /// Whether an event is a meeting file's own. When a calendar entry names the same meeting, the entry wins: it is
    /// where the time is kept up to date and where the chat space is written.
    /// </summary>
    public static bool IsMeetingFileEvent(CalendarEvent calendarEvent)
    {
        ArgumentNullException.ThrowIfNull(calendarEvent);
        return calendarEvent.EventId.StartsWith(EventIdPrefix, StringComparison.Ordinal);
    }

    public Task<CalendarFetch> FetchAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(_folder))
        {
            return Task.FromResult(CalendarFetch.Failed(Name, CalendarStrings.MeetingFolderMissing(Path.GetFullPath(_folder))));
        }

        var scan = MeetingFileReader.ScanFolder(_folder, _excluded, cancellationToken);
        var events = scan.Files.Select(f => ToEvent(f.Meeting)).Where(e => e.Overlaps(from, to)).ToList();
        var errors = scan.Problems.Select(p => new CalendarError(Name, CalendarStrings.MeetingFileSkipped(p.Describe()), p.Path)).ToList();
        return Task.FromResult(new CalendarFetch(events, errors));
    }

    private CalendarEvent ToEvent(MeetingDefinition meeting) => new(
        Name,
        EventId: EventIdPrefix + meeting.Id,
        Title: $"[{meeting.Subcommittee}] {meeting.Title}",
        Start: meeting.ToLocal(meeting.Start),
        End: meeting.ToLocal(meeting.Start + (meeting.PlannedDuration > TimeSpan.Zero ? meeting.PlannedDuration : TimeSpan.FromMinutes(1))),
        meeting.TimeZoneId,
        Description: null,
        Location: string.IsNullOrEmpty(meeting.Place) ? null : meeting.Place,
        meeting.JoinUrl,
        MeetingIdHint: meeting.Id,
        ChatSpace: null,
        Cancelled: false);
}
