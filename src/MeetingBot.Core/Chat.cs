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
}

public sealed record OutboundMessage(ConversationAddress To, string Text, DateTimeOffset At, string? ReplyToMessageId = null);

/// <summary>The conversation ↔ meeting link (SPEC §2 <c>/연결</c>).</summary>
public sealed record ConversationBinding(ConversationAddress Address, string MeetingId, DateTimeOffset BoundAt);

public sealed record EngineResult(IReadOnlyList<OutboundMessage> Messages, bool Duplicate = false, string? EndedMeetingId = null)
{
    public static readonly EngineResult Ignored = new([]);
    public static readonly EngineResult Redelivery = new([], Duplicate: true);
}
