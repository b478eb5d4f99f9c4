using System.Threading.Channels;
using MeetingBot.Core;
using MeetingBot.Host.Api;
using Microsoft.Extensions.Options;

namespace MeetingBot.Host.Services;

/// <summary>
/// Delivers an ended meeting's report draft in the background: builds it, writes <c>report.*</c> into
/// <c>{Reports:Folder}/{meetingId}/</c>, then tells the staff conversation. Every attempt is recorded in the store;
/// a failed one (the draft or the files) is retried with a growing wait. The notice goes the one way out: it is put in
/// the outbox in the same commit that marks the delivery notified, so the outbox drain sends it once, across
/// restarts, and a meeting recorded as notified is never notified again.
/// </summary>
public sealed partial class ReportDelivery(
    IMeetingStore store,
    IWorkClaims claims,
    ReportService reports,
    TimeProvider time,
    IOptions<ReportsOptions> reportsOptions,
    IOptions<StaffOptions> staffOptions,
    ILogger<ReportDelivery> logger) : BackgroundService
{
    /// <summary>The <see cref="IWorkClaims"/> kind of a meeting's delivery (key: the meeting id).</summary>
    public const string ClaimKind = "report-delivery";

    private readonly Channel<string> _queue = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly HashSet<string> _running = new(StringComparer.Ordinal);
    private readonly HashSet<string> _askedAgain = new(StringComparer.Ordinal);
    private readonly List<Task> _tasks = [];

    /// <summary>Asks for the meeting's report to be delivered. Harmless when it already was, or is under way.</summary>
    public void Enqueue(string meetingId)
    {
        ArgumentException.ThrowIfNullOrEmpty(meetingId);
        _queue.Writer.TryWrite(meetingId);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await RequeueUnfinishedAsync(stoppingToken).ConfigureAwait(false);
            await foreach (var meetingId in _queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                lock (_running)
                {
                    // A request while a delivery is under way runs once it is done: that one may have just recorded its
                    // last failure, which is exactly when the staff page's button asks again.
                    if (!_running.Add(meetingId))
                    {
                        _askedAgain.Add(meetingId);
                        continue;
                    }

                    _tasks.RemoveAll(t => t.IsCompleted);
                    _tasks.Add(Task.Run(() => RunAsync(meetingId, stoppingToken), CancellationToken.None));
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        Task[] pending;
        lock (_running)
        {
            pending = [.. _tasks];
        }

        await Task.WhenAll(pending).ConfigureAwait(false);
    }

    /// <summary>On start: every ended meeting whose staff were not told yet goes back into the queue.</summary>
    private async Task RequeueUnfinishedAsync(CancellationToken cancellationToken)
    {
        var done = (await store.ListDeliveriesAsync(cancellationToken).ConfigureAwait(false))
            .Where(d => d.Status == DeliveryStatus.Notified)
            .Select(d => d.MeetingId)
            .ToHashSet(StringComparer.Ordinal);
        foreach (var meeting in await store.ListMeetingsAsync(cancellationToken).ConfigureAwait(false))
        {
            if (meeting.Status == MeetingStatus.Ended && !done.Contains(meeting.Id))
            {
                LogRequeued(logger, meeting.Id);
                Enqueue(meeting.Id);
            }
        }
    }

    private async Task RunAsync(string meetingId, CancellationToken stoppingToken)
    {
        try
        {
            // Across instances on one database only one delivers a meeting at a time; one asked meanwhile waits, then
            // finds it notified. A killed holder's claim runs out and the waiting instance carries the delivery on.
            var claim = await claims.ClaimAsync(ClaimKind, meetingId, stoppingToken).ConfigureAwait(false);
            await using (claim.ConfigureAwait(false))
            {
                await DeliverAsync(meetingId, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            LogStopped(logger, meetingId);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Recording the failure itself failed (the store is down): the next start requeues the meeting.
            LogUnrecorded(logger, ex, meetingId);
        }
        finally
        {
            lock (_running)
            {
                _running.Remove(meetingId);
                if (_askedAgain.Remove(meetingId) && !stoppingToken.IsCancellationRequested)
                {
                    Enqueue(meetingId);
                }
            }
        }
    }

    private async Task DeliverAsync(string meetingId, CancellationToken cancellationToken)
    {
        var options = reportsOptions.Value;
        var record = await store.GetDeliveryAsync(meetingId, cancellationToken).ConfigureAwait(false)
            ?? new DeliveryRecord { MeetingId = meetingId, CreatedAt = time.GetUtcNow() };
        if (record.Status == DeliveryStatus.Notified)
        {
            LogAlreadyNotified(logger, meetingId);
            return;
        }

        // A new series of attempts (first time, after a restart, or asked for again after failing).
        record = record with { Status = record.Folder is null ? DeliveryStatus.Pending : DeliveryStatus.Written };
        await store.SaveDeliveryAsync(record, cancellationToken).ConfigureAwait(false);

        for (var attempt = 1; ; attempt++)
        {
            var at = time.GetUtcNow();
            try
            {
                await AttemptAsync(record, at, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // Re-read: the attempt may have got as far as writing the files before it failed.
                record = await store.GetDeliveryAsync(meetingId, cancellationToken).ConfigureAwait(false) ?? record;
                var last = attempt >= options.MaxAttempts;
                record = record with
                {
                    Status = last ? DeliveryStatus.Failed : record.Status,
                    History = [.. record.History, new DeliveryAttempt(record.Attempts + 1, at, Describe(ex))],
                };
                await store.SaveDeliveryAsync(record, cancellationToken).ConfigureAwait(false);
                if (last)
                {
                    LogFailed(logger, ex, meetingId, attempt, record.Folder ?? "-");
                    return;
                }

                var wait = options.DelayAfter(attempt);
                LogRetrying(logger, ex, meetingId, attempt, wait);
                await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task AttemptAsync(DeliveryRecord record, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var meetingId = record.MeetingId;
        var meeting = await reports.LoadAsync(meetingId, cancellationToken).ConfigureAwait(false)
            ?? throw new MeetingBotException(ReportDeliveryText.MeetingMissing(meetingId));

        // Files already written by an earlier attempt stay as they are and the notice is made from them: drafting again
        // would cost another model call and could say something else than the files staff get.
        var report = record.Folder is { } written ? await reports.ReadDeliveredAsync(meetingId, written, cancellationToken).ConfigureAwait(false) : null;
        if (report is null)
        {
            report = await reports.BuildAsync(meeting, cancellationToken).ConfigureAwait(false);
            var folder = Path.GetFullPath(Path.Combine(reportsOptions.Value.Folder, meetingId));
            var files = await reports.Files.WriteAsync(report, folder, cancellationToken).ConfigureAwait(false);
            LogWritten(logger, meetingId, folder, files.ReplacedCharacters);
            record = record with { Status = DeliveryStatus.Written, Folder = folder, ReplacedCharacters = files.ReplacedCharacters, WrittenAt = at };
            await store.SaveDeliveryAsync(record, cancellationToken).ConfigureAwait(false);
        }

        var staff = staffOptions.Value;
        var number = record.Attempts + 1;
        if (staff.Conversation is not { } to)
        {
            LogNoConversation(logger, meetingId);
            record = record with { Status = DeliveryStatus.Written, Note = ReportDeliveryText.NoStaffConversation, History = [.. record.History, new DeliveryAttempt(number, at, null)] };
            await store.SaveDeliveryAsync(record, cancellationToken).ConfigureAwait(false);
            return;
        }

        // The notice and the mark land in one commit: from here the outbox drain owns sending it, once.
        var notice = new OutboundMessage(to, ReportDeliveryText.Notice(report, meeting, staff.PublicBaseUrl), at);
        record = record with { Status = DeliveryStatus.Notified, Note = null, NotifiedAt = time.GetUtcNow(), History = [.. record.History, new DeliveryAttempt(number, at, null)] };
        await store.CommitAsync(new StoreChange { Delivery = record, Outbox = [notice] }, CancellationToken.None).ConfigureAwait(false);
        LogNotified(logger, meetingId, to.Channel, to.ConversationId, number);
    }

    private static string Describe(Exception ex) => ex switch
    {
        MeetingBotException m => m.Describe(),
        OperationCanceledException => "시간 초과 또는 취소로 중단되었습니다.",
        _ => $"{ex.GetType().Name}: {ex.Message}",
    };

    [LoggerMessage(EventId = 400, Level = LogLevel.Information, Message = "회의 {MeetingId}의 결과 보고 파일을 {Folder}에 썼습니다. 문서에 쓸 수 없는 문자 {ReplacedCharacters}개를 바꿨습니다.")]
    private static partial void LogWritten(ILogger logger, string meetingId, string folder, int replacedCharacters);

    [LoggerMessage(EventId = 401, Level = LogLevel.Information, Message = "회의 {MeetingId}의 결과 보고 초안 알림을 {Channel} 대화방 {Conversation}에 보낼 발신함에 넣었습니다 ({Attempt}번째 시도).")]
    private static partial void LogNotified(ILogger logger, string meetingId, string channel, string conversation, int attempt);

    [LoggerMessage(EventId = 402, Level = LogLevel.Warning, Message = "회의 {MeetingId}의 결과 보고 전달 {Attempt}번째 시도가 실패했습니다. {Wait} 뒤에 다시 시도합니다.")]
    private static partial void LogRetrying(ILogger logger, Exception ex, string meetingId, int attempt, TimeSpan wait);

    [LoggerMessage(EventId = 403, Level = LogLevel.Error, Message = "회의 {MeetingId}의 결과 보고를 {Attempts}번 시도했지만 전달하지 못했습니다. 파일: {Folder}. 직원 화면에서 다시 보낼 수 있습니다.")]
    private static partial void LogFailed(ILogger logger, Exception ex, string meetingId, int attempts, string folder);

    [LoggerMessage(EventId = 404, Level = LogLevel.Information, Message = "회의 {MeetingId}의 결과 보고는 이미 직원에게 알렸습니다. 다시 보내지 않습니다.")]
    private static partial void LogAlreadyNotified(ILogger logger, string meetingId);

    [LoggerMessage(EventId = 405, Level = LogLevel.Warning, Message = "회의 {MeetingId}: 직원 대화방(Staff:ConversationId)이 설정되지 않아 알림 없이 파일만 저장했습니다.")]
    private static partial void LogNoConversation(ILogger logger, string meetingId);

    [LoggerMessage(EventId = 406, Level = LogLevel.Information, Message = "종료된 회의 {MeetingId}의 결과 보고가 아직 전달되지 않아 다시 대기열에 넣습니다.")]
    private static partial void LogRequeued(ILogger logger, string meetingId);

    [LoggerMessage(EventId = 407, Level = LogLevel.Information, Message = "종료 중이라 회의 {MeetingId}의 결과 보고 전달을 멈춥니다. 다음 시작 때 이어서 합니다.")]
    private static partial void LogStopped(ILogger logger, string meetingId);

    [LoggerMessage(EventId = 408, Level = LogLevel.Error, Message = "회의 {MeetingId}의 결과 보고 전달 상태를 기록하지 못했습니다. 다음 시작 때 다시 시도합니다.")]
    private static partial void LogUnrecorded(ILogger logger, Exception ex, string meetingId);
}

public static class ReportDeliveryExtensions
{
    /// <summary>Report delivery, the processor every chat door calls, and their settings.</summary>
    public static IServiceCollection AddReportDelivery(this IServiceCollection services)
    {
        services.AddOptionsWithValidateOnStart<ReportsOptions, ReportsOptionsValidator>().BindConfiguration(ReportsOptions.SectionName);
        services.AddSingleton<ReportDelivery>();
        services.AddSingleton<ApprovalNotices>();
        services.AddHostedService(sp => sp.GetRequiredService<ReportDelivery>());
        services.AddSingleton<ChatInputProcessor>();
        services.AddSingleton<IChatInbox>(sp => sp.GetRequiredService<ChatInputProcessor>());
        return services;
    }
}
