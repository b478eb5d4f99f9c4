using MeetingBot.Core;

namespace MeetingBot.Host.Services;

/// <summary>Hands a message to the gateway of its channel, for the outbox drain (the one caller), which retries and records.</summary>
public sealed class OutboundDispatcher(IEnumerable<IChatGateway> gateways)
{
    private readonly Dictionary<string, IChatGateway> _gateways = gateways.ToDictionary(g => g.Channel, StringComparer.OrdinalIgnoreCase);

    /// <summary>Sends one message and lets a failure through; a channel without a gateway is a setting error.</summary>
    public Task DeliverAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return _gateways.TryGetValue(message.To.Channel, out var gateway)
            ? gateway.SendAsync(message, cancellationToken)
            : throw new MeetingBotException($"{message.To.Channel} 채널의 발신 경로가 없습니다. 그 채널의 설정(직원 알림이면 Staff:Channel)을 확인해 주세요.");
    }
}
