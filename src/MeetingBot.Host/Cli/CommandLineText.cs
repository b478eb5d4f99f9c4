namespace MeetingBot.Host.Cli;

/// <summary>What the command line itself says, in one place.</summary>
internal static class CommandLineText
{
    public const string Cancelled = "중단되었습니다.";

    public const string SeeHelp = "명령과 옵션 안내: meetingbot --help";

    public static string Error(string line) => $"오류: {line}";

    public static string UnknownVerb(string verb) =>
        $"알 수 없는 명령입니다: {verb} (사용 가능한 명령: {string.Join(", ", CommandLine.VerbNames)})";

    public static string UnknownServerOption(string arg) =>
        $"알 수 없는 옵션입니다: {arg}. 서버는 설정만 --구역:이름=값 형식으로 받습니다(구역: {string.Join(", ", ServerSettings.Sections)}). " +
        $"명령을 쓰려면: {string.Join(", ", CommandLine.VerbNames)}";

    public static string UnknownOption(string verb, string option, IEnumerable<string> allowed) =>
        $"{verb}: 알 수 없는 옵션입니다: {option} (사용 가능: {string.Join(", ", allowed.Select(n => "--" + n))}, --help)";

    public static string MissingValue(string option) => $"옵션 --{option}에 값이 필요합니다. 예: --{option} 값 또는 --{option}=값";

    public static string Repeated(string option) => $"옵션 --{option}을(를) 두 번 이상 지정했습니다. 한 번만 지정해 주세요.";

    public static string RequiredOption(string option, string meaning) => $"--{option} {meaning}을(를) 지정해 주세요.";

    public static string FileFailed(string detail) => $"파일을 읽거나 쓸 수 없습니다: {detail}";
}
