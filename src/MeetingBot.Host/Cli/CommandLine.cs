using MeetingBot.Core;
using MeetingBot.Storage;

namespace MeetingBot.Host.Cli;

/// <summary>
/// The <c>meetingbot</c> verbs. A small hand-written parser keeps every message the user reads in Korean
/// (System.CommandLine's own messages are only partly translated; see the project README). It is strict: an unknown
/// verb or option, a repeated option or an option without its value is an error that lists what exists.
/// </summary>
public static class CommandLine
{
    /// <summary>Exit codes, the same for the server and the verbs (documented in the top README).</summary>
    public const int Ok = 0;

    /// <summary>Anything else that went wrong: a file that could not be written, a service that failed while running.</summary>
    public const int Failed = 1;

    /// <summary>Bad input or bad settings: restarting changes nothing until they are fixed.</summary>
    public const int BadInput = 2;

    /// <summary>The store's file is damaged, locked by another program or out of reach.</summary>
    public const int StoreUnavailable = 3;

    private sealed record Verb(string Name, string[] Options, Func<ParsedArgs, TextWriter, TextWriter, CancellationToken, Task<int>> RunAsync);

    private static readonly Verb[] Verbs =
    [
        new("simulate", ["out", "drafting", "settings", "accept-candidates", "min-presence"], SimulateCommand.RunAsync),
        new("import", ["settings", "accept-candidates"], ImportCommand.RunAsync),
        new("eval-drafting", ["reference", "drafting", "settings"], EvalDraftingCommand.RunAsync),
        new("calendar", ["from", "to"], CalendarCommand.RunAsync),
        new("teams-package", ["out", "settings", "base-url"], TeamsPackageCommand.RunAsync),
        new("check-settings", ["settings"], CheckSettingsCommand.RunAsync),
        new("store", ["to", "force", "settings"], StoreCommand.RunAsync),
    ];

    public static IReadOnlyList<string> VerbNames { get; } = [.. Verbs.Select(v => v.Name), "help"];

    /// <summary>
    /// True when the arguments start the server: none at all, or only <c>--구역:이름=값</c> settings of a known section
    /// (the form ASP.NET Core reads, and the one <c>WebApplicationFactory</c> passes its own settings in).
    /// </summary>
    public static bool IsServer(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return args.All(ServerSettings.IsKnown);
    }

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (args.Length == 0 || args[0] == "help" || IsHelp(args[0]))
        {
            await stdout.WriteLineAsync(Usage).ConfigureAwait(false);
            return Ok;
        }

        var verb = Verbs.FirstOrDefault(v => v.Name == args[0]);
        if (verb is null)
        {
            await stderr.WriteLineAsync(CommandLineText.Error(args[0].StartsWith('-') ? CommandLineText.UnknownServerOption(args[0]) : CommandLineText.UnknownVerb(args[0]))).ConfigureAwait(false);
            await stderr.WriteLineAsync(CommandLineText.SeeHelp).ConfigureAwait(false);
            return BadInput;
        }

        if (args.Skip(1).Any(IsHelp))
        {
            await stdout.WriteLineAsync(Usage).ConfigureAwait(false);
            return Ok;
        }

        try
        {
            return await verb.RunAsync(ParsedArgs.Parse(verb.Name, args[1..], verb.Options), stdout, stderr, cancellationToken).ConfigureAwait(false);
        }
        catch (MeetingBotException ex)
        {
            // A settings check reports each problem on its own line.
            foreach (var line in ex.Describe().Split('\n'))
            {
                await stderr.WriteLineAsync(CommandLineText.Error(line)).ConfigureAwait(false);
            }

            return BadInput;
        }
        catch (StoreUnavailableException ex)
        {
            await stderr.WriteLineAsync(CommandLineText.Error(ex.Message)).ConfigureAwait(false);
            return StoreUnavailable;
        }
        catch (OperationCanceledException)
        {
            await stderr.WriteLineAsync(CommandLineText.Cancelled).ConfigureAwait(false);
            return Failed;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync(CommandLineText.Error(CommandLineText.FileFailed(ex.Message))).ConfigureAwait(false);
            return Failed;
        }
    }

    private static bool IsHelp(string arg) => arg is "--help" or "-h" or "-?";

    public const string Usage = """
        사용법: meetingbot <명령> [옵션]

          (명령 없음)                         서버 실행: Teams·Google Chat 봇, 직원용 API와 화면
                                              (설정은 appsettings.json, 환경 변수 구역__이름, 또는 --구역:이름=값)
          simulate DIR --out OUT [--drafting rules|azure-openai] [--settings FILE] [--accept-candidates] [--min-presence 분]
                                              DIR의 *.chat.yaml을 모의 시계로 재생하고 OUT에 결과 보고를 씀; 옆의 발언 기록·참석 파일로
                                              candidates.json(발언 후보)을 쓰고, --accept-candidates면 중복 아닌 후보를 보고서에 넣음
                                              (참여자는 --min-presence분(기본 5) 이상 참석한 사람)
          import DIR [--settings FILE] [--accept-candidates]
                                              DIR의 *.chat.yaml(봇 없이 한 회의, 내보낸 대화)을 설정된 저장소(Storage:ConnectionString)에
                                              종료된 회의로 재생해 넣음: 회의마다 가져옴·이미 있음·거부(진행 중인 회의) 한 줄.
                                              옆의 발언 기록·참석 파일도 저장하고, --accept-candidates면 그 회의로 보고서를 만들 때
                                              중복 아닌 발언 후보를 채택함. 같은 폴더를 다시 가져와도 중복되지 않음
          eval-drafting DIR --reference FILE [--drafting rules|azure-openai] [--settings FILE]
                                              DIR을 재생해 쓴 주요의견 ▸ 항목을 참조 보고서의 ▸ 항목과 비교해 점수를 보여 줌
                                              (rules, 그리고 Drafting:AzureOpenAI가 설정돼 있으면 azure-openai)
          calendar list [--from 날짜] [--to 날짜]
                                              설정된 일정 원본의 일정과 연결된 회의를 보여 줌(기본: 오늘부터 30일)
          teams-package --out FILE [--settings FILE] [--base-url https://…]
                                              Teams 앱 패키지(zip)를 Teams:AppId와 봇 주소(Staff:PublicBaseUrl)로 만듦
          check-settings [--settings FILE]    서버가 시작할 때와 똑같이 설정을 읽고 검사함(문제마다 한 줄, 있으면 종료 코드 2)
          store copy --to "Host=…;Database=…" [--force] [--settings FILE]
                                              설정된 SQLite 저장소를 PostgreSQL로 복사하고 표마다 행 수를 확인함(서버를 멈춘 채로).
                                              비어 있지 않은 대상은 거부하고, --force면 대상을 비우고 덮어씀
          help, --help                        이 안내

        명령도 서버와 같은 설정을 읽습니다: 작업 폴더의 appsettings.json·appsettings.{환경}.json, 환경 변수 구역__이름,
        명령줄의 --구역:이름=값(예: --Storage:ConnectionString="Data Source=other.db"), 그리고 --settings FILE(마지막, 가장 우선).

        종료 코드: 0 성공, 1 실패, 2 잘못된 입력·설정, 3 저장소 파일을 쓸 수 없음(손상·잠김·열 수 없음)
        """;
}

/// <summary>Positional arguments and <c>--name value</c> (or <c>--name=value</c>) options, each option at most once.</summary>
public sealed class ParsedArgs
{
    /// <summary>Options that take no value: present means on.</summary>
    public static readonly IReadOnlySet<string> Flags = new HashSet<string>(["accept-candidates", "force"], StringComparer.Ordinal);

    private readonly Dictionary<string, string> _options = new(StringComparer.Ordinal);
    private readonly List<string> _positional = [];
    private readonly List<string> _settings = [];

    public IReadOnlyList<string> Positional => _positional;

    /// <summary><c>--구역:이름=값</c>, as the server takes them: settings of a known section, read after the environment.</summary>
    public IReadOnlyList<string> Settings => _settings;

    /// <param name="verb">Named in the errors.</param>
    /// <param name="allowed">The verb's options, without <c>--</c>; any other is an error listing these.</param>
    public static ParsedArgs Parse(string verb, string[] args, IReadOnlyCollection<string> allowed)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(allowed);
        var parsed = new ParsedArgs();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith('-') || arg == "-")
            {
                parsed._positional.Add(arg);
                continue;
            }

            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            var name = arg.StartsWith("--", StringComparison.Ordinal) ? arg[2..(eq > 0 ? eq : arg.Length)] : "";
            if (!allowed.Contains(name, StringComparer.Ordinal) && ServerSettings.IsKnown(arg))
            {
                parsed._settings.Add(arg);
                continue;
            }

            if (!allowed.Contains(name, StringComparer.Ordinal))
            {
                throw new MeetingBotException(CommandLineText.UnknownOption(verb, eq > 0 ? arg[..eq] : arg, allowed));
            }

            var value = eq > 0 ? arg[(eq + 1)..]
                : Flags.Contains(name) ? "true"
                : i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i]
                : "";
            if (value.Length == 0)
            {
                throw new MeetingBotException(CommandLineText.MissingValue(name));
            }

            if (!parsed._options.TryAdd(name, value))
            {
                throw new MeetingBotException(CommandLineText.Repeated(name));
            }
        }

        return parsed;
    }

    public string? Option(string name) => _options.GetValueOrDefault(name);

    public bool Flag(string name) => _options.ContainsKey(name);

    public string Required(string name, string meaning) =>
        Option(name) ?? throw new MeetingBotException(CommandLineText.RequiredOption(name, meaning));
}
