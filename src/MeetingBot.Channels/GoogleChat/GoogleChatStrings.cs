namespace MeetingBot.Channels.GoogleChat;

/// <summary>Every user-facing text of the Google Chat channel, in one place.</summary>
public static class GoogleChatStrings
{
    public const string UnknownButton = "알 수 없는 버튼입니다. 카드가 오래되었다면 /안건 으로 안건을 다시 확인해 주세요.";
    public const string AuthFailedTitle = "Google Chat 인증에 실패했습니다.";
    public const string MissingToken = "Authorization: Bearer 토큰이 없습니다.";
    public const string MalformedToken = "토큰 형식이 올바르지 않습니다.";
    public const string Expired = "토큰이 만료되었습니다.";
    public const string NotYetValid = "토큰의 유효 기간이 아직 시작되지 않았습니다.";
    public const string WrongAudience = "토큰의 대상(aud)이 설정과 다릅니다.";
    public const string WrongIssuer = "토큰 발급자(iss)가 Google Chat이 아닙니다.";
    public const string BadSignature = "토큰 서명을 Google의 키로 확인할 수 없습니다.";
    public const string NoExpiry = "토큰에 만료 시각(exp)이 없습니다.";
    public const string Unknown = "알 수 없는 이유";
    public const string Disabled = "Google Chat 앱이 설정되지 않았습니다(GoogleChat:Audience).";
    public const string BadEvent = "Google Chat 이벤트를 읽을 수 없습니다.";
    public const string BodyTooLarge = "요청 본문이 너무 큽니다.";

    public static string WrongAlgorithm(string? alg) => $"서명 방식이 RS256이 아닙니다({(string.IsNullOrEmpty(alg) ? "없음" : alg)}).";
    public static string WrongSender(string? email) => $"토큰의 email이 {GoogleChatOptions.ChatServiceAccount}(확인됨)이 아닙니다({email ?? "없음"}).";
    public static string Invalid(string reason) => $"토큰이 유효하지 않습니다: {reason}";

    public static string KeysStatus(string url, int status) => $"서명 키를 가져오지 못했습니다({url}): HTTP {status}";
    public static string KeysUnreachable(string url, string detail) => $"서명 키를 가져오지 못했습니다({url}): {detail}";
    public static string KeysUnreadable(string url, string detail) => $"서명 키를 읽지 못했습니다({url}): {detail}";

    public static string NotASpace(string conversation) => $"Google Chat 대화방 이름(spaces/…)이 아닙니다: {conversation}";
    public static string PostFailed(string space, int status, string detail) => $"Google Chat {space}에 메시지를 보내지 못했습니다(HTTP {status}): {detail}";

    public static string Required(string setting) => $"{setting} 값이 필요합니다.";
    public static string BadUrl(string setting, string? value) => $"{setting}: https:// 로 시작하는 주소여야 합니다(http는 이 컴퓨터 주소에서만): {value}";
    public static string FileMissing(string setting, string path) => $"{setting}: 파일이 없습니다: {path}";
    public static string AudienceNotUrl(string setting, string value) => $"{setting}: AudienceType이 EndpointUrl이면 Google Chat에 입력한 https 엔드포인트 주소 전체여야 합니다: {value}";
    public static string AudienceNotNumber(string setting, string value) => $"{setting}: AudienceType이 ProjectNumber이면 프로젝트 번호(숫자)여야 합니다: {value}";
    public static string UnknownAudienceType(string setting, string value) => $"{setting}: 알 수 없는 값 '{value}'입니다(EndpointUrl, ProjectNumber 중 하나).";
    public static string CredentialsUnreadable(string setting, string detail) => $"{setting}: 서비스 계정 키를 읽지 못했습니다: {detail}";
}
