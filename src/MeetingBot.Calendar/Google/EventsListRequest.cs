using Google.Apis.Discovery;
using Google.Apis.Requests;
using Google.Apis.Services;
using Google.Apis.Util;

namespace MeetingBot.Calendar.Google;

/// <summary><c>GET calendars/{calendarId}/events</c>: one page of events.</summary>
public sealed class EventsListRequest : ClientServiceRequest<EventsPage>
{
    public EventsListRequest(IClientService service, string calendarId)
        : base(service)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(calendarId);
        CalendarId = calendarId;
        InitParameters();
    }

    [RequestParameter("calendarId", RequestParameterType.Path)]
    public string CalendarId { get; }

    /// <summary>RFC 3339; bounds the events' end (exclusive). Not allowed with <see cref="SyncToken"/>.</summary>
    [RequestParameter("timeMin", RequestParameterType.Query)]
    public string? TimeMin { get; set; }

    /// <summary>RFC 3339; bounds the events' start (exclusive). Not allowed with <see cref="SyncToken"/>.</summary>
    [RequestParameter("timeMax", RequestParameterType.Query)]
    public string? TimeMax { get; set; }

    /// <summary>Expand recurring events into their instances.</summary>
    [RequestParameter("singleEvents", RequestParameterType.Query)]
    public bool? SingleEvents { get; set; }

    /// <summary>Include cancelled events, so a called-off meeting is seen as cancelled rather than as missing.</summary>
    [RequestParameter("showDeleted", RequestParameterType.Query)]
    public bool? ShowDeleted { get; set; }

    /// <summary><c>startTime</c> (needs <see cref="SingleEvents"/>) or <c>updated</c>. Not allowed with <see cref="SyncToken"/>.</summary>
    [RequestParameter("orderBy", RequestParameterType.Query)]
    public string? OrderBy { get; set; }

    /// <summary>At most 2500; the server may return fewer.</summary>
    [RequestParameter("maxResults", RequestParameterType.Query)]
    public int? MaxResults { get; set; }

    [RequestParameter("pageToken", RequestParameterType.Query)]
    public string? PageToken { get; set; }

    [RequestParameter("syncToken", RequestParameterType.Query)]
    public string? SyncToken { get; set; }

    public override string MethodName => "list";

    public override string HttpMethod => "GET";

    public override string RestPath => "calendars/{calendarId}/events";

    protected override void InitParameters()
    {
        base.InitParameters();
        RequestParameters.Add("calendarId", new Parameter { Name = "calendarId", IsRequired = true, ParameterType = "path" });
        foreach (var name in new[] { "timeMin", "timeMax", "singleEvents", "showDeleted", "orderBy", "maxResults", "pageToken", "syncToken" })
        {
            RequestParameters.Add(name, new Parameter { Name = name, IsRequired = false, ParameterType = "query" });
        }
    }
}
