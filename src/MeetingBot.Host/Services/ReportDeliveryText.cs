using System.Globalization;
using System.Text;
using MeetingBot.Core;
using MeetingBot.Reports;

namespace MeetingBot.Host.Services;

/// <summary>What report delivery says to staff and records: the notice in the staff conversation and the notes.</summary>
public static class ReportDeliveryText
{
    private static readonly string[] LinkedFormats = ["docx", "hwpx", "md"];

    public const string NoStaffConversation = "직원 대화방(Staff:ConversationId)이 설정되지 않아 알림을 보내지 않았습니다. 보고서 파일은 저장되었습니다.";

    public static string MeetingMissing(string meetingId) => $"회의 '{meetingId}'를 저장소에서 찾을 수 없습니다.";

    /// <summary>
    /// The notice: which meeting, entries per agenda item, overruns, and links to the staff page and the files.
    /// Teams and Google Chat both show the Markdown links as links.
    /// </summary>
    public static string Notice(Report report, MeetingRecord record, string? publicBaseUrl)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(record);
        var meeting = record.Definition;
        var live = record.Entries.Where(e => !e.Withdrawn).ToList();
        var sb = new StringBuilder();
        sb.Append("📄 결과 보고 초안이 준비되었습니다: [").Append(meeting.Subcommittee).Append("] ").Append(meeting.Title).Append('\n');

        var start = meeting.ToLocal(record.Runtime.StartedAt ?? meeting.Start);
        var end = record.Runtime.EndedAt is { } e ? "~" + KoreanTime.Time(meeting.ToLocal(e)) : "";
        sb.Append("일시: ").Append(KoreanTime.LongDate(start)).Append(' ').Append(KoreanTime.Time(start)).Append(end).Append('\n');
        sb.Append(Invariant($"기록된 항목: {live.Count}건"));
        var kinds = live.GroupBy(x => x.Kind).OrderBy(g => g.Key).Select(g => Invariant($"{EntryKinds.Korean(g.Key)} {g.Count()}")).ToList();
        if (kinds.Count > 0)
        {
            sb.Append(" (").Append(string.Join(", ", kinds)).Append(')');
        }

        sb.Append("\n\n안건별 항목\n");
        foreach (var item in meeting.Agenda)
        {
            sb.Append(Invariant($"- {item.Index}. {item.Title}: {live.Count(x => x.ItemIndex == item.Index)}건\n"));
        }

        var overruns = report.Items.Where(i => i.MeetingId == meeting.Id && i.Timing.OverrunMinutes >= 1).ToList();
        sb.Append("\n시간 초과: ");
        sb.Append(overruns.Count == 0
            ? "없음"
            : string.Join(", ", overruns.Select(i => $"{i.Index}. {i.Title} {KoreanTime.Minutes(i.Timing.OverrunMinutes!.Value)} 초과")));
        sb.Append('\n');

        if (!string.IsNullOrWhiteSpace(publicBaseUrl))
        {
            var root = publicBaseUrl.TrimEnd('/');
            var id = Uri.EscapeDataString(meeting.Id);
            sb.Append("\n검토: ").Append(root).Append("/staff/meetings/").Append(id).Append('\n');
            sb.Append("내려받기: ").Append(Links(f => $"{root}/api/meetings/{id}/report?format={f}")).Append('\n');
        }

        return sb.ToString().TrimEnd('\n');
    }

    /// <summary>
    /// The approval notice (SPEC §8): which report, which version, who approved it, and links to that version's frozen
    /// files (only with <c>Staff:PublicBaseUrl</c>, as in <see cref="Notice"/>).
    /// </summary>
    public static string ApprovalNotice(string reportId, string title, int version, string approvedBy, string? publicBaseUrl)
    {
        var sb = new StringBuilder();
        sb.Append(Invariant($"✅ 결과 보고가 승인되었습니다: {title} ({reportId}) {version}판\n"));
        sb.Append("승인한 사람: ").Append(approvedBy);
        if (!string.IsNullOrWhiteSpace(publicBaseUrl))
        {
            var root = publicBaseUrl.TrimEnd('/');
            var id = Uri.EscapeDataString(reportId);
            sb.Append("\n내려받기: ").Append(Links(f => Invariant($"{root}/api/reports/{id}/files/{f}?version={version}")));
        }

        return sb.ToString();
    }

    private static string Links(Func<string, string> url) =>
        string.Join(" · ", LinkedFormats.Select(f => $"[{f.ToUpperInvariant()}]({url(f)})"));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
