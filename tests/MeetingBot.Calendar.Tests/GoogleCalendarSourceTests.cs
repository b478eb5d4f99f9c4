using System.Text.Json.Nodes;
using MeetingBot.Calendar.Google;
using MeetingBot.TestSupport;

namespace MeetingBot.Calendar.Tests;

public sealed class GoogleCalendarSourceTests : IAsyncLifetime, IDisposable
{
    private const string SourceName = "협치회의 구글 캘린더";
    private static readonly TimeZoneInfo Seoul = TimeZoneInfo.FindSystemTimeZoneById("Asia/Seoul");
    private static readonly DateTimeOffset From = new(2020, 9, 1, 0, 0, 0, TimeSpan.FromHours(9));
    private static readonly DateTimeOffset To = new(2020, 10, 1, 0, 0, 0, TimeSpan.FromHours(9));

    private readonly TimerWatchingTimeProvider _time = new();
    private readonly Queue<Func<RecordedRequest, Reply>> _script = new();
    private LocalHttpServer _server = null!;
    private GoogleCalendarSource _source = null!;

    public async Task InitializeAsync()
    {
        _server = await LocalHttpServer.StartAsync(request =>
        {
            lock (_script)
            {
                return _script.Count > 0 ? _script.Dequeue()(request) : new Reply(599, "no reply scripted");
            }
        });
        // The source owns the service and disposes it with itself (Dispose below).
#pragma warning disable CA2000
        var service = GoogleCalendarService.Create(new Uri(_server.Address, "calendar/v3/"), null, GoogleCalendarResilience.CreatePipeline(_time));
#pragma warning restore CA2000
        _source = new GoogleCalendarSource(SourceName, GoogleWire.CalendarId, service, Seoul, pageSize: 2);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => _source.Dispose();

    [Fact]
    public async Task Full_sync_reads_every_page_and_asks_for_expanded_events_in_the_window()
    {
        Script(
            _ => GoogleWire.Page([Strategy("e1", "09-01"), Strategy("e2", "09-08")], nextPageToken: "page-2"),
            _ => GoogleWire.Page([Strategy("e3", "09-15"), Strategy("e4", "09-22")], nextPageToken: "page-3"),
            _ => GoogleWire.Page([Strategy("e5", "09-29")], nextSyncToken: "sync-1"));

        var fetch = await _source.FetchAsync(From, To);

        Assert.Empty(fetch.Errors);
        Assert.Equal(["e1", "e2", "e3", "e4", "e5"], fetch.Events.Select(e => e.EventId));
        var requests = _server.Requests.ToList();
        Assert.Equal(3, requests.Count);
        Assert.All(requests, r => Assert.Equal($"/calendar/v3/calendars/{GoogleWire.CalendarId}/events", r.Path));
        Assert.Equal([null, "page-2", "page-3"], requests.Select(r => r["pageToken"]));
        var first = requests[0];
        Assert.Equal("2020-09-01T00:00:00+09:00", first["timeMin"]);
        Assert.Equal("true", first["singleEvents"]);
        Assert.Equal("true", first["showDeleted"]);
        Assert.Equal("startTime", first["orderBy"]);
        Assert.Equal("2", first["maxResults"]);
        Assert.Null(first["syncToken"]);
        Assert.True(DateTimeOffset.Parse(first["timeMax"]!, System.Globalization.CultureInfo.InvariantCulture) >= To);
    }

    [Fact]
    public async Task Second_fetch_asks_only_for_changes_with_the_sync_token_and_applies_them()
    {
        Script(
            _ => GoogleWire.Page([Strategy("e1", "09-15"), Strategy("e2", "09-22"), Strategy("e3", "09-29")], nextSyncToken: "sync-1"),
            _ => GoogleWire.Page([Strategy("e2", "09-22").With("summary", "전략사업 분과회의 (장소 변경)"), GoogleWire.Deleted("e3")], nextSyncToken: "sync-2"),
            _ => GoogleWire.Page([], nextSyncToken: "sync-3"));

        await _source.FetchAsync(From, To);
        var second = await _source.FetchAsync(From, To);
        await _source.FetchAsync(From, To);

        Assert.Empty(second.Errors);
        Assert.Equal(["e1", "e2", "e3"], second.Events.Select(e => e.EventId));
        Assert.Equal("전략사업 분과회의 (장소 변경)", second.Events[1].Title);
        Assert.False(second.Events[0].Cancelled);
        var deleted = second.Events[2];
        Assert.True(deleted.Cancelled);
        Assert.Equal("전략사업 분과회의", deleted.Title);
        Assert.Equal(new DateTimeOffset(2020, 9, 29, 14, 0, 0, TimeSpan.FromHours(9)), deleted.Start);

        var requests = _server.Requests.ToList();
        Assert.Equal("sync-1", requests[1]["syncToken"]);
        Assert.Equal("sync-2", requests[2]["syncToken"]);
        Assert.All(requests.Skip(1), r =>
        {
            Assert.Null(r["timeMin"]);
            Assert.Null(r["timeMax"]);
            Assert.Null(r["orderBy"]);
        });
    }

    [Fact]
    public async Task Gone_sync_token_drops_local_state_and_syncs_in_full_again()
    {
        Script(
            _ => GoogleWire.Page([Strategy("e1", "09-15"), Strategy("e2", "09-22")], nextSyncToken: "sync-1"),
            _ => GoogleWire.Error(410, "fullSyncRequired", "Sync token is no longer valid, a full sync is required."),
            _ => GoogleWire.Page([Strategy("e2", "09-22"), Strategy("e9", "09-24")], nextSyncToken: "sync-fresh"),
            _ => GoogleWire.Page([], nextSyncToken: "sync-fresh-2"));

        await _source.FetchAsync(From, To);
        var resynced = await _source.FetchAsync(From, To);
        await _source.FetchAsync(From, To);

        Assert.Empty(resynced.Errors);
        Assert.Equal(["e2", "e9"], resynced.Events.Select(e => e.EventId));
        var requests = _server.Requests.ToList();
        Assert.Equal(4, requests.Count);
        Assert.Equal("sync-1", requests[1]["syncToken"]);
        Assert.Null(requests[2]["syncToken"]);
        Assert.NotNull(requests[2]["timeMin"]);
        Assert.Equal("sync-fresh", requests[3]["syncToken"]);
    }

    [Fact]
    public async Task Rate_limit_is_retried_after_the_delay_the_server_asks_for()
    {
        Script(
            _ => GoogleWire.Error(429, "rateLimitExceeded", "Rate Limit Exceeded", "usageLimits", new Dictionary<string, string> { ["Retry-After"] = "7" }),
            _ => GoogleWire.Page([Strategy("e1", "09-15")], nextSyncToken: "sync-1"));

        var fetching = _source.FetchAsync(From, To);
        var waited = await _time.FireNextTimerAsync();
        var fetch = await fetching;

        Assert.Equal(TimeSpan.FromSeconds(7), waited);
        Assert.Empty(fetch.Errors);
        Assert.Equal(["e1"], fetch.Events.Select(e => e.EventId));
        Assert.Equal(2, _server.Requests.Count);
    }

    [Fact]
    public async Task Server_error_is_retried_and_the_retry_succeeds()
    {
        Script(
            _ => GoogleWire.Error(500, "backendError", "Backend Error"),
            _ => GoogleWire.Page([Strategy("e1", "09-15")], nextSyncToken: "sync-1"));

        var fetching = _source.FetchAsync(From, To);
        var waited = await _time.FireNextTimerAsync();
        var fetch = await fetching;

        Assert.InRange(waited, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(2));
        Assert.Empty(fetch.Errors);
        Assert.Single(fetch.Events);
        Assert.Equal(2, _server.Requests.Count);
    }

    [Fact]
    public async Task Server_error_that_persists_becomes_a_source_error_and_keeps_the_last_good_events()
    {
        Script(_ => GoogleWire.Page([Strategy("e1", "09-15")], nextSyncToken: "sync-1"));
        await _source.FetchAsync(From, To);
        Script(Enumerable.Repeat<Func<RecordedRequest, Reply>>(_ => GoogleWire.Error(500, "backendError", "Backend Error"), 5).ToArray());

        var fetching = _source.FetchAsync(From, To);
        for (var retry = 0; retry < 4; retry++)
        {
            await _time.FireNextTimerAsync();
        }

        var fetch = await fetching;

        var error = Assert.Single(fetch.Errors);
        Assert.Equal(SourceName, error.SourceName);
        Assert.Contains("HTTP 500", error.Message);
        Assert.Contains(GoogleWire.CalendarId, error.Message);
        Assert.Equal(["e1"], fetch.Events.Select(e => e.EventId));
        Assert.Equal(6, _server.Requests.Count);
    }

    [Fact]
    public async Task Malformed_json_is_a_source_error_naming_the_source()
    {
        Script(_ => new Reply(200, """{"kind": "calendar#events", "items": [{"id": "e1", "summary": """));

        var fetch = await _source.FetchAsync(From, To);

        Assert.Empty(fetch.Events);
        var error = Assert.Single(fetch.Errors);
        Assert.Equal(SourceName, error.SourceName);
        Assert.Contains(GoogleWire.CalendarId, error.Message);
        Assert.StartsWith($"[{SourceName}]", error.ToString());
    }

    [Fact]
    public async Task Not_found_calendar_is_reported_with_status_and_google_message()
    {
        Script(_ => GoogleWire.Error(404, "notFound", "Not Found"));

        var fetch = await _source.FetchAsync(From, To);

        var error = Assert.Single(fetch.Errors);
        Assert.Contains("HTTP 404", error.Message);
        Assert.Contains("Not Found", error.Message);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task Cancelled_event_is_returned_marked_cancelled()
    {
        Script(_ => GoogleWire.Page(
            [
                Strategy("e1", "09-15"),
                GoogleWire.Instance("series7", "도시재생 분과회의", "2020-09-16T10:00", "2020-09-16T10:00", "2020-09-16T12:00").With("status", "cancelled"),
            ],
            nextSyncToken: "sync-1"));

        var fetch = await _source.FetchAsync(From, To);

        Assert.False(fetch.Events.Single(e => e.EventId == "e1").Cancelled);
        var cancelled = fetch.Events.Single(e => e.Title == "도시재생 분과회의");
        Assert.True(cancelled.Cancelled);
        Assert.Equal("true", _server.Requests.Single()["showDeleted"]);
    }

    [Fact]
    public async Task Recurring_instance_keeps_its_id_from_the_original_start_when_moved()
    {
        Script(_ => GoogleWire.Page(
            [GoogleWire.Instance("3kq9v2s8pl1m0n7b6c5x4z3a2s", "전략사업 분과회의 (시간 변경)", "2020-09-15T14:00", "2020-09-15T15:00", "2020-09-15T16:30")],
            nextSyncToken: "sync-1"));

        var moved = Assert.Single((await _source.FetchAsync(From, To)).Events);

        Assert.Equal("3kq9v2s8pl1m0n7b6c5x4z3a2s_20200915T050000Z", moved.EventId);
        Assert.Equal(new DateTimeOffset(2020, 9, 15, 15, 0, 0, TimeSpan.FromHours(9)), moved.Start);
        Assert.Equal(TimeSpan.FromHours(9), moved.Start.Offset);
        Assert.Equal("Asia/Seoul", moved.TimeZoneId);
    }

    [Fact]
    public async Task Meet_link_comes_from_hangoutLink_or_the_video_entry_point()
    {
        Script(_ => GoogleWire.Page(
            [
                Strategy("e1", "09-15").WithMeet("abc-defg-hij"),
                Strategy("e2", "09-22").With("conferenceData", GoogleWire.MeetConference("xyz-wxyz-xyz")),
            ],
            nextSyncToken: "sync-1"));

        var events = (await _source.FetchAsync(From, To)).Events;

        Assert.Equal("https://meet.google.com/abc-defg-hij", events[0].JoinUrl);
        Assert.Equal("https://meet.google.com/xyz-wxyz-xyz", events[1].JoinUrl);
    }

    [Fact]
    public async Task Teams_link_is_found_in_an_html_description_or_in_onlineMeeting()
    {
        const string teams = "https://teams.microsoft.com/l/meetup-join/19%3ameeting_NjQ2ZDM4YzEtOTk1Mi00ZDBmLWE2ZjMtY2U0ZjE5YjA0MDk2%40thread.v2/0?context=%7b%22Tid%22%3a%2272f988bf%22%7d";
        Script(_ => GoogleWire.Page(
            [
                Strategy("e1", "09-15").With(
                    "description",
                    $"<p>도시재생 분과 월례회의</p><br>________________<br><b>Microsoft Teams 모임</b><br><a href=\"{teams}\">모임에 참가하려면 여기를 클릭</a>"),
                Strategy("e2", "09-22").With("onlineMeeting", new JsonObject { ["joinUrl"] = teams }),
                Strategy("e3", "09-29").With("location", "Microsoft Teams 모임"),
            ],
            nextSyncToken: "sync-1"));

        var events = (await _source.FetchAsync(From, To)).Events;

        Assert.Equal(teams, events[0].JoinUrl);
        Assert.Equal(teams, events[1].JoinUrl);
        Assert.Null(events[2].JoinUrl);
    }

    [Fact]
    public async Task Meeting_id_comes_from_the_private_extended_property_or_a_description_line()
    {
        Script(_ => GoogleWire.Page(
            [
                Strategy("e1", "09-15").With("extendedProperties", new JsonObject
                {
                    ["private"] = new JsonObject { ["meetingbot"] = "ydp-2020-09-strategy" },
                    ["shared"] = new JsonObject { ["meetingbot"] = "not-this-one" },
                }),
                Strategy("e2", "09-22").With("description", "정기회의<br>meetingbot: ydp-2020-09-urban<br>chat: spaces/AAAAq1w2e3r<br>"),
            ],
            nextSyncToken: "sync-1"));

        var events = (await _source.FetchAsync(From, To)).Events;

        Assert.Equal("ydp-2020-09-strategy", events[0].MeetingIdHint);
        Assert.Null(events[0].ChatSpace);
        Assert.Equal("ydp-2020-09-urban", events[1].MeetingIdHint);
        Assert.Equal("spaces/AAAAq1w2e3r", events[1].ChatSpace);
    }

    [Fact]
    public async Task Event_with_an_unreadable_time_is_skipped_with_a_message_and_the_rest_kept()
    {
        Script(_ => GoogleWire.Page(
            [
                Strategy("e1", "09-15"),
                Strategy("e2", "09-22").With("start", new JsonObject { ["dateTime"] = "다음 주 화요일", ["timeZone"] = "Asia/Seoul" }),
            ],
            nextSyncToken: "sync-1"));

        var fetch = await _source.FetchAsync(From, To);

        Assert.Equal(["e1"], fetch.Events.Select(e => e.EventId));
        var error = Assert.Single(fetch.Errors);
        Assert.Equal(SourceName, error.SourceName);
        Assert.Contains("e2", error.EventRef);
    }

    [Fact]
    public async Task All_day_event_starts_at_midnight_in_the_calendar_zone()
    {
        Script(_ => GoogleWire.Page(
            [
                Strategy("e1", "09-15")
                    .With("start", new JsonObject { ["date"] = "2020-09-25" })
                    .With("end", new JsonObject { ["date"] = "2020-09-26" }),
            ],
            nextSyncToken: "sync-1"));

        var allDay = Assert.Single((await _source.FetchAsync(From, To)).Events);

        Assert.Equal(new DateTimeOffset(2020, 9, 25, 0, 0, 0, TimeSpan.FromHours(9)), allDay.Start);
        Assert.Equal(TimeSpan.FromDays(1), allDay.End - allDay.Start);
    }

    private static JsonObject Strategy(string id, string monthDay) =>
        GoogleWire.Event(id, "전략사업 분과회의", $"2020-{monthDay}T14:00", $"2020-{monthDay}T15:30");

    private void Script(params Func<RecordedRequest, Reply>[] replies)
    {
        lock (_script)
        {
            foreach (var reply in replies)
            {
                _script.Enqueue(reply);
            }
        }
    }
}
