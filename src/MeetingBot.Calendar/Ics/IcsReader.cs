using System.Globalization;
using Ical.Net;
using IcalCalendar = Ical.Net.Calendar;
using Ical.Net.DataTypes;
using Ical.Net.Evaluation;
using IcalEvent = Ical.Net.CalendarComponents.CalendarEvent;

namespace MeetingBot.Calendar.Ics;

/// <summary>
/// Reads an iCalendar text into occurrences: recurrence rules, EXDATE, RECURRENCE-ID overrides (moved or cancelled
/// instances), VTIMEZONE and UTC times. A broken entry is skipped with a message naming it; the rest is kept.
/// </summary>
internal static class IcsReader
{
    // A rule that can never produce an instance (e.g. 30 February) would otherwise be searched for ever.
    private static readonly EvaluationOptions Evaluation = new() { MaxUnmatchedIncrementsLimit = 1000 };

    // Ical.Net filters in the zone it resolved, and reads unknown zones as UTC; evaluate a day wider, filter exactly here.
    private static readonly TimeSpan Slack = TimeSpan.FromDays(1);

    public static CalendarFetch Read(string sourceName, string where, string text, DateTimeOffset from, DateTimeOffset to, TimeZoneInfo defaultZone)
    {
        var errors = new List<CalendarError>();
        var calendar = Load(sourceName, where, text, errors);
        if (calendar is null)
        {
            return new CalendarFetch([], errors);
        }

        var zones = new IcsTimeZones(calendar, defaultZone);
        var events = new List<CalendarEvent>();
        var series = calendar.Events
            .Select((e, i) => (Event: e, Key: string.IsNullOrEmpty(e.Uid) ? $"#{i}" : e.Uid))
            .GroupBy(x => x.Key, x => x.Event);
        foreach (var entries in series)
        {
            new Series(sourceName, entries.ToList(), zones, from, to, events, errors).Expand();
        }

        events.Sort((a, b) => a.Start.CompareTo(b.Start));
        return new CalendarFetch(events, errors);
    }

    internal static string Describe(string? uid, string? summary) =>
        (string.IsNullOrWhiteSpace(summary), string.IsNullOrWhiteSpace(uid)) switch
        {
            (false, false) => $"'{summary}' (UID {uid})",
            (false, true) => $"'{summary}'",
            (true, false) => $"UID {uid}",
            _ => "(제목·UID 없는 일정)",
        };

    private static IcalCalendar? Load(string sourceName, string where, string text, List<CalendarError> errors)
    {
        if (!IcsComponents.LooksLikeCalendar(text))
        {
            errors.Add(new CalendarError(sourceName, CalendarStrings.IcsNotACalendar(where)));
            return null;
        }

        try
        {
            if (IcalCalendar.Load(text) is { } whole)
            {
                return whole;
            }
        }
        catch (Exception ex) when (IsParseFailure(ex))
        {
            // The file as a whole does not parse; below it is read entry by entry.
        }

        return LoadPiecewise(sourceName, where, text, errors);
    }

    private static IcalCalendar? LoadPiecewise(string sourceName, string where, string text, List<CalendarError> errors)
    {
        var parts = IcsComponents.Split(text);
        if (TryLoad(parts.Compose([], withTimeZones: false), out var headerError) is null)
        {
            errors.Add(new CalendarError(sourceName, CalendarStrings.IcsReadFailed(where, headerError!)));
            return null;
        }

        // A broken VTIMEZONE is dropped: most TZIDs resolve from the system database without it.
        if (TryLoad(parts.Compose([]), out _) is null)
        {
            parts.TimeZones.Clear();
        }

        foreach (var block in parts.Unterminated.Where(b => b.IsEvent))
        {
            errors.Add(new CalendarError(sourceName, CalendarStrings.IcsEventUnterminated, block.Describe()));
        }

        var good = new List<IcsComponents.Block>();
        foreach (var block in parts.Events)
        {
            if (TryLoad(parts.Compose([block]), out var error) is null)
            {
                errors.Add(new CalendarError(sourceName, CalendarStrings.IcsEventUnreadable(error!), block.Describe()));
            }
            else
            {
                good.Add(block);
            }
        }

        var calendar = TryLoad(parts.Compose(good), out var allError);
        if (calendar is null)
        {
            errors.Add(new CalendarError(sourceName, CalendarStrings.IcsReadFailed(where, allError!)));
        }

        return calendar;
    }

    private static IcalCalendar? TryLoad(string text, out string? error)
    {
        try
        {
            error = null;
            return IcalCalendar.Load(text) ?? throw new FormatException("VCALENDAR 없음");
        }
        catch (Exception ex) when (IsParseFailure(ex))
        {
            error = ex.Message;
            return null;
        }
    }

    /// <summary>
    /// What Ical.Net may throw for text it cannot read. It documents no exception type; its parser surfaces format,
    /// argument, serialization and state errors, and guarding against null and index errors from a third-party parser
    /// keeps one bad feed from stopping the others. Anything else (out of memory, cancellation) passes through.
    /// </summary>
    private static bool IsParseFailure(Exception ex) =>
        ex is FormatException or ArgumentException or InvalidOperationException or NullReferenceException
            or IndexOutOfRangeException or System.Runtime.Serialization.SerializationException or OverflowException or KeyNotFoundException or NotSupportedException;

    /// <summary>The entries sharing one UID: the series (or single event) and its RECURRENCE-ID overrides.</summary>
    private sealed class Series(
        string sourceName,
        List<IcalEvent> entries,
        IcsTimeZones zones,
        DateTimeOffset from,
        DateTimeOffset to,
        List<CalendarEvent> events,
        List<CalendarError> errors)
    {
        private readonly IcalEvent? _master = entries.FirstOrDefault(e => e.RecurrenceIdentifier is null);

        public void Expand()
        {
            // Instances replaced by an override, keyed by their original start.
            var replaced = new HashSet<DateTimeOffset>();
            foreach (var entry in entries.Where(e => e.RecurrenceIdentifier is not null))
            {
                var original = entry.RecurrenceIdentifier!.StartTime;
                if (zones.ZoneOf(original) is { } zone)
                {
                    replaced.Add(IcsTimeZones.ToInstant(original, zone).ToUniversalTime());
                }
            }

            foreach (var entry in entries)
            {
                if (entry.DtStart is null)
                {
                    Skip(entry, CalendarStrings.IcsEventNoStart);
                    continue;
                }

                if (zones.ZoneOf(entry.DtStart) is null)
                {
                    Skip(entry, CalendarStrings.IcsEventUnknownTimeZone(entry.DtStart.TzId ?? ""));
                    continue;
                }

                try
                {
                    AddOccurrences(entry, replaced);
                }
                catch (Exception ex) when (ex is EvaluationException or ArgumentException or InvalidOperationException or OverflowException)
                {
                    Skip(entry, CalendarStrings.IcsEventNotExpandable(ex.Message));
                }
            }
        }

        private void AddOccurrences(IcalEvent entry, HashSet<DateTimeOffset> replaced)
        {
            var isOverride = entry.RecurrenceIdentifier is not null;
            var isSeries = isOverride || entry.RecurrenceRule is not null || entry.RecurrenceDates.GetAllPeriods().Any();

            // Collected apart so an expansion failing half-way adds nothing of the entry.
            var found = new List<CalendarEvent>();
            var occurrences = entry
                .GetOccurrences(new CalDateTime((from - Slack).UtcDateTime, "UTC"), Evaluation)
                .TakeWhileBefore(new CalDateTime((to + Slack).UtcDateTime, "UTC"));
            foreach (var occurrence in occurrences)
            {
                var startValue = occurrence.Period.StartTime;
                var zone = zones.ZoneOf(startValue)!;
                var start = IcsTimeZones.ToInstant(startValue, zone);
                if (!isOverride && isSeries && replaced.Contains(start.ToUniversalTime()))
                {
                    continue;
                }

                var endValue = occurrence.Period.EffectiveEndTime;
                var end = endValue is null
                    ? start + (startValue.HasTime ? TimeSpan.Zero : TimeSpan.FromDays(1))
                    : IcsTimeZones.ToInstant(endValue, zones.ZoneOf(endValue) ?? zone);
                if (end <= from || start >= to)
                {
                    continue;
                }

                var eventId = Uid(entry, start);
                if (isSeries)
                {
                    var originalValue = isOverride ? entry.RecurrenceIdentifier!.StartTime : startValue;
                    var original = IcsTimeZones.ToInstant(originalValue, zones.ZoneOf(originalValue) ?? zone);
                    eventId = SeriesId(original, originalValue.HasTime);
                }

                found.Add(ToEvent(entry, eventId, start, end, zones.DisplayZoneOf(startValue)));
            }

            events.AddRange(found);
        }

        private CalendarEvent ToEvent(IcalEvent entry, string eventId, DateTimeOffset start, DateTimeOffset end, TimeZoneInfo display)
        {
            // Overrides exported without the series' description still belong to the series' meeting.
            var fallback = ReferenceEquals(entry, _master) ? null : _master;
            var description = entry.Description;
            var joinUrl = JoinUrl(entry) ?? (fallback is null ? null : JoinUrl(fallback));
            return new CalendarEvent(
                sourceName,
                eventId,
                entry.Summary ?? fallback?.Summary ?? "",
                TimeZoneInfo.ConvertTime(start, display),
                TimeZoneInfo.ConvertTime(end, display),
                IcsTimeZones.IanaId(display),
                description,
                entry.Location,
                joinUrl,
                EventText.FindMeetingIdHint(description) ?? EventText.FindMeetingIdHint(fallback?.Description),
                EventText.FindChatSpace(description) ?? EventText.FindChatSpace(fallback?.Description),
                string.Equals(entry.Status, "CANCELLED", StringComparison.OrdinalIgnoreCase));
        }

        private string SeriesId(DateTimeOffset originalStart, bool hasTime)
        {
            var utc = originalStart.UtcDateTime;
            var suffix = hasTime
                ? utc.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)
                : originalStart.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
            return $"{Uid(_master ?? entries[0], originalStart)}_{suffix}";
        }

        private static string Uid(IcalEvent entry, DateTimeOffset start) =>
            string.IsNullOrEmpty(entry.Uid)
                ? $"{start.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}-{entry.Summary}"
                : entry.Uid;

        private static string? JoinUrl(IcalEvent entry) =>
            EventText.FindMeetLink(entry.Properties.Get<string>("X-GOOGLE-CONFERENCE"))
            ?? EventText.FindTeamsLink(entry.Properties.Get<string>("X-MICROSOFT-SKYPETEAMSMEETINGURL"), entry.Description, entry.Location)
            ?? EventText.FindMeetLink(entry.Description, entry.Location);

        private void Skip(IcalEvent entry, string message) =>
            errors.Add(new CalendarError(sourceName, message, Describe(entry.Uid, entry.Summary)));
    }
}
