using Microsoft.Extensions.Logging;

namespace MeetingBot.Calendar;

internal static partial class CalendarLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "일정 원본 {Source} 실패: {Reason}")]
    public static partial void SourceFailed(ILogger logger, string source, string reason);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "일정 원본 {Source}: {Entry} 건너뜀: {Reason}")]
    public static partial void EntrySkipped(ILogger logger, string source, string entry, string reason);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "일정 원본 {Source}: 동기화 토큰이 만료되어(410) 전체 동기화를 다시 합니다.")]
    public static partial void SyncTokenExpired(ILogger logger, string source);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Debug, Message = "일정 원본 {Source}: {Kind} 동기화, 항목 {Count}개, 페이지 {Pages}개")]
    public static partial void Synced(ILogger logger, string source, string kind, int count, int pages);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Information, Message = "일정 요청 재시도 {Attempt}회째, {Delay} 후 (HTTP {Status})")]
    public static partial void Retrying(ILogger logger, int attempt, TimeSpan delay, int status);
}
