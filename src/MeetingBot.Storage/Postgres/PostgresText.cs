using Npgsql;

namespace MeetingBot.Storage.Postgres;

/// <summary>Every Korean message of the PostgreSQL store, in one place: each names the database and what to do.</summary>
internal static class PostgresText
{
    /// <summary>The server and database a connection string names, without its password.</summary>
    public static string Where(string connectionString)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        return $"{b.Host}:{b.Port}/{b.Database}";
    }

    public static string Unreachable(string where, Exception ex) =>
        $"PostgreSQL 저장소 '{where}'에 연결할 수 없습니다({ex.Message}). 서버가 켜져 있는지, Storage:ConnectionString의 주소·사용자·암호가 맞는지 확인하십시오.";

    public static string TooSlow(string where) =>
        $"PostgreSQL 저장소 '{where}'이(가) 제때 답하지 않습니다. 서버의 부하와 네트워크를 확인하십시오.";

    public static string NewerSchema(string where, int found, int known) =>
        $"PostgreSQL 저장소 '{where}'의 스키마 버전({found})이 이 프로그램({known})보다 새롭습니다. 최신 MeetingBot으로 실행하십시오.";

    public static string TargetNotEmpty(string where, IEnumerable<string> tables) =>
        $"복사할 PostgreSQL 저장소 '{where}'이(가) 비어 있지 않습니다({string.Join(", ", tables)}). 빈 데이터베이스를 지정하거나, 지우고 덮어쓰려면 --force를 주십시오.";

    public static string CountsDiffer(string where, IEnumerable<string> tables) =>
        $"PostgreSQL 저장소 '{where}'에 복사한 행 수가 원본과 다릅니다({string.Join(", ", tables)}). 아무것도 커밋하지 않았습니다.";

    public static string NotWritten(Exception ex) => $"저장소에 기록하지 못했습니다: {ex.Message}";

    public static string Stopped => "PostgreSQL 저장소가 닫혔습니다. 기록하지 않았습니다.";
}
