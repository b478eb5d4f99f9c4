using System.Globalization;
using System.Net;
using global::Google;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MeetingBot.Calendar.Google;

/// <summary>
/// One Google calendar, read with <c>events.list</c> (recurrences expanded by Google). The first fetch is a full
/// sync over a window reaching <see cref="SyncHorizon"/> ahead; later fetches inside that window ask only for what
/// changed since (the sync token), and fall back to a full sync when Google answers 410 Gone. Token and events are
/// kept together in memory: a token without the events it was issued against would lose everything unchanged.
/// </summary>
public sealed class GoogleCalendarSource : ICalendarSource, IDisposable
{
    public const int DefaultPageSize = 250;

    // A bound on paging so a misbehaving server (a page token that never ends) cannot loop for ever.
    private const int MaxPages = 200;

    private readonly GoogleCalendarService _service;
    private readonly string _calendarId;
    private readonly TimeZoneInfo _defaultZone;
    private readonly int _pageSize;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private SyncState? _state;

    /// <param name="defaultZone">Zone used when neither the event nor the calendar names one.</param>
    public GoogleCalendarSource(
        string name,
        string calendarId,
        GoogleCalendarService service,
        TimeZoneInfo defaultZone,
        ILogger? logger = null,
        int pageSize = DefaultPageSize)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(calendarId);
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(defaultZone);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, 2500);
        Name = name;
        _calendarId = calendarId;
        _service = service;
        _defaultZone = defaultZone;
        _pageSize = pageSize;
        _logger = logger ?? NullLogger.Instance;
    }

    public string Name { get; }

    /// <summary>How far past the asked window a full sync reaches, so a window sliding forward stays incremental.</summary>
    public TimeSpan SyncHorizon { get; init; } = TimeSpan.FromDays(31);

    public async Task<CalendarFetch> FetchAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var errors = new List<CalendarError>();
            var failure = await SyncAsync(from, to, errors, cancellationToken);
            if (failure is not null)
            {
                CalendarLog.SourceFailed(_logger, Name, failure);
                errors.Insert(0, new CalendarError(Name, failure));
            }

            foreach (var error in errors.Where(e => e.EventRef is not null))
            {
                CalendarLog.EntrySkipped(_logger, Name, error.EventRef!, error.Message);
            }

            // After a failed sync the last good state is still the best knowledge there is.
            var events = _state is not null && _state.Covers(from, to)
                ? _state.Events.Values.Where(e => e.Overlaps(from, to)).OrderBy(e => e.Start).ThenBy(e => e.EventId, StringComparer.Ordinal).ToList()
                : [];
            return new CalendarFetch(events, errors);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        _service.Dispose();
        _gate.Dispose();
    }

    /// <returns>A Korean message when the sync failed; null when it succeeded.</returns>
    private async Task<string?> SyncAsync(DateTimeOffset from, DateTimeOffset to, List<CalendarError> errors, CancellationToken cancellationToken)
    {
        try
        {
            if (_state is { SyncToken: not null } state && state.Covers(from, to))
            {
                try
                {
                    await IncrementalAsync(state, errors, cancellationToken);
                    return null;
                }
                catch (GoogleApiException ex) when (ex.HttpStatusCode == HttpStatusCode.Gone)
                {
                    CalendarLog.SyncTokenExpired(_logger, Name);
                    _state = null;
                }
            }

            var horizon = from + SyncHorizon;
            _state = await FullAsync(from, to > horizon ? to : horizon, errors, cancellationToken);
            return null;
        }
        catch (GoogleApiException ex) when (ex.HttpStatusCode != 0)
        {
            var detail = ex.Error?.Message ?? ex.HttpStatusCode.ToString();
            return CalendarStrings.GoogleFailed(_calendarId, (int)ex.HttpStatusCode, detail);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException
                                       || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return CalendarStrings.GoogleUnreachable(_calendarId, ex.Message);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Malformed JSON and other surprises in the response body.
            return CalendarStrings.GoogleUnreadable(_calendarId, ex.InnerException?.Message ?? ex.Message);
        }
    }

    private async Task<SyncState> FullAsync(DateTimeOffset from, DateTimeOffset to, List<CalendarError> errors, CancellationToken cancellationToken)
    {
        var (items, zone, syncToken, pages) = await ListAsync(
            request =>
            {
                request.TimeMin = Rfc3339(from);
                request.TimeMax = Rfc3339(to);
                request.OrderBy = "startTime";
            },
            cancellationToken);

        var state = new SyncState(from, to, syncToken);
        foreach (var item in items)
        {
            Apply(state, item, zone, errors);
        }

        CalendarLog.Synced(_logger, Name, "full", items.Count, pages);
        return state;
    }

    private async Task IncrementalAsync(SyncState state, List<CalendarError> errors, CancellationToken cancellationToken)
    {
        var (items, zone, syncToken, pages) = await ListAsync(request => request.SyncToken = state.SyncToken, cancellationToken);
        foreach (var item in items)
        {
            Apply(state, item, zone, errors);
        }

        state.SyncToken = syncToken;
        CalendarLog.Synced(_logger, Name, "incremental", items.Count, pages);
    }

    /// <summary>All pages of one listing; the sync token comes with the last page.</summary>
    private async Task<(List<GoogleEvent> Items, TimeZoneInfo Zone, string? SyncToken, int Pages)> ListAsync(
        Action<EventsListRequest> shape, CancellationToken cancellationToken)
    {
        var items = new List<GoogleEvent>();
        string? pageToken = null;
        string? calendarZone = null;
        for (var page = 1; ; page++)
        {
            var request = _service.ListEvents(_calendarId);
            request.SingleEvents = true;
            request.ShowDeleted = true;
            request.MaxResults = _pageSize;
            request.PageToken = pageToken;
            shape(request);

            var response = await request.ExecuteAsync(cancellationToken);
            items.AddRange(response.Items ?? []);
            calendarZone ??= response.TimeZone;
            pageToken = response.NextPageToken;
            if (string.IsNullOrEmpty(pageToken) || page == MaxPages)
            {
                var zone = calendarZone is not null && TimeZoneInfo.TryFindSystemTimeZoneById(calendarZone, out var found) ? found : _defaultZone;
                return (items, zone, response.NextSyncToken, page);
            }
        }
    }

    private void Apply(SyncState state, GoogleEvent item, TimeZoneInfo calendarZone, List<CalendarError> errors)
    {
        if (string.IsNullOrEmpty(item.Id))
        {
            errors.Add(new CalendarError(Name, CalendarStrings.GoogleEventUnreadable("id 없음"), Describe(item)));
            return;
        }

        var cancelled = string.Equals(item.Status, "cancelled", StringComparison.OrdinalIgnoreCase);
        if (cancelled && state.Events.TryGetValue(item.Id, out var known))
        {
            // Deletions in an incremental sync may carry nothing but the id and the status.
            state.Events[item.Id] = known with { Cancelled = true };
            return;
        }

        if (cancelled && item.Start is null && item.OriginalStartTime is null)
        {
            // Deleted before we ever saw it: nothing to call off.
            return;
        }

        try
        {
            state.Events[item.Id] = ToEvent(item, calendarZone);
        }
        catch (FormatException ex)
        {
            errors.Add(new CalendarError(Name, CalendarStrings.GoogleEventUnreadable(ex.Message), Describe(item)));
        }
    }

    private CalendarEvent ToEvent(GoogleEvent item, TimeZoneInfo calendarZone)
    {
        var startField = item.Start ?? item.OriginalStartTime ?? throw new FormatException("start 없음");
        var zone = ZoneOf(startField, calendarZone);
        var start = ToInstant(startField, zone);
        var end = item.End is null ? start : ToInstant(item.End, ZoneOf(item.End, zone));

        var eventId = item.Id!;
        if (!string.IsNullOrEmpty(item.RecurringEventId) && item.OriginalStartTime is { } original)
        {
            var originalStart = ToInstant(original, ZoneOf(original, zone));
            var suffix = original.DateTime is null
                ? originalStart.ToString("yyyyMMdd", CultureInfo.InvariantCulture)
                : originalStart.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
            eventId = $"{item.RecurringEventId}_{suffix}";
        }

        var description = item.Description;
        string? hint = null;
        item.ExtendedProperties?.Private?.TryGetValue("meetingbot", out hint);
        return new CalendarEvent(
            Name,
            eventId,
            item.Summary ?? "",
            TimeZoneInfo.ConvertTime(start, zone),
            TimeZoneInfo.ConvertTime(end, zone),
            IanaId(zone),
            description,
            item.Location,
            JoinUrl(item),
            string.IsNullOrWhiteSpace(hint) ? EventText.FindMeetingIdHint(description) : hint.Trim().ToLowerInvariant(),
            EventText.FindChatSpace(description),
            string.Equals(item.Status, "cancelled", StringComparison.OrdinalIgnoreCase));
    }

    private static string? JoinUrl(GoogleEvent item)
    {
        if (!string.IsNullOrWhiteSpace(item.HangoutLink))
        {
            return item.HangoutLink;
        }

        // Meet, or a conferencing add-on (the Teams add-on for Google Calendar puts its link here too).
        var video = item.ConferenceData?.EntryPoints?
            .FirstOrDefault(e => string.Equals(e.EntryPointType, "video", StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(e.Uri))
            ?.Uri;
        return video
               ?? EventText.FindTeamsLink(item.OnlineMeeting?.JoinUrl, item.Description, item.Location)
               ?? EventText.FindMeetLink(item.Description, item.Location);
    }

    private static TimeZoneInfo ZoneOf(EventDateTime value, TimeZoneInfo fallback) =>
        value.TimeZone is { Length: > 0 } id && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : fallback;

    private static DateTimeOffset ToInstant(EventDateTime value, TimeZoneInfo zone)
    {
        if (value.DateTime is { Length: > 0 } text)
        {
            // The offset may be left out when timeZone is given; the time is then a wall-clock time in that zone.
            var hasOffset = text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');
            if (hasOffset && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
            {
                return instant;
            }

            if (!hasOffset && DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var wall))
            {
                return new DateTimeOffset(wall, zone.GetUtcOffset(wall));
            }

            throw new FormatException($"dateTime '{text}'");
        }

        if (!string.IsNullOrEmpty(value.Date))
        {
            if (!DateOnly.TryParseExact(value.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                throw new FormatException($"date '{value.Date}'");
            }

            var midnight = date.ToDateTime(TimeOnly.MinValue);
            return new DateTimeOffset(midnight, zone.GetUtcOffset(midnight));
        }

        throw new FormatException("dateTime·date 없음");
    }

    private static string? IanaId(TimeZoneInfo zone) =>
        zone.HasIanaId ? zone.Id : TimeZoneInfo.TryConvertWindowsIdToIanaId(zone.Id, out var iana) ? iana : null;

    private static string Rfc3339(DateTimeOffset instant) =>
        instant.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture);

    private static string Describe(GoogleEvent item) =>
        string.IsNullOrWhiteSpace(item.Summary) ? $"id {item.Id}" : $"'{item.Summary}' (id {item.Id})";

    /// <summary>What the last successful sync knows: the window it covers, its token and the events by Google id.</summary>
    private sealed class SyncState(DateTimeOffset from, DateTimeOffset to, string? syncToken)
    {
        public string? SyncToken { get; set; } = syncToken;

        public Dictionary<string, CalendarEvent> Events { get; } = new(StringComparer.Ordinal);

        public bool Covers(DateTimeOffset windowFrom, DateTimeOffset windowTo) => windowFrom >= from && windowTo <= to;
    }
}
