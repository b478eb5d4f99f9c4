using MeetingBot.Core;

namespace MeetingBot.Channels.Teams;

/// <summary>The engine's way out to Teams: each <see cref="OutboundMessage"/> becomes a message activity in its conversation.</summary>
public sealed class TeamsChatGateway : IChatGateway
{
    private readonly ConnectorClient _connector;

    public TeamsChatGateway(ConnectorClient connector)
    {
        ArgumentNullException.ThrowIfNull(connector);
        _connector = connector;
    }

    public string Channel => ActivityMapper.Channel;

    public async Task SendAsync(OutboundMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!string.Equals(message.To.Channel, Channel, StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"Not a Teams conversation: {message.To.Channel}", nameof(message));

        var activity = MessageActivity(message.Text);
        if (message.ReplyToMessageId is { Length: > 0 } replyTo)
            await _connector.ReplyAsync(message.To, replyTo, activity, cancellationToken).ConfigureAwait(false);
        else
            await _connector.SendAsync(message.To, activity, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A bot message; Teams renders markdown (lists, bold) in it.</summary>
    public static Activity MessageActivity(string text) => new()
    {
        Type = ActivityTypes.Message,
        Text = text,
        TextFormat = "markdown",
    };
}
