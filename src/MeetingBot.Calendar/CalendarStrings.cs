namespace MeetingBot.Calendar;

/// <summary>Every user-facing text of the calendar component, in one place.</summary>
internal static class CalendarStrings
{
    public static string Unexpected(string detail) => $"일정을 가져오지 못했습니다: {detail}";

    // ICS
    public static string IcsFileMissing(string path) => $"ICS 파일이 없습니다: {path}";
    public static string IcsReadFailed(string where, string detail) => $"ICS를 읽지 못했습니다({where}): {detail}";
    public static string IcsDownloadFailed(string url, int status) => $"ICS를 내려받지 못했습니다({url}): HTTP {status}";
    public static string IcsNotACalendar(string where) => $"iCalendar 형식이 아닙니다({where}): BEGIN:VCALENDAR가 없습니다.";
    public static string IcsEventUnreadable(string detail) => $"일정 항목을 읽지 못해 건너뜁니다: {detail}";
    public static string IcsEventUnterminated => "일정 항목이 END:VEVENT 없이 끝나 건너뜁니다.";
    public static string IcsEventNoStart => "시작 시각(DTSTART)이 없거나 읽을 수 없어 건너뜁니다.";
    public static string IcsEventUnknownTimeZone(string tzid) => $"시간대 '{tzid}'을(를) 알 수 없어 건너뜁니다.";
    public static string IcsEventNotExpandable(string detail) => $"반복 일정을 펼치지 못해 건너뜁니다: {detail}";

    // Google Calendar
    public static string GoogleFailed(string calendarId, int status, string detail) =>
        $"Google 캘린더 '{calendarId}'에서 일정을 가져오지 못했습니다(HTTP {status}): {detail}";
    public static string GoogleUnreadable(string calendarId, string detail) =>
        $"Google 캘린더 '{calendarId}'의 응답을 읽지 못했습니다: {detail}";
    public static string GoogleUnreachable(string calendarId, string detail) =>
        $"Google 캘린더 '{calendarId}'에 연결하지 못했습니다: {detail}";
    public static string GoogleEventUnreadable(string detail) => $"일정 항목을 읽지 못해 건너뜁니다: {detail}";

    // Options and factory
    public static string Required(string setting) => $"{setting} 값이 필요합니다.";
    public static string DuplicateName(string setting, string name) => $"{setting}: 이름 '{name}'이(가) 두 번 이상 쓰였습니다.";
    public static string UnknownType(string setting, string value) => $"{setting}: 알 수 없는 종류 '{value}'입니다(google, ics, files 중 하나).";
    public static string BadUrl(string setting, string value) => $"{setting}: https:// 로 시작하는 주소여야 합니다(http는 이 컴퓨터 주소에서만): {value}";
    public static string FileMissing(string setting, string path) => $"{setting}: 파일이 없습니다: {path}";
    public static string PathOrUrl(string setting) => $"{setting}: Path와 Url 중 하나만 지정해야 합니다.";
    public static string Positive(string setting) => $"{setting} 값은 0보다 커야 합니다.";
    public static string UnknownTimeZone(string setting, string value) => $"{setting}: 알 수 없는 시간대입니다: {value}";
    public static string CredentialsUnreadable(string setting, string detail) => $"{setting}: 서비스 계정 키를 읽지 못했습니다: {detail}";
    public static string FilesNotConnected(string name) => $"일정 원본 '{name}'(files)을 쓸 수 있도록 회의 파일 폴더가 연결되지 않았습니다.";

    // Templates and meeting files
    public static string TemplateUnreadable(string setting, string detail) => $"{setting}: 회의 틀 파일을 읽지 못했습니다: {detail}";
    public static string MeetingFolderMissing(string folder) => $"회의 파일 폴더가 없습니다: {folder}";
    public static string MeetingFileSkipped(string detail) => $"회의 파일을 읽지 못해 건너뜁니다: {detail}";

    // Matching
    public static string BadTitlePattern(string pattern, string detail) => $"제목 틀 '{pattern}'이(가) 올바른 정규식이 아닙니다: {detail}";
    public static string HintUnknown(string id) => $"일정에 적힌 회의 '{id}'을(를) 찾을 수 없습니다.";
    public static string JoinUrlOtherDate(string ids) => $"참가 링크가 같은 회의({ids})가 있으나 날짜가 다릅니다.";
    public static string JoinUrlAmbiguous(string ids) => $"참가 링크가 같은 회의가 여럿입니다({ids}).";
    public static string TemplateAmbiguous(string ids) => $"제목이 여러 회의 틀에 맞습니다({ids}).";
    public static string NoMatch => "일치하는 회의 정의가 없습니다(meetingbot: <id> 줄, 참가 링크, 제목 틀 모두 해당 없음).";
}
