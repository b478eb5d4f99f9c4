namespace MeetingBot.Channels.Replay;

/// <summary>User-facing messages of the chat replay reader (SPEC §5, §7).</summary>
internal static class ChatScriptTexts
{
    public const string EditAndDelete = "한 메시지에 edit와 delete를 함께 쓸 수 없습니다.";

    public static string UnknownMeeting(string id) => $"회의 '{id}'을(를) 찾을 수 없습니다. 같은 폴더의 *.meeting.yaml에 이 id가 있는지 확인하세요.";

    public static string UnknownTimeZone(string meetingId, string zone) => $"회의 '{meetingId}'의 시간대 '{zone}'을(를) 찾을 수 없습니다.";

    public static string UnknownParticipant(string from, string meetingId) =>
        $"'{from}'은(는) 회의 '{meetingId}'의 참석자가 아닙니다. 참석자 이름이나 chatUserId를 쓰세요.";

    public static string NotTime(string value) =>
        $"'{value}'은(는) 시각이 아닙니다. 회의 당일 시각(예: \"14:05:30\", \"14:05\") 또는 시차가 붙은 ISO-8601 시각(예: 2020-09-15T14:05:30+09:00)을 쓰세요.";

    public static string NonexistentLocalTime(string value) => $"'{value}'은(는) 이 시간대에 없는 시각입니다(일광 절약 시간 전환).";

    public static string OutOfOrder(DateTimeOffset at, DateTimeOffset previous, int previousLine) =>
        $"시각 {at:yyyy-MM-dd HH:mm:ss}이(가) 앞 메시지({previousLine}번째 줄)의 {previous:yyyy-MM-dd HH:mm:ss}보다 이릅니다. 메시지는 시간 순서로 써야 합니다.";

    public static string UnknownTarget(string target) => $"'{target}'은(는) 앞에 나온 메시지의 id가 아닙니다.";
}
