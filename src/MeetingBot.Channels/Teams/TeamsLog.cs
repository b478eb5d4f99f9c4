using Microsoft.Extensions.Logging;

namespace MeetingBot.Channels.Teams;

internal static partial class TeamsLog
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Warning, Message = "Teams activity rejected ({Status}): {Reason}")]
    public static partial void Rejected(ILogger logger, BotAuthStatus status, string? reason);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Signing key {KeyId} not in cached metadata; refreshing")]
    public static partial void SigningKeyNotFound(ILogger logger, string? keyId);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Error, Message = "OpenID metadata unavailable")]
    public static partial void MetadataUnavailable(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Warning, Message = "Teams:AllowUnauthenticated is on: activities without a token are accepted (development only)")]
    public static partial void UnauthenticatedAllowed(ILogger logger);

    [LoggerMessage(EventId = 4110, Level = LogLevel.Debug, Message = "{Method} {Uri} → {Status}")]
    public static partial void ConnectorCall(ILogger logger, string method, Uri uri, int status);

    [LoggerMessage(EventId = 4111, Level = LogLevel.Warning, Message = "Teams connector call failed: {Method} {Uri}")]
    public static partial void ConnectorFailed(ILogger logger, string method, Uri uri, Exception exception);

    [LoggerMessage(EventId = 4112, Level = LogLevel.Warning, Message = "Teams send to {Conversation} may or may not have arrived (timeout or server error); not sent again, so it cannot show twice")]
    public static partial void SendOutcomeUnknown(ILogger logger, string conversation, Exception exception);

    [LoggerMessage(EventId = 4120, Level = LogLevel.Debug, Message = "Ignored Teams activity {Type} {Id}")]
    public static partial void Ignored(ILogger logger, string? type, string? id);
}
