using MeetingBot.Core;
using MeetingBot.Core.Engine;

namespace MeetingBot.Channels.Replay;

/// <summary>What the bot posted during a replay, with the message it answered (null for clock warnings).</summary>
public sealed record TranscriptLine(DateTimeOffset At, string MeetingId, OutboundMessage Message, ScriptMessage? Trigger);

/// <summary>
/// Replays chat scripts through the live engine and store on a <see cref="SimulatedClock"/>: messages from all scripts
/// in time order, and before each one every timebox warning that fell due, fired at its own simulated time.
/// </summary>
public sealed class ReplayRunner(MeetingEngine engine, IMeetingStore store, SimulatedClock clock)
{
    public const string Channel = "replay";

    public async Task<IReadOnlyList<TranscriptLine>> RunAsync(IReadOnlyList<ChatScript> scripts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scripts);
        var transcript = new List<TranscriptLine>();
        var conversations = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var script in scripts)
        {
            // A replay file is one meeting's chat, bound to it as a platform would bind the meeting chat.
            var address = Conversation(script);
            conversations[address.ConversationId] = script.MeetingId;
            if (await store.FindBindingAsync(Channel, address.ConversationId, cancellationToken).ConfigureAwait(false) is null)
            {
                await engine.BindAsync(address, script.MeetingId, cancellationToken).ConfigureAwait(false);
            }
        }

        var messages = scripts
            .SelectMany((s, order) => s.Messages.Select((m, position) => (Script: s, Message: m, Order: order, Position: position)))
            .OrderBy(x => x.Message.At)
            .ThenBy(x => x.Order)
            .ThenBy(x => x.Position);

        foreach (var (script, message, _, _) in messages)
        {
            await FireDueWarningsAsync(message.At, transcript, conversations, cancellationToken).ConfigureAwait(false);
            clock.MoveTo(message.At);
            var result = await engine.HandleAsync(ToInput(script, message), cancellationToken).ConfigureAwait(false);
            transcript.AddRange(result.Messages.Select(m => new TranscriptLine(clock.GetUtcNow(), script.MeetingId, m, message)));
        }

        return transcript;
    }

    /// <summary>Where a replayed chat is held: its own conversation of the <see cref="Channel"/> channel.</summary>
    public static ConversationAddress Conversation(ChatScript script)
    {
        ArgumentNullException.ThrowIfNull(script);
        return new ConversationAddress(Channel, script.ConversationId);
    }

    public static ChatInput ToInput(ChatScript script, ScriptMessage message)
    {
        ArgumentNullException.ThrowIfNull(script);
        ArgumentNullException.ThrowIfNull(message);
        var kind = message.Delete is not null ? ChatInputKind.Delete
            : message.Edit is not null ? ChatInputKind.Edit
            : ChatInputKind.Message;
        return new ChatInput
        {
            Conversation = Conversation(script),
            MessageId = message.Id,
            Kind = kind,
            TargetMessageId = message.Delete ?? message.Edit,
            From = Sender(message.From),
            Text = message.Text,
        };
    }

    /// <summary>
    /// A participant as the sender of a replayed message: by its <c>chatUserId</c> when it has one, otherwise by a name
    /// the replay vouches for, as the chat file is the operator's own (a live chat's display name never is).
    /// </summary>
    public static ChatUser Sender(Participant participant)
    {
        ArgumentNullException.ThrowIfNull(participant);
        return new ChatUser(participant.ChatUserId ?? participant.Name, participant.Name) { NameVouched = true };
    }

    private async Task FireDueWarningsAsync(DateTimeOffset until, List<TranscriptLine> transcript, Dictionary<string, string> conversations, CancellationToken cancellationToken)
    {
        // Ask the store for the earliest due time, move there, tick: warnings carry their own simulated times.
        while (await NextDueAsync(cancellationToken).ConfigureAwait(false) is { } due && due <= until)
        {
            clock.MoveTo(due);
            foreach (var message in await engine.TickAsync(cancellationToken).ConfigureAwait(false))
            {
                var meetingId = conversations.GetValueOrDefault(message.To.ConversationId, "");
                transcript.Add(new TranscriptLine(clock.GetUtcNow(), meetingId, message, null));
            }
        }
    }

    private async Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken)
    {
        DateTimeOffset? earliest = null;
        foreach (var meeting in await store.ListMeetingsAsync(cancellationToken).ConfigureAwait(false))
        {
            if (meeting.Status != MeetingStatus.Running)
            {
                continue;
            }

            var runtime = await store.GetRuntimeAsync(meeting.Id, cancellationToken).ConfigureAwait(false);
            if (runtime?.NextDueAt is { } due && (earliest is null || due < earliest))
            {
                earliest = due;
            }
        }

        return earliest;
    }
}
