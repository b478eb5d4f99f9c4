using System.Globalization;

namespace MeetingBot.Reports.Drafting.AzureOpenAI;

/// <summary>The Azure OpenAI drafter's Korean messages: settings problems and why an item fell back to the rules.</summary>
public static class AzureOpenAIDraftingText
{
    public static string Setting(string name) => $"{AzureOpenAIDraftingOptions.SectionName}:{name}";

    public static string NotSet(string name) => $"{Setting(name)} 이(가) 설정되지 않았습니다.";

    public static readonly string BadEndpoint =
        $"{Setting("Endpoint")} 은(는) https:// 로 시작하는 주소여야 합니다. 예: https://내-리소스.openai.azure.com/";

    public static readonly string NoCredential =
        $"{Setting("ApiKey")} 이(가) 설정되지 않았습니다. Entra ID로 인증하려면 {Setting("UseEntraId")} 를 true로 설정하세요.";

    public static string MustBePositive(string name) => $"{Setting(name)} 은(는) 0보다 커야 합니다.";

    public static string OutOfRange(string name, string range) => $"{Setting(name)} 은(는) {range} 이어야 합니다.";

    internal const string Malformed = "Azure OpenAI 응답이 약속한 JSON 형식이 아니어서 규칙 기반으로 작성함";
    internal const string Refused = "Azure OpenAI가 응답을 거부해 규칙 기반으로 작성함";
    internal const string Filtered = "Azure OpenAI 콘텐츠 필터에 걸려 규칙 기반으로 작성함";
    internal const string Truncated = "Azure OpenAI 응답이 길이 제한으로 잘려 규칙 기반으로 작성함";
    internal const string TimedOut = "Azure OpenAI 응답 시간 초과(재시도 후)로 규칙 기반으로 작성함";
    internal const string CircuitOpen = "Azure OpenAI 호출이 잇달아 실패해 회로 차단기가 열려 있어 규칙 기반으로 작성함";
    internal const string Unreachable = "Azure OpenAI에 연결할 수 없어 규칙 기반으로 작성함";
    internal const string AuthenticationFailed = "Entra ID 인증에 실패해 규칙 기반으로 작성함";

    internal static string ServiceError(int status) =>
        string.Create(CultureInfo.InvariantCulture, $"Azure OpenAI 오류 {status}(재시도 후)로 규칙 기반으로 작성함");
}
