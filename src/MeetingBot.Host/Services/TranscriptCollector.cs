using MeetingBot.Channels.Transcripts;
using MeetingBot.Core;
using MeetingBot.Core.Transcripts;
using Microsoft.Extensions.Options;

namespace MeetingBot.Host.Services;

/// <summary>
/// Collects what the platform recorded of each ended meeting bound to a Teams chat or a Google Chat space (SPEC §9):
/// the first attempt <c>Transcripts:FirstAttemptAfter</c> after the end, then again with a doubling wait (at least what a
/// 429's Retry-After asked), the last one at <c>Transcripts:GiveUpAfter</c>. Every attempt is stored with its outcome
/// and Korean reason; the state is data, so a restarted host resumes where it was and never fetches a collected
/// transcript again. A refusal (missing permission), giving up and a quorum not met are told to the staff chat,
/// through the outbox in the same commit.
/// </summary>
public sealed partial class TranscriptCollector(
    IMeetingStore store,
    ITranscriptStore transcripts,
    TranscriptSources sources,
    ApprovalNotices staff,
    SpokenRemarks spoken,
    IOptions<TranscriptsOptions> options,
    TimeProvider time,
    ILogger<TranscriptCollector> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        options.Value.Enabled
            ? Passes.RunAsync(CollectDueAsync, () => options.Value.PollInterval, time, ex => LogPassFailed(logger, ex), stoppingToken)
            : Task.CompletedTask;

    /// <summary>One pass: every attempt that is due now is made and stored. Returns how many were made.</summary>
    public async Task<int> CollectDueAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var made = 0;
        foreach (var summary in await store.ListMeetingsAsync(cancellationToken).ConfigureAwait(false))
        {
            if (summary.Status != MeetingStatus.Ended)
            {
                continue;
            }

            var stored = await transcripts.GetTranscriptAsync(summary.Id, cancellationToken).ConfigureAwait(false);
            if (stored is { Status: not TranscriptStatus.Pending })
            {
                continue;
            }

            var runtime = await store.GetRuntimeAsync(summary.Id, cancellationToken).ConfigureAwait(false);
            var bindings = await store.GetBindingsAsync(summary.Id, cancellationToken).ConfigureAwait(false);
            var chat = bindings.LastOrDefault(b => TranscriptSources.SourceName(b.Address.Channel) is not null);
            if (runtime?.EndedAt is not { } ended || chat is null)
            {
                continue;
            }

            var now = time.GetUtcNow();
            var deadline = ended + settings.GiveUpAfter;

            // A meeting that ended before collecting was turned on is left to staff uploads.
            if ((stored is null && now > deadline) || now < (stored?.NextAttemptAt ?? ended + settings.FirstAttemptAfter))
            {
                continue;
            }

            var meeting = await store.GetDefinitionAsync(summary.Id, cancellationToken).ConfigureAwait(false);
            if (meeting is not null)
            {
                await AttemptAsync(meeting, runtime, chat.Address.Channel, stored, deadline, cancellationToken).ConfigureAwait(false);
                made++;
            }
        }

        return made;
    }

    private async Task AttemptAsync(MeetingDefinition meeting, MeetingRuntime runtime, string channel, StoredTranscript? stored, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var (outcome, reason, fetched, retryAfter) = await FetchAsync(meeting, runtime, channel, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var attempts = (stored?.Attempts ?? []).Append(new TranscriptAttempt(now, outcome, reason)).ToList();
        var next = (stored ?? new StoredTranscript { MeetingId = meeting.Id, Source = TranscriptSources.SourceName(channel)!, UpdatedAt = now }) with { UpdatedAt = now };
        var notices = new List<OutboundMessage>();
        if (fetched is not null)
        {
            next = next with { Status = TranscriptStatus.Collected, NextAttemptAt = null, Cues = fetched.Cues, Attendance = fetched.Attendance };
            notices.AddRange(spoken.QuorumWarning(meeting, fetched.Attendance, now));
            LogCollected(logger, meeting.Id, fetched.Cues.Count, fetched.Attendance.Count);
        }
        else if (now >= deadline)
        {
            attempts.Add(new TranscriptAttempt(now, TranscriptAttemptOutcome.GaveUp, TranscriptText.GaveUp(settings.GiveUpAfter)));
            next = next with { Status = TranscriptStatus.GaveUp, NextAttemptAt = null };
            notices.AddRange(staff.ToStaff(TranscriptText.GaveUpNotice(meeting, reason), now));
            LogGaveUp(logger, meeting.Id, reason);
        }
        else
        {
            var unsuccessful = attempts.Count;
            var wait = settings.DelayAfter(unsuccessful);
            if (retryAfter is { } asked && asked > wait)
            {
                wait = asked;
            }

            var at = now + wait;
            next = next with { NextAttemptAt = at < deadline ? at : deadline };
            if (outcome == TranscriptAttemptOutcome.Refused && stored?.Attempts.Any(a => a.Outcome == TranscriptAttemptOutcome.Refused) != true)
            {
                notices.AddRange(staff.ToStaff(TranscriptText.RefusedNotice(meeting, reason), now));
            }

            LogNotYet(logger, meeting.Id, outcome, next.NextAttemptAt!.Value, reason);
        }

        await transcripts.SaveTranscriptAsync(next with { Attempts = attempts }, notices, cancellationToken).ConfigureAwait(false);
    }

    private async Task<(TranscriptAttemptOutcome, string, MeetingTranscript?, TimeSpan?)> FetchAsync(MeetingDefinition meeting, MeetingRuntime runtime, string channel, CancellationToken cancellationToken)
    {
        try
        {
            var fetched = await sources.For(channel)!.FetchAsync(meeting, runtime, cancellationToken).ConfigureAwait(false);
            return fetched is null
                ? (TranscriptAttemptOutcome.NotReady, TranscriptText.NotReady, null, null)
                : (TranscriptAttemptOutcome.Collected, TranscriptText.Collected(fetched.Cues.Count, fetched.Attendance.Count), fetched, null);
        }
        catch (TranscriptFetchException ex)
        {
            return (ex.Outcome, ex.Message, null, ex.RetryAfter);
        }
        catch (MeetingBotException ex)
        {
            return (TranscriptAttemptOutcome.Failed, ex.Describe(), null, null);
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return (TranscriptAttemptOutcome.Failed, TranscriptText.Unreachable(ex.Message), null, null);
        }
    }

    [LoggerMessage(EventId = 460, Level = LogLevel.Information, Message = "회의 {MeetingId}의 발언 기록 {Cues}건과 참석 기록 {Attendees}건을 가져왔습니다.")]
    private static partial void LogCollected(ILogger logger, string meetingId, int cues, int attendees);

    [LoggerMessage(EventId = 461, Level = LogLevel.Information, Message = "회의 {MeetingId}의 발언 기록: {Outcome}. {At}에 다시 묻습니다. {Reason}")]
    private static partial void LogNotYet(ILogger logger, string meetingId, TranscriptAttemptOutcome outcome, DateTimeOffset at, string reason);

    [LoggerMessage(EventId = 462, Level = LogLevel.Warning, Message = "회의 {MeetingId}의 발언 기록을 가져오지 못하고 그만둡니다. 마지막 응답: {Reason}")]
    private static partial void LogGaveUp(ILogger logger, string meetingId, string reason);

    [LoggerMessage(EventId = 463, Level = LogLevel.Error, Message = "발언 기록 수집 중 오류가 났습니다. 다음 주기에 다시 합니다.")]
    private static partial void LogPassFailed(ILogger logger, Exception ex);
}
