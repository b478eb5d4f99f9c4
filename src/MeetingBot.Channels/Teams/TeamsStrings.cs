namespace MeetingBot.Channels.Teams;

/// <summary>Every Korean message of the Teams channel, in one place.</summary>
internal static class TeamsStrings
{
    public const string UnknownInvoke = "알 수 없는 버튼입니다. 카드가 오래되었다면 /안건 으로 안건을 다시 확인해 주세요.";
    public const string MissingToken = "Authorization 헤더가 없습니다.";
    public const string NotBearer = "Authorization 헤더가 Bearer 토큰이 아닙니다.";
    public const string MalformedToken = "토큰 형식이 올바르지 않습니다.";
    public const string NoAppIdForToken = "Teams:AppId가 설정되지 않아 토큰을 검증할 수 없습니다.";
    public const string MetadataUnavailable = "서명 키 정보(OpenID 메타데이터)를 가져오지 못했습니다.";
    public const string ServiceUrlMismatch = "토큰의 serviceurl이 활동의 serviceUrl과 다릅니다.";
    public const string NoServiceUrlClaim = "토큰에 serviceurl 클레임이 없습니다(Bot Service가 보낸 활동의 토큰이 아닙니다).";
    public const string NotJson = "활동(Activity)은 Content-Type: application/json 으로 보내야 합니다.";
    public const string NotJsonTitle = "지원하지 않는 형식";
    public const string BadActivity = "활동(Activity) JSON을 읽을 수 없습니다.";
    public const string BadActivityTitle = "잘못된 요청";
    public const string AuthFailedTitle = "Teams 요청 인증 실패";
    public const string BodyTooLargeTitle = "요청이 너무 큽니다";
    public static readonly string BodyTooLarge = $"활동(Activity) 본문은 {Doors.RequestBodyLimit.MaxBytes / 1024} KB를 넘을 수 없습니다.";

    public static string UnknownIssuer(string? issuer) => $"알 수 없는 토큰 발급자입니다: {issuer}";

    public static string NotIssuedToTheBot(string? caller) =>
        $"토큰이 이 봇(Teams:AppId)이 아닌 앱 '{caller}'에 발급되었습니다(appid/azp). 다른 앱의 호출은 받지 않습니다.";

    public static string UntrustedServiceUrl(Uri uri) =>
        $"검증된 토큰이 보증하지 않았고 Teams:TrustedServiceUrlHosts에도 없는 주소라 봇 토큰을 보내지 않습니다: {uri.GetLeftPart(UriPartial.Authority)}";

    public static string InvalidToken(string? why) => $"토큰 검증에 실패했습니다({why}).";

    public static string ChannelNotEndorsed(string? channelId) => $"서명 키가 채널 '{channelId}'에 대해 승인되지 않았습니다.";

    public static string MetadataWithoutJwks(string address) => $"메타데이터 {address}에 jwks_uri가 없습니다.";

    public static string MetadataFetchFailed(string address) => $"OpenID 메타데이터를 가져오지 못했습니다: {address}";

    public static string InsecureUrl(string address) => $"HTTPS가 아닌 주소는 로컬(루프백)에서만 쓸 수 있습니다: {address}";

    public static string MissingServiceUrl(string conversationId) =>
        $"Teams 대화 {conversationId}의 serviceUrl을 알 수 없어 메시지를 보낼 수 없습니다.";

    public static string ConnectorFailed(string method, Uri uri, int status) =>
        $"Teams 커넥터 요청 실패: {method} {uri} → {status}";

    public static string ConnectorOutcomeUnknown(string method, Uri uri, int? status) =>
        $"Teams 커넥터 요청의 결과를 알 수 없습니다(이미 처리되었을 수 있음): {method} {uri} → {(status is { } s ? s.ToString(System.Globalization.CultureInfo.InvariantCulture) : "응답 없음")}";

    public static string ConnectorEmptyAnswer(Uri uri) => $"Teams 커넥터가 빈 응답을 보냈습니다: {uri}";

    // Option validation: each names the setting, so the operator knows what to fix.
    public const string AppIdRequired = "Teams:AppId가 필요합니다(로컬 Playground에서만 Teams:AllowUnauthenticated=true로 비워 둘 수 있습니다).";
    public const string AppPasswordRequired = "Teams:AppPassword(클라이언트 비밀)가 필요합니다.";
    public const string TenantIdRequired = "Teams:TenantId가 필요합니다(단일 테넌트 봇).";

    public static string UrlInvalid(string setting, string? value) =>
        $"Teams:{setting} 값 '{value}'이(가) 올바른 HTTPS 주소가 아닙니다(HTTP는 루프백 주소에서만 허용).";

    public static string TrustedHostInvalid(string? value) =>
        $"Teams:TrustedServiceUrlHosts 값 '{value}'은(는) 호스트 이름이어야 합니다(예: smba.trafficmanager.net — https:// 와 경로 없이).";

    public static string AuthorityNotHttps(string? value) =>
        $"Teams:OAuthAuthority 값 '{value}'이(가) https:// 주소가 아닙니다(Microsoft 인증 라이브러리는 HTTP 주소를 받지 않음). 예: https://login.microsoftonline.com/";

    public static string MustBePositive(string setting) => $"Teams:{setting} 값은 0보다 커야 합니다.";

    public static string RetryAttemptsRange => "Teams:Connector:MaxRetryAttempts 값은 1~10이어야 합니다.";

    public static string TotalTimeoutTooShort => "Teams:Connector:TotalTimeout은 AttemptTimeout보다 길어야 합니다.";
}
