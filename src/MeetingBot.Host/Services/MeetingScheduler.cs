using MeetingBot.Calendar;
using MeetingBot.Channels.GoogleChat;
using MeetingBot.Core;
using MeetingBot.Core.Engine;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;

namespace MeetingBot.Host.Services;

/// <summary>
/// Runs meetings off the calendar. It polls every source on its own rhythm, matches occurrences to meetings (storing
/// new template instances and moved start times), keeps what it has seen in the schedule table, and at the right times
/// posts a reminder and then starts the meeting through the engine, which posts the agenda and opens item 1.
/// Everything it has done is written down before it is sent, so a restart never posts anything twice; a moved
/// occurrence is reminded and started at its new time only, a cancelled one not at all.
/// </summary>
public sealed partial class MeetingScheduler : BackgroundService
{
    /// <summary>How far ahead occurrences are read: enough for reminders, and for staff to see next week's meetings.</summary>
    public static readonly TimeSpan LookAhead = TimeSpan.FromDays(14);

    /// <summary>How far back: a meeting that began before a restart can still be started while it should be running.</summary>
    public static readonly TimeSpan LookBack = TimeSpan.FromDays(1);

    /// <summary>First retry after a source failed; doubled per failure up to the poll interval.</summary>
    public static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(30);

    /// <summary>A source that hangs is given up on for this round, so the others and the reminders are not held up.</summary>
    public static readonly TimeSpan SourceTimeout = TimeSpan.FromMinutes(2);

    /// <summary>How long past its planned end a running meeting still holds its space against the next one's reminder.</summary>
    private static readonly TimeSpan SlotGrace = TimeSpan.FromHours(1);

    private static readonly ChatUser SchedulerUser = new("meetingbot:scheduler", ScheduleText.SchedulerName);

    private readonly CalendarCollector _collector;
    private readonly CalendarTemplates _templates;
    private readonly IMeetingStore _store;
    private readonly IScheduleStore _schedule;
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
                next = _time.GetUtcNow() + FirstRetry;
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
        await PollAsync(cancellationToken).ConfigureAwait(false);
        await FireDueAsync(cancellationToken).ConfigureAwait(false);
        return await NextWakeAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task PollAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var due = _collector.Sources.Where(s => !_nextPoll.TryGetValue(s.Name, out var at) || at <= now).ToList();
        if (due.Count == 0)
        {
            return;
        }

        var from = now - LookBack;
        var to = now + LookAhead;
        var fetches = await Task.WhenAll(due.Select(s => FetchAsync(s, from, to, cancellationToken))).ConfigureAwait(false);

        var definitions = await LoadDefinitionsAsync(cancellationToken).ConfigureAwait(false);
        var known = (await _schedule.GetScheduleAsync(from, cancellationToken).ConfigureAwait(false))
            .ToDictionary(r => (r.SourceName, r.EventId));
        var matches = CalendarPlan.Match(
            fetches.SelectMany(f => f.Fetch.Events),
            definitions,
            _templates.Templates,
            e => known.TryGetValue((e.SourceName, e.EventId), out var row) ? row.MeetingId : null);

        foreach (var match in matches)
        {
            if (!match.IsMatched)
            {
                LogUnmatched(_logger, match.Event.SourceName, match.Event.Title, match.Event.Start, match.Reason ?? "");
                continue;
            }

            known.TryGetValue((match.Event.SourceName, match.Event.EventId), out var previous);
            await ApplyAsync(match, previous, definitions, cancellationToken).ConfigureAwait(false);
        }

        // An occurrence that is gone from a source that answered was deleted (or no longer matches): treat it as called off.
        foreach (var (source, fetch) in fetches.Where(f => f.Succeeded).Select(f => (f.Source, f.Fetch)))
        {
            var present = matches.Where(m => m.IsMatched && m.Event.SourceName == source.Name).Select(m => m.Event.EventId).ToHashSet(StringComparer.Ordinal);
            var vanished = known.Values.Where(r => r.SourceName == source.Name && !r.Cancelled && r.Start >= from && r.Start < to && !present.Contains(r.EventId));
            foreach (var row in vanished)
            {
                await _schedule.SaveScheduleAsync(row with { Cancelled = true, UpdatedAt = now }, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<SourceFetch> FetchAsync(ICalendarSource source, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
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
        var wait = failure is null ? _options.PollInterval : Backoff(failures);
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

        return new SourceFetch(source, fetch, failure is null);
    }

    private TimeSpan Backoff(int failures)
    {
        var wait = FirstRetry * Math.Pow(2, Math.Min(failures - 1, 16));
        return wait < _options.PollInterval ? wait : _options.PollInterval;
    }

    private async Task ApplyAsync(EventMatch match, ScheduledMeeting? previous, List<MeetingDefinition> definitions, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var occurrence = match.Event;
        var meeting = match.Meeting!;
        var stored = definitions.FirstOrDefault(d => d.Id == meeting.Id);
        if (stored is null && !occurrence.Cancelled)
        {
            // A template instance seen for the first time (a cancelled one is not worth a meeting of its own).
            await _store.UpsertDefinitionAsync(meeting, cancellationToken).ConfigureAwait(false);
            definitions.Add(meeting);
            LogInstantiated(_logger, meeting.Id, occurrence.Title);
        }
        else if (stored is not null && !occurrence.Cancelled && stored.Start != occurrence.Start && await NotStartedAsync(stored.Id, cancellationToken).ConfigureAwait(false))
        {
            // Moved on the calendar: the calendar is where the time lives; the agenda stays as the file has it.
            var moved = stored with { Start = stored.ToLocal(occurrence.Start) };
            await _store.UpsertDefinitionAsync(moved, cancellationToken).ConfigureAwait(false);
            definitions[definitions.IndexOf(stored)] = moved;
            LogMoved(_logger, stored.Id, stored.Start, occurrence.Start);
        }

        var row = new ScheduledMeeting(
            occurrence.SourceName,
            occurrence.EventId,
            meeting.Id,
            occurrence.Title,
            occurrence.Start,
            occurrence.Cancelled,
            occurrence.ChatSpace,
            previous?.ReminderSentFor,
            previous?.StartedFor,
            previous?.NoticeSentFor,
            now);
        if (previous is not null && Same(previous, row))
        {
            return;
        }

        await _schedule.SaveScheduleAsync(row, cancellationToken).ConfigureAwait(false);

        // People who were reminded of the old time are told of the new one; the reminder for it follows in due course.
        var wasAnnounced = previous is { Cancelled: false } && previous.ReminderSentFor == previous.Start && previous.StartedFor != previous.Start;
        if (wasAnnounced && !row.Cancelled && previous!.Start != row.Start && previous.MeetingId == row.MeetingId)
        {
            var current = definitions.First(d => d.Id == row.MeetingId);
            await PostAsync(current, ScheduleText.Moved(current, previous.Start, row.Start), now, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task FireDueAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var rows = await _schedule.GetScheduleAsync(now - LookBack, cancellationToken).ConfigureAwait(false);
        foreach (var row in rows)
        {
            var meeting = await _store.GetDefinitionAsync(row.MeetingId, cancellationToken).ConfigureAwait(false);
            if (meeting is null)
            {
                continue;
            }

            var end = row.Start + Duration(meeting);
            if (row.Cancelled)
            {
                // Only those who were told it was coming hear that it is off, and not when another entry now holds the meeting.
                var heldElsewhere = rows.Any(r => !r.Cancelled && r.MeetingId == row.MeetingId);
                if (row.ReminderSentFor == row.Start && row.StartedFor != row.Start && row.NoticeSentFor != row.Start && now < end && !heldElsewhere)
                {
                    await _schedule.SaveScheduleAsync(row with { NoticeSentFor = row.Start, UpdatedAt = now }, cancellationToken).ConfigureAwait(false);
                    await PostAsync(meeting, ScheduleText.Cancelled(meeting, row.Start), now, cancellationToken).ConfigureAwait(false);
                }

                continue;
            }

            var current = row;
            if (_options.ReminderBefore > TimeSpan.Zero && now >= row.Start - _options.ReminderBefore && now < row.Start && row.ReminderSentFor != row.Start)
            {
                current = await RemindAsync(row, meeting, now, cancellationToken).ConfigureAwait(false);
            }

            if (now >= current.Start && now < end && current.StartedFor != current.Start)
            {
                await StartAsync(current, meeting, now, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<ScheduledMeeting> RemindAsync(ScheduledMeeting row, MeetingDefinition meeting, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var bindings = await BindAsync(row, meeting, now, starting: false, cancellationToken).ConfigureAwait(false);
        if (bindings.Count == 0)
        {
            LogNoChat(_logger, meeting.Id);
            return row;
        }

        // Written down first: a crash between the two loses one reminder rather than posting it twice.
        var reminded = row with { ReminderSentFor = row.Start, UpdatedAt = now };
        await _schedule.SaveScheduleAsync(reminded, cancellationToken).ConfigureAwait(false);
        var text = ScheduleText.Reminder(meeting, row.Start, now);
        await PostAsync(bindings, text, now, cancellationToken).ConfigureAwait(false);
        LogReminded(_logger, meeting.Id, row.Start);
        return reminded;
    }

    private async Task StartAsync(ScheduledMeeting row, MeetingDefinition meeting, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var bindings = await BindAsync(row, meeting, now, starting: true, cancellationToken).ConfigureAwait(false);
        if (bindings.Count == 0)
        {
            LogNoChat(_logger, meeting.Id);
            return;
        }

        IReadOnlyList<OutboundMessage> messages = [];
        if (await NotStartedAsync(meeting.Id, cancellationToken).ConfigureAwait(false))
        {
            // The engine records this id with the start, so if the process dies before the row below is written,
            // the retry after the restart is recognised as a redelivery and posts nothing.
            var result = await _engine.HandleAsync(
                new ChatInput
                {
                    Conversation = bindings[0].Address,
                    MessageId = StartMessageId(meeting.Id, row.Start),
                    Kind = ChatInputKind.MeetingStarted,
                    From = SchedulerUser,
                },
                cancellationToken).ConfigureAwait(false);
            messages = result.Messages;
        }

        // The engine has committed the start's posts to the outbox with the start itself.
        await _schedule.SaveScheduleAsync(row with { StartedFor = row.Start, UpdatedAt = now }, cancellationToken).ConfigureAwait(false);
        if (messages.Count > 0)
        {
            LogStarted(_logger, meeting.Id, row.Start);
        }
    }

    /// <summary>The engine's de-duplication key for the scheduled start of one occurrence.</summary>
    public static string StartMessageId(string meetingId, DateTimeOffset start) =>
        $"schedule:start:{meetingId}:{start.ToUniversalTime():yyyy-MM-ddTHH:mm:ssZ}";

    /// <summary>
    /// Ties the event's Google Chat space to the meeting, at reminder or start time rather than at first sight: a
    /// space reused every week then moves from one week's meeting to the next when the next one is due. A reminder
    /// does not take the space from a meeting still running in its time slot; the start does (back-to-back meetings),
    /// and a meeting nobody ended holds its space only until its slot is well over.
    /// </summary>
    private async Task<IReadOnlyList<ConversationBinding>> BindAsync(ScheduledMeeting row, MeetingDefinition meeting, DateTimeOffset now, bool starting, CancellationToken cancellationToken)
    {
        if (row.ChatSpace is { Length: > 0 } space)
        {
            var existing = await _store.FindBindingAsync(GoogleChatMapper.Channel, space, cancellationToken).ConfigureAwait(false);
            if (existing?.MeetingId != meeting.Id)
            {
                if (!starting && existing is not null && await RunningInItsSlotAsync(existing.MeetingId, now, cancellationToken).ConfigureAwait(false))
                {
                    LogSpaceBusy(_logger, space, existing!.MeetingId, meeting.Id);
                }
                else
                {
                    var binding = new ConversationBinding(new ConversationAddress(GoogleChatMapper.Channel, space), meeting.Id, now);
                    await _store.CommitAsync(new StoreChange { Binding = binding }, cancellationToken).ConfigureAwait(false);
                    LogBound(_logger, space, meeting.Id);
                }
            }
        }

        return await _store.GetBindingsAsync(meeting.Id, cancellationToken).ConfigureAwait(false);
    }

    private async Task PostAsync(MeetingDefinition meeting, string text, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var bindings = await _store.GetBindingsAsync(meeting.Id, cancellationToken).ConfigureAwait(false);
        await PostAsync(bindings, text, now, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A post to every bound chat, through the outbox: durable once this returns, sent by the drain.</summary>
    private Task PostAsync(IEnumerable<ConversationBinding> bindings, string text, DateTimeOffset now, CancellationToken cancellationToken) =>
        _store.CommitAsync(new StoreChange { Outbox = [.. bindings.Select(b => new OutboundMessage(b.Address, text, now))] }, cancellationToken);

    private async Task<DateTimeOffset> NextWakeAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var next = _collector.Sources.Count == 0 ? now + _options.PollInterval : _nextPoll.Values.DefaultIfEmpty(now + _options.PollInterval).Min();
        foreach (var row in await _schedule.GetScheduleAsync(now - LookBack, cancellationToken).ConfigureAwait(false))
        {
            if (row.Cancelled)
            {
                continue;
            }

            var remindAt = row.Start - _options.ReminderBefore;
            if (_options.ReminderBefore > TimeSpan.Zero && row.ReminderSentFor != row.Start && remindAt > now && remindAt < next)
            {
                next = remindAt;
            }

            if (row.StartedFor != row.Start && row.Start > now && row.Start < next)
            {
                next = row.Start;
            }
        }

        return next;
    }

    private async Task<List<MeetingDefinition>> LoadDefinitionsAsync(CancellationToken cancellationToken)
    {
        var list = new List<MeetingDefinition>();
        foreach (var summary in await _store.ListMeetingsAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await _store.GetDefinitionAsync(summary.Id, cancellationToken).ConfigureAwait(false) is { } definition)
            {
                list.Add(definition);
            }
        }

        return list;
    }

    private async Task<bool> RunningInItsSlotAsync(string meetingId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var runtime = await _store.GetRuntimeAsync(meetingId, cancellationToken).ConfigureAwait(false);
        var meeting = await _store.GetDefinitionAsync(meetingId, cancellationToken).ConfigureAwait(false);
        return runtime?.Status is MeetingStatus.Running or MeetingStatus.Paused
               && meeting is not null
               && now < (runtime.StartedAt ?? meeting.Start) + Duration(meeting) + SlotGrace;
    }

    private async Task<bool> NotStartedAsync(string meetingId, CancellationToken cancellationToken) =>
        (await _store.GetRuntimeAsync(meetingId, cancellationToken).ConfigureAwait(false))?.Status is null or MeetingStatus.NotStarted;

    private static TimeSpan Duration(MeetingDefinition meeting) =>
        meeting.PlannedDuration > TimeSpan.FromMinutes(1) ? meeting.PlannedDuration : TimeSpan.FromMinutes(1);

    private static bool Same(ScheduledMeeting a, ScheduledMeeting b) =>
        a.MeetingId == b.MeetingId && a.Title == b.Title && a.Start == b.Start && a.Cancelled == b.Cancelled && a.ChatSpace == b.ChatSpace;

    private sealed record SourceFetch(ICalendarSource Source, CalendarFetch Fetch, bool Succeeded);

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
