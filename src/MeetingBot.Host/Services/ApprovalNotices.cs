using MeetingBot.Core;
using MeetingBot.Host.Api;
using Microsoft.Extensions.Options;

namespace MeetingBot.Host.Services;

/// <summary>
/// The staff-chat notice of an approved report version. It is put in the outbox with the approval itself (one commit,
/// <see cref="ReportWrite.Outbox"/>), so the notice goes out once exactly when the approval is on disk. Without a staff
/// conversation nothing is sent and that is logged once per run.
/// </summary>
public sealed partial class ApprovalNotices(IOptions<StaffOptions> staffOptions, ILogger<ApprovalNotices> logger)
{
    private int _missingLogged;

    /// <summary>The messages to commit with the approval of <paramref name="version"/>: one notice, or none without a staff conversation.</summary>
    public IReadOnlyList<OutboundMessage> For(string reportId, string title, int version, string approvedBy, DateTimeOffset at)
    {
        var staff = staffOptions.Value;
        if (staff.Conversation is not { } to)
        {
            if (Interlocked.Exchange(ref _missingLogged, 1) == 0)
            {
                LogNoConversation(logger, reportId, version);
            }

            return [];
        }

        return [new OutboundMessage(to, ReportDeliveryText.ApprovalNotice(reportId, title, version, approvedBy, staff.PublicBaseUrl), at)];
    }

    /// <summary>Any other notice to the staff chat (a transcript refused, a quorum not met); none without a staff conversation.</summary>
    public IReadOnlyList<OutboundMessage> ToStaff(string text, DateTimeOffset at) =>
        staffOptions.Value.Conversation is { } to ? [new OutboundMessage(to, text, at)] : [];

    [LoggerMessage(EventId = 440, Level = LogLevel.Warning, Message = "보고서 {ReportId} {Version}판이 승인되었지만 직원 대화방(Staff:ConversationId)이 설정되지 않아 승인 알림을 보내지 않습니다. 이 안내는 실행마다 한 번만 남깁니다.")]
    private static partial void LogNoConversation(ILogger logger, string reportId, int version);
}
