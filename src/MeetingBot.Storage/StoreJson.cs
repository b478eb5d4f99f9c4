using System.Data.Common;
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

/// <summary>Rows both stores read the same way (the PostgreSQL store keeps the SQLite file's columns).</summary>
internal static class StoreRows
{
    /// <summary>An entry from the columns meeting_id, number, kind, item_index, text, author_name, author_id, source_id, captured_at, edited_at, withdrawn.</summary>
    public static Entry ReadEntry(DbDataReader r) => new()
    {
        MeetingId = r.GetString(0),
        Number = r.GetInt32(1),
        Kind = Enum.Parse<EntryKind>(r.GetString(2)),
        ItemIndex = r.GetInt32(3),
        Text = r.GetString(4),
        AuthorName = r.GetString(5),
        AuthorId = r.IsDBNull(6) ? null : r.GetString(6),
        SourceId = r.GetString(7),
        CapturedAt = DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(8)),
        EditedAt = r.IsDBNull(9) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(9)),
        Withdrawn = r.GetInt32(10) != 0,
    };
}
