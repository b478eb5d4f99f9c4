namespace MeetingBot.Core;

public enum ChatInputKind
{
    Message,
    Edit,
    Delete,
    MeetingStarted,
    MeetingEnded,
    BotAdded,
}

/// <summary>A message's sender as the platform names them: its stable <see cref="Id"/> and the display name they chose.</summary>
public sealed record ChatUser(string Id, string Name)
{
    /// <summary>
    /// The door vouches that <see cref="Name"/> is the participant's name as the meeting file writes it: only a replay,
    /// whose file the operator wrote. No platform sets it; a display name there is whatever its owner typed.
    /// </summary>
    public bool NameVouched { get; init; }
}

/// <summary>Where a conversation lives, enough to post into it later (proactive messages).</summary>
public sealed record ConversationAddress(string Channel, string ConversationId, string? ServiceUrl = null);

/// <summary>
/// A normalized inbound event from any door (Teams, Google Chat, replay). <see cref="MessageId"/> is the
/// de-duplication key; <see cref="TargetMessageId"/> names the message an edit or delete applies to.
/// </summary>
public sealed record ChatInput
{
    public required ConversationAddress Conversation { get; init; }
    public required string MessageId { get; init; }
    public ChatInputKind Kind { get; init; } = ChatInputKind.Message;
    public required ChatUser From { get; init; }
    public string Text { get; init; } = "";
    public string? TargetMessageId { get; init; }

    /// <summary>Meeting id hinted by the platform (e.g. a Teams meeting matched by join URL), used to bind automatically.</summary>
    public string? MeetingHint { get; init; }

    /// <summary>
    /// The door says the message was addressed to the bot (an @mention, a personal chat): in a chat nobody bound, even
    /// chatter then deserves the "not bound" explanation rather than silence.
    /// </summary>
    public bool AddressedToBot { get; init; }

    /// <summary>
    /// The door answers the sender itself, in its response to the platform (a card click: Teams' invoke, Google Chat's
    /// <c>CARD_CLICKED</c>): replies to this input go to <see cref="EngineResult.Answer"/>, to that person only, and
    /// none into the chat. Meeting-wide news (an item opened) still goes to every bound chat.
    /// </summary>
    public bool AnswerInResponse { get; init; }
}

public sealed record OutboundMessage(ConversationAddress To, string Text, DateTimeOffset At, string? ReplyToMessageId = null)
{
    /// <summary>
    /// The agenda card this message shows, where the channel renders cards (posted once, then updated in place);
    /// <see cref="Text"/> is what it says, for channels with cards off. Null for a plain message.
    /// </summary>
    public Cards.AgendaCard? Card { get; init; }

    /// <summary>
    /// A timebox warning (SPEC §4): where the channel can, it is shown as an in-meeting notification as well as said
    /// in the chat (Teams: <c>channelData.notification.alertInMeeting</c>); elsewhere it is the same text.
    /// </summary>
    public bool AlertInMeeting { get; init; }
}

/// <summary>The conversation ↔ meeting link (SPEC §2 <c>/연결</c>).</summary>
public sealed record ConversationBinding(ConversationAddress Address, string MeetingId, DateTimeOffset BoundAt);

public sealed record EngineResult(IReadOnlyList<OutboundMessage> Messages, bool Duplicate = false, string? EndedMeetingId = null)
{
    /// <summary>The replies to an input the door answers itself (<see cref="ChatInput.AnswerInResponse"/>), in order.</summary>
    public IReadOnlyList<string> Answer { get; init; } = [];

    /// <summary>True when the input was refused (not allowed); nothing changed.</summary>
    public bool Refused { get; init; }

    /// <summary>For an input answered in the response: the agenda card as the turn left it (null without a meeting).</summary>
    public Cards.AgendaCard? Card { get; init; }

    public static readonly EngineResult Ignored = new([]);
    public static readonly EngineResult Redelivery = new([], Duplicate: true);
}
