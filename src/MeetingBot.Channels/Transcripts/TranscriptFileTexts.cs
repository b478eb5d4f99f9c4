namespace MeetingBot.Channels.Transcripts;

/// <summary>User-facing messages of the transcript and attendance file readers and importers (SPEC §9, §7).</summary>
internal static class TranscriptFileTexts
{
    public const string NoHeader = "WebVTT 파일은 첫 줄이 'WEBVTT'여야 합니다.";

    public const string NoStart = "cue 시각의 기준 시각이 없습니다. 파일에 'NOTE start=2020-09-15T14:00:00+09:00' 줄을 쓰거나, 회의가 시작(/시작)된 뒤에 읽으세요.";

    public static string BadStart(string value) => $"'NOTE start=' 뒤의 '{value}'은(는) 시차가 붙은 ISO-8601 시각이 아닙니다(예: 2020-09-15T14:00:00+09:00).";

    public static string BadTiming(string line) => $"'{line}'은(는) cue 시각 줄이 아닙니다. '00:01:02.500 --> 00:01:05.000' 꼴로 쓰세요.";

    public static string EndBeforeStart(string line) => $"cue의 끝 시각이 시작 시각보다 이릅니다: '{line}'.";

    public static string NoText(string id) => $"cue '{id}'에 말이 없습니다.";

    public static string DuplicateId(string id) => $"cue id '{id}'이(가) 두 번 나옵니다. cue id는 보고서의 출처이므로 서로 달라야 합니다.";

    public static string NotJson(string detail) => $"JSON 형식이 아닙니다: {detail}";

    public static string Missing(string field) => $"'{field}' 값이 없습니다.";

    public static string NotInstant(string field, string value) => $"'{field}'의 '{value}'은(는) 시차가 붙은 ISO-8601 시각이 아닙니다.";

    public static string NotDuration(string value) => $"'totalAttendanceInSeconds'의 '{value}'은(는) 0 이상의 초가 아닙니다.";

    public static string TwoTranscripts(string vtt, string json) => $"발언 기록 파일이 둘입니다({vtt}, {json}). 하나만 두세요.";

    public static string TooLarge(long limit) => $"파일이 너무 큽니다(한도 {limit:N0}바이트).";

    public static string Refused(string platform, int status, string permission) =>
        $"{platform}이(가) 발언 기록 요청을 거부했습니다(HTTP {status}). 앱에 '{permission}' 권한(관리자 동의 포함)이 있는지 확인하세요.";

    public static string Failed(string platform, int status, string address) => $"{platform}에서 발언 기록을 가져오지 못했습니다(HTTP {status}, {address}). 잠시 뒤 다시 시도합니다.";

    public static string Throttled(string platform) => $"{platform}이(가) 요청이 너무 많다며(HTTP 429) 기다리라고 했습니다. 요청한 시간(Retry-After)이 지난 뒤 다시 시도합니다.";

    public const string GraphAdvice =
        "애플리케이션 권한으로 읽으려면 Teams 관리자가 애플리케이션 액세스 정책을 만들어(New-CsApplicationAccessPolicy) 회의 주최자에게 부여해야 합니다(Grant-CsApplicationAccessPolicy). 회의 대화방에 앱을 설치해 리소스별 권한(RSC) 'OnlineMeetingTranscript.Read.Chat'을 받는 방법도 있습니다.";

    public static string NoOrganizer(string meetingId, string joinUrl) =>
        $"회의 '{meetingId}'의 joinUrl '{joinUrl}'에 주최자(context의 Oid)가 없고 Transcripts:TeamsOrganizerId 설정도 없어 Microsoft Graph에서 회의를 찾을 수 없습니다.";

    public static string ForeignLink(string platform, string link) => $"{platform}이(가) 준 다음 쪽 주소 '{link}'이(가) 설정된 주소 밖이라 따라가지 않습니다.";

    public static string NoJoinUrl(string meetingId, string platform) =>
        $"회의 '{meetingId}'에 {platform} 참가 주소(joinUrl)가 없어 발언 기록을 찾을 수 없습니다. 회의 파일에 joinUrl을 쓰세요.";

    public static string NoMeetingCode(string meetingId, string joinUrl) =>
        $"회의 '{meetingId}'의 joinUrl '{joinUrl}'에서 Meet 회의 코드(예: abc-mnop-xyz)를 찾지 못했습니다.";

    public static string NotFoundByJoinUrl(string meetingId, string joinUrl) =>
        $"회의 '{meetingId}'의 joinUrl '{joinUrl}'인 Teams 온라인 회의를 Microsoft Graph에서 찾지 못했습니다.";
}
