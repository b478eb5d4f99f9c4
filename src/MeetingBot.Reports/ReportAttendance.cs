using MeetingBot.Core;
using MeetingBot.Core.Transcripts;

namespace MeetingBot.Reports;

/// <summary>
/// Who attended, in the report (SPEC §9): once the platform's attendance is known, Ⅰ's 참여자 row counts the
/// participants who were there at least the minimum time, not who was invited, and a meeting file's <c>quorum</c>
/// adds the 정족수 line. One path for <c>simulate</c>, <c>import</c> and the server.
/// </summary>
public static class ReportAttendance
{
    public static Report WithAttendance(this Report report, string meetingId, AttendanceSummary attendance, int? quorum)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(attendance);
        return report with
        {
            Meetings = [.. report.Meetings.Select(m => m.Id != meetingId ? m : m with
            {
                CivilNames = [.. attendance.Present.Where(p => p.Sector == Sector.Civil).Select(p => p.Name)],
                AdminNames = [.. attendance.Present.Where(p => p.Sector == Sector.Admin).Select(p => p.Name)],
                Quorum = attendance.QuorumLine(quorum),
            })],
        };
    }
}
