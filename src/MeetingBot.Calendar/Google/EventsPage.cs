using Google.Apis.Requests;

namespace MeetingBot.Calendar.Google;

// The subset of the Calendar v3 wire format the bot reads
// (developers.google.com/calendar/api/v3/reference/events/list and …/events#resource).
// Property names match the JSON names case-insensitively; unknown fields are ignored.

/// <summary>One page of an <c>events.list</c> response.</summary>
public sealed class EventsPage : IDirectResponseSchema
{
    public string? Summary { get; set; }

    /// <summary>The calendar's own zone: the zone of all-day events and of events that name none.</summary>
    public string? TimeZone { get; set; }

    public string? NextPageToken { get; set; }

    /// <summary>Only on the last page: the token for the next incremental sync.</summary>
    public string? NextSyncToken { get; set; }

    public IList<GoogleEvent>? Items { get; set; }

    public string? ETag { get; set; }
}

public sealed class GoogleEvent
{
    public string? Id { get; set; }

    /// <summary><c>confirmed</c>, <c>tentative</c> or <c>cancelled</c>.</summary>
    public string? Status { get; set; }

    public string? Summary { get; set; }

    /// <summary>May contain HTML.</summary>
    public string? Description { get; set; }

    public string? Location { get; set; }

    public string? HangoutLink { get; set; }

    public EventDateTime? Start { get; set; }

    public EventDateTime? End { get; set; }

    /// <summary>Set on an instance of a recurring event: the series id.</summary>
    public string? RecurringEventId { get; set; }

    /// <summary>Where the instance would be by the series' rule; stays put when the instance is moved.</summary>
    public EventDateTime? OriginalStartTime { get; set; }

    public ConferenceData? ConferenceData { get; set; }

    public ExtendedProperties? ExtendedProperties { get; set; }

    /// <summary>Outlook/Graph-shaped events carry the Teams link here.</summary>
    public OnlineMeeting? OnlineMeeting { get; set; }
}

public sealed class EventDateTime
{
    /// <summary>All-day events: <c>yyyy-mm-dd</c>.</summary>
    public string? Date { get; set; }

    /// <summary>RFC 3339 with an offset, unless <see cref="TimeZone"/> is given.</summary>
    public string? DateTime { get; set; }

    /// <summary>IANA name.</summary>
    public string? TimeZone { get; set; }
}

public sealed class ConferenceData
{
    public ConferenceSolution? ConferenceSolution { get; set; }

    public IList<EntryPoint>? EntryPoints { get; set; }
}

public sealed class ConferenceSolution
{
    public ConferenceSolutionKey? Key { get; set; }

    public string? Name { get; set; }
}

public sealed class ConferenceSolutionKey
{
    /// <summary><c>hangoutsMeet</c>, or <c>addOn</c> for third-party conferencing such as Teams.</summary>
    public string? Type { get; set; }
}

public sealed class EntryPoint
{
    /// <summary><c>video</c>, <c>phone</c>, <c>sip</c> or <c>more</c>.</summary>
    public string? EntryPointType { get; set; }

    public string? Uri { get; set; }
}

public sealed class ExtendedProperties
{
    public IDictionary<string, string>? Private { get; set; }

    public IDictionary<string, string>? Shared { get; set; }
}

public sealed class OnlineMeeting
{
    public string? JoinUrl { get; set; }
}
