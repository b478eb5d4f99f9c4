using MeetingBot.Core;

namespace MeetingBot.Calendar.Scheduling;

/// <summary>What the scheduler posts and how it explains a plan, in one place.</summary>
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

    public static string SourceTimedOut(TimeSpan limit) =>
        $"{KoreanTime.MinutesInWords(KoreanTime.WholeMinutes(limit))} 안에 응답이 없어 이번 회차는 건너뜁니다.";

    public static string OnCalendar(string meetingId) =>
        $"일정 원본에 같은 회의({meetingId})의 일정이 있어 회의 파일의 시각 대신 그 일정을 씁니다.";

    public static string SameMeetingTwice(string meetingId, string kept) =>
        $"같은 회의({meetingId})에 맞는 일정이 여럿이라 {kept} 일정만 씁니다.";
}
