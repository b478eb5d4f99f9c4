using MeetingBot.Core;
using MeetingBot.Core.Transcripts;
using MeetingBot.Host.Services;
using MeetingBot.Host.Tests.Staff;
using MeetingBot.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace MeetingBot.Host.Tests.Transcripts;

/// <summary>
/// The real host with the sample meeting held in a Teams chat (its join URL a Teams link naming the organizer) or a
/// Google Chat space (a Meet link), and one local server speaking Microsoft Graph and Meet v2: what the collector needs
/// after the meeting ends. The collector's loop is off; a test makes
/// its passes, and a second host on the same work folder is a restart.
/// </summary>
public sealed class TranscriptWorld : IAsyncDisposable
{
    public const string Organizer = "5b1f6c2e-2d7a-4c39-9f0e-3a8d1e2b4c6f";
    public const string JoinUrl = "https://teams.microsoft.com/l/meetup-join/19%3ameeting_ydp%40thread.v2/0?context=%7b%22Tid%22%3a%22c9a0d1e2-0000-4000-8000-000000000001%22%2c%22Oid%22%3a%22" + Organizer + "%22%7d";
    public const string MeetingPath = "/v1.0/users/" + Organizer + "/onlineMeetings/MSo1N2Y5";

    public const string MeetUrl = "https://meet.google.com/ydp-strt-abc";
    public const string MeetRecord = "conferenceRecords/rec-0915";

    public static readonly ConversationAddress TeamsChat = new("msteams", "19:meeting_ydp@thread.v2", "https://smba.trafficmanager.net/kr/");
    public static readonly ConversationAddress GoogleSpace = new("googlechat", "spaces/AAAAydp");

    private TranscriptWorld(HostWork work, LocalHttpServer graph)
    {
        Work = work;
        Graph = graph;
    }

    public HostWork Work { get; }

    public LocalHttpServer Graph { get; }

    public StaffHost Host { get; private set; } = null!;

    /// <summary>What Graph answers, changed by the test as the platform makes the transcript.</summary>
    public Func<RecordedRequest, Reply?> Special { get; set; } = _ => null;

    /// <summary>When the sample meeting ended (its chat's /종료).</summary>
    public DateTimeOffset EndedAt { get; private set; }

    public TranscriptCollector Collector => Host.Services.GetRequiredService<TranscriptCollector>();

    public ITranscriptStore Transcripts => Host.Services.GetRequiredService<ITranscriptStore>();

    public IEnumerable<OutboundMessage> StaffNotices(string containing) => Host.StaffGateway.Sent.Where(m => m.Text.Contains(containing, StringComparison.Ordinal));

    public int TranscriptListings => Graph.Requests.Count(r => r.Path == MeetingPath + "/transcripts");

    public static async Task<TranscriptWorld> StartAsync(int? quorum = null, bool meet = false)
    {
        TranscriptWorld? world = null;
        var graph = await LocalHttpServer.StartAsync(r => world!.Special(r) ?? Platform(r));
        world = new TranscriptWorld(HostWork.WithSharedSample(), graph);

        // The meeting file itself says Teams, so a restarted host, which loads the folder again, says the same.
        var file = Path.Combine(world.Work.Meetings, "strategy.meeting.yaml");
        var yaml = (await File.ReadAllTextAsync(file)).Replace("joinUrl: https://meet.google.com/ydp-strt-915", $"joinUrl: \"{(meet ? MeetUrl : JoinUrl)}\"", StringComparison.Ordinal);
        await File.WriteAllTextAsync(file, quorum is { } q ? yaml.Replace("participants:", $"quorum: {q}\nparticipants:", StringComparison.Ordinal) : yaml);
        world.Host = world.NewHost();
        await world.Host.ReplaySampleAsync();
        var store = world.Host.Store;
        Assert.Equal(meet ? MeetUrl : JoinUrl, (await store.GetDefinitionAsync(StaffHost.MeetingId))!.JoinUrl);
        await store.CommitAsync(new StoreChange { Binding = new ConversationBinding(meet ? GoogleSpace : TeamsChat, StaffHost.MeetingId, world.Host.Clock.GetUtcNow()) });
        world.EndedAt = (await store.GetRuntimeAsync(StaffHost.MeetingId))!.EndedAt!.Value;
        return world;
    }

    /// <summary>Stops the host and starts another on the same folders and clock time: a restart.</summary>
    public async Task RestartAsync()
    {
        var now = Host.Clock.GetUtcNow();
        await Host.DisposeAsync();
        Host = NewHost(now);
        _ = Host.Services;
    }

    /// <summary>Moves the clock to <paramref name="at"/> and makes one collector pass; the number of attempts it made.</summary>
    public Task<int> PassAtAsync(DateTimeOffset at)
    {
        Host.Clock.SetUtcNow(at);
        return Collector.CollectDueAsync(CancellationToken.None);
    }

    public async Task<StoredTranscript> StoredAsync() => (await Transcripts.GetTranscriptAsync(StaffHost.MeetingId))!;

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Graph.DisposeAsync();
        Work.Dispose();
    }

    private StaffHost NewHost(DateTimeOffset? now = null) => new(Work, now: now, settings: new Dictionary<string, string?>
    {
        ["Transcripts:Enabled"] = "false",
        ["Transcripts:GraphBaseUrl"] = Graph.Url("v1.0/"),
        ["Transcripts:MeetBaseUrl"] = Graph.Url("v2/"),
        ["Transcripts:FirstAttemptAfter"] = "00:05:00",
        ["Transcripts:RetryAfter"] = "00:05:00",
        ["Transcripts:MaxRetryInterval"] = "00:30:00",
        ["Transcripts:GiveUpAfter"] = "02:00:00",
        ["Transcripts:MinPresenceMinutes"] = "10",
    });

    /// <summary>
    /// A Graph that has the meeting, one transcript of two cues and an attendance report of three people; a Meet whose
    /// record of the meeting code has two participants and two entries, each list on two pages.
    /// </summary>
    private static Reply Platform(RecordedRequest request) => (request.Path, request["pageToken"]) switch
    {
        ("/v2/conferenceRecords", _) when request["filter"] == "space.meeting_code=\"ydp-strt-abc\"" =>
            new(200, $$"""{"conferenceRecords":[{"name":"{{MeetRecord}}","startTime":"2020-09-15T05:00:00Z","endTime":"2020-09-15T05:50:00Z"}]}"""),
        ("/v2/" + MeetRecord + "/transcripts", _) => new(200, $$"""{"transcripts":[{"name":"{{MeetRecord}}/transcripts/t1","state":"FILE_GENERATED","startTime":"2020-09-15T05:00:00Z"}]}"""),
        ("/v2/" + MeetRecord + "/participants", null) => new(200, """
            {"participants":[{"name":"conferenceRecords/rec-0915/participants/p1","signedinUser":{"user":"users/1","displayName":"최민정"},
              "earliestStartTime":"2020-09-15T05:00:00Z","latestEndTime":"2020-09-15T05:50:00Z"}],"nextPageToken":"pp2"}
            """),
        ("/v2/" + MeetRecord + "/participants", "pp2") => new(200, """
            {"participants":[{"name":"conferenceRecords/rec-0915/participants/p2","phoneUser":{"displayName":"전화 참석자"},
              "earliestStartTime":"2020-09-15T05:10:00Z","latestEndTime":"2020-09-15T05:40:00Z"}]}
            """),
        ("/v2/" + MeetRecord + "/transcripts/t1/entries", null) => new(200, $$"""
            {"transcriptEntries":[{"name":"{{MeetRecord}}/transcripts/t1/entries/e1","participant":"conferenceRecords/rec-0915/participants/p1",
              "text":"사업별 담당 부서 연락처를 공유해 주셨으면 합니다","startTime":"2020-09-15T05:09:40Z","endTime":"2020-09-15T05:09:52Z"}],"nextPageToken":"ep2"}
            """),
        ("/v2/" + MeetRecord + "/transcripts/t1/entries", "ep2") => new(200, $$"""
            {"transcriptEntries":[{"name":"{{MeetRecord}}/transcripts/t1/entries/e2","participant":"conferenceRecords/rec-0915/participants/p2",
              "text":"전화로 한 말씀 드립니다","startTime":"2020-09-15T05:26:30Z","endTime":"2020-09-15T05:26:40Z"}]}
            """),
        _ => GraphPlatform(request),
    };

    private static Reply GraphPlatform(RecordedRequest request) => request.Path switch
    {
        "/v1.0/users/" + Organizer + "/onlineMeetings" when request["$filter"] == $"JoinWebUrl eq '{JoinUrl}'" => new(200, """{"value":[{"id":"MSo1N2Y5"}]}"""),
        MeetingPath + "/transcripts" => new(200, """{"value":[{"id":"T1","createdDateTime":"2020-09-15T05:00:00Z"}]}"""),
        MeetingPath + "/transcripts/T1/content" => new(200, """
            WEBVTT

            c1
            00:09:40.000 --> 00:09:52.500
            <v 최민정>사업별 담당 부서 연락처를 공유해 주셨으면 합니다</v>

            c2
            00:21:50.000 --> 00:22:05.000
            <v 조영윤 위원장>청년 참여 예산은 내년에도 유지하는 것이 좋겠습니다</v>
            """, "text/vtt"),
        MeetingPath + "/attendanceReports" => new(200, """{"value":[{"id":"R1","meetingStartDateTime":"2020-09-15T05:00:00Z"}]}"""),
        MeetingPath + "/attendanceReports/R1" => new(200, """
            {"id":"R1","attendanceRecords":[
              {"totalAttendanceInSeconds":2900,"identity":{"id":"aad-cho","displayName":"조영윤"}},
              {"totalAttendanceInSeconds":120,"identity":{"id":"aad-park","displayName":"박서연"}},
              {"totalAttendanceInSeconds":2800,"identity":{"id":"aad-guest","displayName":"외부 손님"}}]}
            """),
        _ => new(404, """{"error":{"code":"NotFound"}}"""),
    };
}
