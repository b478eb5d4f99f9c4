using MeetingBot.Core;
using MeetingBot.Core.Transcripts;

namespace MeetingBot.Channels.Transcripts;

/// <summary>
/// The transcript and attendance files beside a chat replay (SPEC §9): for <c>{stem}.chat.yaml</c>,
/// <c>{stem}.transcript.vtt</c> or <c>{stem}.transcript.json</c> (both is an error: which one is meant?) and
/// <c>{stem}.attendance.json</c>. Null when there are none.
/// </summary>
public static class TranscriptFiles
{
    public static MeetingTranscript? ReadBeside(string chatFile, DateTimeOffset? meetingStart)
    {
        ArgumentNullException.ThrowIfNull(chatFile);
        var folder = Path.GetDirectoryName(chatFile) ?? ".";
        var name = Path.GetFileName(chatFile);
        var stem = name.EndsWith(".chat.yaml", StringComparison.Ordinal) ? name[..^".chat.yaml".Length] : Path.GetFileNameWithoutExtension(name);
        var vtt = Path.Combine(folder, stem + ".transcript.vtt");
        var json = Path.Combine(folder, stem + ".transcript.json");
        var attendance = Path.Combine(folder, stem + ".attendance.json");
        if (File.Exists(vtt) && File.Exists(json))
        {
            throw new MeetingBotException(TranscriptFileTexts.TwoTranscripts(Path.GetFileName(vtt), Path.GetFileName(json)), json);
        }

        var cues = File.Exists(vtt) ? WebVttReader.ReadFile(vtt, meetingStart)
            : File.Exists(json) ? TranscriptJsonReader.ReadMeetEntriesFile(json)
            : null;
        var records = File.Exists(attendance) ? TranscriptJsonReader.ReadAttendanceFile(attendance) : null;
        return cues is null && records is null ? null : new MeetingTranscript(cues ?? [], records ?? []);
    }
}
