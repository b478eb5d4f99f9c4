using MeetingBot.Core.Engine.Commands;

namespace MeetingBot.Core.Engine;

/// <summary>What a chat input asks the store for before its decision: the parsed text and the reads its command needs.</summary>
public readonly record struct StateQuery(ParsedMessage Parsed, bool ReadsClock, StateNeeds Needs, int? EntryNumber, string? EntrySource, string? BindTarget);

/// <summary>
/// The engine's decisions, pure: <see cref="Decide"/> turns an input and the state it read into the change and the
/// messages; each command is its own small type in <c>Engine/Commands</c>. <see cref="Query"/> says what to read first.
/// </summary>
public static class Decider
{
    private static readonly Dictionary<Command, ChatCommand> ByCommand = new()
    {
        [Command.Start] = new Start(),
        [Command.Next] = new Next(),
        [Command.Previous] = new Previous(),
        [Command.Goto] = new Goto(),
        [Command.Extend] = new Extend(),
        [Command.Pause] = new Pause(),
        [Command.Resume] = new Resume(),
        [Command.End] = new End(),
        [Command.Agenda] = new Agenda(),
        [Command.Status] = new Status(),
        [Command.Withdraw] = new Withdraw(),
        [Command.Bind] = new Bind(),
        [Command.PauseCapture] = new PauseCapture(),
        [Command.ResumeCapture] = new ResumeCapture(),
        [Command.Help] = new Help(),
        [Command.Unknown] = new Help(),
    };

    private static ParsedMessage Parse(ChatInput input) => input.Kind == ChatInputKind.Message ? ChatGrammar.Parse(input.Text) : Chatter.Instance;

    /// <summary>What <paramref name="input"/>'s decision reads. Chatter reads no clock: sparing it that read is much of what chatter costs.</summary>
    public static StateQuery Query(ChatInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var parsed = Parse(input);
        var command = parsed as CommandMessage;
        var needs = input.Kind switch
        {
            ChatInputKind.MeetingStarted => ByCommand[Command.Start].Needs,
            ChatInputKind.MeetingEnded => ByCommand[Command.End].Needs,
            ChatInputKind.Edit or ChatInputKind.Delete => StateNeeds.EntryBySource,
            ChatInputKind.Message when command is not null => ByCommand[command.Command].Needs,
            _ => StateNeeds.None,
        };
        return new StateQuery(
            parsed,
            ReadsClock: !(input.Kind == ChatInputKind.Message && parsed is Chatter),
            needs,
            needs.HasFlag(StateNeeds.EntryByNumber) ? Withdraw.Number(command!.Argument) : null,
            needs.HasFlag(StateNeeds.EntryBySource) ? Edit.SourceId(input) : null,
            needs.HasFlag(StateNeeds.BindTarget) && command!.Argument.Trim() is { Length: > 0 } id ? id : null);
    }

    /// <summary>Decides one chat input over the state it read.</summary>
    public static Decision Decide(TurnState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var turn = new Turn(state);
        var parsed = Parse(state.Input);
        if (state.Binding is { } binding)
        {
            Bound(turn, parsed, binding);
        }
        else
        {
            Unbound(turn, parsed);
        }

        return turn.ToDecision();
    }

    /// <summary>A clock tick for one due meeting.</summary>
    public static Decision Tick(MeetingDefinition meeting, MeetingRuntime runtime, IReadOnlyList<ConversationBinding> bindings, TimeboxSettings settings, DateTimeOffset now) =>
        Engine.Commands.Tick.Decide(meeting, runtime, bindings, settings, now);

    /// <summary>A system command: ties <paramref name="conversation"/> to a meeting unless it already is.</summary>
    public static Decision BindConversation(ConversationBinding? existing, ConversationAddress conversation, string meetingId, DateTimeOffset now) =>
        Engine.Commands.BindConversation.Decide(existing, conversation, meetingId, now);

    private static void Unbound(Turn turn, ParsedMessage parsed)
    {
        var state = turn.State;
        if (parsed is CommandMessage { Command: Command.Bind } bind)
        {
            ByCommand[Command.Bind].Decide(turn, bind);
            return;
        }

        if (state.Meeting is { } meeting)
        {
            // The platform told us which meeting this chat belongs to (e.g. a Teams meeting matched by join URL).
            var binding = new ConversationBinding(state.Input.Conversation, meeting.Id, state.Now);
            turn.Bind(binding);
            Bound(turn, parsed, binding);
            return;
        }

        if (state.Input.Kind == ChatInputKind.BotAdded)
        {
            turn.Reply(BotText.Greeting + "\n" + BotText.Unbound);
        }
        else if (parsed is not Chatter || (state.Input.Kind == ChatInputKind.Message && state.Input.AddressedToBot))
        {
            turn.Reply(BotText.Unbound);
        }
    }

    private static void Bound(Turn turn, ParsedMessage parsed, ConversationBinding binding)
    {
        if (turn.State.Meeting is null)
        {
            // The binding points at a meeting whose file was removed: say so instead of failing silently.
            if (parsed is not Chatter)
            {
                turn.Reply(BotText.UnknownMeeting(binding.MeetingId));
            }

            return;
        }

        Action<Turn>? platformEvent = turn.Input.Kind switch
        {
            ChatInputKind.MeetingStarted => Start.Started,
            ChatInputKind.MeetingEnded => End.Ended,
            ChatInputKind.BotAdded => Help.Added,
            ChatInputKind.Edit => Edit.Decide,
            ChatInputKind.Delete => Delete.Decide,
            _ => null,
        };
        if (platformEvent is null)
        {
            Message(turn, parsed);
        }
        else
        {
            platformEvent(turn);
        }
    }

    private static void Message(Turn turn, ParsedMessage parsed)
    {
        switch (parsed)
        {
            case TagMessage tag:
                Tag.Capture(turn, tag);
                break;
            case CommandMessage message:
                var command = ByCommand[message.Command];
                if (command.RunsMeeting && !turn.CanRun)
                {
                    turn.Refuse(BotText.Refused(message.Command), turn.Meeting);
                }
                else
                {
                    command.Decide(turn, message);
                }

                break;
            default:
                break;
        }
    }
}
