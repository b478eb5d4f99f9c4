namespace MeetingBot.Calendar.Files;

/// <summary>User-facing messages of the meeting file reader (SPEC §4, §7).</summary>
internal static class MeetingFileTexts
{
    public const string BadId = "회의 id는 영문 소문자, 숫자, '-'만 쓸 수 있습니다(예: ydp-2020-09-strategy).";
    public const string NoParticipants = "참석자가 한 명 이상 있어야 합니다.";
    public const string NoAgenda = "안건이 하나 이상 있어야 합니다.";
    public const string BadJoinUrl = "참여 링크는 http:// 또는 https://로 시작하는 전체 주소여야 합니다.";
    public const string NoColumns = "표의 열(columns)이 하나 이상 있어야 합니다.";
    public const string FolderNotFound = "폴더를 찾을 수 없습니다.";

    public static string UnknownTimeZone(string value) =>
        $"'{value}'은(는) 알 수 없는 시간대입니다. IANA 이름을 쓰세요(예: Asia/Seoul).";

    public static string UnknownRole(string value) =>
        $"'{value}'은(는) 알 수 없는 역할입니다. 쓸 수 있는 값: chair(분과장), vice-chair(부분과장), member(위원), staff(행정·지원), observer(참관)";

    public static string UnknownSector(string value) =>
        $"'{value}'은(는) 알 수 없는 구분입니다. 쓸 수 있는 값: civil(민간), admin(행정)";

    public static string BadQuorum(string value, int participants) =>
        $"정족수 '{value}'은(는) 1 이상 참석자 수({participants}) 이하의 정수여야 합니다.";

    public static string MinutesNotInteger(string value) => $"'{value}'은(는) 정수가 아닙니다. 분 단위 정수를 쓰세요(예: 5).";

    public static string MinutesOutOfRange(int value, int max) => $"안건 시간은 1분 이상 {max}분 이하여야 합니다(현재 {value}).";

    public static string DuplicateName(string name, int first) => $"참석자 이름 '{name}'이(가) participants[{first}]과(와) 겹칩니다.";

    public static string DuplicateChatUserId(string id, int first) => $"chatUserId '{id}'이(가) participants[{first}]과(와) 겹칩니다.";

    public static string CellCount(int cells, int columns) => $"이 행의 칸 수({cells})가 열 수({columns})와 다릅니다.";

    public static string DuplicateMeetingId(string id, string otherFile) => $"회의 id '{id}'이(가) {otherFile}에도 있습니다. id는 겹칠 수 없습니다.";
}
