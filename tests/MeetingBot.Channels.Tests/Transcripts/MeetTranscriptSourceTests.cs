using MeetingBot.Channels.Transcripts;
using MeetingBot.Core;
using MeetingBot.Core.Transcripts;
using MeetingBot.TestSupport;

namespace MeetingBot.Channels.Tests.Transcripts;

/// <summary>The Meet REST importer against a local server speaking Meet v2's shapes: pageToken paging, not ready, refusal, throttling.</summary>
public sealed class MeetTranscriptSourceTests : ImporterTest
{
    private const string Record = "conferenceRecords/rec-0915";

    private async Task<MeetTranscriptSource> StartAsync(Func<RecordedRequest, Reply?> special)
    {
        var address = await StartServerAsync(special, Meet);
        return new MeetTranscriptSource(new Uri(address, "v2/"), _ => Task.FromResult<string?>("meet-token"), Clock);
    }

    /// <summary>Two records of the meeting code (last month's and this one), participants and entries on two pages each.</summary>
    private static Reply Meet(RecordedRequest request) => (request.Path, request["pageToken"]) switch
    {
        ("/v2/conferenceRecords", _) when request["filter"] == "space.meeting_code=\"abc-mnop-xyz\"" => new(200, $$"""
            {"conferenceRecords":[
              {"name":"conferenceRecords/rec-0811","startTime":"2020-08-11T05:00:00Z","endTime":"2020-08-11T07:00:00Z","space":"spaces/s1"},
              {"name":"{{Record}}","startTime":"2020-09-15T05:01:00Z","endTime":"2020-09-15T07:00:00Z","space":"spaces/s1"}]}
            """),
        ("/v2/" + Record + "/participants", null) => new(200, """
            {"participants":[{"name":"conferenceRecords/rec-0915/participants/p1","signedinUser":{"user":"users/111","displayName":"김위원"},
              "earliestStartTime":"2020-09-15T05:00:00Z","latestEndTime":"2020-09-15T06:30:00Z"}],"nextPageToken":"pp2"}
            """),
        ("/v2/" + Record + "/participants", "pp2") => new(200, """
            {"participants":[{"name":"conferenceRecords/rec-0915/participants/p2","phoneUser":{"displayName":"전화 참석자"},
              "earliestStartTime":"2020-09-15T05:10:00Z","latestEndTime":"2020-09-15T05:40:00Z"}]}
            """),
        ("/v2/" + Record + "/transcripts", _) => new(200, $$"""{"transcripts":[{"name":"{{Record}}/transcripts/t1","state":"FILE_GENERATED","startTime":"2020-09-15T05:00:00Z"}]}"""),
        ("/v2/" + Record + "/transcripts/t1/entries", null) => new(200, $$"""
            {"transcriptEntries":[{"name":"{{Record}}/transcripts/t1/entries/e1","participant":"conferenceRecords/rec-0915/participants/p1",
              "text":"청년 공간 예산을 늘려야 합니다.","languageCode":"ko-KR","startTime":"2020-09-15T05:05:00Z","endTime":"2020-09-15T05:05:09Z"}],
             "nextPageToken":"ep2"}
            """),
        ("/v2/" + Record + "/transcripts/t1/entries", "ep2") => new(200, $$"""
            {"transcriptEntries":[{"name":"{{Record}}/transcripts/t1/entries/e2","participant":"conferenceRecords/rec-0915/participants/p2",
              "text":"전화로 한 말씀 드립니다.","languageCode":"ko-KR","startTime":"2020-09-15T05:12:00Z","endTime":"2020-09-15T05:12:05Z"}]}
            """),
        _ => new(404, """{"error":{"code":404,"message":"Requested entity was not found.","status":"NOT_FOUND"}}"""),
    };

    private static (MeetingDefinition, MeetingRuntime) MeetMeeting()
    {
        var meeting = TestMeetings.Strategy() with { JoinUrl = "https://meet.google.com/abc-mnop-xyz?authuser=0", Platform = "googlechat" };
        return (meeting, MeetingRuntime.NotStartedFor(meeting) with { StartedAt = Start });
    }

    [Fact]
    public async Task Entries_of_every_page_are_named_by_the_participants_of_the_record_nearest_the_start()
    {
        using var source = await StartAsync(_ => null);
        var (meeting, runtime) = MeetMeeting();

        var result = await source.FetchAsync(meeting, runtime);

        Assert.NotNull(result);
        Assert.Equal(["e1", "e2"], result.Cues.Select(c => c.Id));
        Assert.Equal(("김위원", "users/111"), (result.Cues[0].SpeakerName, result.Cues[0].SpeakerId));
        Assert.Equal("전화 참석자", result.Cues[1].SpeakerName);
        Assert.Equal(Start.AddMinutes(5), result.Cues[0].Start);
        Assert.Equal(
            [("김위원", TimeSpan.FromMinutes(90), "users/111"), ("전화 참석자", TimeSpan.FromMinutes(30), (string?)null)],
            result.Attendance.Select(a => (a.Name, a.Presence, a.UserId)));
        Assert.DoesNotContain(Server.Requests, r => r.Path.Contains("rec-0811", StringComparison.Ordinal));
        Assert.All(Server.Requests, r => Assert.Equal("Bearer meet-token", r.Authorization));
    }

    [Fact]
    public async Task No_conference_record_yet_is_not_ready()
    {
        using var source = await StartAsync(r => r.Path == "/v2/conferenceRecords" ? new Reply(200, "{}") : null);
        var (meeting, runtime) = MeetMeeting();

        Assert.Null(await source.FetchAsync(meeting, runtime));
    }

    [Fact]
    public async Task Transcript_still_being_written_is_not_ready()
    {
        using var source = await StartAsync(r => r.Path == $"/v2/{Record}/transcripts"
            ? new Reply(200, $$"""{"transcripts":[{"name":"{{Record}}/transcripts/t1","state":"STARTED"}]}""")
            : null);
        var (meeting, runtime) = MeetMeeting();

        Assert.Null(await source.FetchAsync(meeting, runtime));
        Assert.DoesNotContain(Server.Requests, r => r.Path.EndsWith("/entries", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Refusal_names_the_meet_scope_in_korean()
    {
        using var source = await StartAsync(r => r.Path == "/v2/conferenceRecords"
            ? new Reply(403, """{"error":{"code":403,"message":"Request had insufficient authentication scopes.","status":"PERMISSION_DENIED"}}""")
            : null);
        var (meeting, runtime) = MeetMeeting();

        var error = await Assert.ThrowsAsync<TranscriptFetchException>(() => source.FetchAsync(meeting, runtime));

        Assert.Contains("meetings.space.readonly", error.Message, StringComparison.Ordinal);
        Assert.Contains("권한", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rate_limited_page_is_retried_after_the_delay_meet_asks_for()
    {
        var limited = 0;
        using var source = await StartAsync(r => r.Path == $"/v2/{Record}/transcripts/t1/entries" && r["pageToken"] == "ep2" && Interlocked.Increment(ref limited) == 1
            ? new Reply(429, """{"error":{"code":429,"status":"RESOURCE_EXHAUSTED"}}""", Headers: new Dictionary<string, string> { ["Retry-After"] = "4" })
            : null);
        var (meeting, runtime) = MeetMeeting();

        var fetching = source.FetchAsync(meeting, runtime);
        var waited = await Clock.FireTimerAsync(TimeSpan.FromSeconds(1));
        var result = await fetching;

        Assert.Equal(TimeSpan.FromSeconds(4), waited);
        Assert.Equal(["e1", "e2"], result!.Cues.Select(c => c.Id));
    }

    [Fact]
    public async Task Join_url_without_a_meeting_code_is_refused_naming_the_field()
    {
        using var source = await StartAsync(_ => null);
        var (meeting, runtime) = MeetMeeting();

        var error = await Assert.ThrowsAsync<MeetingBotException>(() => source.FetchAsync(meeting with { JoinUrl = "https://meet.google.com/lookup/x" }, runtime));

        Assert.Equal("joinUrl", error.Field);
        Assert.Empty(Server.Requests);
    }
}
