using MeetingBot.Calendar;
using MeetingBot.Calendar.Scheduling;
using MeetingBot.Channels.GoogleChat;
using MeetingBot.Core;
using MeetingBot.Core.Engine;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;

namespace MeetingBot.Host.Services;

/// <summary>
/// Runs meetings off the calendar: polls every source on its own rhythm, reads the stored state, asks the pure
/// <see cref="SchedulePlanner"/> what to do and does it, each action one commit (a reminder and its row together), so a
/// restart never posts anything twice; a moved occurrence is reminded and started at its new time only, a cancelled one
/// not at all. The rules are the planner's (Calendar, <c>Scheduling/</c>); this is reading, writing and logging.
/// </summary>
public sealed partial class MeetingScheduler : BackgroundService
{
    /// <summary>A source that hangs is given up on for this round, so the others and the reminders are not held up.</summary>
    public static readonly TimeSpan SourceTimeout = TimeSpan.FromMinutes(2);

    /// <summary>The <see cref="IWorkClaims"/> kind and key of a scheduling round's reading and acting.</summary>
    public const string ClaimKind = "calendar";

    public const string ClaimKey = "schedule";

    private static readonly ChatUser SchedulerUser = new("meetingbot:scheduler", ScheduleText.SchedulerName);

    private readonly CalendarCollector _collector;
    private readonly CalendarTemplates _templates;
    private readonly IMeetingStore _store;
    private readonly IScheduleStore _schedule;
    private readonly IWorkClaims _claims;
    private readonly MeetingEngine _engine;
    private readonly CalendarStatus _status;
    private readonly CalendarOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<MeetingScheduler> _logger;
    private readonly ResiliencePipeline<CalendarFetch> _sourceCall;
    private readonly Dictionary<string, DateTimeOffset> _nextPoll = new(StringComparer.Ordinal);

    public MeetingScheduler(
        CalendarCollector collector,
        CalendarTemplates templates,
        IMeetingStore store,
        IScheduleStore schedule,
        IWorkClaims claims,
        MeetingEngine engine,
        CalendarStatus status,
        IOptions<CalendarOptions> options,
        TimeProvider time,
        ILogger<MeetingScheduler> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _collector = collector;
        _templates = templates;
        _store = store;
        _schedule = schedule;
        _claims = claims;
        _engine = engine;
        _status = status;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _sourceCall = new ResiliencePipelineBuilder<CalendarFetch> { TimeProvider = time }.AddTimeout(SourceTimeout).Build();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            DateTimeOffset next;
            try
            {
                next = await RunOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogRoundFailed(_logger, ex);
                next = _time.GetUtcNow() + SchedulePlanner.FirstRetry;
            }

            var delay = next - _time.GetUtcNow();
            try
            {
                await Task.Delay(delay > TimeSpan.Zero ? delay : TimeSpan.FromSeconds(1), _time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Polls the sources that are due, then does whatever is due; returns when there is next something to do.</summary>
    public async Task<DateTimeOffset> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        var polls = await PollAsync(cancellationToken).ConfigureAwait(false);

        // Reading the state and acting on it is one instance's at a time (on PostgreSQL, across instances): the next
        // reads what the last committed, so a post or reminder is made once. A killed holder's claim runs out.
        var claim = await _claims.ClaimAsync(ClaimKind, ClaimKey, cancellationToken).ConfigureAwait(false);
        await using (claim.ConfigureAwait(false))
        {
            if (polls.Count > 0)
            {
                var state = await ReadStateAsync(cancellationToken).ConfigureAwait(false);
                await CarryOutAsync(SchedulePlanner.Reconcile(state, polls, _templates.Templates), cancellationToken).ConfigureAwait(false);
            }

            var now = await ReadStateAsync(cancellationToken).ConfigureAwait(false);
            await CarryOutAsync(SchedulePlanner.Due(now, _options.ReminderBefore), cancellationToken).ConfigureAwait(false);
        }

        var rows = await _schedule.GetScheduleAsync(_time.GetUtcNow() - SchedulePlanner.LookBack, cancellationToken).ConfigureAwait(false);
        IEnumerable<DateTimeOffset> nextPolls = _collector.Sources.Count == 0 ? [] : _nextPoll.Values;
        return SchedulePlanner.NextWake(_time.GetUtcNow(), rows, nextPolls, _options.PollInterval, _options.ReminderBefore);
    }

    private async Task<IReadOnlyList<SourcePoll>> PollAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var due = _collector.Sources.Where(s => !_nextPoll.TryGetValue(s.Name, out var at) || at <= now).ToList();
        if (due.Count == 0)
        {
            return [];
        }

        var from = now - SchedulePlanner.LookBack;
        var to = now + SchedulePlanner.LookAhead;
        return await Task.WhenAll(due.Select(s => FetchAsync(s, from, to, cancellationToken))).ConfigureAwait(false);
    }

    private async Task<SourcePoll> FetchAsync(ICalendarSource source, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        CalendarFetch fetch;
        try
        {
            fetch = await _sourceCall.ExecuteAsync(async ct => await source.FetchAsync(from, to, ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException)
        {
            fetch = CalendarFetch.Failed(source.Name, ScheduleText.SourceTimedOut(SourceTimeout));
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            fetch = CalendarFetch.Failed(source.Name, ex.Message);
        }

        var now = _time.GetUtcNow();
        var failure = fetch.Errors.FirstOrDefault(e => e.EventRef is null);
        var failures = failure is null ? 0 : _status.FailuresOf(source.Name) + 1;
        var wait = SchedulePlanner.NextPollAfter(failures, _options.PollInterval);
        _nextPoll[source.Name] = now + wait;
        _status.Record(source.Name, now, fetch, now + wait);
        if (failure is not null)
        {
            LogSourceFailed(_logger, source.Name, failures, wait, failure.Message);
        }

        foreach (var skipped in fetch.Errors.Where(e => e.EventRef is not null))
        {
            LogEntrySkipped(_logger, source.Name, skipped.EventRef!, skipped.Message);
        }

        return new SourcePoll(source.Name, fetch, failure is null);
    }

    /// <summary>The stored meetings, the rows from a day back, their meetings' clocks and every chat bound to them or to their spaces.</summary>
    private async Task<ScheduleState> ReadStateAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var definitions = new List<MeetingDefinition>();
        var runtimes = new Dictionary<string, MeetingRuntime>(StringComparer.Ordinal);
        foreach (var summary in await _store.ListMeetingsAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await _store.GetDefinitionAsync(summary.Id, cancellationToken).ConfigureAwait(false) is { } definition)
            {
                definitions.Add(definition);
            }

            if (summary.Status is not MeetingStatus.NotStarted && await _store.GetRuntimeAsync(summary.Id, cancellationToken).ConfigureAwait(false) is { } runtime)
            {
                runtimes[summary.Id] = runtime;
            }
        }

        var rows = await _schedule.GetScheduleAsync(now - SchedulePlanner.LookBack, cancellationToken).ConfigureAwait(false);
        var meetings = rows.Select(r => r.MeetingId).ToHashSet(StringComparer.Ordinal);
        foreach (var space in rows.Select(r => r.ChatSpace).OfType<string>().Where(s => s.Length > 0).Distinct(StringComparer.Ordinal))
        {
            if (await _store.FindBindingAsync(GoogleChatMapper.Channel, space, cancellationToken).ConfigureAwait(false) is { } holder)
            {
                meetings.Add(holder.MeetingId);
            }
        }

        var bindings = new List<ConversationBinding>();
        foreach (var meeting in meetings)
        {
            bindings.AddRange(await _store.GetBindingsAsync(meeting, cancellationToken).ConfigureAwait(false));
        }

        return new ScheduleState(now, definitions, rows, runtimes, bindings, GoogleChatMapper.Channel);
    }

    private async Task CarryOutAsync(IReadOnlyList<ScheduleAction> actions, CancellationToken cancellationToken)
    {
        foreach (var action in actions)
        {
            switch (action)
            {
                case LeaveUnmatched(var match):
                    LogUnmatched(_logger, match.Event.SourceName, match.Event.Title, match.Event.Start, match.Reason ?? "");
                    break;
                case StoreMeeting { MovedFrom: null } created:
                    await _store.UpsertDefinitionAsync(created.Meeting, cancellationToken).ConfigureAwait(false);
                    LogInstantiated(_logger, created.Meeting.Id, created.EventTitle);
                    break;
                case StoreMeeting moved:
                    await _store.UpsertDefinitionAsync(moved.Meeting, cancellationToken).ConfigureAwait(false);
                    LogMoved(_logger, moved.Meeting.Id, moved.MovedFrom!.Value, moved.Meeting.Start);
                    break;
                case SaveOccurrence(var row, var notice):
                    await _store.CommitAsync(new StoreChange { Schedule = [row], Outbox = notice }, cancellationToken).ConfigureAwait(false);
                    break;
                case BindSpace(var binding):
                    await BindAsync(binding, cancellationToken).ConfigureAwait(false);
                    LogBound(_logger, binding.Address.ConversationId, binding.MeetingId);
                    break;
                case ReportSpaceBusy busy:
                    LogSpaceBusy(_logger, busy.Space, busy.RunningMeetingId, busy.MeetingId);
                    break;
                case ReportNoChat(var meetingId):
                    LogNoChat(_logger, meetingId);
                    break;
                case PostForOccurrence post:
                    await _store.CommitAsync(new StoreChange { Schedule = [post.Row], Outbox = post.Posts }, cancellationToken).ConfigureAwait(false);
                    if (post.Kind is PostKind.Reminder)
                    {
                        LogReminded(_logger, post.Row.MeetingId, post.Row.Start);
                    }

                    break;
                case StartMeeting start:
                    await StartAsync(start, cancellationToken).ConfigureAwait(false);
                    break;
            }
        }
    }

    /// <summary>The one place the scheduler writes a binding (to become an engine command).</summary>
    private Task BindAsync(ConversationBinding binding, CancellationToken cancellationToken) =>
        _engine.BindAsync(binding.Address, binding.MeetingId, cancellationToken);

    private async Task StartAsync(StartMeeting start, CancellationToken cancellationToken)
    {
        IReadOnlyList<OutboundMessage> messages = [];
        if (start.ThroughEngine)
        {
            // The engine records this id with the start, so if the process dies before the row below is written,
            // the retry after the restart is recognised as a redelivery and posts nothing.
            var result = await _engine.HandleAsync(
                new ChatInput
                {
                    Conversation = start.Conversation,
                    MessageId = start.MessageId,
                    Kind = ChatInputKind.MeetingStarted,
                    From = SchedulerUser,
                },
                cancellationToken).ConfigureAwait(false);
            messages = result.Messages;
        }

        // The engine has committed the start's posts to the outbox with the start itself.
        await _schedule.SaveScheduleAsync(start.Row, cancellationToken).ConfigureAwait(false);
        if (messages.Count > 0)
        {
            LogStarted(_logger, start.Row.MeetingId, start.Row.Start);
        }
    }

    [LoggerMessage(EventId = 500, Level = LogLevel.Error, Message = "일정 처리 중 오류가 났습니다. 잠시 뒤 다시 시도합니다.")]
    private static partial void LogRoundFailed(ILogger logger, Exception ex);

    [LoggerMessage(EventId = 501, Level = LogLevel.Warning, Message = "일정 원본 {Source} 실패({Failures}회 연속), {Wait} 뒤 다시 읽습니다: {Reason}")]
    private static partial void LogSourceFailed(ILogger logger, string source, int failures, TimeSpan wait, string reason);

    [LoggerMessage(EventId = 502, Level = LogLevel.Warning, Message = "일정 원본 {Source}: {Entry} 건너뜀: {Reason}")]
    private static partial void LogEntrySkipped(ILogger logger, string source, string entry, string reason);

    [LoggerMessage(EventId = 503, Level = LogLevel.Debug, Message = "일정 {Source} '{Title}' ({Start})은(는) 회의와 연결되지 않았습니다: {Reason}")]
    private static partial void LogUnmatched(ILogger logger, string source, string title, DateTimeOffset start, string reason);

    [LoggerMessage(EventId = 504, Level = LogLevel.Information, Message = "일정 '{Title}'로 회의 {MeetingId}를 만들었습니다(회의 틀).")]
    private static partial void LogInstantiated(ILogger logger, string meetingId, string title);

    [LoggerMessage(EventId = 505, Level = LogLevel.Information, Message = "회의 {MeetingId}의 시작 시각이 {From}에서 {To}(으)로 바뀌었습니다.")]
    private static partial void LogMoved(ILogger logger, string meetingId, DateTimeOffset from, DateTimeOffset to);

    [LoggerMessage(EventId = 506, Level = LogLevel.Information, Message = "회의 {MeetingId} ({Start}) 알림을 보냈습니다.")]
    private static partial void LogReminded(ILogger logger, string meetingId, DateTimeOffset start);

    [LoggerMessage(EventId = 507, Level = LogLevel.Information, Message = "회의 {MeetingId} ({Start})를 시작했습니다.")]
    private static partial void LogStarted(ILogger logger, string meetingId, DateTimeOffset start);

    [LoggerMessage(EventId = 508, Level = LogLevel.Warning, Message = "회의 {MeetingId}에 연결된 대화방이 없어 알림·시작을 보낼 수 없습니다. 일정 설명에 'chat: spaces/…'를 적거나 /연결 하세요.")]
    private static partial void LogNoChat(ILogger logger, string meetingId);

    [LoggerMessage(EventId = 509, Level = LogLevel.Information, Message = "Google Chat {Space}을(를) 회의 {MeetingId}에 연결했습니다.")]
    private static partial void LogBound(ILogger logger, string space, string meetingId);

    [LoggerMessage(EventId = 510, Level = LogLevel.Warning, Message = "Google Chat {Space}에서 회의 {Running}이(가) 진행 중이라 {MeetingId}에 아직 연결하지 않습니다.")]
    private static partial void LogSpaceBusy(ILogger logger, string space, string running, string meetingId);
}
