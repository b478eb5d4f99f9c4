using Microsoft.Data.Sqlite;

namespace MeetingBot.Storage;

/// <summary>Every Korean message of the store, in one place: each names the file and what the operator can do.</summary>
internal static class StorageText
{
    // SQLite's primary result codes (https://sqlite.org/rescode.html), the ones an operator can act on.
    private const int Busy = 5;
    private const int Locked = 6;
    private const int ReadOnly = 8;
    private const int IoError = 10;
    private const int Corrupt = 11;
    private const int Full = 13;
    private const int CantOpen = 14;
    private const int NotADatabase = 26;

    /// <summary>The file itself is broken: no retry or restart will help.</summary>
    public static bool IsDamage(SqliteException ex) => ex.SqliteErrorCode is Corrupt or NotADatabase;

    public static string Unusable(string file, SqliteException ex) => ex.SqliteErrorCode switch
    {
        Corrupt or NotADatabase => Damaged(file),
        Busy or Locked => $"저장소 파일 '{file}'을(를) 다른 프로그램이 잠그고 있습니다. 같은 파일을 쓰는 다른 meetingbot 서버나 프로그램을 끈 뒤 다시 시작하십시오.",
        ReadOnly => $"저장소 파일 '{file}'에 쓸 수 없습니다(읽기 전용). 파일과 폴더의 쓰기 권한을 확인하십시오.",
        Full => $"저장소 파일 '{file}'을(를) 쓸 디스크 공간이 없습니다. 공간을 확보한 뒤 다시 시작하십시오.",
        CantOpen or IoError => CannotOpen(file),
        _ => $"저장소 파일 '{file}'을(를) 쓸 수 없습니다(SQLite 오류 {ex.SqliteErrorCode}). 파일을 확인하거나 백업에서 복원하십시오.",
    };

    public static string Damaged(string file) =>
        $"저장소 파일 '{file}'이(가) 손상되었습니다(SQLite 데이터베이스로 읽을 수 없음). 서버를 멈춘 채 백업에서 복원하거나, " +
        "파일(과 같은 이름의 -wal, -shm 파일)을 다른 곳으로 옮겨 두고 새 저장소로 시작하십시오.";

    public static string CannotOpen(string file) =>
        $"저장소 파일 '{file}'을(를) 열 수 없습니다. 경로가 폴더가 아닌 파일인지, 폴더가 있고 쓸 수 있는지 확인하십시오(Storage:ConnectionString).";

    public static string TooSlow(string file) =>
        $"저장소 파일 '{file}'이(가) 제때 답하지 않습니다(다른 작업이 오래 붙잡고 있음). 디스크 상태를 확인하십시오.";

    public static string NewerSchema(string file, int found, int known) =>
        $"저장소 파일 '{file}'의 스키마 버전({found})이 이 프로그램({known})보다 새롭습니다. 최신 MeetingBot으로 실행하십시오.";
}
