using Microsoft.Extensions.Logging;

namespace MeetingBot.Channels.GoogleChat;

internal static partial class GoogleChatLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Google Chat 요청을 거부했습니다(401): {Reason}")]
    public static partial void Unauthorized(ILogger logger, string reason);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Error, Message = "Google Chat 서명 키 오류: {Reason}")]
    public static partial void KeysFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Debug, Message = "Google 서명 키 {Count}개를 {Url}에서 받았습니다.")]
    public static partial void KeysFetched(ILogger logger, string url, int count);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Debug, Message = "Google Chat {Space}: 같은 메시지가 이미 올라가 있어(409) 다시 보내지 않았습니다.")]
    public static partial void AlreadyPosted(ILogger logger, string space);
}
