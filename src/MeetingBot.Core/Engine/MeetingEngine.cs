namespace MeetingBot.Core.Engine;

/// <summary>
/// Turns a <see cref="ChatInput"/>, a clock tick or a system command into a state change plus outbound messages. Each
/// is one turn of the store (<see cref="ITurnStore.TransactAsync"/>): read what the decision needs, decide
/// (<see cref="Decider"/>, pure), and the store makes the change durable, the messages in its outbox, before the
/// call returns. Deterministic: all time comes from <see cref="TimeProvider"/>, all state from the store. Each input is
/// recorded with its platform message id, so a redelivery changes nothing.
/// </summary>
public sealed class MeetingEngine(ITurnStore store, TimeProvider time, TimeboxSettings? settings = null) : IDisposable
{
    private readonly TimeboxSettings _settings = settings ?? new TimeboxSettings();

    public TimeboxSettings Settings => _settings;

    /// <summary>Nothing to release: the store owns the turns. Kept so hosts and tests dispose the engine they build.</summary>
    public void Dispose()
    {
    }

    /// <summary>Decides one chat input; returns once its change and replies are durable (a redelivery: <see cref="EngineResult.Redelivery"/>).</summary>
    public Task<EngineResult> HandleAsync(ChatInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        return store.TransactAsync(TurnKey.For(input), (reader, ct) => InputTurnAsync(reader, input, ct), EngineResult.Redelivery, cancellationToken);
    }

    private async ValueTask<TurnResult<EngineResult>> InputTurnAsync(IStateReader reader, ChatInput input, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var state = await LoadAsync(reader, input, now, ct).ConfigureAwait(false);
        var decision = Decider.Decide(state);
        var processed = new ProcessedMessage(input.Conversation.Channel, input.Conversation.ConversationId, input.MessageId, now);
        return new(decision.ToChange(processed), new EngineResult(decision.Messages, EndedMeetingId: decision.EndedMeetingId)
        {
            Answer = decision.Answer,
            Refused = decision.Refused,
            Card = decision.Card,
        });
    }

    /// <summary>Reads the state an input's decision needs (<see cref="Decider.Query"/>), and nothing more.</summary>
    private async ValueTask<TurnState> LoadAsync(IStateReader reader, ChatInput input, DateTimeOffset now, CancellationToken ct)
    {
        var query = Decider.Query(input);
        var binding = await reader.FindBindingAsync(input.Conversation.Channel, input.Conversation.ConversationId, ct).ConfigureAwait(false);
        var meetingId = binding?.MeetingId ?? input.MeetingHint;
        var bindTarget = query.BindTarget is { } id ? await reader.GetDefinitionAsync(id, ct).ConfigureAwait(false) : null;
        var meeting = meetingId is null ? null : await reader.GetDefinitionAsync(meetingId, ct).ConfigureAwait(false);
        MeetingRuntime? runtime = null;
        IReadOnlyList<ConversationBinding> bindings = [];
        IReadOnlyList<Entry> entries = [];
        Entry? target = null;
        if (meeting is not null)
        {
            if (query.ReadsClock)
            {
                runtime = await reader.GetRuntimeAsync(meeting.Id, ct).ConfigureAwait(false) ?? MeetingRuntime.NotStartedFor(meeting);
            }

            if (query.Needs.HasFlag(StateNeeds.Bindings))
            {
                bindings = await reader.GetBindingsAsync(meeting.Id, ct).ConfigureAwait(false);
            }

            if (query.Needs.HasFlag(StateNeeds.Entries))
            {
                entries = await reader.GetEntriesAsync(meeting.Id, ct).ConfigureAwait(false);
            }

            if (query.EntryNumber is { } number)
            {
                target = await reader.FindEntryAsync(meeting.Id, number, ct).ConfigureAwait(false);
            }
            else if (query.EntrySource is { } source)
            {
                target = await reader.FindEntryBySourceAsync(meeting.Id, source, ct).ConfigureAwait(false);
            }
        }

        return new TurnState
        {
            Input = input, Now = now, Settings = _settings, Binding = binding, Meeting = meeting, Runtime = runtime,
            Bindings = bindings, Entries = entries, Target = target, BindTarget = bindTarget,
        };
    }

    /// <summary>
    /// Fires every timebox warning that is due now; each fires once, even across restarts. Each due meeting is a turn
    /// like a chat input's: its warnings are committed to the outbox with the clock state that records them, behind
    /// every reply already there.
    /// </summary>
    public async Task<IReadOnlyList<OutboundMessage>> TickAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var due = await store.GetDueMeetingsAsync(now, cancellationToken).ConfigureAwait(false);
        var messages = new List<OutboundMessage>();
        foreach (var meetingId in due)
        {
            messages.AddRange(await store.TransactAsync(TurnKey.ForMeeting(meetingId), (reader, ct) => TickTurnAsync(reader, meetingId, now, ct), [], cancellationToken).ConfigureAwait(false));
        }

        return messages;
    }

    private async ValueTask<TurnResult<IReadOnlyList<OutboundMessage>>> TickTurnAsync(IStateReader reader, string meetingId, DateTimeOffset now, CancellationToken ct)
    {
        var meeting = await reader.GetDefinitionAsync(meetingId, ct).ConfigureAwait(false);
        var runtime = await reader.GetRuntimeAsync(meetingId, ct).ConfigureAwait(false);
        if (meeting is null || runtime is null)
        {
            return new(new StoreChange(), []);
        }

        var bindings = await reader.GetBindingsAsync(meetingId, ct).ConfigureAwait(false);
        var decision = Decider.Tick(meeting, runtime, bindings, _settings, now);
        return new(decision.ToChange(null), decision.Messages);
    }

    /// <summary>
    /// A system command (the calendar scheduler, a replay): ties <paramref name="conversation"/> to meeting
    /// <paramref name="meetingId"/>, durably when this returns. False when it already was.
    /// </summary>
    public Task<bool> BindAsync(ConversationAddress conversation, string meetingId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentNullException.ThrowIfNull(meetingId);
        return store.TransactAsync(TurnKey.ForMeeting(meetingId), async (reader, ct) =>
        {
            var existing = await reader.FindBindingAsync(conversation.Channel, conversation.ConversationId, ct).ConfigureAwait(false);
            var decision = Decider.BindConversation(existing, conversation, meetingId, time.GetUtcNow());
            return new TurnResult<bool>(decision.ToChange(null), decision.Binding is not null);
        }, false, cancellationToken);
    }
}
