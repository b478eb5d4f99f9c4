using System.Text.Json.Nodes;
using MeetingBot.TestSupport;

namespace MeetingBot.Calendar.Tests;

/// <summary>
/// Calendar v3 responses in the shape Google documents (events.list response, Events resource, error body),
/// with the fields real responses carry even where the bot ignores them.
/// </summary>
internal static class GoogleWire
{
    public const string CalendarId = "c_1b2k3j4h5g6f7d8s9a0@group.calendar.google.com";

    public static Reply Page(IEnumerable<JsonObject> items, string? nextPageToken = null, string? nextSyncToken = null)
    {
        var page = new JsonObject
        {
            ["kind"] = "calendar#events",
            ["etag"] = "\"p33c9bbq3ue8o0g\"",
            ["summary"] = "영등포구협치회의",
            ["description"] = "협치회의 분과 일정",
            ["updated"] = "2020-09-10T02:00:00.000Z",
            ["timeZone"] = "Asia/Seoul",
            ["accessRole"] = "reader",
            ["defaultReminders"] = new JsonArray(),
            ["items"] = new JsonArray(items.Select(i => (JsonNode?)i).ToArray()),
        };
        if (nextPageToken is not null)
        {
            page["nextPageToken"] = nextPageToken;
        }

        if (nextSyncToken is not null)
        {
            page["nextSyncToken"] = nextSyncToken;
        }

        return new Reply(200, page.ToJsonString());
    }

    public static Reply Error(int code, string reason, string message, string domain = "global", IReadOnlyDictionary<string, string>? headers = null)
    {
        var body = new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["errors"] = new JsonArray(new JsonObject { ["domain"] = domain, ["reason"] = reason, ["message"] = message }),
                ["code"] = code,
                ["message"] = message,
            },
        };
        return new Reply(code, body.ToJsonString(), Headers: headers);
    }

    /// <summary>A timed event in Asia/Seoul; <paramref name="start"/> and <paramref name="end"/> are local "yyyy-MM-ddTHH:mm".</summary>
    public static JsonObject Event(string id, string summary, string start, string end, string status = "confirmed")
    {
        return new JsonObject
        {
            ["kind"] = "calendar#event",
            ["etag"] = $"\"31974330600{id.Length:00000}\"",
            ["id"] = id,
            ["status"] = status,
            ["htmlLink"] = $"https://www.google.com/calendar/event?eid={id}",
            ["created"] = "2020-08-20T05:30:00.000Z",
            ["updated"] = "2020-09-10T01:59:00.000Z",
            ["summary"] = summary,
            ["creator"] = new JsonObject { ["email"] = "staff@ydp.go.kr" },
            ["organizer"] = new JsonObject { ["email"] = CalendarId, ["displayName"] = "영등포구협치회의", ["self"] = true },
            ["start"] = Time(start),
            ["end"] = Time(end),
            ["iCalUID"] = $"{id}@google.com",
            ["sequence"] = 0,
            ["reminders"] = new JsonObject { ["useDefault"] = true },
            ["eventType"] = "default",
        };
    }

    /// <summary>An instance of a recurring series, as <c>singleEvents=true</c> returns it.</summary>
    public static JsonObject Instance(string seriesId, string summary, string originalStart, string start, string end)
    {
        var originalUtc = DateTimeOffset.Parse(originalStart + ":00+09:00", System.Globalization.CultureInfo.InvariantCulture).UtcDateTime;
        var item = Event($"{seriesId}_{originalUtc:yyyyMMdd'T'HHmmss'Z'}", summary, start, end);
        item["recurringEventId"] = seriesId;
        item["originalStartTime"] = Time(originalStart);
        return item;
    }

    /// <summary>What an incremental sync returns for a deleted event: little more than its id and status.</summary>
    public static JsonObject Deleted(string id) => new()
    {
        ["kind"] = "calendar#event",
        ["etag"] = "\"3197500000000000\"",
        ["id"] = id,
        ["status"] = "cancelled",
    };

    public static JsonObject WithMeet(this JsonObject item, string code)
    {
        item["hangoutLink"] = $"https://meet.google.com/{code}";
        item["conferenceData"] = MeetConference(code);
        return item;
    }

    public static JsonObject MeetConference(string code) => new()
    {
        ["entryPoints"] = new JsonArray(
            new JsonObject { ["entryPointType"] = "video", ["uri"] = $"https://meet.google.com/{code}", ["label"] = $"meet.google.com/{code}" },
            new JsonObject { ["entryPointType"] = "more", ["uri"] = $"https://tel.meet/{code}?pin=1234567890123", ["pin"] = "1234567890123" },
            new JsonObject { ["entryPointType"] = "phone", ["uri"] = "tel:+82-2-6918-5678", ["label"] = "+82 2-6918-5678", ["pin"] = "123456789", ["regionCode"] = "KR" }),
        ["conferenceSolution"] = new JsonObject
        {
            ["key"] = new JsonObject { ["type"] = "hangoutsMeet" },
            ["name"] = "Google Meet",
            ["iconUri"] = "https://fonts.gstatic.com/s/i/productlogos/meet_2020q4/v6/web-512dp/logo_meet_2020q4_color_2x_web_512dp.png",
        },
        ["conferenceId"] = code,
    };

    public static JsonObject With(this JsonObject item, string name, JsonNode? value)
    {
        item[name] = value;
        return item;
    }

    private static JsonObject Time(string local) => new()
    {
        ["dateTime"] = local + ":00+09:00",
        ["timeZone"] = "Asia/Seoul",
    };
}
