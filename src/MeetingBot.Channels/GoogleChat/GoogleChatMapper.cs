using MeetingBot.Core;
using MeetingBot.Core.Cards;

namespace MeetingBot.Channels.GoogleChat;

/// <summary>Google Chat interaction events as engine inputs.</summary>
public static class GoogleChatMapper
{
    /// <summary>The <see cref="ConversationAddress.Channel"/> of Google Chat spaces.</summary>
    public const string Channel = "googlechat";

    /// <summary>
    /// The slash commands as registered in the Cloud console (manifests/google-chat): id → the command the grammar
    /// knows. Mapping by id keeps commands working whatever name the console accepted for them.
    /// </summary>
    public static IReadOnlyDictionary<long, string> SlashCommands { get; } = new Dictionary<long, string>
    {
        [1] = "/시작",
        [2] = "/다음",
        [3] = "/이전",
        [4] = "/이동",
        [5] = "/연장",
        [6] = "/일시정지",
        [7] = "/재개",
        [8] = "/종료",
        [9] = "/안건",
        [10] = "/상태",
        [11] = "/철회",
        [12] = "/연결",
        [13] = "/도움말",
    };

    /// <summary>
    /// The inputs an event stands for: a message, the app being added (with the message that added it, if any), or
    /// nothing (removal, card clicks, messages from other apps, events without a space).
    /// </summary>
    public static IReadOnlyList<ChatInput> Map(GoogleChatEvent chatEvent)
    {
        ArgumentNullException.ThrowIfNull(chatEvent);
        if (chatEvent.Space?.Name is not { Length: > 0 } space)
        {
            return [];
        }

        var conversation = new ConversationAddress(Channel, space);
        var inputs = new List<ChatInput>(2);
        switch (chatEvent.Type)
        {
            case "ADDED_TO_SPACE":
                inputs.Add(new ChatInput
                {
                    Conversation = conversation,
                    MessageId = $"added:{chatEvent.EventTime ?? chatEvent.Message?.Name ?? space}",
                    Kind = ChatInputKind.BotAdded,
                    From = UserOf(chatEvent.User),
                });
                break;
            case "MESSAGE":
                break;
            default:
                return [];
        }

        // An app added by @mentioning it in a space receives that first message inside ADDED_TO_SPACE.
        if (MessageInput(chatEvent, conversation) is { } message)
        {
            inputs.Add(message);
        }

        return inputs;
    }

    /// <summary>
    /// What the user said to the bot: a slash command rebuilt as <c>/command argument</c>, else the text without the
    /// @mention (<c>argumentText</c>), else the full text.
    /// </summary>
    public static string TextOf(GoogleChatMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var argument = (message.ArgumentText ?? message.Text ?? "").Trim();
        var command = CommandOf(message);
        if (command is null || argument.StartsWith('/'))
        {
            return argument;
        }

        return argument.Length == 0 ? command : $"{command} {argument}";
    }

    /// <summary>
    /// A card click or dialog submission (<c>CARD_CLICKED</c>) as the command it stands for, answered in the response
    /// (<see cref="ChatInput.AnswerInResponse"/>); the button that opens the form asks for the agenda (<c>/안건</c>),
    /// whose card the dialog is built from. Null for a function no card carries. The id is the event's own: the same
    /// click redelivered is the same input.
    /// </summary>
    public static ChatInput? Click(GoogleChatEvent chatEvent)
    {
        ArgumentNullException.ThrowIfNull(chatEvent);
        if (chatEvent.Type != "CARD_CLICKED" || chatEvent.Space?.Name is not { Length: > 0 } space)
        {
            return null;
        }

        var common = chatEvent.Common;
        var function = common?.InvokedFunction ?? common?.Parameters?.GetValueOrDefault("verb");
        var text = function == GoogleChatCards.OpenFormFunction
            ? "/안건"
            : CardActions.CommandText(function, common?.Input(CardActions.ItemField), common?.Input(CardActions.KindField), common?.Input(CardActions.TextField));
        if (text is null)
        {
            return null;
        }

        var key = string.Join('\u001f', space, chatEvent.User?.Name ?? "", chatEvent.EventTime ?? "", function, chatEvent.Message?.Name ?? "", chatEvent.DialogEventType ?? "");
        return new ChatInput
        {
            Conversation = new ConversationAddress(Channel, space),
            MessageId = "click:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)))[..32],
            From = UserOf(chatEvent.User),
            Text = text,
            AddressedToBot = true,
            AnswerInResponse = true,
        };
    }

    private static ChatInput? MessageInput(GoogleChatEvent chatEvent, ConversationAddress conversation)
    {
        var message = chatEvent.Message;
        if (message?.Name is not { Length: > 0 } name)
        {
            return null;
        }

        var sender = message.Sender ?? chatEvent.User;
        if (string.Equals(sender?.Type, "BOT", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return new ChatInput
        {
            Conversation = conversation,
            MessageId = name,
            From = UserOf(sender),
            Text = TextOf(message),
        };
    }

    private static string? CommandOf(GoogleChatMessage message)
    {
        var annotation = message.Annotations?.FirstOrDefault(a => a.SlashCommand is not null)?.SlashCommand;
        var id = message.SlashCommand?.CommandId ?? annotation?.CommandId;
        if (id is { } known && SlashCommands.TryGetValue(known, out var command))
        {
            return command;
        }

        var named = annotation?.CommandName?.Trim();
        return string.IsNullOrEmpty(named) ? null : named.StartsWith('/') ? named : "/" + named;
    }

    private static ChatUser UserOf(GoogleChatUser? user) =>
        new(user?.Name ?? "", user?.DisplayName ?? user?.Name ?? "");
}
