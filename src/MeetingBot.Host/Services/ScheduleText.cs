using MeetingBot.Core;

namespace MeetingBot.Host.Services;

/// <summary>What the scheduler posts and the <c>calendar</c> verb prints, in one place.</summary>
public static class ScheduleText
{
    /// <summary><c>9월 15일(화) 14:00</c> in the meeting's zone.</summary>
    public static string When(MeetingDefinition meeting, DateTimeOffset instant)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        var local = meeting.ToLocal(instant);
        return $"{KoreanTime.MonthDay(local)} {KoreanTime.Time(local)}";
    }

    public static string Reminder(MeetingDefinition meeting, DateTimeOffset start, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(meeting);

        // Said from the actual time left: a reminder sent late (after a restart) must not promise ten minutes. The minutes
        // are those between the printed times (the post's and the start's), as everywhere.
        var minutes = KoreanTime.MinutesBetween(now, start);
        var at = KoreanTime.Time(meeting.ToLocal(start));
        var lead = minutes >= 1 ? $"{KoreanTime.MinutesInWords(minutes)} 뒤({at})" : $"곧({at})";
        var agenda = string.Join(", ", meeting.Agenda.Select(a => $"{a.Index}. {a.Title}"));
        var text = $"⏰ {lead} [{meeting.Subcommittee}] {meeting.Title} 회의가 시작됩니다.\n안건: {agenda}";
        return meeting.JoinUrl is { Length: > 0 } url ? $"{text}\n참여 링크: {url}" : text;
    }

    public static string Cancelled(MeetingDefinition meeting, DateTimeOffset start) =>
        $"❌ {When(meeting, start)} [{meeting.Subcommittee}] {meeting.Title} 회의가 취소되었습니다.";

    public static string Moved(MeetingDefinition meeting, DateTimeOffset from, DateTimeOffset to) =>
        $"🔁 [{meeting.Subcommittee}] {meeting.Title} 회의 시각이 {When(meeting, from)}에서 {When(meeting, to)}(으)로 바뀌었습니다.";

    public const string SchedulerName = "MeetingBot 일정";

    public const string StoreWithoutSchedule = "설정된 저장소가 일정 기록(IScheduleStore)을 지원하지 않습니다.";

    public static string SourceTimedOut(TimeSpan limit) =>
        $"{KoreanTime.MinutesInWords(KoreanTime.WholeMinutes(limit))} 안에 응답이 없어 이번 회차는 건너뜁니다.";

    public static string OnCalendar(string meetingId) =>
        $"일정 원본에 같은 회의({meetingId})의 일정이 있어 회의 파일의 시각 대신 그 일정을 씁니다.";

    public static string SameMeetingTwice(string meetingId, string kept) =>
        $"같은 회의({meetingId})에 맞는 일정이 여럿이라 {kept} 일정만 씁니다.";

    // calendar list
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
