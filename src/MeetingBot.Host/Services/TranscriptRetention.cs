using MeetingBot.Channels.Transcripts;
using MeetingBot.Core;
using MeetingBot.Core.Transcripts;
using MeetingBot.Reports.Review;
using Microsoft.Extensions.Options;

namespace MeetingBot.Host.Services;

/// <summary>
/// Keeps what was recorded of a meeting's voices only as long as needed (SPEC §9, consent): once every report that
/// covers the meeting is approved, <c>Transcripts:RetentionDays</c> after the latest approval its cues and attendance
/// are deleted from the store, with an entry in its attempts and a log line. What staff accepted stays in the reports
/// (their text, the speaker's words and the cue ids as sources); a meeting in no report, or in a draft, is kept.
/// Runs every <c>Transcripts:PollInterval</c>, whether or not collecting is on (uploads are kept by the same rule).
/// </summary>
public sealed partial class TranscriptRetention(
    ITranscriptStore transcripts,
    IReportRecordStore reports,
    IOptions<TranscriptsOptions> options,
    TimeProvider time,
    ILogger<TranscriptRetention> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Passes.RunAsync(DeleteDueAsync, () => options.Value.PollInterval, time, ex => LogPassFailed(logger, ex), stoppingToken);

    /// <summary>
    /// Until when a meeting's transcript is kept: <paramref name="retention"/> after the latest approval of the reports
    /// covering it; null (kept) while none covers it or any of them is a draft. An approved report's stored time is its
    /// approval's, since any later change makes it a draft again.
    /// </summary>
    public static DateTimeOffset? KeepUntil(string meetingId, IEnumerable<(IReadOnlyList<string> MeetingIds, bool Approved, DateTimeOffset UpdatedAt)> reports, TimeSpan retention)
    {
        var covering = (reports ?? []).Where(r => r.MeetingIds.Contains(meetingId, StringComparer.Ordinal)).ToList();
        return covering.Count == 0 || covering.Any(r => !r.Approved) ? null : covering.Max(r => r.UpdatedAt) + retention;
    }

    /// <summary>One pass: every transcript whose time is up is emptied of cues and attendance. Returns how many.</summary>
    public async Task<int> DeleteDueAsync(CancellationToken cancellationToken)
    {
        var days = options.Value.RetentionDays;
        var stored = (await reports.ListReportsAsync(cancellationToken).ConfigureAwait(false))
            .Select(s => ReviewJson.Read(s.State) is var r ? (r.MeetingIds, r.IsApproved, s.UpdatedAt) : default)
            .ToList();
        var deleted = 0;
        foreach (var meetingId in stored.SelectMany(r => r.MeetingIds).Distinct(StringComparer.Ordinal))
        {
            var now = time.GetUtcNow();
            if (KeepUntil(meetingId, stored, TimeSpan.FromDays(days)) is not { } until || now < until)
            {
                continue;
            }

            if (await transcripts.GetTranscriptAsync(meetingId, cancellationToken).ConfigureAwait(false) is not { } t || (t.Cues.Count == 0 && t.Attendance.Count == 0))
            {
                continue;
            }

            var attempt = new TranscriptAttempt(now, TranscriptAttemptOutcome.Deleted, TranscriptText.Deleted(days, t.Cues.Count, t.Attendance.Count));
            await transcripts.SaveTranscriptAsync(t with { Cues = [], Attendance = [], NextAttemptAt = null, Attempts = [.. t.Attempts, attempt], UpdatedAt = now }, null, cancellationToken).ConfigureAwait(false);
            LogDeleted(logger, meetingId, t.Cues.Count, t.Attendance.Count, days, until);
            deleted++;
        }

        return deleted;
    }

    [LoggerMessage(EventId = 464, Level = LogLevel.Information, Message = "회의 {MeetingId}의 발언 기록 {Cues}건과 참석 기록 {Attendees}건을 보관 기간({Days}일, {Until}까지)이 지나 지웠습니다.")]
    private static partial void LogDeleted(ILogger logger, string meetingId, int cues, int attendees, int days, DateTimeOffset until);

    [LoggerMessage(EventId = 465, Level = LogLevel.Error, Message = "발언 기록 보관 기간 확인 중 오류가 났습니다. 다음 주기에 다시 합니다.")]
    private static partial void LogPassFailed(ILogger logger, Exception ex);
}
