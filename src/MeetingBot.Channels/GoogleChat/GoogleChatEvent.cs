using System.Text.Json;
using System.Text.Json.Serialization;

namespace MeetingBot.Channels.GoogleChat;

/// <summary>
/// An interaction event Google Chat posts to the app's HTTP endpoint. Only the fields the bot reads are modelled;
/// unknown fields are ignored and names are matched without regard to case, so a change on Google's side that
/// adds fields does not break the endpoint.
/// </summary>
public sealed record GoogleChatEvent
{
    /// <summary><c>MESSAGE</c>, <c>ADDED_TO_SPACE</c>, <c>REMOVED_FROM_SPACE</c>, <c>CARD_CLICKED</c>, …</summary>
    public string? Type { get; init; }

    public string? EventTime { get; init; }

    public GoogleChatSpace? Space { get; init; }

    public GoogleChatMessage? Message { get; init; }

    public GoogleChatUser? User { get; init; }

    /// <summary>A card click or dialog: which function the button named, its parameters, the dialog's inputs.</summary>
    public GoogleChatCommon? Common { get; init; }

    public bool? IsDialogEvent { get; init; }

    /// <summary><c>REQUEST_DIALOG</c>, <c>SUBMIT_DIALOG</c>, <c>CANCEL_DIALOG</c>.</summary>
    public string? DialogEventType { get; init; }
}

public sealed record GoogleChatCommon
{
    public string? InvokedFunction { get; init; }

    public IReadOnlyDictionary<string, string>? Parameters { get; init; }

    /// <summary><c>{name: {stringInputs: {value: [...]}}}</c> for each input of a dialog.</summary>
    public JsonElement? FormInputs { get; init; }

    /// <summary>The first value of the dialog input <paramref name="name"/>, or null.</summary>
    public string? Input(string name) =>
        FormInputs is { ValueKind: JsonValueKind.Object } inputs && inputs.TryGetProperty(name, out var input)
        && input.TryGetProperty("stringInputs", out var strings) && strings.TryGetProperty("value", out var values)
        && values.ValueKind == JsonValueKind.Array && values.GetArrayLength() > 0
            ? values[0].GetString()
            : null;
}

public sealed record GoogleChatSpace
{
    /// <summary><c>spaces/…</c>: the conversation id the bot posts to.</summary>
    public string? Name { get; init; }

    public string? Type { get; init; }

    public string? SpaceType { get; init; }

    public string? DisplayName { get; init; }
}

public sealed record GoogleChatUser
{
    /// <summary><c>users/…</c>: what <c>chatUserId</c> in a meeting file refers to.</summary>
    public string? Name { get; init; }

    public string? DisplayName { get; init; }

    public string? Email { get; init; }

    /// <summary><c>HUMAN</c> or <c>BOT</c>.</summary>
    public string? Type { get; init; }
}

public sealed record GoogleChatMessage
{
    /// <summary><c>spaces/…/messages/…</c>: the de-duplication key.</summary>
    public string? Name { get; init; }

    public string? Text { get; init; }

    /// <summary>The text without the app's @mention; for a slash command, what follows the command.</summary>
    public string? ArgumentText { get; init; }

    public GoogleChatUser? Sender { get; init; }

    public GoogleChatSlashCommand? SlashCommand { get; init; }

    public IReadOnlyList<GoogleChatAnnotation>? Annotations { get; init; }
}

public sealed record GoogleChatSlashCommand
{
    public long? CommandId { get; init; }
}

public sealed record GoogleChatAnnotation
{
    /// <summary><c>USER_MENTION</c>, <c>SLASH_COMMAND</c>, …</summary>
    public string? Type { get; init; }

    public GoogleChatSlashCommandMetadata? SlashCommand { get; init; }
}

public sealed record GoogleChatSlashCommandMetadata
{
    public string? CommandName { get; init; }

    public long? CommandId { get; init; }
}

/// <summary>The JSON shapes of the endpoint: events in, the synchronous reply out.</summary>
public static class GoogleChatJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        // Int64 fields such as commandId arrive as strings in some payloads and as numbers in others.
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The event in <paramref name="body"/>, or null when it is not a JSON object of that shape.</summary>
    public static GoogleChatEvent? Read(ReadOnlySpan<byte> body)
    {
        try
        {
            return JsonSerializer.Deserialize<GoogleChatEvent>(body, Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A synchronous reply: a new message in the space the event came from.</summary>
    public static string Reply(string? text) =>
        text is null ? "{}" : JsonSerializer.Serialize(new MessageBody(text), Options);

    internal sealed record MessageBody(string Text);
}
