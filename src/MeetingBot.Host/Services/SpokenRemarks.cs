using System.Security.Cryptography;
using System.Text;
using MeetingBot.Channels.Transcripts;
using MeetingBot.Core;
using MeetingBot.Core.Transcripts;
using MeetingBot.Reports;
using MeetingBot.Reports.Drafting;
using MeetingBot.Reports.Review;
using Microsoft.Extensions.Options;

namespace MeetingBot.Host.Services;

/// <summary>One candidate with the id the review API knows it by.</summary>
public sealed record NamedCandidate(string Id, RemarkCandidate Remark);

/// <summary>One meeting of a report as SPEC §9 sees it: its record, what was collected, the candidates and who attended.</summary>
public sealed record SpokenMeeting(
    MeetingRecord Record,
    StoredTranscript? Transcript,
    IReadOnlyList<NamedCandidate> Candidates,
    IReadOnlyList<DroppedCues> Dropped,
    AttendanceSummary? Attendance)
{
    public MeetingDefinition Meeting => Record.Definition;
}

/// <summary>
/// Spoken remarks on the server (SPEC §9): a meeting's stored cues aligned on its timeline into candidates with stable
/// ids, attendance counted with <c>Transcripts:MinPresenceMinutes</c>, an accepted candidate drafted like a typed entry
/// by the configured drafter (guarded, rules as fall-back), and the staff warning of a quorum not met.
/// </summary>
public sealed class SpokenRemarks(
    ITranscriptStore transcripts,
    ReportService reports,
    IOpinionDrafter drafter,
    ApprovalNotices staff,
    IOptions<TranscriptsOptions> options,
    TimeProvider time)
{
    public TimeSpan MinPresence => options.Value.MinPresence;

    /// <summary>
    /// A candidate's id: from its meeting and first cue, so it stays the same however often the candidates are worked
    /// out again, and fits in a URL whatever the platform's cue ids look like.
    /// </summary>
    public static string CandidateId(string meetingId, RemarkCandidate remark)
    {
        ArgumentNullException.ThrowIfNull(remark);
        return "c" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{meetingId}\n{remark.Sources[0]}")))[..12];
    }

    /// <summary>
    /// The meeting's stored transcript aligned on its timeline: cues outside the meeting, said while capture was stopped
    /// (<c>/기록중지</c> … <c>/기록재개</c>, on the engine's runtime) or chatter are dropped with their reason.
    /// </summary>
    public SpokenMeeting Align(MeetingRecord record, StoredTranscript? transcript)
    {
        ArgumentNullException.ThrowIfNull(record);
        var meeting = record.Definition;
        var alignment = transcript is { Cues.Count: > 0 }
            ? TranscriptAlignment.Align(meeting, AgendaTimeline.Of(meeting, record.Runtime), record.Entries, transcript.Cues, record.Runtime.CaptureStops)
            : new TranscriptAlignmentResult([], []);
        var attendance = transcript is { Attendance.Count: > 0 } ? AttendanceSummary.Of(meeting, transcript.Attendance, MinPresence) : null;
        return new SpokenMeeting(record, transcript, [.. alignment.Candidates.Select(c => new NamedCandidate(CandidateId(meeting.Id, c), c))], alignment.Dropped, attendance);
    }

    /// <summary>Each meeting's record and spoken remarks; null when a meeting is not in the store.</summary>
    public async Task<IReadOnlyList<SpokenMeeting>?> ForMeetingsAsync(IEnumerable<string> meetingIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(meetingIds);
        var records = new List<MeetingRecord>();
        foreach (var id in meetingIds)
        {
            if (await reports.LoadAsync(id, cancellationToken).ConfigureAwait(false) is not { } record)
            {
                return null;
            }

            records.Add(record);
        }

        return await ForRecordsAsync(records, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<SpokenMeeting>> ForRecordsAsync(IReadOnlyList<MeetingRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        var found = new List<SpokenMeeting>();
        foreach (var record in records)
        {
            found.Add(Align(record, await transcripts.GetTranscriptAsync(record.Definition.Id, cancellationToken).ConfigureAwait(false)));
        }

        return found;
    }

    /// <summary>
    /// For a new report: every non-duplicate candidate of the meetings <c>import --accept-candidates</c> marked, as the
    /// changes that accept them (empty when none was marked).
    /// </summary>
    public async Task<IReadOnlyList<ReviewChange>> AcceptedOnImportAsync(IReadOnlyList<SpokenMeeting> meetings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(meetings);
        var changes = new List<ReviewChange>();
        foreach (var meeting in meetings.Where(m => m.Transcript?.AcceptCandidates == true))
        {
            foreach (var candidate in meeting.Candidates.Where(c => c.Remark.DuplicateOf is null))
            {
                changes.Add(await AcceptAsync(meeting, candidate, EntryKind.Opinion, null, cancellationToken).ConfigureAwait(false));
            }
        }

        return changes;
    }

    /// <summary>The draft with 참여자 counting who attended, and the 정족수 lines, wherever attendance is known.</summary>
    public static Report WithAttendance(Report draft, IEnumerable<SpokenMeeting> meetings)
    {
        ArgumentNullException.ThrowIfNull(meetings);
        foreach (var meeting in meetings.Where(m => m.Attendance is not null))
        {
            draft = draft.WithAttendance(meeting.Meeting.Id, meeting.Attendance!, meeting.Meeting.Quorum);
        }

        return draft;
    }

    /// <summary>
    /// The change that accepts <paramref name="candidate"/>: its words drafted to 개조식 as a typed entry of that kind would
    /// be, under its own item unless <paramref name="item"/> names another of the same meeting.
    /// </summary>
    public async Task<AcceptCandidate> AcceptAsync(SpokenMeeting meeting, NamedCandidate candidate, EntryKind kind, ItemRef? item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        ArgumentNullException.ThrowIfNull(candidate);
        var remark = candidate.Remark;
        var to = item ?? new ItemRef(meeting.Meeting.Id, remark.Item);
        var agenda = meeting.Meeting.Item(to.Index);
        var text = remark.Text;
        if (agenda is not null && to.MeetingId == meeting.Meeting.Id && kind != EntryKind.Decision)
        {
            var request = new DraftRequest(meeting.Meeting.Id, to.Index, agenda.Title, agenda.Content, [new DraftSource(remark.Sources[0], kind, remark.Text, remark.Speaker)]);
            var drafted = await new ReportBuilder(drafter, time).DraftAsync(request, cancellationToken).ConfigureAwait(false);
            text = drafted.Opinions.FirstOrDefault(o => o.Sources.Contains(remark.Sources[0]))?.Text ?? text;
        }

        return new AcceptCandidate(candidate.Id, to, kind, text, remark.Text, remark.Speaker, remark.Sources);
    }

    /// <summary>The staff warning when the meeting file's <c>quorum</c> was not met by who attended; none otherwise.</summary>
    public IReadOnlyList<OutboundMessage> QuorumWarning(MeetingDefinition meeting, IReadOnlyList<AttendanceRecord> attendance, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        ArgumentNullException.ThrowIfNull(attendance);
        if (attendance.Count == 0 || meeting.Quorum is null)
        {
            return [];
        }

        var summary = AttendanceSummary.Of(meeting, attendance, MinPresence);
        return summary.QuorumMet(meeting.Quorum) == false ? staff.ToStaff(TranscriptText.QuorumNotMet(meeting, summary, MinPresence), at) : [];
    }
}
