namespace MeetingBot.Core;

/// <summary>
/// One atomic write: the processed message id, the clock state, the entries, the binding, a report delivery record and
/// the messages the change causes, together. The messages land in the outbox in the same commit, so a change is never durable without them.
/// </summary>
public sealed record StoreChange
{
    /// <summary>Recorded so that a redelivery is recognised; a second commit with the same id throws <see cref="DuplicateMessageException"/>.</summary>
    public ProcessedMessage? Processed { get; init; }
    public MeetingRuntime? Runtime { get; init; }
    public IReadOnlyList<Entry> Entries { get; init; } = [];
    public ConversationBinding? Binding { get; init; }

    /// <summary>Inserts or replaces the meeting's delivery record, e.g. marked notified with its notice in <see cref="Outbox"/>.</summary>
    public DeliveryRecord? Delivery { get; init; }

    /// <summary>Messages to send once the change is durable, in this order per conversation (<see cref="IOutboxStore"/>).</summary>
    public IReadOnlyList<OutboundMessage> Outbox { get; init; } = [];

    /// <summary>Scheduler occurrences inserted or replaced (<see cref="IScheduleStore"/>), e.g. marked reminded with the reminder in <see cref="Outbox"/>.</summary>
    public IReadOnlyList<ScheduledMeeting> Schedule { get; init; } = [];
}

public sealed record ProcessedMessage(string Channel, string ConversationId, string MessageId, DateTimeOffset At);

public sealed record MeetingSummary(string Id, string Subcommittee, string Title, DateTimeOffset Start, MeetingStatus Status, int EntryCount);

/// <summary>
/// What the engine reads inside a turn: the store's current state, changes staged by earlier turns included. Everything
/// a decision needs comes through here, so a store can run the turn on its own transaction (or snapshot).
/// </summary>
public interface IStateReader
{
    Task<MeetingDefinition?> GetDefinitionAsync(string meetingId, CancellationToken cancellationToken = default);

    Task<ConversationBinding?> FindBindingAsync(string channel, string conversationId, CancellationToken cancellationToken = default);
    Task<IReadOnlyList<ConversationBinding>> GetBindingsAsync(string meetingId, CancellationToken cancellationToken = default);

    /// <summary>The stored clock, or null when the meeting has none yet.</summary>
    Task<MeetingRuntime?> GetRuntimeAsync(string meetingId, CancellationToken cancellationToken = default);

    Task<Entry?> FindEntryAsync(string meetingId, int number, CancellationToken cancellationToken = default);
    Task<Entry?> FindEntryBySourceAsync(string meetingId, string sourceId, CancellationToken cancellationToken = default);
    Task<IReadOnlyList<Entry>> GetEntriesAsync(string meetingId, CancellationToken cancellationToken = default);
}

/// <summary>
/// What a turn is about. A chat input's turn names its message (<see cref="MessageId"/>: a redelivery is recognised by
/// it); a clock tick or a system command names its meeting. A store may serialise turns on it (PostgreSQL: lock the
/// meeting's row); the SQLite store runs every turn through its one writer.
/// </summary>
public sealed record TurnKey
{
    public string? Channel { get; init; }
    public string? ConversationId { get; init; }
    public string? MessageId { get; init; }
    public string? MeetingId { get; init; }

    public static TurnKey For(ChatInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new() { Channel = input.Conversation.Channel, ConversationId = input.Conversation.ConversationId, MessageId = input.MessageId, MeetingId = input.MeetingHint };
    }

    public static TurnKey ForMeeting(string meetingId) => new() { MeetingId = meetingId };
}

/// <summary>What a turn decided: the change to make durable (with the messages it causes, in its outbox) and what to answer.</summary>
public readonly record struct TurnResult<T>(StoreChange Change, T Value);

/// <summary>
/// The engine's port: the store runs each turn for the engine, serialised as it sees fit, and returns once the turn's
/// change is durable. How changes are grouped into transactions and fsyncs is the store's business (SQLite: one
/// writer, group commit, the log fsynced off the lock); a change that records nothing but its message id (chatter)
/// need not wait for the disk, since a crash could lose nothing anyone was told.
/// </summary>
public interface ITurnStore
{
    /// <summary>
    /// Runs <paramref name="turn"/> over the current state and returns its value once its change is durable. When the
    /// key's message id is already stored (a redelivery) it returns <paramref name="redelivered"/> instead, having run
    /// and applied nothing.
    /// </summary>
    Task<T> TransactAsync<T>(TurnKey key, Func<IStateReader, CancellationToken, ValueTask<TurnResult<T>>> turn, T redelivered, CancellationToken cancellationToken = default);

    /// <summary>Meetings whose <see cref="MeetingRuntime.NextDueAt"/> is at or before <paramref name="now"/>.</summary>
    Task<IReadOnlyList<string>> GetDueMeetingsAsync(DateTimeOffset now, CancellationToken cancellationToken = default);
}

/// <summary>
/// The durable store (SQLite by default) as staff pages, reports, the meeting folder and deliveries see it. Chat
/// inputs and clock ticks change state only through <see cref="ITurnStore"/>.
/// </summary>
public interface IMeetingStore : IStateReader
{
    Task UpsertDefinitionAsync(MeetingDefinition meeting, CancellationToken cancellationToken = default);
    Task<IReadOnlyList<MeetingSummary>> ListMeetingsAsync(CancellationToken cancellationToken = default);

    Task<DeliveryRecord?> GetDeliveryAsync(string meetingId, CancellationToken cancellationToken = default);
    Task<IReadOnlyList<DeliveryRecord>> ListDeliveriesAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Inserts or replaces the meeting's delivery record and returns once it is durable. A record that comes with its
    /// notice goes through <see cref="CommitAsync"/> (<see cref="StoreChange.Delivery"/> beside <see cref="StoreChange.Outbox"/>).
    /// </summary>
    Task SaveDeliveryAsync(DeliveryRecord delivery, CancellationToken cancellationToken = default);

    /// <summary>Applies the change atomically and returns once it is durable.</summary>
    Task CommitAsync(StoreChange change, CancellationToken cancellationToken = default);
}

/// <summary>
/// Work only one instance may do at a time (a report delivery): a claim by name, held for a lease the store renews
/// until the handle is disposed (which hands it back). An instance that dies stops renewing, so another gets the claim
/// once the lease ends. A single-process store grants every claim at once.
/// </summary>
public interface IWorkClaims
{
    /// <summary>Waits until this instance holds <paramref name="kind"/>/<paramref name="key"/>; dispose the handle to release it.</summary>
    Task<IAsyncDisposable> ClaimAsync(string kind, string key, CancellationToken cancellationToken = default);
}

/// <summary>Whether the store can be used now: the host's readiness (<c>/healthz/ready</c>) asks it.</summary>
public interface IStoreHealth
{
    /// <summary>Returns when the store answers; throws, naming the store and what to check, when it does not.</summary>
    Task CheckAsync(CancellationToken cancellationToken = default);
}

/// <summary>Sends bot messages to a chat platform. One implementation per channel; the recording fake lives in tests.</summary>
public interface IChatGateway
{
    /// <summary>The <see cref="ConversationAddress.Channel"/> this gateway serves (e.g. <c>msteams</c>, <c>googlechat</c>).</summary>
    string Channel { get; }

    Task SendAsync(OutboundMessage message, CancellationToken cancellationToken = default);
}

/// <summary>
/// Where every door (Teams, Google Chat) hands a mapped <see cref="ChatInput"/>: the engine decides the turn (including
/// the answer for a chat nobody bound), it is durable when the call returns, and the replies go out in order.
/// </summary>
public interface IChatInbox
{
    /// <summary>
    /// Returns once the input and the replies it caused are durable (committed together, the replies in the outbox);
    /// the replies leave in the background, in order per conversation.
    /// </summary>
    Task<EngineResult> AcceptAsync(ChatInput input, CancellationToken cancellationToken = default);
}

public sealed class DuplicateMessageException(string messageId)
    : Exception($"메시지 {messageId}은(는) 이미 처리되었습니다.")
{
    public string MessageId { get; } = messageId;
}

/// <summary>The one domain exception: a user-facing Korean message, optionally with where the problem is.</summary>
public sealed class MeetingBotException : Exception
{
    public MeetingBotException(string message, string? file = null, int? line = null, string? field = null)
        : base(message)
    {
        File = file;
        Line = line;
        Field = field;
    }

    public MeetingBotException()
    {
    }

    public MeetingBotException(string message)
        : base(message)
    {
    }

    public MeetingBotException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public string? File { get; }
    public int? Line { get; }
    public string? Field { get; }

    /// <summary><c>file:line: field: message</c>, the form compilers use, so editors can jump to it.</summary>
    public string Describe()
    {
        var where = File is null ? "" : Line is null ? $"{File}: " : $"{File}:{Line}: ";
        var field = Field is null ? "" : $"'{Field}' ";
        return $"{where}{field}{Message}".Trim();
    }
}

/// <summary>A message in the outbox: its place in the send order (<see cref="Id"/>, rising) and what to send.</summary>
public sealed record OutboxMessage(long Id, OutboundMessage Message);

/// <summary>
/// The durable outbox: every bot message is written with the change that caused it (<see cref="StoreChange.Outbox"/>)
/// and read from here, once that change is durable, by the one drain that sends it.
/// </summary>
public interface IOutboxStore
{
    /// <summary>Durable messages not yet marked sent, oldest first, at most <paramref name="max"/>.</summary>
    Task<IReadOnlyList<OutboxMessage>> GetUnsentAsync(int max, CancellationToken cancellationToken = default);

    /// <summary>Marks the messages done (sent, or refused for good) and returns once that is durable.</summary>
    Task MarkSentAsync(IReadOnlyCollection<long> ids, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Completes once a message committed after this call is durable (the drain waits on it when idle).</summary>
    Task WhenAddedAsync(CancellationToken cancellationToken = default);
}

/// <summary>
/// A gateway of a channel that renders cards (<see cref="OutboundMessage.Card"/>): posts a card once and updates it in
/// place after. A gateway without it, or with <see cref="CardsEnabled"/> off, never gets a card: the text messages
/// beside it say the same.
/// </summary>
public interface ICardGateway
{
    /// <summary>The channel's setting (e.g. <c>Teams:Cards</c>); off, its chats get text only.</summary>
    bool CardsEnabled { get; }

    /// <summary>
    /// Posts <paramref name="message"/>'s card when <paramref name="postedId"/> is null, else updates that message in
    /// place; returns the id of the message that now shows the card (to update next time), null when the platform
    /// gave none.
    /// </summary>
    Task<string?> SendCardAsync(OutboundMessage message, string? postedId, CancellationToken cancellationToken = default);
}

/// <summary>Which platform message shows each card in each chat, so the next state updates it in place.</summary>
public interface ICardPostStore
{
    Task<string?> FindCardPostAsync(ConversationAddress chat, string cardKey, CancellationToken cancellationToken = default);

    /// <summary>Records (or replaces) the message that shows <paramref name="cardKey"/> in <paramref name="chat"/>; durable when it returns.</summary>
    Task SaveCardPostAsync(ConversationAddress chat, string cardKey, string messageId, CancellationToken cancellationToken = default);
}
