using MeetingBot.Core;
using MeetingBot.Storage;
using MeetingBot.Storage.Postgres;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace MeetingBot.Host.Cli;

/// <summary>
/// <c>meetingbot store copy --to "&lt;PostgreSQL 연결 문자열&gt;" [--force]</c>: copies the configured embedded store
/// (<c>Storage:ConnectionString</c>, a SQLite file) into PostgreSQL (SPEC §11), checks every table's row count and
/// prints them. Run it with the server stopped; afterwards set <c>Storage:Provider=postgres</c> and the new connection string.
/// </summary>
public static class StoreCommand
{
    public static async Task<int> RunAsync(ParsedArgs args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (args.Positional is not ["copy"])
        {
            throw new MeetingBotException(StoreCommandText.Usage);
        }

        var to = args.Required("to", StoreCommandText.TargetMeaning);
        if (PostgresMeetingStore.ConnectionStringProblem(to) is { } problem)
        {
            throw new MeetingBotException(problem.Replace("Storage:ConnectionString", "--to", StringComparison.Ordinal));
        }

        await using var host = VerbHost.Open(args, typeof(StorageOptions));
        var storage = host.Services.GetRequiredService<IOptions<StorageOptions>>().Value;
        if (storage.IsPostgres)
        {
            throw new MeetingBotException(StoreCommandText.SourceNotSqlite);
        }

        var file = new SqliteConnectionStringBuilder(storage.ConnectionString).DataSource;
        if (!File.Exists(file))
        {
            throw new MeetingBotException(StoreCommandText.NoSource(file));
        }

        var copied = await StoreCopy.CopyAsync(storage.ConnectionString, to, args.Flag("force"), cancellationToken).ConfigureAwait(false);
        foreach (var table in copied)
        {
            await stdout.WriteLineAsync(StoreCommandText.Table(table)).ConfigureAwait(false);
        }

        await stdout.WriteLineAsync(StoreCommandText.Done(file, copied.Count, copied.Sum(t => t.Target))).ConfigureAwait(false);
        return CommandLine.Ok;
    }
}

/// <summary>What <c>store copy</c> says, in one place.</summary>
internal static class StoreCommandText
{
    public const string Usage = "사용법: meetingbot store copy --to \"Host=…;Database=…;Username=…;Password=…\" [--force] [--settings FILE]";

    public const string TargetMeaning = "복사할 PostgreSQL 연결 문자열(예: \"Host=db;Database=meetingbot;Username=meetingbot\")";

    public const string SourceNotSqlite =
        "store copy는 SQLite 저장소를 PostgreSQL로 옮깁니다. 원본으로 쓸 SQLite 파일을 Storage:Provider=sqlite와 Storage:ConnectionString(Data Source=경로)으로 지정해 주세요.";

    public static string NoSource(string file) =>
        $"원본 SQLite 저장소 파일 '{file}'이(가) 없습니다. Storage:ConnectionString(또는 --settings 파일)의 Data Source 경로를 확인해 주세요.";

    public static string Table(CopiedTable table) => $"  {table.Table}: {table.Target}행";

    public static string Done(string file, int tables, long rows) =>
        $"복사함: '{file}'의 표 {tables}개, 행 {rows}개를 옮기고 표마다 행 수가 같음을 확인했습니다. " +
        "이제 Storage:Provider=postgres와 Storage:ConnectionString(위 --to 값)으로 서버를 시작하십시오.";
}
