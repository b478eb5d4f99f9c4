using System.ComponentModel.DataAnnotations;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace MeetingBot.Storage;

/// <summary>The <c>Storage</c> section: which store, and where its file is.</summary>
public sealed class StorageOptions : IValidatableObject
{
    public const string SectionName = "Storage";

    public const string Sqlite = "sqlite";

    /// <summary><c>sqlite</c> (embedded default).</summary>
    public string Provider { get; set; } = Sqlite;

    public string ConnectionString { get; set; } = "Data Source=data/meetingbot.db";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(Provider))
        {
            yield return new("Storage:Provider 를 정해 주세요. 사용 가능: sqlite");
        }

        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return new("Storage:ConnectionString 을 정해 주세요. 예: Data Source=data/meetingbot.db");
        }

        if (!string.IsNullOrWhiteSpace(Provider) && !string.Equals(Provider, Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            yield return new($"Storage:Provider '{Provider}' 은(는) 지원하지 않습니다. 사용 가능: {Sqlite}");
        }

        if (!string.IsNullOrWhiteSpace(ConnectionString) && DataSourceProblem(ConnectionString) is { } problem)
        {
            yield return new(problem);
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
