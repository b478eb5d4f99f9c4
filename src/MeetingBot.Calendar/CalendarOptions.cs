using System.ComponentModel.DataAnnotations;
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
public sealed class CalendarOptions : IValidatableObject
{
    public const string SectionName = "Calendar";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        CalendarOptionsRules.Problems(this).Select(p => new ValidationResult(p));

    public List<CalendarSourceOptions> Sources { get; } = [];

    /// <summary>Meeting files used as templates for events whose title matches, in order.</summary>
    public List<CalendarTemplateOptions> Templates { get; } = [];

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

/// <summary>
/// One title template: an event whose title matches <see cref="Pattern"/> becomes the meeting in <see cref="MeetingFile"/>
/// on the event's date (id <c>{template id}-{yyyyMMdd}</c>).
/// </summary>
public sealed class CalendarTemplateOptions
{
    /// <summary>A .NET regular expression, matched anywhere in the title, ignoring case (e.g. <c>전략사업.*분과</c>).</summary>
    public string Pattern { get; set; } = "";

    /// <summary>The template's <c>*.meeting.yaml</c>; a relative path is taken from the working directory, like every path in the settings.</summary>
    public string MeetingFile { get; set; } = "";
}
