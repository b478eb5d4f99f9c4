using MeetingBot.Core;
using Microsoft.Extensions.Logging;

namespace MeetingBot.Channels.Teams;

/// <summary>
/// The engine's way out to Teams: each <see cref="OutboundMessage"/> becomes a message activity in its conversation.
/// A send whose outcome is unknown (<see cref="ConnectorOutcomeUnknownException"/>) counts as sent, with a warning:
/// sending it again could show it twice. Any exception thrown means the message did not go.
/// </summary>
public sealed class TeamsChatGateway : IChatGateway
{
    private readonly ConnectorClient _connector;
    private readonly ILogger<TeamsChatGateway> _logger;

    public TeamsChatGateway(ConnectorClient connector, ILogger<TeamsChatGateway> logger)
    {
        ArgumentNullException.ThrowIfNull(connector);
        ArgumentNullException.ThrowIfNull(logger);
        _connector = connector;
        _logger = logger;
    }

    public string Channel => ActivityMapper.Channel;

    public async Task SendAsync(OutboundMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!string.Equals(message.To.Channel, Channel, StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"Not a Teams conversation: {message.To.Channel}", nameof(message));

        var activity = MessageActivity(message.Text);
        try
        {
            if (message.ReplyToMessageId is { Length: > 0 } replyTo)
                await _connector.ReplyAsync(message.To, replyTo, activity, cancellationToken).ConfigureAwait(false);
            else
                await _connector.SendAsync(message.To, activity, cancellationToken).ConfigureAwait(false);
        }
        catch (ConnectorOutcomeUnknownException ex)
        {
            TeamsLog.SendOutcomeUnknown(_logger, message.To.ConversationId, ex);
        }
    }

    /// <summary>A bot message; Teams renders markdown (lists, bold) in it.</summary>
    public static Activity MessageActivity(string text) => new()
    {
        Type = ActivityTypes.Message,
        Text = text,
        TextFormat = "markdown",
    };
}
