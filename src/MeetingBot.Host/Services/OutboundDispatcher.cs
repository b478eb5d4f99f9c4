using MeetingBot.Core;

namespace MeetingBot.Host.Services;

/// <summary>Hands each bot message to the gateway of its channel. A failure is logged and never stops the others.</summary>
public sealed partial class OutboundDispatcher(IEnumerable<IChatGateway> gateways, ILogger<OutboundDispatcher> logger)
{
    private readonly Dictionary<string, IChatGateway> _gateways = gateways.ToDictionary(g => g.Channel, StringComparer.OrdinalIgnoreCase);

    public async Task SendAsync(IEnumerable<OutboundMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        foreach (var message in messages)
        {
            if (!_gateways.TryGetValue(message.To.Channel, out var gateway))
            {
                LogNoGateway(logger, message.To.Channel, message.To.ConversationId);
                continue;
            }

            try
            {
                await gateway.SendAsync(message, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogSendFailed(logger, ex, message.To.Channel, message.To.ConversationId);
            }
        }
    }

    /// <summary>Sends one message and lets a failure through, for callers that retry and record (report delivery).</summary>
    public Task DeliverAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return _gateways.TryGetValue(message.To.Channel, out var gateway)
            ? gateway.SendAsync(message, cancellationToken)
            : throw new MeetingBotException($"{message.To.Channel} 채널의 발신 경로가 없습니다. Staff:Channel 설정을 확인해 주세요.");
    }

    [LoggerMessage(EventId = 200, Level = LogLevel.Warning, Message = "{Channel} 채널의 발신 경로가 없어 {Conversation}에 보낼 메시지를 버립니다.")]
    private static partial void LogNoGateway(ILogger logger, string channel, string conversation);

    [LoggerMessage(EventId = 201, Level = LogLevel.Error, Message = "{Channel} 대화방 {Conversation}에 메시지를 보내지 못했습니다.")]
    private static partial void LogSendFailed(ILogger logger, Exception ex, string channel, string conversation);
}
