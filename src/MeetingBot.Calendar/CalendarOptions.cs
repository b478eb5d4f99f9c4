using MeetingBot.Calendar.Google;

namespace MeetingBot.Calendar;

public enum CalendarSourceType
{
    /// <summary>A Google calendar, read over the Calendar v3 API with a service account.</summary>
    Google,

    /// <summary>An iCalendar file (<see cref="CalendarSourceOptions.Path"/>) or feed (<see cref="CalendarSourceOptions.Url"/>).</summary>
    Ics,

    /// <summary>The folder of <c>*.meeting.yaml</c> files, seen as a calendar.</summary>
    Files,
}

/// <summary>The <c>Calendar</c> section: where meetings are scheduled, and how often to look.</summary>
public sealed class CalendarOptions
{
    public const string SectionName = "Calendar";

    public List<CalendarSourceOptions> Sources { get; } = [];

    /// <summary>How often the sources are read again.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long before a meeting's start the chat is reminded.</summary>
    public TimeSpan ReminderBefore { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>IANA zone for times a source leaves without one (floating ICS times, all-day events).</summary>
    public string TimeZone { get; set; } = "Asia/Seoul";
}

public sealed class CalendarSourceOptions
{
    /// <summary>Unique; shown in every event and error of the source.</summary>
    public string Name { get; set; } = "";

    public CalendarSourceType Type { get; set; }

    /// <summary>Google: the calendar id (an address such as <c>c_…@group.calendar.google.com</c>, or <c>primary</c>).</summary>
    public string? CalendarId { get; set; }

    /// <summary>Google: the service-account JSON key file. Only a test server may be used without one.</summary>
    public string? CredentialsFile { get; set; }

    /// <summary>Google: the API root; changed only to point at a test server or a proxy.</summary>
    public string BaseUrl { get; set; } = GoogleCalendarService.DefaultBaseUri;

    /// <summary>ICS: a file on disk. Files: the meeting-file folder, when it differs from the host's.</summary>
    public string? Path { get; set; }

    /// <summary>ICS: a published feed (https).</summary>
    public string? Url { get; set; }
}
