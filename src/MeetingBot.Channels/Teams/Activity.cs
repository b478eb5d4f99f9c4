using System.Text.Json;
using System.Text.Json.Serialization;

namespace MeetingBot.Channels.Teams;

/// <summary>
/// The Bot Framework Activity, as much of it as the bot reads or writes. Unknown fields are ignored on the way in
/// and null fields are left out on the way out (see <see cref="TeamsJson.Options"/>).
/// </summary>
public sealed record Activity
{
    public string? Type { get; init; }
    public string? Id { get; init; }
    public DateTimeOffset? Timestamp { get; init; }
    public string? ServiceUrl { get; init; }
    public string? ChannelId { get; init; }
    public ChannelAccount? From { get; init; }
    public ChannelAccount? Recipient { get; init; }
    public ConversationAccount? Conversation { get; init; }
    public string? Text { get; init; }
    public string? TextFormat { get; init; }
    public IReadOnlyList<Entity>? Entities { get; init; }
    public string? ReplyToId { get; init; }
    public JsonElement? ChannelData { get; init; }
    public string? Name { get; init; }
    public JsonElement? Value { get; init; }
    public IReadOnlyList<ChannelAccount>? MembersAdded { get; init; }

    /// <summary>Cards the bot sends (an Adaptive Card); inbound attachments are not read.</summary>
    public IReadOnlyList<Attachment>? Attachments { get; init; }

    /// <summary>Said in notifications and by clients that show no cards.</summary>
    public string? Summary { get; init; }

    /// <summary><c>channelData.tenant.id</c>.</summary>
    [JsonIgnore]
    public string? TenantId => TeamsJson.GetString(ChannelData, "tenant", "id") ?? Conversation?.TenantId;

    /// <summary><c>channelData.meeting.id</c>: the id that <c>/v1/meetings/{id}</c> understands.</summary>
    [JsonIgnore]
    public string? MeetingId => TeamsJson.GetString(ChannelData, "meeting", "id");

    /// <summary><c>channelData.eventType</c>, e.g. <c>editMessage</c>, <c>softDeleteMessage</c>.</summary>
    [JsonIgnore]
    public string? EventType => TeamsJson.GetString(ChannelData, "eventType");
}

public sealed record ChannelAccount
{
    public string? Id { get; init; }
    public string? Name { get; init; }
    public string? AadObjectId { get; init; }
    public string? Role { get; init; }
}

public sealed record ConversationAccount
{
    public string? Id { get; init; }
    public string? Name { get; init; }
    public string? ConversationType { get; init; }
    public string? TenantId { get; init; }
    public bool? IsGroup { get; init; }
}

/// <summary>An activity entity; only mentions are read.</summary>
public sealed record Entity
{
    public string? Type { get; init; }
    public ChannelAccount? Mentioned { get; init; }
    public string? Text { get; init; }
}

/// <summary>A card in an activity: its content type (e.g. <see cref="Cards.AdaptiveCard.ContentType"/>) and content.</summary>
public sealed record Attachment(string ContentType, object Content);

/// <summary>
/// The body of the HTTP 200 that answers an invoke (Universal Actions: <c>adaptiveCard/action</c>): the card the
/// clicking user sees next, or a message.
/// </summary>
public sealed record InvokeResponse(int StatusCode, string Type, object Value)
{
    public const string MessageType = "application/vnd.microsoft.activity.message";
}

/// <summary>The connector's answer to a send: the new activity's id.</summary>
public sealed record ResourceResponse
{
    public string? Id { get; init; }
}

/// <summary>The <c>details</c> part of <c>GET /v1/meetings/{id}</c>.</summary>
public sealed record MeetingDetails
{
    public string? Id { get; init; }
    public string? MsGraphResourceId { get; init; }
    public DateTimeOffset? ScheduledStartTime { get; init; }
    public DateTimeOffset? ScheduledEndTime { get; init; }
    public string? JoinUrl { get; init; }
    public string? Title { get; init; }
    public string? Type { get; init; }
}

public sealed record MeetingInfo
{
    public MeetingDetails? Details { get; init; }
}

public static class ActivityTypes
{
    public const string Message = "message";
    public const string MessageUpdate = "messageUpdate";
    public const string MessageDelete = "messageDelete";
    public const string ConversationUpdate = "conversationUpdate";
    public const string Event = "event";
    public const string Invoke = "invoke";

    /// <summary>The invoke an <c>Action.Execute</c> click sends.</summary>
    public const string AdaptiveCardAction = "adaptiveCard/action";
}

public static class TeamsJson
{
    /// <summary>Web defaults (camelCase, case-insensitive reading), nulls left out when writing.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Follows <paramref name="path"/> through nested objects, matching property names in any case.</summary>
    public static string? GetString(JsonElement? element, params string[] path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (element is not { } current)
            return null;
        foreach (var name in path)
        {
            if (!TryGetProperty(current, name, out current))
                return null;
        }

        return current.ValueKind switch
        {
            JsonValueKind.String => current.GetString(),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => current.GetRawText(),
            _ => null,
        };
    }

    /// <summary>Case-insensitive property lookup: Teams sends meeting event values both as <c>Id</c> and <c>id</c>.</summary>
    public static bool TryGetProperty(JsonElement element, string name, out JsonElement value)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            if (element.TryGetProperty(name, out value))
                return true;
            foreach (var property in element.EnumerateObject())
            {
                if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    value = property.Value;
                    return true;
                }
            }
        }

        value = default;
        return false;
    }
}
