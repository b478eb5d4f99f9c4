using System.ComponentModel.DataAnnotations;
using MeetingBot.Storage.Postgres;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace MeetingBot.Storage;

/// <summary>The <c>Storage</c> section: which store, and where its file is.</summary>
public sealed class StorageOptions : IValidatableObject
{
    public const string SectionName = "Storage";

    public const string Sqlite = "sqlite";

    public const string Postgres = "postgres";

    /// <summary><c>sqlite</c> (embedded default, one instance) or <c>postgres</c> (several instances on one database).</summary>
    public string Provider { get; set; } = Sqlite;

    /// <summary>SQLite: <c>Data Source=경로</c>; PostgreSQL: an Npgsql connection string (<c>Host=…;Database=…;Username=…</c>).</summary>
    public string ConnectionString { get; set; } = "Data Source=data/meetingbot.db";

    /// <summary>
    /// PostgreSQL only: how long an instance keeps the outbox messages and clocks it claimed (by the database's clock)
    /// before another instance may take them, i.e. how soon a dead instance's work is taken over.
    /// </summary>
    public int LeaseSeconds { get; set; } = 10;

    public bool IsPostgres => string.Equals(Provider, Postgres, StringComparison.OrdinalIgnoreCase);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(Provider))
        {
            yield return new($"Storage:Provider 를 정해 주세요. 사용 가능: {Sqlite}, {Postgres}");
        }
        else if (!IsPostgres && !string.Equals(Provider, Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            yield return new($"Storage:Provider '{Provider}' 은(는) 지원하지 않습니다. 사용 가능: {Sqlite}, {Postgres}");
        }

        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return new(IsPostgres
                ? $"Storage:ConnectionString 을 정해 주세요. 예: {PostgresMeetingStore.ExampleConnectionString}"
                : "Storage:ConnectionString 을 정해 주세요. 예: Data Source=data/meetingbot.db");
        }
        else if ((IsPostgres ? PostgresMeetingStore.ConnectionStringProblem(ConnectionString) : DataSourceProblem(ConnectionString)) is { } problem)
        {
            yield return new(problem);
        }

        if (LeaseSeconds is < 1 or > 3600)
        {
            yield return new($"Storage:LeaseSeconds 는 1~3600(초) 사이여야 합니다(지금 {LeaseSeconds}). 예: 10");
        }
    }

    private static string? DataSourceProblem(string connectionString)
    {
        try
        {
            return string.IsNullOrWhiteSpace(new SqliteConnectionStringBuilder(connectionString).DataSource)
                ? "Storage:ConnectionString 에 저장소 파일(Data Source=경로)이 없습니다. 예: Data Source=data/meetingbot.db"
                : null;
        }
        catch (ArgumentException)
        {
            return $"Storage:ConnectionString '{connectionString}' 은(는) SQLite 연결 문자열이 아닙니다. 예: Data Source=data/meetingbot.db";
        }
    }
}

/// <summary>Checks the <c>Storage</c> section at start (source-generated; the rules are <see cref="StorageOptions.Validate"/>).</summary>
[OptionsValidator]
public sealed partial class StorageOptionsValidator : IValidateOptions<StorageOptions>;
