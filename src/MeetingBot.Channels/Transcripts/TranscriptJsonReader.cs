using System.Globalization;
using System.Text.Json;
using MeetingBot.Core;
using MeetingBot.Core.Transcripts;

namespace MeetingBot.Channels.Transcripts;

/// <summary>
/// Reads the platforms' JSON shapes as files: <c>{stem}.transcript.json</c> in the Meet REST API's
/// <c>transcripts.entries.list</c> shape (<c>transcriptEntries</c>, with the <c>participants</c> of
/// <c>participants.list</c> beside them to name the speakers), and <c>{stem}.attendance.json</c> in Microsoft Graph's
/// <c>attendanceRecords</c> shape (<c>value</c> or <c>attendanceRecords</c>, or a bare array). A syntax error names the
/// file and line; a missing or bad field names the file and the field's path (<c>transcriptEntries[2].startTime</c>).
/// </summary>
public static class TranscriptJsonReader
{
    public static IReadOnlyList<TranscriptCue> ReadMeetEntriesFile(string path) => ReadMeetEntries(ReadText(path), path);

    public static IReadOnlyList<AttendanceRecord> ReadAttendanceFile(string path) => ReadAttendance(ReadText(path), path);

    public static IReadOnlyList<TranscriptCue> ReadMeetEntries(string json, string file)
    {
        using var document = Parse(json, file);
        var root = document.RootElement;
        // Google Chat knows a signed-in person as users/{id}, the chatUserId a meeting file writes: the speaker's id.
        var names = new Dictionary<string, (string Display, string? User)>(StringComparer.Ordinal);
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("participants", out var participants) && participants.ValueKind == JsonValueKind.Array)
        {
            foreach (var participant in participants.EnumerateArray())
            {
                if (Text(participant, "name") is { } name && MeetDisplayName(participant) is { } display)
                {
                    var user = participant.TryGetProperty("signedinUser", out var signedIn) && signedIn.ValueKind == JsonValueKind.Object ? Text(signedIn, "user") : null;
                    names[name] = (display, user);
                }
            }
        }

        var entries = Array(root, "transcriptEntries", file);
        var cues = new List<TranscriptCue>();
        var index = 0;
        foreach (var entry in entries.EnumerateArray())
        {
            var at = $"transcriptEntries[{index++}]";
            var name = Text(entry, "name") ?? throw Field(file, $"{at}.name", TranscriptFileTexts.Missing("name"));
            var participant = Text(entry, "participant");
            var start = Instant(entry, "startTime", at, file);
            var end = Instant(entry, "endTime", at, file);
            var speaker = participant is not null && names.TryGetValue(participant, out var known) ? known : ("", null);
            cues.Add(new TranscriptCue(name[(name.LastIndexOf('/') + 1)..], speaker.Display, start, end, Text(entry, "text") ?? "", speaker.User ?? participant));
        }

        return cues;
    }

    public static IReadOnlyList<AttendanceRecord> ReadAttendance(string json, string file)
    {
        using var document = Parse(json, file);
        var root = document.RootElement;
        var (records, field) = root.ValueKind == JsonValueKind.Array ? (root, "")
            : root.TryGetProperty("attendanceRecords", out _) ? (Array(root, "attendanceRecords", file), "attendanceRecords")
            : (Array(root, "value", file), "value");
        var list = new List<AttendanceRecord>();
        var index = 0;
        foreach (var record in records.EnumerateArray())
        {
            var at = $"{field}[{index++}]";
            var identity = record.TryGetProperty("identity", out var i) && i.ValueKind == JsonValueKind.Object ? i : default;
            var name = (identity.ValueKind == JsonValueKind.Object ? Text(identity, "displayName") : null)
                ?? Text(record, "emailAddress")
                ?? throw Field(file, $"{at}.identity.displayName", TranscriptFileTexts.Missing("identity.displayName"));
            if (!record.TryGetProperty("totalAttendanceInSeconds", out var secondsElement)
                || !secondsElement.TryGetDouble(out var seconds) || seconds < 0)
            {
                throw Field(file, $"{at}.totalAttendanceInSeconds", TranscriptFileTexts.NotDuration(secondsElement.ValueKind == JsonValueKind.Undefined ? "" : secondsElement.ToString()));
            }

            list.Add(new AttendanceRecord(name, TimeSpan.FromSeconds(seconds), identity.ValueKind == JsonValueKind.Object ? Text(identity, "id") : null));
        }

        return list;
    }

    private static string ReadText(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return new FileInfo(path).Length > WebVttReader.MaxBytes
            ? throw new MeetingBotException(TranscriptFileTexts.TooLarge(WebVttReader.MaxBytes), path)
            : File.ReadAllText(path);
    }

    private static JsonDocument Parse(string json, string file)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return JsonDocument.Parse(json.TrimStart('\uFEFF'), new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            throw new MeetingBotException(TranscriptFileTexts.NotJson(ex.Message), file, (int)(ex.LineNumber ?? 0) + 1);
        }
    }

    private static JsonElement Array(JsonElement root, string name, string file) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array
            ? array
            : throw Field(file, name, TranscriptFileTexts.Missing(name));

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;

    private static DateTimeOffset Instant(JsonElement entry, string name, string at, string file)
    {
        var value = Text(entry, name) ?? throw Field(file, $"{at}.{name}", TranscriptFileTexts.Missing(name));
        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant) && (value.EndsWith('Z') || value.Contains('+', StringComparison.Ordinal) || value.LastIndexOf('-') > 9)
            ? instant
            : throw Field(file, $"{at}.{name}", TranscriptFileTexts.NotInstant(name, value));
    }

    /// <summary>A Meet participant's name: signed-in, anonymous or phone user.</summary>
    public static string? MeetDisplayName(JsonElement participant)
    {
        foreach (var kind in new[] { "signedinUser", "anonymousUser", "phoneUser" })
        {
            if (participant.TryGetProperty(kind, out var user) && user.ValueKind == JsonValueKind.Object && Text(user, "displayName") is { } name)
            {
                return name;
            }
        }

        return null;
    }

    private static MeetingBotException Field(string file, string field, string message) => new(message, file, field: field);
}
