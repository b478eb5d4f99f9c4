using MeetingBot.Core.Cards;

namespace MeetingBot.Core.Engine;

/// <summary>
/// Everything one decision reads, loaded before it is made (<see cref="Decide"/> reads nothing else): the input, the
/// instant, the conversation's binding and meeting, the meeting's clock, and what the input's command asks for
/// (<see cref="StateNeeds"/>).
/// </summary>
public sealed record TurnState
{
    public required ChatInput Input { get; init; }
    public required DateTimeOffset Now { get; init; }
    public TimeboxSettings Settings { get; init; } = new();
    public ConversationBinding? Binding { get; init; }

    /// <summary>The bound meeting, or the one the platform hinted at (<see cref="ChatInput.MeetingHint"/>).</summary>
    public MeetingDefinition? Meeting { get; init; }

    /// <summary>The meeting's clock; null when there is no meeting, and for chatter, which neither reads nor moves it.</summary>
    public MeetingRuntime? Runtime { get; init; }

    /// <summary>Every chat bound to the meeting (<see cref="StateNeeds.Bindings"/>): meeting-wide news goes to each.</summary>
    public IReadOnlyList<ConversationBinding> Bindings { get; init; } = [];

    /// <summary>The meeting's entries (<see cref="StateNeeds.Entries"/>).</summary>
    public IReadOnlyList<Entry> Entries { get; init; } = [];

    /// <summary>The entry the input names: by number for <c>/철회</c>, by source message for an edit or delete.</summary>
    public Entry? Target { get; init; }

    /// <summary>The meeting <c>/연결 ID</c> names (<see cref="StateNeeds.BindTarget"/>).</summary>
    public MeetingDefinition? BindTarget { get; init; }
}

/// <summary>What a decision reads beyond the binding, the meeting and its clock.</summary>
[Flags]
public enum StateNeeds
{
    None = 0,
    Bindings = 1,
    Entries = 2,
    EntryByNumber = 4,
    EntryBySource = 8,
    BindTarget = 16,
}

/// <summary>What a decision changes and says: the new clock (null: unchanged), entries, a binding, the messages.</summary>
public sealed record Decision(
    MeetingRuntime? Runtime,
    IReadOnlyList<Entry> Entries,
    ConversationBinding? Binding,
    IReadOnlyList<OutboundMessage> Messages,
    string? EndedMeetingId = null)
{
    /// <summary>Replies kept for the door's own response (<see cref="ChatInput.AnswerInResponse"/>).</summary>
    public IReadOnlyList<string> Answer { get; init; } = [];

    public bool Refused { get; init; }

    /// <summary>The agenda card after the decision, for an input answered in the response.</summary>
    public AgendaCard? Card { get; init; }

    /// <summary>The one atomic change: the messages go into the outbox with it.</summary>
    public StoreChange ToChange(ProcessedMessage? processed) => new()
    {
        Processed = processed,
        Runtime = Runtime,
        Entries = Entries,
        Binding = Binding,
        Outbox = Messages,
    };
}

/// <summary>
/// One decision in the making: the state it reads, the clock as changed so far, and what it has collected. Commands
/// (<c>Engine/Commands</c>) work on it; nothing here reads a store or a clock.
/// </summary>
internal sealed class Turn
{
    // Made when first needed: most inputs (chatter) add nothing.
    private List<Entry>? _entries;
    private List<OutboundMessage>? _messages;
    private List<string>? _answer;
    private bool _refused;
    private ConversationBinding? _newBinding;
    private IReadOnlyList<ConversationBinding> _bindings;

    public Turn(TurnState state)
    {
        State = state;
        Runtime = state.Runtime;
        _bindings = state.Bindings;
        Sender = state.Meeting?.Identify(state.Input.From);
    }

    public TurnState State { get; }

    public ChatInput Input => State.Input;

    public DateTimeOffset Now => State.Now;

    /// <summary>The meeting; only commands of a chat with a meeting run, so they may take it as there.</summary>
    public MeetingDefinition Meeting => State.Meeting!;

    /// <summary>The clock as this decision has changed it so far.</summary>
    public MeetingRuntime? Runtime { get; set; }

    /// <summary>The clock, for inputs that read it (every one but chatter).</summary>
    public MeetingRuntime Clock => Runtime!;

    public Participant? Sender { get; }

    public bool CanRun => Sender?.CanRunMeeting == true;

    public bool IsStaff => Sender?.Role == ParticipantRole.Staff;

    public string? EndedMeetingId { get; set; }

    /// <summary>Entries captured or changed in this decision.</summary>
    public IReadOnlyList<Entry> Entries => (IReadOnlyList<Entry>?)_entries ?? [];

    public void Add(Entry entry) => (_entries ??= []).Add(entry);

    /// <summary>Binds this conversation; later announcements in the decision reach it as a bound chat.</summary>
    public void Bind(ConversationBinding binding)
    {
        _newBinding = binding;
        if (binding.MeetingId == State.Meeting?.Id)
        {
            _bindings = [.. _bindings, binding];
        }
    }

    /// <summary>Answers the sender: in the chat, or in the door's response when the input asks for that (a card click).</summary>
    public void Reply(string text)
    {
        if (Input.AnswerInResponse)
        {
            (_answer ??= []).Add(text);
        }
        else
        {
            Send(new OutboundMessage(Input.Conversation, text, Now, Input.MessageId));
        }
    }

    private void Send(OutboundMessage message) => (_messages ??= []).Add(message);

    /// <summary>
    /// A refusal; when the sender's display name is a participant's but their account is not, it also says which
    /// account to write in the meeting file, the one thing a staff member refused by name needs to know.
    /// </summary>
    public void Refuse(string text, MeetingDefinition of)
    {
        _refused = true;
        Reply(of.ClaimedBy(Input.From) is { } claimed ? text + "\n" + BotText.NotRecognised(claimed.Name, Input.From.Id) : text);
    }

    /// <summary>Meeting-wide news goes to every chat bound to the meeting, this one included.</summary>
    public void Announce(string text)
    {
        var sentHere = false;
        foreach (var b in _bindings)
        {
            sentHere |= b.Address.Channel == Input.Conversation.Channel && b.Address.ConversationId == Input.Conversation.ConversationId;
            Send(new OutboundMessage(b.Address, text, Now));
        }

        if (!sentHere)
        {
            Send(new OutboundMessage(Input.Conversation, text, Now));
        }
    }

    /// <summary>True when the clock can be driven (running or paused); otherwise replies why not.</summary>
    public bool RequireRunning()
    {
        if (Clock.Status is MeetingStatus.Running or MeetingStatus.Paused)
        {
            return true;
        }

        Reply(Gate());
        return false;
    }

    /// <summary>Why a meeting that is not running cannot be driven.</summary>
    public string Gate() => Clock.Status == MeetingStatus.Ended ? BotText.AlreadyEnded : BotText.NotStarted;

    public Decision ToDecision()
    {
        var changed = Runtime is not null && !ReferenceEquals(Runtime, State.Runtime)
            ? Runtime with { NextDueAt = Timebox.NextDue(Meeting, Runtime, State.Settings) }
            : null;
        if (changed is not null && State.Runtime is { } before && AgendaCards.Moved(before, changed))
        {
            foreach (var message in AgendaCards.Updates(Meeting, changed, _bindings.Count > 0 ? [.. _bindings.Select(b => b.Address)] : [Input.Conversation], Now))
            {
                Send(message);
            }
        }

        var card = Input.AnswerInResponse && State.Meeting is { } meeting && (changed ?? Runtime) is { } now ? AgendaCard.Of(meeting, now, Now) : null;
        return new Decision(changed, Entries, _newBinding, (IReadOnlyList<OutboundMessage>?)_messages ?? [], EndedMeetingId)
        {
            Answer = (IReadOnlyList<string>?)_answer ?? [],
            Refused = _refused,
            Card = card,
        };
    }
}
