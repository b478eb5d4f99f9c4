using MeetingBot.Core;

namespace MeetingBot.Calendar.Scheduling;

/// <summary>
/// The scheduling rules as pure functions: calendar events, the stored state and the time in, the actions to take out.
/// <see cref="Reconcile"/> turns a poll of the sources into stored meetings and schedule rows (template instances, moved
/// start times, occurrences gone from a source); <see cref="Due"/> says what is due now (bind the event's chat space,
/// remind, start, say a reminded meeting is off); <see cref="NextWake"/> when there is next something to do. The host's
/// hosted service reads the state, calls these and carries the actions out in order, each one commit.
/// </summary>
public static class SchedulePlanner
{
    /// <summary>How far ahead occurrences are read: enough for reminders, and for staff to see next week's meetings.</summary>
    public static readonly TimeSpan LookAhead = TimeSpan.FromDays(14);

    /// <summary>How far back: a meeting that began before a restart can still be started while it should be running.</summary>
    public static readonly TimeSpan LookBack = TimeSpan.FromDays(1);

    /// <summary>First retry after a source failed; doubled per failure up to the poll interval.</summary>
    public static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(30);

    /// <summary>How long past its planned end a running meeting still holds its space against the next one's reminder.</summary>
    public static readonly TimeSpan SlotGrace = TimeSpan.FromHours(1);

    /// <summary>The wait before a source is read again: the poll interval, or after failures in a row 30 s doubling up to it.</summary>
    public static TimeSpan NextPollAfter(int consecutiveFailures, TimeSpan pollInterval)
    {
        if (consecutiveFailures <= 0)
        {
            return pollInterval;
        }

        var wait = FirstRetry * Math.Pow(2, Math.Min(consecutiveFailures - 1, 16));
        return wait < pollInterval ? wait : pollInterval;
    }

    /// <summary>The engine's de-duplication key for the scheduled start of one occurrence.</summary>
    public static string StartMessageId(string meetingId, DateTimeOffset start) =>
        $"schedule:start:{meetingId}:{start.ToUniversalTime():yyyy-MM-ddTHH:mm:ssZ}";

    /// <summary>
    /// A poll's events against what is stored. Each matched event becomes its schedule row (saved only when something
    /// changed); a template instance seen for the first time becomes a stored meeting, and a meeting not yet started
    /// whose event moved takes the calendar's time (the agenda stays as the file has it). Those who were reminded of
    /// the old time hear of the new one, in the same commit as the row. An occurrence gone from a source that answered
    /// is called off.
    /// </summary>
    public static IReadOnlyList<ScheduleAction> Reconcile(ScheduleState state, IReadOnlyList<SourcePoll> polls, IReadOnlyList<TitleTemplate> templates)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(polls);
        ArgumentNullException.ThrowIfNull(templates);
        var now = state.Now;
        var from = now - LookBack;
        var to = now + LookAhead;
        var actions = new List<ScheduleAction>();
        var definitions = state.Definitions.ToList();
        var known = state.Rows.Where(r => r.Start >= from).ToDictionary(r => (r.SourceName, r.EventId));
        var matches = EventPlan.Match(
            polls.SelectMany(p => p.Fetch.Events),
            definitions,
            templates,
            e => known.TryGetValue((e.SourceName, e.EventId), out var row) ? row.MeetingId : null);

        foreach (var match in matches)
        {
            if (!match.IsMatched)
            {
                actions.Add(new LeaveUnmatched(match));
                continue;
            }

            known.TryGetValue((match.Event.SourceName, match.Event.EventId), out var previous);
            Apply(state, match, previous, definitions, actions);
        }

        foreach (var poll in polls.Where(p => p.Succeeded))
        {
            var present = matches.Where(m => m.IsMatched && m.Event.SourceName == poll.Source).Select(m => m.Event.EventId).ToHashSet(StringComparer.Ordinal);
            var vanished = known.Values.Where(r => r.SourceName == poll.Source && !r.Cancelled && r.Start >= from && r.Start < to && !present.Contains(r.EventId));
            actions.AddRange(vanished.Select(row => new SaveOccurrence(row with { Cancelled = true, UpdatedAt = now }, [])));
        }

        return actions;
    }

    /// <summary>
    /// What is due at <see cref="ScheduleState.Now"/>, in the order to carry it out. A reminder is its row marked
    /// reminded and the post to every bound chat, one commit; so is the notice that a reminded meeting is off. The event's
    /// chat space is bound when the reminder or the start is due, not at first sight, so a space reused every week moves
    /// to the week's meeting when it is due; a reminder does not take the space from a meeting still running in its
    /// slot, the start does.
    /// </summary>
    public static IReadOnlyList<ScheduleAction> Due(ScheduleState state, TimeSpan reminderBefore)
    {
        ArgumentNullException.ThrowIfNull(state);
        var plan = new DuePlan(state);
        var now = state.Now;
        var rows = state.Rows.Where(r => r.Start >= now - LookBack).ToList();
        foreach (var row in rows)
        {
            if (plan.Definition(row.MeetingId) is not { } meeting)
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
                    plan.Post(row with { NoticeSentFor = row.Start, UpdatedAt = now }, plan.BindingsOf(meeting.Id), ScheduleText.Cancelled(meeting, row.Start), PostKind.Cancelled);
                }

                continue;
            }

            var current = row;
            if (reminderBefore > TimeSpan.Zero && now >= row.Start - reminderBefore && now < row.Start && row.ReminderSentFor != row.Start)
            {
                var bindings = plan.Bind(row, meeting, starting: false);
                if (bindings.Count == 0)
                {
                    plan.Actions.Add(new ReportNoChat(meeting.Id));
                }
                else
                {
                    current = row with { ReminderSentFor = row.Start, UpdatedAt = now };
                    plan.Post(current, bindings, ScheduleText.Reminder(meeting, row.Start, now), PostKind.Reminder);
                }
            }

            if (now >= current.Start && now < end && current.StartedFor != current.Start)
            {
                var bindings = plan.Bind(current, meeting, starting: true);
                if (bindings.Count == 0)
                {
                    plan.Actions.Add(new ReportNoChat(meeting.Id));
                    continue;
                }

                var notStarted = plan.NotStarted(meeting.Id);
                plan.Actions.Add(new StartMeeting(
                    current with { StartedFor = current.Start, UpdatedAt = now },
                    bindings[0].Address,
                    StartMessageId(meeting.Id, current.Start),
                    notStarted));
                if (notStarted)
                {
                    plan.Started(meeting);
                }
            }
        }

        return plan.Actions;
    }

    /// <summary>When there is next something to do: the next source poll, reminder or start after <paramref name="now"/>.</summary>
    public static DateTimeOffset NextWake(DateTimeOffset now, IReadOnlyList<ScheduledMeeting> rows, IEnumerable<DateTimeOffset> nextPolls, TimeSpan pollInterval, TimeSpan reminderBefore)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(nextPolls);
        var next = nextPolls.DefaultIfEmpty(now + pollInterval).Min();
        foreach (var row in rows.Where(r => !r.Cancelled && r.Start >= now - LookBack))
        {
            var remindAt = row.Start - reminderBefore;
            if (reminderBefore > TimeSpan.Zero && row.ReminderSentFor != row.Start && remindAt > now && remindAt < next)
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

    /// <summary>How long a meeting holds its slot: its planned duration, at least a minute.</summary>
    public static TimeSpan Duration(MeetingDefinition meeting)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        return meeting.PlannedDuration > TimeSpan.FromMinutes(1) ? meeting.PlannedDuration : TimeSpan.FromMinutes(1);
    }

    private static void Apply(ScheduleState state, EventMatch match, ScheduledMeeting? previous, List<MeetingDefinition> definitions, List<ScheduleAction> actions)
    {
        var now = state.Now;
        var occurrence = match.Event;
        var meeting = match.Meeting!;
        var stored = definitions.FirstOrDefault(d => d.Id == meeting.Id);
        if (stored is null && !occurrence.Cancelled)
        {
            // A template instance seen for the first time (a cancelled one is not worth a meeting of its own).
            actions.Add(new StoreMeeting(meeting, null, occurrence.Title));
            definitions.Add(meeting);
        }
        else if (stored is not null && !occurrence.Cancelled && stored.Start != occurrence.Start && state.StatusOf(stored.Id) is MeetingStatus.NotStarted)
        {
            // Moved on the calendar: the calendar is where the time lives; the agenda stays as the file has it.
            var moved = stored with { Start = stored.ToLocal(occurrence.Start) };
            actions.Add(new StoreMeeting(moved, stored.Start, occurrence.Title));
            definitions[definitions.IndexOf(stored)] = moved;
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

        // People who were reminded of the old time are told of the new one; the reminder for it follows in due course.
        IReadOnlyList<OutboundMessage> notice = [];
        var wasAnnounced = previous is { Cancelled: false } && previous.ReminderSentFor == previous.Start && previous.StartedFor != previous.Start;
        if (wasAnnounced && !row.Cancelled && previous!.Start != row.Start && previous.MeetingId == row.MeetingId)
        {
            var current = definitions.First(d => d.Id == row.MeetingId);
            var text = ScheduleText.Moved(current, previous.Start, row.Start);
            notice = [.. state.BindingsOf(row.MeetingId).Select(b => new OutboundMessage(b.Address, text, now))];
        }

        actions.Add(new SaveOccurrence(row, notice));
    }

    private static bool Same(ScheduledMeeting a, ScheduledMeeting b) =>
        a.MeetingId == b.MeetingId && a.Title == b.Title && a.Start == b.Start && a.Cancelled == b.Cancelled && a.ChatSpace == b.ChatSpace;

    /// <summary>The due plan's working copy of the bindings and runtimes, so later rows see what earlier actions did.</summary>
    private sealed class DuePlan(ScheduleState state)
    {
        private readonly List<ConversationBinding> _bindings = [.. state.Bindings];
        private readonly Dictionary<string, MeetingRuntime> _runtimes = state.Runtimes.ToDictionary(StringComparer.Ordinal);

        public List<ScheduleAction> Actions { get; } = [];

        public MeetingDefinition? Definition(string id) => state.Definitions.FirstOrDefault(d => d.Id == id);

        public IReadOnlyList<ConversationBinding> BindingsOf(string meetingId) => [.. ScheduleState.OfMeeting(_bindings, meetingId)];

        public bool NotStarted(string meetingId) =>
            (_runtimes.GetValueOrDefault(meetingId)?.Status ?? MeetingStatus.NotStarted) is MeetingStatus.NotStarted;

        public void Started(MeetingDefinition meeting) =>
            _runtimes[meeting.Id] = MeetingRuntime.NotStartedFor(meeting) with { Status = MeetingStatus.Running, StartedAt = state.Now };

        public void Post(ScheduledMeeting row, IReadOnlyList<ConversationBinding> bindings, string text, PostKind kind) =>
            Actions.Add(new PostForOccurrence(row, [.. bindings.Select(b => new OutboundMessage(b.Address, text, state.Now))], kind));

        /// <summary>Ties the row's chat space to the meeting when it is its turn; returns the meeting's chats.</summary>
        public IReadOnlyList<ConversationBinding> Bind(ScheduledMeeting row, MeetingDefinition meeting, bool starting)
        {
            if (row.ChatSpace is { Length: > 0 } space)
            {
                var existing = _bindings.FirstOrDefault(b => b.Address.Channel == state.SpaceChannel && b.Address.ConversationId == space);
                if (existing?.MeetingId != meeting.Id)
                {
                    if (!starting && existing is not null && RunningInItsSlot(existing.MeetingId))
                    {
                        Actions.Add(new ReportSpaceBusy(space, existing.MeetingId, meeting.Id));
                    }
                    else
                    {
                        var binding = new ConversationBinding(new ConversationAddress(state.SpaceChannel, space), meeting.Id, state.Now);
                        if (existing is not null)
                        {
                            _bindings.Remove(existing);
                        }

                        _bindings.Add(binding);
                        Actions.Add(new BindSpace(binding));
                    }
                }
            }

            return BindingsOf(meeting.Id);
        }

        /// <summary>A meeting nobody ended holds its space only until its slot is well over.</summary>
        private bool RunningInItsSlot(string meetingId) =>
            _runtimes.GetValueOrDefault(meetingId) is { Status: MeetingStatus.Running or MeetingStatus.Paused } runtime
            && Definition(meetingId) is { } meeting
            && state.Now < (runtime.StartedAt ?? meeting.Start) + Duration(meeting) + SlotGrace;
    }
}
