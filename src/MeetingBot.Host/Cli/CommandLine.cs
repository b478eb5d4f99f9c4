using MeetingBot.Core;

namespace MeetingBot.Host.Cli;

/// <summary>
/// The <c>meetingbot</c> verbs. A small hand-written parser keeps every message the user reads in Korean
/// (the command-line library's own messages are English).
/// </summary>
public static class CommandLine
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int BadInput = 2;

    private static readonly Dictionary<string, Func<ParsedArgs, TextWriter, TextWriter, CancellationToken, Task<int>>> Verbs = new(StringComparer.Ordinal)
    {
        ["simulate"] = SimulateCommand.RunAsync,
        ["eval-drafting"] = EvalDraftingCommand.RunAsync,
        ["calendar"] = CalendarCommand.RunAsync,
        ["teams-package"] = TeamsPackageCommand.RunAsync,
    };

    public static bool IsVerb(string[] args) =>
        args.Length > 0 && (Verbs.ContainsKey(args[0]) || args[0] is "help" or "--help" or "-h");

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (args.Length == 0 || args[0] is "help" or "--help" or "-h" || !Verbs.TryGetValue(args[0], out var verb))
        {
            await stdout.WriteLineAsync(Usage).ConfigureAwait(false);
            return args.Length == 0 || args[0] is "help" or "--help" or "-h" ? Ok : BadInput;
        }

        try
        {
            return await verb(ParsedArgs.Parse(args[1..]), stdout, stderr, cancellationToken).ConfigureAwait(false);
        }
        catch (MeetingBotException ex)
        {
            await stderr.WriteLineAsync($"오류: {ex.Describe()}").ConfigureAwait(false);
            return BadInput;
        }
        catch (OperationCanceledException)
        {
            await stderr.WriteLineAsync("중단되었습니다.").ConfigureAwait(false);
            return Failed;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync($"오류: 파일을 읽거나 쓸 수 없습니다: {ex.Message}").ConfigureAwait(false);
            return Failed;
        }
    }

    public const string Usage = """
        사용법: meetingbot <명령> [옵션]

          (명령 없음)                         서버 실행: Teams·Google Chat 봇, 직원용 API와 화면
          simulate DIR --out OUT [--drafting rules|azure-openai] [--settings FILE]
                                              DIR의 *.chat.yaml을 모의 시계로 재생하고 OUT에 결과 보고를 씀
          eval-drafting DIR --reference FILE [--drafting rules|azure-openai] [--settings FILE]
                                              DIR을 재생해 쓴 주요의견 ▸ 항목을 참조 보고서의 ▸ 항목과 비교해 점수를 보여 줌
                                              (rules, 그리고 Drafting:AzureOpenAI가 설정돼 있으면 azure-openai)
          calendar list [--from 날짜] [--to 날짜]
                                              설정된 일정 원본의 일정과 연결된 회의를 보여 줌(기본: 오늘부터 30일)
          teams-package --out FILE [--settings FILE] [--base-url https://…]
                                              Teams 앱 패키지(zip)를 Teams:AppId와 봇 주소(Staff:PublicBaseUrl)로 만듦
          help                                이 안내
        """;
}

/// <summary>Positional arguments and <c>--name value</c> options.</summary>
public sealed class ParsedArgs
{
    private readonly Dictionary<string, string> _options = new(StringComparer.Ordinal);
    private readonly List<string> _positional = [];

    public IReadOnlyList<string> Positional => _positional;

    public static ParsedArgs Parse(string[] args)
    {
        var parsed = new ParsedArgs();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                var eq = arg.IndexOf('=', StringComparison.Ordinal);
                if (eq > 0)
                {
                    parsed._options[arg[2..eq]] = arg[(eq + 1)..];
                }
                else if (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    parsed._options[arg[2..]] = args[++i];
                }
                else
                {
                    throw new MeetingBotException($"옵션 {arg}에 값이 필요합니다.");
                }
            }
            else
            {
                parsed._positional.Add(arg);
            }
        }

        return parsed;
    }

    public string? Option(string name) => _options.GetValueOrDefault(name);

    public string Required(string name, string meaning) =>
        Option(name) ?? throw new MeetingBotException($"--{name} {meaning}을(를) 지정해 주세요.");

    public void OnlyAllow(params string[] names)
    {
        var unknown = _options.Keys.FirstOrDefault(k => !names.Contains(k, StringComparer.Ordinal));
        if (unknown is not null)
        {
            throw new MeetingBotException($"알 수 없는 옵션입니다: --{unknown} (사용 가능: {string.Join(", ", names.Select(n => "--" + n))})");
        }
    }
}
