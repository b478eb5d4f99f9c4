namespace MeetingBot.Host.Api;

/// <summary>What the reports API says (Korean), in one place.</summary>
internal static class ReportsText
{
    public const string NoMeetingsTitle = "회의를 고르지 않았습니다.";
    public const string NoMeetings = "meetingIds 에 끝난 회의의 ID를 하나 이상 보내세요.";
    public const string NotFoundTitle = "찾을 수 없습니다.";
    public const string RefusedTitle = "이 변경은 할 수 없습니다.";
    public const string StaleTitle = "보고서가 그사이 바뀌었습니다.";
    public const string Stale = "다른 사람이 먼저 고쳤습니다. 보고서를 다시 읽고(GET) 새 ETag 로 다시 보내세요.";
    public const string IfMatchTitle = "If-Match 헤더가 없습니다.";
    public const string IfMatch = "변경 요청에는 보고서를 읽을 때 받은 ETag 를 If-Match 헤더로 보내야 합니다.";
    public const string BadFormatTitle = "지원하지 않는 형식입니다.";
    public const string PhotoTooLargeTitle = "사진이 너무 큽니다.";
    public const string PhotoTypeTitle = "사진 형식이 아닙니다.";
    public const string PhotoType = "사진은 JPEG나 PNG 파일이어야 합니다.";
    public const string PhotoMissingTitle = "사진 파일이 없습니다.";
    public const string PhotoMissing = "multipart 양식의 file 칸에 사진을 넣고, meetingId 에 회의 ID를 쓰세요.";
    public const string BadItemTitle = "안건 형식이 틀렸습니다.";

    public static string NoMeeting(string id) => $"회의 ID '{id}'가 없습니다.";

    public static string NotEnded(string id) => $"회의 '{id}'이(가) 아직 끝나지 않았습니다. 끝난 회의만 보고서로 묶을 수 있습니다.";

    public static string NoReport(string id) => $"보고서 '{id}'가 없습니다.";

    public static string NoVersion(string id, int version, string format) => $"보고서 '{id}'의 {version}판 {format} 파일이 없습니다. 승인된 판만 내려받을 수 있습니다.";

    public static string Formats(IEnumerable<string> formats) => $"형식은 {string.Join(", ", formats)} 중 하나여야 합니다.";

    public static string PhotoTooLarge(int megabytes) => $"사진은 {megabytes}MB까지 올릴 수 있습니다.";

    public static string BadItem(string? item) => $"item '{item}'은(는) \"회의ID:안건번호\" 형식이어야 합니다.";

    public static string BadKind(string? kind) => $"kind '{kind}'은(는) 의견·질문·제안·결정(opinion, question, proposal, decision) 중 하나여야 합니다.";
}
