using System.Text.RegularExpressions;
using YamlDotNet.Core;

namespace MeetingBot.Yaml;

/// <summary>User-facing messages about YAML structure, shared by the meeting file and chat replay readers.</summary>
internal static partial class YamlTexts
{
    public const string EmptyFile = "파일이 비어 있습니다.";
    public const string SeveralDocuments = "한 파일에는 YAML 문서가 하나만 있어야 합니다('---'로 나뉜 두 번째 문서가 있습니다).";
    public const string RootNotMapping = "파일의 최상위는 '항목: 값' 형식이어야 합니다.";
    public const string KeyNotText = "항목 이름은 글자여야 합니다.";
    public const string Blank = "값이 비어 있습니다.";
    public const string NotText = "글자 값이어야 합니다(목록이나 하위 항목이 아님).";
    public const string NotList = "목록('- ' 또는 [ ])이어야 합니다.";
    public const string NotMapping = "'항목: 값' 형식이어야 합니다.";
    public const string NotBool = "true 또는 false여야 합니다.";
    public const string FileNotFound = "파일을 찾을 수 없습니다.";

    public static string CannotRead(string reason) => $"파일을 읽을 수 없습니다: {reason}";

    public static string Malformed(YamlException exception)
    {
        // YamlDotNet prefixes its message with the marks; the line is reported separately.
        var detail = MarkPrefix().Replace(exception.Message, "").Trim();
        return detail.Length == 0
            ? "YAML 형식이 올바르지 않습니다."
            : $"YAML 형식이 올바르지 않습니다({detail}).";
    }

    public static string Missing(string key) => $"필수 항목 '{key}'이(가) 없습니다.";

    public static string UnknownField(string name, IReadOnlyList<string> allowed, string? suggestion) =>
        (suggestion is null ? $"알 수 없는 항목 '{name}'입니다." : $"알 수 없는 항목 '{name}'입니다. '{suggestion}'을(를) 쓰려던 것인가요?")
        + $" 쓸 수 있는 항목: {string.Join(", ", allowed)}";

    public static string NotInstant(string value) =>
        $"'{value}'은(는) 시차가 붙은 ISO-8601 시각이어야 합니다(예: 2020-09-15T14:00:00+09:00).";

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\):")]
    private static partial Regex MarkPrefix();
}
