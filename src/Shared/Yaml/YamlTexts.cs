using System.Text.RegularExpressions;
using YamlDotNet.Core;

namespace MeetingBot.Yaml;

/// <summary>User-facing messages about YAML structure, shared by the meeting file and chat replay readers.</summary>
internal static partial class YamlTexts
{
    private const string CoreTagPrefix = "tag:yaml.org,2002:";

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

    public const string Unreadable = "YAML 형식이 올바르지 않습니다. 이 줄과 바로 앞 줄의 따옴표·괄호·들여쓰기를 확인하세요.";

    public static string CannotRead(string reason) => $"파일을 읽을 수 없습니다: {reason}";

    public static string TooLarge(int maxBytes) =>
        $"파일이 너무 큽니다. 회의 파일과 대화 파일은 {maxBytes / 1024 / 1024} MiB까지 읽으며, 이 줄에서 그 한도를 넘습니다.";

    public static string NotUtf8(byte value) =>
        $"UTF-8로 읽을 수 없는 바이트(0x{value:X2})가 있습니다. 파일을 UTF-8로 저장해 주세요(한글을 EUC-KR·CP949나 UTF-16으로 저장하면 이렇게 됩니다).";

    public static string TooDeep(int max) =>
        $"목록·항목이 {max}단계보다 깊게 겹쳐 있습니다. 괄호('[', '{{')의 짝과 들여쓰기를 확인하세요.";

    public static string TooManyAliases(int max) => $"별칭(*이름)이 {max}개를 넘습니다. 값을 그대로 적어 주세요.";

    public static string TooLargeExpanded(int maxBytes) =>
        $"별칭(*이름)을 펼친 내용이 너무 큽니다. 펼친 뒤에도 파일 한도({maxBytes / 1024 / 1024} MiB)의 두 배를 넘을 수 없습니다.";

    public static string AliasWithoutAnchor(string name) =>
        $"별칭 '*{name}'은(는) 앞에서 끝난 앵커('&{name}')만 가리킬 수 있습니다(자기 자신을 담은 값도 안 됩니다).";

    public static string Tag(string tag) =>
        $"태그 '{ShortTag(tag)}'은(는) 쓸 수 없습니다. 회의 파일과 대화 파일은 태그 없이 씁니다(값을 글자로 읽게 하려면 따옴표로 감싸세요).";

    public static string Unclosed(string bracket) =>
        $"YAML 형식이 올바르지 않습니다. 이 줄에서 연 '{bracket}'이(가) 닫히지 않았습니다('{(bracket == "{" ? "}" : "]")}'를 확인하세요).";

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

    /// <summary>A tag as it is usually written: <c>!!str</c> rather than the <c>tag:yaml.org,2002:str</c> it stands for.</summary>
    private static string ShortTag(string tag) =>
        tag.StartsWith(CoreTagPrefix, StringComparison.Ordinal) ? "!!" + tag[CoreTagPrefix.Length..] : tag;

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\):")]
    private static partial Regex MarkPrefix();
}
