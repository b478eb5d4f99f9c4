using MeetingBot.Core;

namespace MeetingBot.Calendar.Scheduling;

/// <summary>
/// What the planner sees: the time, the stored meetings, the schedule rows, the meetings' clocks and the chats bound to
/// them. <see cref="SpaceChannel"/> is the channel a calendar event's chat space (<c>chat: spaces/…</c>) belongs to.
/// </summary>
public sealed record ScheduleState(
    DateTimeOffset Now,
    IReadOnlyList<MeetingDefinition> Definitions,
    IReadOnlyList<ScheduledMeeting> Rows,
    IReadOnlyDictionary<string, MeetingRuntime> Runtimes,
    IReadOnlyList<ConversationBinding> Bindings,
    string SpaceChannel)
{
    /// <summary>A meeting without a stored clock has not started.</summary>
    public MeetingStatus StatusOf(string meetingId) => Runtimes.GetValueOrDefault(meetingId)?.Status ?? MeetingStatus.NotStarted;

    /// <summary>The meeting's chats in the store's order (first bound first): the start goes to the first.</summary>
    public IEnumerable<ConversationBinding> BindingsOf(string meetingId) => OfMeeting(Bindings, meetingId);

    internal static IEnumerable<ConversationBinding> OfMeeting(IEnumerable<ConversationBinding> bindings, string meetingId) =>
        bindings.Where(b => b.MeetingId == meetingId)
            .OrderBy(b => b.BoundAt)
            .ThenBy(b => b.Address.Channel, StringComparer.Ordinal)
            .ThenBy(b => b.Address.ConversationId, StringComparer.Ordinal);
}

/// <summary>One source's answer to a poll; <see cref="Succeeded"/> when it answered at all, so what is missing from it was deleted.</summary>
public sealed record SourcePoll(string Source, CalendarFetch Fetch, bool Succeeded);

/// <summary>One step of a plan, carried out by the host's scheduler service in plan order.</summary>
public abstract record ScheduleAction;

/// <summary>Store the meeting: a template instance (<see cref="MovedFrom"/> null) or a meeting the calendar moved.</summary>
public sealed record StoreMeeting(MeetingDefinition Meeting, DateTimeOffset? MovedFrom, string EventTitle) : ScheduleAction;

/// <summary>Save the occurrence's row, and in the same commit the notice it carries (a move told to those reminded).</summary>
public sealed record SaveOccurrence(ScheduledMeeting Row, IReadOnlyList<OutboundMessage> Notice) : ScheduleAction;

/// <summary>An event that names no meeting, with the reason (for the log).</summary>
public sealed record LeaveUnmatched(EventMatch Match) : ScheduleAction;

/// <summary>Tie a chat space to the meeting whose turn it is.</summary>
public sealed record BindSpace(ConversationBinding Binding) : ScheduleAction;

/// <summary>A reminder does not take a space from a meeting still running in its slot.</summary>
public sealed record ReportSpaceBusy(string Space, string RunningMeetingId, string MeetingId) : ScheduleAction;

/// <summary>Nothing to remind or start in: no chat is bound to the meeting.</summary>
public sealed record ReportNoChat(string MeetingId) : ScheduleAction;

public enum PostKind
{
    Reminder,
    Cancelled,
}

/// <summary>The row marked as sent and the post to every bound chat, in one commit: a restart neither loses nor repeats it.</summary>
public sealed record PostForOccurrence(ScheduledMeeting Row, IReadOnlyList<OutboundMessage> Posts, PostKind Kind) : ScheduleAction;

/// <summary>
/// Start the meeting through the engine in <see cref="Conversation"/> (when <see cref="ThroughEngine"/>: it has not
/// started yet), with <see cref="MessageId"/> so a retry after a restart is a redelivery; then save the row marked started.
/// </summary>
public sealed record StartMeeting(ScheduledMeeting Row, ConversationAddress Conversation, string MessageId, bool ThroughEngine) : ScheduleAction;
