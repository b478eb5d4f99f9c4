using System.Text.Json;
using MeetingBot.Channels.Teams.Cards;
using MeetingBot.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MeetingBot.Channels.Teams;

/// <summary>
/// The engine's way out to Teams: each <see cref="OutboundMessage"/> becomes a message activity in its conversation.
/// A send whose outcome is unknown (<see cref="ConnectorOutcomeUnknownException"/>) counts as sent, with a warning:
/// sending it again could show it twice. Any exception thrown means the message did not go. The agenda card is an
/// Adaptive Card activity, posted once and then replaced in place (<c>PUT …/activities/{id}</c>). A timebox warning
/// (<see cref="OutboundMessage.AlertInMeeting"/>) to a meeting chat carries <c>channelData.notification.alertInMeeting</c>,
/// so Teams also shows it as an in-meeting notification; its text is the same, and it reads as text where unsupported.
/// </summary>
public sealed class TeamsChatGateway : IChatGateway, ICardGateway
{
    private readonly ConnectorClient _connector;
    private readonly ILogger<TeamsChatGateway> _logger;

    public TeamsChatGateway(ConnectorClient connector, ILogger<TeamsChatGateway> logger, IOptions<TeamsOptions>? options = null)
    {
        ArgumentNullException.ThrowIfNull(connector);
        ArgumentNullException.ThrowIfNull(logger);
        _connector = connector;
        _logger = logger;
        CardsEnabled = options?.Value.Cards ?? true;
        InMeetingAlerts = options?.Value.InMeetingAlerts ?? true;
    }

    /// <summary><c>Teams:InMeetingAlerts</c>: timebox warnings to meeting chats also alert in the meeting.</summary>
    public bool InMeetingAlerts { get; }

    /// <summary>The <c>channelData</c> that asks Teams to show a message as an in-meeting notification.</summary>
    public static readonly JsonElement AlertInMeetingChannelData =
        JsonDocument.Parse("""{"notification":{"alertInMeeting":true}}""").RootElement.Clone();

    /// <summary>
    /// A meeting's chat: the bound address keeps only the conversation id, and Teams names a meeting chat
    /// <c>19:meeting_…@thread.v2</c> (group chats are <c>19:…@thread.v2</c> without it, channels <c>…@thread.tacv2</c>).
    /// </summary>
    public static bool IsMeetingChat(string conversationId) =>
        conversationId.StartsWith("19:meeting_", StringComparison.Ordinal)
        && conversationId.Split(';', 2)[0].EndsWith("@thread.v2", StringComparison.Ordinal);

    public string Channel => ActivityMapper.Channel;

    public bool CardsEnabled { get; }

    public async Task<string?> SendCardAsync(OutboundMessage message, string? postedId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Card is not { } card)
            throw new ArgumentException("No card to send.", nameof(message));

        var activity = CardActivity(AgendaAdaptiveCard.Build(card), card.StatusLine);
        if (postedId is not null)
        {
            await _connector.UpdateAsync(message.To, postedId, activity, cancellationToken).ConfigureAwait(false);
            return postedId;
        }

        return (await _connector.SendAsync(message.To, activity, cancellationToken).ConfigureAwait(false)).Id;
    }

    /// <summary>A message that carries one Adaptive Card; <paramref name="summary"/> is what a notification says.</summary>
    public static Activity CardActivity(AdaptiveCard card, string summary) => new()
    {
        Type = ActivityTypes.Message,
        Summary = summary,
        Attachments = [new Attachment(AdaptiveCard.ContentType, card)],
    };

    public async Task SendAsync(OutboundMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!string.Equals(message.To.Channel, Channel, StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"Not a Teams conversation: {message.To.Channel}", nameof(message));

        var activity = MessageActivity(message.Text);
        if (message.AlertInMeeting && InMeetingAlerts && IsMeetingChat(message.To.ConversationId))
            activity = activity with { ChannelData = AlertInMeetingChannelData };

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
