using System.Text;
using MeetingBot.Calendar.Ics;
using MeetingBot.TestSupport;

namespace MeetingBot.Calendar.Tests;

public sealed class IcsCalendarSourceTests : IDisposable
{
    private static readonly TimeZoneInfo Seoul = TimeZoneInfo.FindSystemTimeZoneById("Asia/Seoul");
    private static readonly TimeSpan Kst = TimeSpan.FromHours(9);
    private static readonly DateTimeOffset September = new(2020, 9, 1, 0, 0, 0, Kst);
    private static readonly DateTimeOffset October = new(2020, 10, 1, 0, 0, 0, Kst);

    private readonly string _folder = Directory.CreateTempSubdirectory("meetingbot-ics-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Google_export_expands_the_weekly_series_without_the_excluded_date_and_with_the_moved_instance()
    {
        var fetch = await FromFile("google-export.ics").FetchAsync(September, October);

        Assert.Empty(fetch.Errors);
        Assert.Equal(
            ["09-01 14:00", "09-15 15:00", "09-17 10:00", "09-22 14:00", "09-29 14:00"],
            fetch.Events.Select(e => e.Start.ToString("MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.All(fetch.Events, e =>
        {
            Assert.Equal(Kst, e.Start.Offset);
            Assert.Equal("Asia/Seoul", e.TimeZoneId);
            Assert.Equal("구글 내보내기", e.SourceName);
        });

        var moved = fetch.Events[1];
        Assert.Equal("전략사업 분과회의 (시간 변경)", moved.Title);
        Assert.Equal("3kq9v2s8pl1m0n7b6c5x4z3a2s@google.com_20200915T050000Z", moved.EventId);
        Assert.Equal(new DateTimeOffset(2020, 9, 15, 16, 30, 0, Kst), moved.End);
        Assert.Equal("3kq9v2s8pl1m0n7b6c5x4z3a2s@google.com_20200922T050000Z", fetch.Events[3].EventId);
    }

    [Fact]
    public async Task Google_export_carries_meet_link_meeting_id_and_chat_space()
    {
        var fetch = await FromFile("google-export.ics").FetchAsync(September, October);

        var first = fetch.Events[0];
        Assert.Equal("https://meet.google.com/abc-defg-hij", first.JoinUrl);
        Assert.Equal("ydp-strategy", first.MeetingIdHint);
        Assert.Equal("spaces/AAAAq1w2e3r", first.ChatSpace);
        Assert.Equal("구청 내 '카페틔움' 회의실", first.Location);
        Assert.Equal("ydp-strategy", fetch.Events[1].MeetingIdHint);
        Assert.Equal("spaces/AAAAq1w2e3r", fetch.Events[1].ChatSpace);

        var utcEvent = fetch.Events[2];
        Assert.Equal("협치지원관 사전 점검", utcEvent.Title);
        Assert.Equal("7h6g5f4d3s2a1q0w9e8r7t6y5u@google.com", utcEvent.EventId);
        Assert.Null(utcEvent.JoinUrl);
        Assert.Null(utcEvent.MeetingIdHint);
    }

    [Fact]
    public async Task Outlook_export_reads_the_windows_zone_the_cancelled_instance_and_the_utc_event()
    {
        var fetch = await FromFile("outlook-export.ics").FetchAsync(September, October);

        Assert.Empty(fetch.Errors);
        Assert.Equal(
            ["09-16 10:00", "09-17 14:00", "09-23 10:00", "09-30 10:00"],
            fetch.Events.Select(e => TimeZoneInfo.ConvertTime(e.Start, Seoul).ToString("MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.All(fetch.Events, e => Assert.Equal("Asia/Seoul", e.TimeZoneId));
        Assert.Equal([false, false, false, true], fetch.Events.Select(e => e.Cancelled));

        var utcEvent = fetch.Events[1];
        Assert.Equal("분과장 협의 (전화)", utcEvent.Title);
        Assert.Equal(new DateTimeOffset(2020, 9, 17, 5, 0, 0, TimeSpan.Zero), utcEvent.Start);
        Assert.Equal(new DateTimeOffset(2020, 9, 17, 5, 30, 0, TimeSpan.Zero), utcEvent.End);

        var cancelled = fetch.Events[3];
        Assert.Equal("취소됨: 도시재생 분과회의", cancelled.Title);
        Assert.EndsWith("_20200930T010000Z", cancelled.EventId);
    }

    [Fact]
    public async Task Outlook_export_finds_the_teams_link_in_the_description()
    {
        var fetch = await FromFile("outlook-export.ics").FetchAsync(September, October);

        Assert.Equal(
            "https://teams.microsoft.com/l/meetup-join/19%3ameeting_NjQ2ZDM4YzEtOTk1Mi00ZDBmLWE2ZjMtY2U0ZjE5YjA0MDk2%40thread.v2/0?context=%7b%22Tid%22%3a%2272f988bf-86f1-41af-91ab-2d7cd011db47%22%2c%22Oid%22%3a%22b1f6c0d4-5a3e-4c2b-9d8e-7f6a5b4c3d2e%22%7d",
            fetch.Events[0].JoinUrl);
        Assert.Equal(fetch.Events[0].JoinUrl, fetch.Events[2].JoinUrl);
        Assert.Null(fetch.Events[1].JoinUrl);
    }

    [Fact]
    public async Task Only_occurrences_overlapping_the_window_are_returned()
    {
        var from = new DateTimeOffset(2020, 9, 22, 15, 0, 0, Kst);
        var to = new DateTimeOffset(2020, 9, 29, 14, 0, 0, Kst);

        var fetch = await FromFile("google-export.ics").FetchAsync(from, to);

        var ongoing = Assert.Single(fetch.Events);
        Assert.Equal(new DateTimeOffset(2020, 9, 22, 14, 0, 0, Kst), ongoing.Start);
    }

    [Fact]
    public async Task A_broken_event_is_skipped_with_a_message_naming_it_and_the_others_are_kept()
    {
        var path = Write("broken.ics", Calendar(
            Event("ok-1@x", "전략사업 분과회의", "DTSTART;TZID=Asia/Seoul:20200915T140000", "DTEND;TZID=Asia/Seoul:20200915T160000"),
            Event("broken@x", "깨진 일정", "DTSTART;TZID=Asia/Seoul:20200916T140000", "이 줄에는 콜론이 없습니다"),
            Event("ok-2@x", "도시재생 분과회의", "DTSTART;TZID=Asia/Seoul:20200917T100000", "DTEND;TZID=Asia/Seoul:20200917T120000")));

        var fetch = await IcsCalendarSource.FromFile("파일", path, Seoul).FetchAsync(September, October);

        Assert.Equal(["ok-1@x", "ok-2@x"], fetch.Events.Select(e => e.EventId));
        var error = Assert.Single(fetch.Errors);
        Assert.Equal("파일", error.SourceName);
        Assert.Contains("깨진 일정", error.EventRef);
        Assert.Contains("broken@x", error.EventRef);
    }

    [Fact]
    public async Task An_event_without_end_line_or_start_is_skipped_and_named()
    {
        var path = Write("unterminated.ics", string.Join("\r\n",
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN",
            "BEGIN:VEVENT", "UID:open@x", "SUMMARY:끝나지 않은 일정", "DTSTART:20200915T050000Z",
            "BEGIN:VEVENT", "UID:nostart@x", "SUMMARY:시작 없는 일정", "END:VEVENT",
            "BEGIN:VEVENT", "UID:ok@x", "SUMMARY:정상 일정", "DTSTART:20200916T050000Z", "DTEND:20200916T060000Z", "END:VEVENT",
            "END:VCALENDAR", ""));

        var fetch = await IcsCalendarSource.FromFile("파일", path, Seoul).FetchAsync(September, October);

        Assert.Equal(["ok@x"], fetch.Events.Select(e => e.EventId));
        Assert.Equal(2, fetch.Errors.Count);
        Assert.Contains(fetch.Errors, e => e.EventRef!.Contains("끝나지 않은 일정", StringComparison.Ordinal));
        Assert.Contains(fetch.Errors, e => e.EventRef!.Contains("시작 없는 일정", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_file_that_is_not_icalendar_is_a_source_error()
    {
        var path = Write("not-a-calendar.ics", "<html><body>로그인이 필요합니다</body></html>");

        var fetch = await IcsCalendarSource.FromFile("파일", path, Seoul).FetchAsync(September, October);

        Assert.Empty(fetch.Events);
        var error = Assert.Single(fetch.Errors);
        Assert.Equal("파일", error.SourceName);
        Assert.Null(error.EventRef);
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public async Task A_missing_file_is_a_source_error()
    {
        var path = Path.Combine(_folder, "없는-파일.ics");

        var fetch = await IcsCalendarSource.FromFile("파일", path, Seoul).FetchAsync(September, October);

        var error = Assert.Single(fetch.Errors);
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public async Task A_zone_known_only_from_its_vtimezone_is_read_with_that_offset()
    {
        var path = Write("custom-zone.ics", string.Join("\r\n",
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:Microsoft Exchange Server 2007",
            "BEGIN:VTIMEZONE", "TZID:(UTC+09:00) 서울", "BEGIN:STANDARD", "DTSTART:16010101T000000", "TZOFFSETFROM:+0900", "TZOFFSETTO:+0900", "END:STANDARD", "END:VTIMEZONE",
            "BEGIN:VEVENT", "UID:custom@x", "SUMMARY:주민자치 분과회의",
            "DTSTART;TZID=\"(UTC+09:00) 서울\":20200918T140000", "DTEND;TZID=\"(UTC+09:00) 서울\":20200918T153000", "END:VEVENT",
            "BEGIN:VEVENT", "UID:unknown@x", "SUMMARY:알 수 없는 시간대",
            "DTSTART;TZID=Mars/Olympus:20200918T140000", "DTEND;TZID=Mars/Olympus:20200918T153000", "END:VEVENT",
            "END:VCALENDAR", ""));

        var fetch = await IcsCalendarSource.FromFile("파일", path, Seoul).FetchAsync(September, October);

        var custom = Assert.Single(fetch.Events);
        Assert.Equal(new DateTimeOffset(2020, 9, 18, 14, 0, 0, Kst), custom.Start);
        Assert.Equal(new DateTimeOffset(2020, 9, 18, 5, 0, 0, TimeSpan.Zero), custom.Start.ToUniversalTime());
        var error = Assert.Single(fetch.Errors);
        Assert.Contains("Mars/Olympus", error.Message);
        Assert.Contains("알 수 없는 시간대", error.EventRef);
    }

    [Fact]
    public async Task A_published_feed_is_downloaded_and_read()
    {
        var body = await File.ReadAllTextAsync(Path.Combine("Ics", "outlook-export.ics"));
        await using var server = await LocalHttpServer.StartAsync(request => request.Path == "/owa/calendar/ydp/reachcalendar.ics"
            ? new Reply(200, body, "text/calendar")
            : new Reply(404, "Not Found", "text/plain"));
        using var http = new HttpClient();

        var found = await IcsCalendarSource.FromUrl("아웃룩", new Uri(server.Address, "owa/calendar/ydp/reachcalendar.ics"), http, Seoul).FetchAsync(September, October);
        var missing = await IcsCalendarSource.FromUrl("아웃룩", new Uri(server.Address, "owa/calendar/ydp/gone.ics"), http, Seoul).FetchAsync(September, October);

        Assert.Equal(4, found.Events.Count);
        Assert.Empty(found.Errors);
        Assert.Empty(missing.Events);
        Assert.Contains("HTTP 404", Assert.Single(missing.Errors).Message);
    }

    private static IcsCalendarSource FromFile(string name) =>
        IcsCalendarSource.FromFile("구글 내보내기", Path.Combine("Ics", name), Seoul);

    private static string Calendar(params string[] events) =>
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nX-WR-TIMEZONE:Asia/Seoul\r\n" + string.Concat(events) + "END:VCALENDAR\r\n";

    private static string Event(string uid, string summary, params string[] lines) =>
        $"BEGIN:VEVENT\r\nUID:{uid}\r\nSUMMARY:{summary}\r\n{string.Join("\r\n", lines)}\r\nEND:VEVENT\r\n";

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }
}
