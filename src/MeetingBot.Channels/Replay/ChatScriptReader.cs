using System.Globalization;
using MeetingBot.Core;
using MeetingBot.Yaml;

namespace MeetingBot.Channels.Replay;

/// <summary>
/// Reads <c>*.chat.yaml</c> replay files (SPEC §5) against their meeting. Every problem is a
/// <see cref="MeetingBotException"/> naming the file, line and field (<c>messages[3].from</c>, 1-based like default ids).
/// </summary>
public static class ChatScriptReader
{
    public const string FilePattern = "*.chat.yaml";

    private static readonly string[] ScriptFields = ["meeting", "messages"];
    private static readonly string[] MessageFields = ["id", "at", "from", "text", "edit", "delete"];
    private static readonly string[] LocalTimeFormats = ["HH:mm:ss", "HH:mm", "H:mm:ss", "H:mm"];

    /// <param name="findMeeting">Looks a meeting up by id; <c>null</c> when there is none.</param>
    public static ChatScript Parse(string yaml, string fileName, Func<string, MeetingDefinition?> findMeeting)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(findMeeting);

        var root = YamlMap.LoadRoot(yaml, fileName);
        root.RejectUnknownFields(ScriptFields);

        var meetingId = root.RequiredText("meeting");
        var meeting = findMeeting(meetingId)
            ?? throw root.Error(ChatScriptTexts.UnknownMeeting(meetingId), root.ValueNode("meeting"), "meeting");
        var zone = FindZone(meeting)
            ?? throw root.Error(ChatScriptTexts.UnknownTimeZone(meeting.Id, meeting.TimeZoneId), root.ValueNode("meeting"), "meeting");
        var meetingDate = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(meeting.Start, zone).DateTime);

        var list = root.RequiredList("messages");
        var messages = new List<ScriptMessage>(list.Children.Count);
        var earlierIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var map in root.Maps(list, "messages"))
        {
            map.RejectUnknownFields(MessageFields);
            var id = map.Has("id") ? map.RequiredText("id") : (messages.Count + 1).ToString(CultureInfo.InvariantCulture);

            var at = ReadAt(map, zone, meetingDate);
            if (messages.Count > 0 && at < messages[^1].At)
            {
                var previous = messages[^1];
                throw map.Error(
                    ChatScriptTexts.OutOfOrder(TimeZoneInfo.ConvertTime(at, zone), TimeZoneInfo.ConvertTime(previous.At, zone), previous.Line),
                    map.ValueNode("at"),
                    map.FieldPath("at"));
            }

            var fromText = map.RequiredText("from");
            var from = FindSender(meeting, fromText)
                ?? throw map.Error(ChatScriptTexts.UnknownParticipant(fromText, meeting.Id), map.ValueNode("from"), map.FieldPath("from"));

            var edit = ReadTarget(map, "edit", earlierIds);
            var delete = ReadTarget(map, "delete", earlierIds);
            if (edit is not null && delete is not null)
            {
                throw map.Error(ChatScriptTexts.EditAndDelete, map.ValueNode("delete"), map.FieldPath("delete"));
            }

            // A deleted message has nothing left to say; everything else must carry the text the platform delivered.
            var text = delete is null ? map.RequiredText("text") : map.OptionalText("text") ?? "";

            earlierIds.Add(id);
            messages.Add(new ScriptMessage(id, at, from, text, edit, delete, map.Line));
        }

        return new ChatScript(fileName, meeting.Id, messages);
    }

    public static ChatScript Read(string path, Func<string, MeetingDefinition?> findMeeting)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Parse(YamlMap.ReadFile(path), path, findMeeting);
    }

    private static DateTimeOffset ReadAt(YamlMap map, TimeZoneInfo zone, DateOnly meetingDate)
    {
        var text = map.RequiredText("at");
        if (TimeOnly.TryParseExact(text, LocalTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            var local = meetingDate.ToDateTime(time, DateTimeKind.Unspecified);
            if (zone.IsInvalidTime(local))
            {
                throw map.Error(ChatScriptTexts.NonexistentLocalTime(text), map.ValueNode("at"), map.FieldPath("at"));
            }

            return new DateTimeOffset(local, zone.GetUtcOffset(local));
        }

        return IsoInstant.TryParse(text, out var instant)
            ? instant
            : throw map.Error(ChatScriptTexts.NotTime(text), map.ValueNode("at"), map.FieldPath("at"));
    }

    private static string? ReadTarget(YamlMap map, string key, HashSet<string> earlierIds)
    {
        if (!map.Has(key))
        {
            return null;
        }

        var target = map.RequiredText(key);
        return earlierIds.Contains(target)
            ? target
            : throw map.Error(ChatScriptTexts.UnknownTarget(target), map.ValueNode(key), map.FieldPath(key));
    }

    /// <summary>
    /// <c>from:</c> names a participant by <c>chatUserId</c> or by name, whether or not it has a <c>chatUserId</c>:
    /// the operator wrote this file, so a name here is as good as an id (unlike a display name in a live chat).
    /// </summary>
    private static Participant? FindSender(MeetingDefinition meeting, string from) =>
        meeting.Participants.FirstOrDefault(p => string.Equals(p.ChatUserId, from, StringComparison.Ordinal))
        ?? meeting.Participants.FirstOrDefault(p => string.Equals(p.Name, from, StringComparison.Ordinal));

    private static TimeZoneInfo? FindZone(MeetingDefinition meeting)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(meeting.TimeZoneId);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
        {
            return null;
        }
    }
}
