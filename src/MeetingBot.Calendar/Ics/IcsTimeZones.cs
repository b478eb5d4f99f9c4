using IcalCalendar = Ical.Net.Calendar;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;

namespace MeetingBot.Calendar.Ics;

/// <summary>
/// Turns the wall-clock times of a calendar into instants. Ical.Net resolves TZIDs against the system time-zone
/// database only and silently treats an unknown TZID as UTC, so a zone it cannot know (Outlook's
/// "(UTC+09:00) Seoul", a custom name) is resolved here from the file's own VTIMEZONE instead.
/// </summary>
internal sealed class IcsTimeZones
{
    private readonly Dictionary<string, VTimeZone> _definitions;
    private readonly Dictionary<string, TimeZoneInfo?> _resolved = new(StringComparer.OrdinalIgnoreCase);

    public IcsTimeZones(IcalCalendar calendar, TimeZoneInfo fallback)
    {
        _definitions = calendar.TimeZones
            .Where(z => !string.IsNullOrEmpty(z.TzId))
            .GroupBy(z => z.TzId!, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);

        // Google exports name the calendar's zone in X-WR-TIMEZONE; it is also how their users read UTC times.
        var named = calendar.Properties.Get<string>("X-WR-TIMEZONE");
        Default = (string.IsNullOrWhiteSpace(named) ? null : Resolve(named)) ?? fallback;
    }

    /// <summary>The zone floating and all-day times are read in, and UTC times are shown in.</summary>
    public TimeZoneInfo Default { get; }

    /// <summary>The zone a wall-clock value is read in: null when its TZID is known neither to the system nor to the file.</summary>
    public TimeZoneInfo? ZoneOf(CalDateTime value)
    {
        if (value.IsUtc)
        {
            return TimeZoneInfo.Utc;
        }

        return string.IsNullOrEmpty(value.TzId) ? Default : Resolve(value.TzId);
    }

    /// <summary>Where an event is shown: its own zone, or the calendar's zone for UTC and floating times.</summary>
    public TimeZoneInfo DisplayZoneOf(CalDateTime value) =>
        value.IsUtc || string.IsNullOrEmpty(value.TzId) ? Default : Resolve(value.TzId) ?? Default;

    public static DateTimeOffset ToInstant(CalDateTime value, TimeZoneInfo zone)
    {
        var wall = value.Date.ToDateTime(value.HasTime ? value.Time ?? TimeOnly.MinValue : TimeOnly.MinValue, DateTimeKind.Unspecified);
        var offset = value.IsUtc ? TimeSpan.Zero : zone.GetUtcOffset(wall);
        return new DateTimeOffset(wall, offset);
    }

    /// <summary>The IANA name of a zone, or null for a zone made up from a VTIMEZONE.</summary>
    public static string? IanaId(TimeZoneInfo zone)
    {
        if (zone == TimeZoneInfo.Utc)
        {
            return "UTC";
        }

        if (zone.HasIanaId)
        {
            return zone.Id;
        }

        return TimeZoneInfo.TryConvertWindowsIdToIanaId(zone.Id, out var iana) ? iana : null;
    }

    public TimeZoneInfo? Resolve(string tzid)
    {
        if (_resolved.TryGetValue(tzid, out var known))
        {
            return known;
        }

        var zone = FindSystem(tzid) ?? FromDefinition(tzid);
        _resolved[tzid] = zone;
        return zone;
    }

    private static TimeZoneInfo? FindSystem(string tzid)
    {
        var id = tzid.Trim().Trim('"');
        if (TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone))
        {
            return zone;
        }

        // Some exporters prefix the IANA name with a path, e.g. "/mozilla.org/20070129_1/Asia/Seoul".
        var parts = id.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length > 2 && TimeZoneInfo.TryFindSystemTimeZoneById($"{parts[^2]}/{parts[^1]}", out zone) ? zone : null;
    }

    private TimeZoneInfo? FromDefinition(string tzid)
    {
        if (!_definitions.TryGetValue(tzid, out var definition))
        {
            return null;
        }

        if (!string.IsNullOrWhiteSpace(definition.Location) && FindSystem(definition.Location) is { } located)
        {
            return located;
        }

        // A zone without daylight saving (Korea, Japan, China) has one offset in every observance; that is enough.
        // A zone with changing offsets would need its rules evaluated, which the system database already does better.
        var offsets = definition.TimeZoneInfos.Select(i => i.OffsetTo?.Offset).Distinct().ToList();
        return offsets is [{ } offset]
            ? TimeZoneInfo.CreateCustomTimeZone(tzid, offset, tzid, tzid)
            : null;
    }
}
