using System.Diagnostics;
using Npgsql;

namespace MeetingBot.TestSupport;

/// <summary>
/// The real PostgreSQL server the tests use: the one <c>.ci/run</c> started (its connection string in
/// <c>MEETINGBOT_TEST_POSTGRES</c>), or else one started here the same way (<c>tests/tools/postgres/pg-server</c>) and
/// stopped when the test process ends. Without PostgreSQL on the machine the tests fail, saying what to install.
/// </summary>
public static class PostgresServer
{
    public const string Variable = "MEETINGBOT_TEST_POSTGRES";

    private static readonly Lazy<string> Server = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The server's maintenance connection string (database <c>postgres</c>).</summary>
    public static string ConnectionString => Server.Value;

    /// <summary>A new, empty database on the server, dropped when disposed: each test class gets its own.</summary>
    public static async Task<PostgresDatabase> CreateDatabaseAsync()
    {
        var name = "t_" + Guid.NewGuid().ToString("N");
        await using (var admin = new NpgsqlConnection(ConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync();
        }

        return new PostgresDatabase(name, new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString);
    }

    private static string Start()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } given)
        {
            return given;
        }

        var script = RepositoryFiles.PathOf("tests", "tools", "postgres", "pg-server");
        var (code, output, error) = Run(script, "start");
        if (code != 0)
        {
            throw new InvalidOperationException(error.Trim().Length > 0
                ? error.Trim()
                : $"PostgreSQL 테스트 서버를 시작하지 못했습니다({script}, 종료 코드 {code}). 'apt-get install postgresql'로 PostgreSQL을 설치하십시오.");
        }

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var folder = lines[0];
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Run(script, "stop", folder);
        return lines[1];
    }

    private static (int Code, string Output, string Error) Run(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"bash {script}를 실행하지 못했습니다.");
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, error.GetAwaiter().GetResult());
    }
}

/// <summary>One database of <see cref="PostgresServer"/>, dropped (connections and all) when disposed.</summary>
public sealed class PostgresDatabase(string name, string connectionString) : IAsyncDisposable
{
    public string Name { get; } = name;

    public string ConnectionString { get; } = connectionString;

    public async ValueTask DisposeAsync()
    {
        await using var admin = new NpgsqlConnection(PostgresServer.ConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}
