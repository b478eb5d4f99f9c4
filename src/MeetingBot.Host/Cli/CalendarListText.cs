using MeetingBot.Core;

namespace MeetingBot.Host.Cli;

/// <summary>What the <c>calendar list</c> verb prints.</summary>
public static class CalendarListText
{
    public const string ListHeader = "시작 | 제목 | 원본 | 참가 링크 | 대화방 | 회의";
    public const string Unmatched = "미연결";
    public const string CancelledMark = "취소";
    public const string None = "-";
    public const string NoSources = "설정된 일정 원본이 없습니다(Calendar:Sources).";
    public const string ListUsage = "사용법: meetingbot calendar list [--from 날짜] [--to 날짜]  (날짜 예: 2020-09-01)";

    public static string SourceError(CalendarErrorLine error) => $"오류 [{error.Source}]: {error.Message}";

    public static string Skipped(CalendarErrorLine error) => $"건너뜀 [{error.Source}] {error.Entry}: {error.Message}";

    public static string WhyUnmatched(string source, DateTimeOffset localStart, string title, string reason) =>
        $"미연결 [{source}] {KoreanTime.DateAndTime(localStart)} {title}: {reason}";

    public static string BadDate(string option, string value) => $"--{option} 날짜를 읽을 수 없습니다: {value} (예: 2020-09-01)";

    public static string EmptyWindow => "--to 는 --from 보다 뒤여야 합니다.";

    public static string Count(int events, int sources, int failed) =>
        failed == 0 ? $"일정 {events}건 (원본 {sources}개)" : $"일정 {events}건 (원본 {sources}개 중 {failed}개 오류)";
}

/// <summary>A calendar problem as printed: the source, and the entry when only one was skipped.</summary>
public sealed record CalendarErrorLine(string Source, string Message, string? Entry);
