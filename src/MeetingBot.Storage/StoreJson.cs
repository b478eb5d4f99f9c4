using System.Text.Json;
using System.Text.Json.Serialization;
using MeetingBot.Core;

namespace MeetingBot.Storage;

/// <summary>How definitions and clock state are kept inside a row: JSON, so a new field needs no migration.</summary>
internal static class StoreJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Read<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new MeetingBotException("저장소의 데이터가 손상되었습니다.");
}
