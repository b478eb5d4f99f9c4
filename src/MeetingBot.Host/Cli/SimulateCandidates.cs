using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using MeetingBot.Channels.Transcripts;
using MeetingBot.Core;
using MeetingBot.Core.Transcripts;
using MeetingBot.Reports;

namespace MeetingBot.Host.Cli;

/// <summary>One replayed meeting's spoken remarks and attendance (SPEC §9), from the files beside its chat.</summary>
public sealed record MeetingCandidates(MeetingDefinition Meeting, TranscriptAlignmentResult Alignment, AttendanceSummary? Attendance);

/// <summary>
/// <c>simulate</c>'s part of SPEC §9: aligns each meeting's transcript on its timeline, writes <c>candidates.json</c>,
/// and — with <c>--accept-candidates</c>, as staff would — gives the report every non-duplicate candidate as an entry
/// drafted like a typed one, its sources the cue ids. When attendance is known, 참여자 counts who attended.
/// </summary>
public sealed class SimulateCandidates(IReadOnlyList<MeetingCandidates> meetings)
{
    public static readonly TimeSpan DefaultMinimumPresence = TimeSpan.FromMinutes(5);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public IReadOnlyList<MeetingCandidates> Meetings => meetings;

    public static TimeSpan MinimumPresence(string? minutes) =>
        minutes is null ? DefaultMinimumPresence
        : int.TryParse(minutes, NumberStyles.None, CultureInfo.InvariantCulture, out var m) ? TimeSpan.FromMinutes(m)
        : throw new MeetingBotException($"--min-presence의 '{minutes}'은(는) 0 이상의 정수(분)가 아닙니다. 예: --min-presence 5");

    public static SimulateCandidates Gather(ReplayResult replay, TimeSpan minimumPresence)
    {
        ArgumentNullException.ThrowIfNull(replay);
        var found = new List<MeetingCandidates>();
        foreach (var record in replay.Records)
        {
            if (!replay.ChatFiles.TryGetValue(record.Definition.Id, out var chatFile)
                || TranscriptFiles.ReadBeside(chatFile, record.Runtime.StartedAt) is not { } transcript)
            {
                continue;
            }

            var timeline = AgendaTimeline.Of(record.Definition, record.Runtime);
            found.Add(new MeetingCandidates(
                record.Definition,
                TranscriptAlignment.Align(record.Definition, timeline, record.Entries, transcript.Cues, record.Runtime.CaptureStops),
                transcript.Attendance.Count > 0 ? AttendanceSummary.Of(record.Definition, transcript.Attendance, minimumPresence) : null));
        }

        return new SimulateCandidates(found);
    }

    /// <summary>The records the report is built from: the accepted remarks as entries.</summary>
    public IReadOnlyList<MeetingRecord> ForReport(IReadOnlyList<MeetingRecord> records, bool accept)
    {
        ArgumentNullException.ThrowIfNull(records);
        return [.. records.Select(record =>
        {
            if (meetings.FirstOrDefault(m => m.Meeting.Id == record.Definition.Id) is not { } spoken)
            {
                return record;
            }

            var next = record.Entries.Select(e => e.Number).DefaultIfEmpty(0).Max() + 1;
            var accepted = accept
                ? Accepted(spoken).Select((c, i) => new Entry
                {
                    MeetingId = record.Definition.Id,
                    Number = next + i,
                    Kind = EntryKind.Opinion,
                    ItemIndex = c.Item,
                    Text = c.Text,
                    AuthorName = c.Speaker,
                    AuthorId = c.Participant?.ChatUserId,
                    SourceId = c.Sources[0],
                    CapturedAt = c.Start,
                })
                : [];
            return record with { Entries = [.. record.Entries, .. accepted] };
        })];
    }

    /// <summary>
    /// The built report as SPEC §9 wants it: 참여자 counting who attended with the 정족수 line where attendance is known,
    /// and each accepted remark — drafted from one entry named by its first cue — citing every cue it was made of, so
    /// no source is lost.
    /// </summary>
    public Report Complete(Report report, bool accept)
    {
        ArgumentNullException.ThrowIfNull(report);
        foreach (var meeting in meetings.Where(m => m.Attendance is not null))
        {
            report = report.WithAttendance(meeting.Meeting.Id, meeting.Attendance!, meeting.Meeting.Quorum);
        }

        if (!accept)
        {
            return report;
        }

        var cues = meetings.ToDictionary(
            m => m.Meeting.Id,
            m => Accepted(m).ToDictionary(c => c.Sources[0], c => c.Sources, StringComparer.Ordinal),
            StringComparer.Ordinal);
        return report with
        {
            Items = [.. report.Items.Select(item => cues.TryGetValue(item.MeetingId, out var byFirst)
                ? item with { Opinions = [.. item.Opinions.Select(o => o with { Sources = [.. o.Sources.SelectMany(s => byFirst.GetValueOrDefault(s) ?? [s])] })] }
                : item)],
        };
    }

    public string ToJson() => JsonSerializer.Serialize(
        new
        {
            meetings = meetings.Select(m => new
            {
                id = m.Meeting.Id,
                subcommittee = m.Meeting.Subcommittee,
                attendance = m.Attendance is { } a
                    ? new { present = a.Present.Select(p => p.Name), absent = a.Absent.Select(p => p.Name), unknown = a.Unknown, quorum = m.Meeting.Quorum, quorumMet = QuorumMet(m) }
                    : null,
                candidates = m.Alignment.Candidates.Select(c => new
                {
                    item = c.Item,
                    speaker = c.Speaker,
                    spokenAs = c.SpokenAs,
                    start = Local(m.Meeting, c.Start),
                    end = Local(m.Meeting, c.End),
                    text = c.Text,
                    sources = c.Sources,
                    duplicateOf = c.DuplicateOf,
                }),
                dropped = m.Alignment.Dropped.Select(d => new { sources = d.Sources, reason = d.Reason.ToString().ToLowerInvariant() }),
            }),
        },
        Json);

    public string Summary(bool accept)
    {
        var candidates = meetings.Sum(m => m.Alignment.Candidates.Count);
        var duplicates = meetings.Sum(m => m.Alignment.Candidates.Count(c => c.DuplicateOf is not null));
        var dropped = meetings.Sum(m => m.Alignment.Dropped.Count);
        var line = $"발언 기록 {meetings.Count}건: 후보 {candidates}건(입력된 의견과 중복 {duplicates}건), 버린 발언 {dropped}건.";
        return accept ? line + $" 중복 아닌 후보 {candidates - duplicates}건을 보고서에 넣었습니다." : line + " 보고서에 넣으려면 --accept-candidates를 쓰세요.";
    }

    /// <summary>
    /// The 정족수 line of each meeting whose file sets <c>quorum</c> and whose attendance is known, marked as a warning
    /// when it was not met.
    /// </summary>
    public IEnumerable<(string Line, bool Warning)> QuorumLines() => meetings
        .Where(m => m.Meeting.Quorum is not null && m.Attendance is not null)
        .Select(m => QuorumMet(m) == true
            ? ($"[{m.Meeting.Subcommittee}] {m.Attendance!.QuorumLine(m.Meeting.Quorum)}", false)
            : ($"주의: [{m.Meeting.Subcommittee}] {m.Attendance!.QuorumLine(m.Meeting.Quorum)}", true));

    private static bool? QuorumMet(MeetingCandidates m) => m.Attendance?.QuorumMet(m.Meeting.Quorum);

    private static IEnumerable<RemarkCandidate> Accepted(MeetingCandidates meeting) => meeting.Alignment.Candidates.Where(c => c.DuplicateOf is null);

    private static string Local(MeetingDefinition meeting, DateTimeOffset instant) =>
        meeting.ToLocal(instant).ToString("yyyy-MM-dd'T'HH:mm:ss.FFFzzz", CultureInfo.InvariantCulture);
}
