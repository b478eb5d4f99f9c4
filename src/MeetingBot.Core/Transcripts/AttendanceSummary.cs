namespace MeetingBot.Core.Transcripts;

/// <summary>
/// Who came (SPEC §9): participants present at least the minimum time, participants who were not, and attendees the
/// meeting file does not name — for the report's 참여자 row and for staff.
/// </summary>
public sealed record AttendanceSummary(IReadOnlyList<Participant> Present, IReadOnlyList<Participant> Absent, IReadOnlyList<string> Unknown)
{
    public static AttendanceSummary Of(MeetingDefinition meeting, IReadOnlyList<AttendanceRecord> records, TimeSpan minimumPresence)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        ArgumentNullException.ThrowIfNull(records);
        var speakers = new SpeakerMatcher(meeting);
        var presence = new Dictionary<Participant, TimeSpan>();
        var unknown = new List<string>();
        foreach (var record in records)
        {
            if (speakers.Match(record.Name, record.UserId) is { } participant)
            {
                // One person may join twice (phone and laptop): their time adds up.
                presence[participant] = presence.GetValueOrDefault(participant) + record.Presence;
            }
            else if (!unknown.Contains(record.Name.Trim(), StringComparer.Ordinal))
            {
                unknown.Add(record.Name.Trim());
            }
        }

        var present = meeting.Participants.Where(p => presence.GetValueOrDefault(p) >= minimumPresence && presence.ContainsKey(p)).ToList();
        return new AttendanceSummary(present, [.. meeting.Participants.Except(present)], unknown);
    }

    /// <summary>Whether at least <paramref name="quorum"/> participants attended; null when the meeting sets none.</summary>
    public bool? QuorumMet(int? quorum) => quorum is { } q ? Present.Count >= q : null;

    /// <summary>The report's 정족수 line (SPEC §9): <c>정족수: 참석 5명 / 정족수 4명 — 충족</c>; null without a quorum.</summary>
    public string? QuorumLine(int? quorum) =>
        quorum is { } q ? $"정족수: 참석 {Present.Count}명 / 정족수 {q}명 — {(Present.Count >= q ? "충족" : "미달")}" : null;
}
