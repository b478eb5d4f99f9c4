using MeetingBot.Channels.Transcripts;
using MeetingBot.Core;

namespace MeetingBot.Channels.Tests.Transcripts;

public sealed class TranscriptJsonReaderTests
{
    [Fact]
    public void MeetEntries_AreNamedByTheirParticipants_SignedInAnonymousOrPhone()
    {
        const string json = """
            {
              "participants": [
                { "name": "conferenceRecords/r1/participants/p1", "signedinUser": { "user": "users/111", "displayName": "박서연" } },
                { "name": "conferenceRecords/r1/participants/p2", "phoneUser": { "displayName": "전화 참석자" } }
              ],
              "transcriptEntries": [
                { "name": "conferenceRecords/r1/transcripts/t1/entries/e1", "participant": "conferenceRecords/r1/participants/p1",
                  "text": "동아리원 모집 범위를 넓혀 주세요", "languageCode": "ko-KR",
                  "startTime": "2020-09-15T05:06:00.500Z", "endTime": "2020-09-15T05:06:04Z" },
                { "name": "conferenceRecords/r1/transcripts/t1/entries/e2", "participant": "conferenceRecords/r1/participants/p2",
                  "text": "잘 들립니다", "startTime": "2020-09-15T05:06:05Z", "endTime": "2020-09-15T05:06:06Z" }
              ]
            }
            """;

        var cues = TranscriptJsonReader.ReadMeetEntries(json, "s.transcript.json");

        Assert.Equal(["e1", "e2"], cues.Select(c => c.Id));
        Assert.Equal(("박서연", "users/111"), (cues[0].SpeakerName, cues[0].SpeakerId));
        Assert.Equal("전화 참석자", cues[1].SpeakerName);
        Assert.Equal(new DateTimeOffset(2020, 9, 15, 14, 6, 0, 500, TimeSpan.FromHours(9)), cues[0].Start);
    }

    [Fact]
    public void AMeetEntryWithoutATime_NamesTheFieldPath()
    {
        var error = Assert.Throws<MeetingBotException>(() => TranscriptJsonReader.ReadMeetEntries(
            """{ "transcriptEntries": [ { "name": "e1", "text": "말", "startTime": "2020-09-15T05:06:00Z" } ] }""", "s.transcript.json"));

        Assert.Equal("s.transcript.json", error.File);
        Assert.Equal("transcriptEntries[0].endTime", error.Field);
    }

    [Fact]
    public void BrokenJson_NamesTheLine()
    {
        var error = Assert.Throws<MeetingBotException>(() => TranscriptJsonReader.ReadAttendance("{\n  \"value\": [\n    { oops }\n  ]\n}", "s.attendance.json"));

        Assert.Equal(3, error.Line);
        Assert.StartsWith("JSON 형식이 아닙니다", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GraphAttendanceRecords_GiveNamesAadIdsAndTotalTime()
    {
        const string json = """
            {
              "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#attendanceRecords",
              "value": [
                { "emailAddress": "kim@ydp.go.kr", "totalAttendanceInSeconds": 2710, "role": "Presenter",
                  "identity": { "id": "0f3c2a1e-0000-0000-0000-000000000001", "displayName": "김미순", "tenantId": "t" },
                  "attendanceIntervals": [ { "joinDateTime": "2020-09-15T05:00:05Z", "leaveDateTime": "2020-09-15T05:45:15Z", "durationInSeconds": 2710 } ] },
                { "emailAddress": "guest@example.com", "totalAttendanceInSeconds": 61.5, "identity": { "displayName": "" } }
              ]
            }
            """;

        var records = TranscriptJsonReader.ReadAttendance(json, "s.attendance.json");

        Assert.Equal(("김미순", TimeSpan.FromSeconds(2710), "0f3c2a1e-0000-0000-0000-000000000001"), (records[0].Name, records[0].Presence, records[0].UserId));
        Assert.Equal(("guest@example.com", TimeSpan.FromSeconds(61.5)), (records[1].Name, records[1].Presence));
    }

    [Fact]
    public void AnExpandedAttendanceReport_IsReadLikeItsRecords()
    {
        var records = TranscriptJsonReader.ReadAttendance(
            """{ "id": "r", "attendanceRecords": [ { "totalAttendanceInSeconds": 10, "identity": { "displayName": "이준호" } } ] }""", "a.json");

        Assert.Equal("이준호", records.Single().Name);
    }

    [Fact]
    public void ANegativeAttendance_NamesTheField()
    {
        var error = Assert.Throws<MeetingBotException>(() => TranscriptJsonReader.ReadAttendance(
            """[ { "totalAttendanceInSeconds": -3, "identity": { "displayName": "이준호" } } ]""", "a.json"));

        Assert.Equal("[0].totalAttendanceInSeconds", error.Field);
    }
}
