using MeetingBot.Channels.Transcripts;
using MeetingBot.Core;
using MeetingBot.Core.Transcripts;
using MeetingBot.TestSupport;

namespace MeetingBot.Channels.Tests.Transcripts;

/// <summary>The Graph importer against a local server speaking Graph's shapes: paging, not ready, refusal, throttling.</summary>
public sealed class GraphTranscriptSourceTests : ImporterTest
{
    private const string Organizer = "5b1f6c2e-2d7a-4c39-9f0e-3a8d1e2b4c6f";
    private const string JoinUrl = "https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc%40thread.v2/0?context=%7b%22Tid%22%3a%22c9a0d1e2-0000-4000-8000-000000000001%22%2c%22Oid%22%3a%22" + Organizer + "%22%7d";
    private const string Meeting = "/v1.0/users/" + Organizer + "/onlineMeetings/MSo1N2Y5";

    private static readonly string Vtt1 = "WEBVTT\n\n0001\n00:00:05.000 --> 00:00:09.000\n<v 김위원>청년 공간 예산을 늘려야 합니다.</v>\n";
    private static readonly string Vtt2 = "WEBVTT\n\n0001\n00:00:01.000 --> 00:00:03.000\n<v 박위원장>다음 안건입니다.</v>\n";

    private async Task<GraphTranscriptSource> StartAsync(Func<RecordedRequest, Reply?> special)
    {
        var address = await StartServerAsync(special, Graph);
        return new GraphTranscriptSource(new Uri(address, "v1.0"), _ => Task.FromResult<string?>("graph-token"), Clock);
    }

    /// <summary>A Graph with one meeting, two transcripts on two pages, and two attendance reports.</summary>
    private Reply Graph(RecordedRequest request) => (request.Path, request["$skiptoken"]) switch
    {
        ("/v1.0/users/" + Organizer + "/onlineMeetings", _) when request["$filter"] == $"JoinWebUrl eq '{JoinUrl}'" =>
            new(200, """{"value":[{"id":"MSo1N2Y5","joinWebUrl":"x"}]}"""),
        (Meeting + "/transcripts", null) => new(200, $$"""{"value":[{"id":"T1","createdDateTime":"2020-09-15T05:00:00Z"}],"@odata.nextLink":"{{Server.Url("v1.0/users/" + Organizer + "/onlineMeetings/MSo1N2Y5/transcripts?$skiptoken=p2")}}"}"""),
        (Meeting + "/transcripts", "p2") => new(200, """{"value":[{"id":"T2","createdDateTime":"2020-09-15T05:30:00Z"}]}"""),
        (Meeting + "/transcripts/T1/content", _) when request["$format"] == "text/vtt" => new(200, Vtt1, "text/vtt"),
        (Meeting + "/transcripts/T2/content", _) when request["$format"] == "text/vtt" => new(200, Vtt2, "text/vtt"),
        (Meeting + "/attendanceReports", _) => new(200, """{"value":[{"id":"R-old","meetingStartDateTime":"2020-08-11T05:00:00Z"},{"id":"R1","meetingStartDateTime":"2020-09-15T04:59:00Z"}]}"""),
        (Meeting + "/attendanceReports/R1", _) when request["$expand"] == "attendanceRecords" =>
            new(200, """{"id":"R1","attendanceRecords":[{"emailAddress":"kim@example.org","totalAttendanceInSeconds":3600,"identity":{"id":"aad-kim","displayName":"김위원"}}]}"""),
        _ => new(404, """{"error":{"code":"NotFound","message":"not here"}}"""),
    };

    private static (MeetingDefinition, MeetingRuntime) TeamsMeeting()
    {
        var meeting = TestMeetings.Strategy() with { JoinUrl = JoinUrl, Platform = "teams" };
        return (meeting, MeetingRuntime.NotStartedFor(meeting) with { StartedAt = Start });
    }

    [Fact]
    public async Task Transcripts_of_every_page_are_read_as_vtt_from_their_creation_with_this_sessions_attendance()
    {
        using var source = await StartAsync(_ => null);
        var (meeting, runtime) = TeamsMeeting();

        var result = await source.FetchAsync(meeting, runtime);

        Assert.NotNull(result);
        Assert.Equal(["T1/0001", "T2/0001"], result.Cues.Select(c => c.Id));
        Assert.Equal(Start.AddSeconds(5), result.Cues[0].Start);
        Assert.Equal("김위원", result.Cues[0].SpeakerName);
        Assert.Equal(Start.AddMinutes(30).AddSeconds(1), result.Cues[1].Start);
        var attendee = Assert.Single(result.Attendance);
        Assert.Equal(("김위원", TimeSpan.FromHours(1), "aad-kim"), (attendee.Name, attendee.Presence, attendee.UserId));
        Assert.All(Server.Requests, r => Assert.Equal("Bearer graph-token", r.Authorization));
    }

    [Fact]
    public async Task No_transcript_yet_is_not_ready()
    {
        using var source = await StartAsync(r => r.Path == Meeting + "/transcripts" ? new Reply(200, """{"value":[]}""") : null);
        var (meeting, runtime) = TeamsMeeting();

        Assert.Null(await source.FetchAsync(meeting, runtime));
    }

    [Fact]
    public async Task Transcript_content_not_there_yet_is_not_ready()
    {
        using var source = await StartAsync(r => r.Path == Meeting + "/transcripts/T2/content" ? new Reply(404, "{}") : null);
        var (meeting, runtime) = TeamsMeeting();

        Assert.Null(await source.FetchAsync(meeting, runtime));
    }

    [Fact]
    public async Task Refusal_names_the_transcript_permission_in_korean()
    {
        using var source = await StartAsync(r => r.Path.EndsWith("/transcripts", StringComparison.Ordinal)
            ? new Reply(403, """{"error":{"code":"Forbidden","message":"Application is not allowed"}}""")
            : null);
        var (meeting, runtime) = TeamsMeeting();

        var error = await Assert.ThrowsAsync<TranscriptFetchException>(() => source.FetchAsync(meeting, runtime));

        Assert.Equal(TranscriptAttemptOutcome.Refused, error.Outcome);
        Assert.Contains("OnlineMeetingTranscript.Read.All", error.Message, StringComparison.Ordinal);
        Assert.Contains("OnlineMeetingTranscript.Read.Chat", error.Message, StringComparison.Ordinal);
        Assert.Contains("Grant-CsApplicationAccessPolicy", error.Message, StringComparison.Ordinal);
        Assert.Contains("권한", error.Message, StringComparison.Ordinal);
        Assert.Contains("HTTP 403", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Attendance_refusal_names_the_artifact_permission()
    {
        using var source = await StartAsync(r => r.Path.EndsWith("/attendanceReports", StringComparison.Ordinal) ? new Reply(403, "{}") : null);
        var (meeting, runtime) = TeamsMeeting();

        var error = await Assert.ThrowsAsync<TranscriptFetchException>(() => source.FetchAsync(meeting, runtime));

        Assert.Contains("OnlineMeetingArtifact.Read.All", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Throttled_request_is_retried_after_the_delay_graph_asks_for()
    {
        var throttled = 0;
        using var source = await StartAsync(r => r.Path == Meeting + "/transcripts" && r["$skiptoken"] is null && Interlocked.Increment(ref throttled) == 1
            ? new Reply(429, """{"error":{"code":"TooManyRequests"}}""", Headers: new Dictionary<string, string> { ["Retry-After"] = "9" })
            : null);
        var (meeting, runtime) = TeamsMeeting();

        var fetching = source.FetchAsync(meeting, runtime);
        var waited = await Clock.FireTimerAsync(TimeSpan.FromSeconds(1));
        var result = await fetching;

        Assert.Equal(TimeSpan.FromSeconds(9), waited);
        Assert.NotNull(result);
        Assert.Equal(2, Server.Requests.Count(r => r.Path == Meeting + "/transcripts" && r["$skiptoken"] is null));
    }

    [Fact]
    public async Task Meeting_without_join_url_is_refused_naming_the_field()
    {
        using var source = await StartAsync(_ => null);
        var (meeting, runtime) = TeamsMeeting();

        var error = await Assert.ThrowsAsync<MeetingBotException>(() => source.FetchAsync(meeting with { JoinUrl = null }, runtime));

        Assert.Equal("joinUrl", error.Field);
        Assert.Empty(Server.Requests);
    }

    [Fact]
    public async Task Next_link_off_the_configured_host_is_not_followed()
    {
        using var source = await StartAsync(r => r.Path == Meeting + "/transcripts"
            ? new Reply(200, """{"value":[{"id":"T1"}],"@odata.nextLink":"https://attacker.example/steal"}""")
            : null);
        var (meeting, runtime) = TeamsMeeting();

        var error = await Assert.ThrowsAsync<MeetingBotException>(() => source.FetchAsync(meeting, runtime));

        Assert.Contains("attacker.example", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Meeting_lookup_refused_names_the_online_meetings_permission()
    {
        using var source = await StartAsync(r => r.Path == "/v1.0/users/" + Organizer + "/onlineMeetings" ? new Reply(403, "{}") : null);
        var (meeting, runtime) = TeamsMeeting();

        var error = await Assert.ThrowsAsync<TranscriptFetchException>(() => source.FetchAsync(meeting, runtime));

        Assert.Contains("OnlineMeetings.Read.All", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Throttled_past_the_retries_says_how_long_graph_asked_to_wait()
    {
        using var source = await StartAsync(r => r.Path == Meeting + "/transcripts"
            ? new Reply(429, "{}", Headers: new Dictionary<string, string> { ["Retry-After"] = "40" })
            : null);
        var (meeting, runtime) = TeamsMeeting();

        var fetching = source.FetchAsync(meeting, runtime);
        for (var retry = 0; retry < 4; retry++)
        {
            await Clock.FireTimerAsync(TimeSpan.FromSeconds(1));
        }

        var error = await Assert.ThrowsAsync<TranscriptFetchException>(() => fetching);

        Assert.Equal((TranscriptAttemptOutcome.Throttled, TimeSpan.FromSeconds(40)), (error.Outcome, error.RetryAfter));
        Assert.Contains("429", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Organizer_is_read_from_the_join_urls_context_and_absent_from_a_short_link()
    {
        Assert.Equal(Organizer, GraphTranscriptSource.OrganizerOf(JoinUrl));
        Assert.Null(GraphTranscriptSource.OrganizerOf("https://teams.microsoft.com/meet/2345678901234?p=abcDEF"));
    }

    [Fact]
    public async Task Short_join_url_uses_the_configured_organizer()
    {
        const string Short = "https://teams.microsoft.com/meet/2345678901234?p=abcDEF";
        var address = await StartServerAsync(_ => null, r => r.Path == "/v1.0/users/" + Organizer + "/onlineMeetings" && r["$filter"] == $"JoinWebUrl eq '{Short}'"
            ? new Reply(200, """{"value":[{"id":"MSo1N2Y5"}]}""")
            : Graph(r));
        using var source = new GraphTranscriptSource(new Uri(address, "v1.0"), _ => Task.FromResult<string?>("graph-token"), Clock, defaultOrganizer: Organizer);
        var (meeting, runtime) = TeamsMeeting();

        var result = await source.FetchAsync(meeting with { JoinUrl = Short }, runtime);

        Assert.NotNull(result);
        Assert.Equal(2, result.Cues.Count);
    }
}
