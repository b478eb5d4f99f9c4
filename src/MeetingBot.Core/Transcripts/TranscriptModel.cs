namespace MeetingBot.Core.Transcripts;

/// <summary>
/// One cue of a platform's transcript, neutral of the platform: who spoke (<see cref="SpeakerName"/> as the platform
/// shows it, and its user id when it gives one — a Teams AAD object id, a Meet participant), when, and the words.
/// <see cref="Id"/> is the platform's cue id (VTT cue identifier, Meet entry name), the remark's source in the report.
/// </summary>
public sealed record TranscriptCue(string Id, string SpeakerName, DateTimeOffset Start, DateTimeOffset End, string Text, string? SpeakerId = null);

/// <summary>One attendee as the platform counted them: total time in the meeting across joins.</summary>
public sealed record AttendanceRecord(string Name, TimeSpan Presence, string? UserId = null);

/// <summary>What a platform recorded of one meeting; either part may be empty when it recorded none.</summary>
public sealed record MeetingTranscript(IReadOnlyList<TranscriptCue> Cues, IReadOnlyList<AttendanceRecord> Attendance)
{
    public static readonly MeetingTranscript Empty = new([], []);
}

/// <summary>
/// The port every transcript importer serves (Graph for Teams, Meet REST, files). Null while the platform has not
/// made the transcript yet, so the caller can ask again later; a refusal (missing permission), throttling or a failed
/// call is a <see cref="TranscriptFetchException"/> whose Korean message says why (naming the permission); a meeting the
/// platform cannot be asked about (no join URL) a <see cref="MeetingBotException"/>.
/// </summary>
public interface ITranscriptSource
{
    Task<MeetingTranscript?> FetchAsync(MeetingDefinition meeting, MeetingRuntime runtime, CancellationToken cancellationToken = default);
}
