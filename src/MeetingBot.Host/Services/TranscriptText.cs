using MeetingBot.Core;
using MeetingBot.Core.Transcripts;

namespace MeetingBot.Host.Services;

/// <summary>What the transcript collector records and tells staff (Korean), in one place.</summary>
internal static class TranscriptText
{
    public const string NotReady = "아직 발언 기록이 준비되지 않았습니다(플랫폼이 회의가 끝나고 몇 분 뒤에 만듭니다). 잠시 뒤 다시 묻습니다.";

    public static string Collected(int cues, int attendees) => $"발언 {cues}건, 참석 기록 {attendees}건을 가져왔습니다.";

    public static string Unreachable(string detail) => $"플랫폼에 연결하지 못했습니다: {detail} 잠시 뒤 다시 묻습니다.";

    public static string GaveUp(TimeSpan after) =>
        $"회의가 끝나고 {Hours(after)}이 지나 더 묻지 않습니다. 발언 기록·참석 기록 파일을 직원 화면에서 올릴 수 있습니다(POST /api/meetings/{{id}}/transcript).";

    public static string Deleted(int days, int cues, int attendees) =>
        $"보고서 승인 뒤 보관 기간({days}일)이 지나 발언 {cues}건과 참석 기록 {attendees}건을 지웠습니다. 보고서에 채택된 항목은 그대로 있습니다.";

    private static string Hours(TimeSpan span) =>
        span.TotalHours >= 1 && span.Minutes == 0 ? $"{(int)span.TotalHours}시간" : KoreanTime.MinutesInWords((int)span.TotalMinutes);

    public static string RefusedNotice(MeetingDefinition meeting, string reason) =>
        $"[{meeting.Subcommittee}] {meeting.Title}({meeting.Id})의 발언 기록을 가져오지 못했습니다: {reason}";

    public static string GaveUpNotice(MeetingDefinition meeting, string last) =>
        $"[{meeting.Subcommittee}] {meeting.Title}({meeting.Id})의 발언 기록을 끝내 가져오지 못했습니다. 마지막 응답: {last} 파일이 있으면 직원 화면에서 올려 주세요.";

    public static string QuorumNotMet(MeetingDefinition meeting, AttendanceSummary attendance, TimeSpan minPresence) =>
        $"주의: [{meeting.Subcommittee}] {meeting.Title}({meeting.Id}) 정족수 미달 — 참석 {attendance.Present.Count}명 / 정족수 {meeting.Quorum}명({minPresence.TotalMinutes:0}분 이상 참석 기준). 불참: {string.Join(", ", attendance.Absent.Select(p => p.Name))}";
}
