using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using MeetingBot.Core;
using MeetingBot.Core.Cards;

namespace MeetingBot.Channels.Teams;

/// <summary>Turns a Teams activity into the engine's <see cref="ChatInput"/>; activities the engine has no use for map to null.</summary>
public static partial class ActivityMapper
{
    public const string Channel = "msteams";
    public const string MeetingStartEvent = "application/vnd.microsoft.meetingStart";
    public const string MeetingEndEvent = "application/vnd.microsoft.meetingEnd";

    public static ChatInput? Map(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (activity.Conversation?.Id is not { Length: > 0 } conversationId)
            return null;

        var address = new ConversationAddress(Channel, conversationId, activity.ServiceUrl);
        var from = ToUser(activity.From);
        var type = activity.Type ?? "";

        if (Is(type, ActivityTypes.Invoke))
        {
            return Is(activity.Name, ActivityTypes.AdaptiveCardAction) && activity.Id is { Length: > 0 } invokeId
                && ClickedText(TeamsJson.GetString(activity.Value, "action", "verb"), activity.Value is { } v && TeamsJson.TryGetProperty(v, "action", out var a) && TeamsJson.TryGetProperty(a, "data", out var d) ? d : null) is { } clicked
                ? new ChatInput
                {
                    Conversation = address,
                    MessageId = invokeId,
                    From = from,
                    Text = clicked,
                    AddressedToBot = true,
                    AnswerInResponse = true,
                }
                : null;
        }

        if (Is(type, ActivityTypes.Message) && activity.Id is { Length: > 0 } submitId && string.IsNullOrWhiteSpace(activity.Text)
            && ClickedText(TeamsJson.GetString(activity.Value, Cards.AgendaAdaptiveCard.VerbKey), activity.Value) is { } submitted)
        {
            // Action.Submit, the fallback where Action.Execute is not rendered: the same click, answered in the chat.
            return new ChatInput
            {
                Conversation = address,
                MessageId = submitId,
                From = from,
                Text = submitted,
                AddressedToBot = true,
            };
        }

        if (Is(type, ActivityTypes.Message) && activity.Id is { Length: > 0 } messageId)
        {
            return new ChatInput
            {
                Conversation = address,
                MessageId = messageId,
                From = from,
                Text = CleanText(activity),
                AddressedToBot = MentionsBot(activity) || IsPersonal(activity),
            };
        }

        if (Is(type, ActivityTypes.MessageUpdate) && activity.Id is { Length: > 0 } editedId)
        {
            // An undelete restores the old text, which the engine never lost; nothing to do.
            if (Is(activity.EventType, "undeleteMessage"))
                return null;
            var text = CleanText(activity);
            return new ChatInput
            {
                Conversation = address,
                // Each edit is a new event; the same edit redelivered must still be recognised.
                MessageId = $"edit:{editedId}:{ShortHash(text)}",
                Kind = ChatInputKind.Edit,
                From = from,
                Text = text,
                TargetMessageId = editedId,
            };
        }

        if (Is(type, ActivityTypes.MessageDelete) && activity.Id is { Length: > 0 } deletedId)
        {
            return new ChatInput
            {
                Conversation = address,
                MessageId = $"delete:{deletedId}",
                Kind = ChatInputKind.Delete,
                From = from,
                TargetMessageId = deletedId,
            };
        }

        if (Is(type, ActivityTypes.ConversationUpdate) && BotWasAdded(activity))
        {
            return new ChatInput
            {
                Conversation = address,
                MessageId = activity.Id is { Length: > 0 } id ? id : $"botAdded:{conversationId}:{activity.Recipient?.Id}",
                Kind = ChatInputKind.BotAdded,
                From = from,
            };
        }

        if (Is(type, ActivityTypes.Event))
        {
            var kind = Is(activity.Name, MeetingStartEvent) ? ChatInputKind.MeetingStarted
                : Is(activity.Name, MeetingEndEvent) ? ChatInputKind.MeetingEnded
                : (ChatInputKind?)null;
            if (kind is null)
                return null;
            var meetingKey = TeamsJson.GetString(activity.Value, "Id") ?? activity.MeetingId ?? conversationId;
            return new ChatInput
            {
                Conversation = address,
                MessageId = activity.Id is { Length: > 0 } id ? id : $"{(kind == ChatInputKind.MeetingStarted ? "meetingStart" : "meetingEnd")}:{meetingKey}",
                Kind = kind.Value,
                From = from,
                Text = TeamsJson.GetString(activity.Value, "Title") ?? "",
            };
        }

        return null;
    }

    /// <summary>The command a card click stands for (<see cref="CardActions.CommandText"/>), the form's inputs read from <paramref name="data"/>.</summary>
    private static string? ClickedText(string? verb, System.Text.Json.JsonElement? data) =>
        CardActions.CommandText(
            verb,
            TeamsJson.GetString(data, CardActions.ItemField),
            TeamsJson.GetString(data, CardActions.KindField),
            TeamsJson.GetString(data, CardActions.TextField));

    /// <summary><c>channelData.meeting.id</c>, for looking the meeting up (<c>GET /v1/meetings/{id}</c>) and binding it.</summary>
    public static string? MeetingId(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return activity.MeetingId;
    }

    /// <summary>The join URL carried by a meeting start/end event, when Teams sends one.</summary>
    public static string? MeetingJoinUrl(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return Is(activity.Type, ActivityTypes.Event) ? TeamsJson.GetString(activity.Value, "JoinUrl") : null;
    }

    /// <summary>Whether the activity @mentions the bot (its recipient).</summary>
    public static bool MentionsBot(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return BotMentions(activity).Any();
    }

    /// <summary>Personal (1:1) chats reach the bot without a mention.</summary>
    public static bool IsPersonal(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return Is(activity.Conversation?.ConversationType, "personal");
    }

    /// <summary>The message text as the user typed it: the bot's mention removed, Teams' HTML undone.</summary>
    public static string CleanText(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var text = activity.Text ?? "";
        foreach (var mention in BotMentions(activity))
        {
            if (mention.Text is { Length: > 0 } mentionText && text.Contains(mentionText, StringComparison.Ordinal))
                text = text.Replace(mentionText, " ", StringComparison.Ordinal);
            else if (mention.Mentioned?.Name is { Length: > 0 } name)
                text = Regex.Replace(text, $"<at[^>]*>\\s*{Regex.Escape(name)}\\s*</at>", " ", RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));
        }

        text = LineBreak().Replace(text, "\n");
        text = Tag().Replace(text, "");
        text = WebUtility.HtmlDecode(text).Replace('\u00A0', ' ');
        text = SpaceRun().Replace(text, " ");
        text = SpaceAroundNewline().Replace(text, "\n");
        return text.Trim();
    }

    private static IEnumerable<Entity> BotMentions(Activity activity)
    {
        var botId = activity.Recipient?.Id;
        if (string.IsNullOrEmpty(botId) || activity.Entities is null)
            return [];
        return activity.Entities.Where(e =>
            Is(e.Type, "mention") && string.Equals(e.Mentioned?.Id, botId, StringComparison.OrdinalIgnoreCase));
    }

    private static bool BotWasAdded(Activity activity)
    {
        var botId = activity.Recipient?.Id;
        return !string.IsNullOrEmpty(botId)
            && activity.MembersAdded?.Any(m => string.Equals(m.Id, botId, StringComparison.OrdinalIgnoreCase)) == true;
    }

    private static ChatUser ToUser(ChannelAccount? account) =>
        new(account?.Id ?? "", account?.Name ?? "");

    private static bool Is(string? value, string expected) =>
        string.Equals(value, expected, StringComparison.OrdinalIgnoreCase);

    private static string ShortHash(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];

    [GeneratedRegex(@"<br\s*/?>|</p>\s*<p[^>]*>|</div>\s*<div[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex LineBreak();

    [GeneratedRegex(@"</?[a-zA-Z][a-zA-Z0-9]*(\s[^<>]*)?/?>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"[ \t]{2,}")]
    private static partial Regex SpaceRun();

    [GeneratedRegex(@"[ \t]*\n[ \t]*")]
    private static partial Regex SpaceAroundNewline();
}
