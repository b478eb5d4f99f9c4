using MeetingBot.Calendar.Files;
using MeetingBot.Calendar.Scheduling;
using MeetingBot.Core;
using MeetingBot.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace MeetingBot.Calendar.Tests.Scheduling;

/// <summary>
/// The scheduling rules without a store, a source or a chat: the sample 전략사업 meeting (2020-09-15 14:00 KST, 50 minutes)
/// and its calendar row, on a fake clock.
/// </summary>
public sealed class SchedulePlannerTests
{
    private const string Channel = "googlechat";
    private const string Space = "spaces/AAA-strategy";
    private static readonly TimeSpan ReminderBefore = TimeSpan.FromMinutes(10);
    private static readonly MeetingDefinition Strategy = MeetingFileReader.Read(RepositoryFiles.PathOf("samples", "2020-09", "strategy.meeting.yaml"));
    private static readonly MeetingDefinition Foundation = MeetingFileReader.Read(RepositoryFiles.PathOf("samples", "2020-09", "foundation.meeting.yaml"));

    private readonly FakeTimeProvider _clock = new(Kst(9, 15, 13, 0));

    [Fact]
    public void TenMinutesBefore_TheSpaceIsBound_AndTheReminderIsOneCommitWithItsRowMarked()
    {
        _clock.SetUtcNow(Kst(9, 15, 13, 50));

        var actions = SchedulePlanner.Due(State([Row()]), ReminderBefore);

        Assert.Collection(
            actions,
            a => Assert.Equal(new ConversationAddress(Channel, Space), Assert.IsType<BindSpace>(a).Binding.Address),
            a =>
            {
                var post = Assert.IsType<PostForOccurrence>(a);
                Assert.Equal(PostKind.Reminder, post.Kind);
                Assert.Equal(Strategy.Start, post.Row.ReminderSentFor);
                var message = Assert.Single(post.Posts);
                Assert.Equal(Space, message.To.ConversationId);
                Assert.StartsWith("⏰ 10분 뒤(14:00) [전략사업]", message.Text, StringComparison.Ordinal);
            });
    }

    [Fact]
    public void AReminderAlreadySent_IsNotSentAgain_AndAtTheStartTheMeetingStartsInTheBoundChat()
    {
        var reminded = Row() with { ReminderSentFor = Strategy.Start };
        var bound = Binding(Strategy.Id, Kst(9, 15, 13, 50));
        _clock.SetUtcNow(Kst(9, 15, 13, 55));

        Assert.Empty(SchedulePlanner.Due(State([reminded], bindings: [bound]), ReminderBefore));

        _clock.SetUtcNow(Kst(9, 15, 14, 0));
        var start = Assert.IsType<StartMeeting>(Assert.Single(SchedulePlanner.Due(State([reminded], bindings: [bound]), ReminderBefore)));
        Assert.True(start.ThroughEngine);
        Assert.Equal(bound.Address, start.Conversation);
        Assert.Equal(Strategy.Start, start.Row.StartedFor);
        Assert.Equal(SchedulePlanner.StartMessageId(Strategy.Id, Strategy.Start), start.MessageId);
    }

    [Fact]
    public void AMeetingAlreadyRunning_IsMarkedStarted_WithoutGoingThroughTheEngineAgain()
    {
        _clock.SetUtcNow(Kst(9, 15, 14, 1));
        var running = new Dictionary<string, MeetingRuntime> { [Strategy.Id] = Running(Strategy, Kst(9, 15, 13, 59)) };

        var start = Assert.IsType<StartMeeting>(Assert.Single(SchedulePlanner.Due(
            State([Row() with { ReminderSentFor = Strategy.Start }], runtimes: running, bindings: [Binding(Strategy.Id, Kst(9, 15, 13, 50))]),
            ReminderBefore)));

        Assert.False(start.ThroughEngine);
    }

    [Fact]
    public void TheReminder_LeavesTheSpaceToAMeetingStillRunningInItsSlot_TheStartTakesIt()
    {
        // 협치기반조성 was started in the same space at 13:00 and nobody ended it; its 50-minute slot plus an hour runs to 14:50.
        var foundation = Foundation with { Start = Kst(9, 15, 13, 0) };
        var held = Binding(foundation.Id, Kst(9, 15, 12, 50));
        var runtimes = new Dictionary<string, MeetingRuntime> { [foundation.Id] = Running(foundation, Kst(9, 15, 13, 0)) };
        _clock.SetUtcNow(Kst(9, 15, 13, 50));

        var atReminder = SchedulePlanner.Due(State([Row()], [Strategy, foundation], runtimes, [held]), ReminderBefore);

        Assert.Collection(
            atReminder,
            a => Assert.Equal(new ReportSpaceBusy(Space, foundation.Id, Strategy.Id), a),
            a => Assert.Equal(new ReportNoChat(Strategy.Id), a));

        _clock.SetUtcNow(Kst(9, 15, 14, 0));
        var atStart = SchedulePlanner.Due(State([Row()], [Strategy, foundation], runtimes, [held]), ReminderBefore);

        Assert.Collection(
            atStart,
            a => Assert.Equal(Strategy.Id, Assert.IsType<BindSpace>(a).Binding.MeetingId),
            a => Assert.Equal(Space, Assert.IsType<StartMeeting>(a).Conversation.ConversationId));
    }

    [Fact]
    public void ACancelledOccurrence_IsAnnouncedOff_OnlyToThoseWhoWereReminded_InOneCommitWithItsRow()
    {
        var bound = Binding(Strategy.Id, Kst(9, 15, 13, 50));
        _clock.SetUtcNow(Kst(9, 15, 13, 55));

        Assert.Empty(SchedulePlanner.Due(State([Row() with { Cancelled = true }], bindings: [bound]), ReminderBefore));

        var notice = Assert.IsType<PostForOccurrence>(Assert.Single(SchedulePlanner.Due(
            State([Row() with { Cancelled = true, ReminderSentFor = Strategy.Start }], bindings: [bound]),
            ReminderBefore)));
        Assert.Equal(PostKind.Cancelled, notice.Kind);
        Assert.Equal(Strategy.Start, notice.Row.NoticeSentFor);
        Assert.StartsWith("❌ 9월 15일(화) 14:00 [전략사업]", Assert.Single(notice.Posts).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEventMovedOnTheCalendar_MovesTheMeeting_AndTellsThoseReminded_WithTheRow()
    {
        var later = Kst(9, 15, 15, 0);
        var reminded = Row() with { ReminderSentFor = Strategy.Start };
        var bound = Binding(Strategy.Id, Kst(9, 15, 13, 50));
        _clock.SetUtcNow(Kst(9, 15, 13, 55));

        var actions = SchedulePlanner.Reconcile(State([reminded], bindings: [bound]), [Poll(Event(later))], []);

        Assert.Collection(
            actions,
            a =>
            {
                var moved = Assert.IsType<StoreMeeting>(a);
                Assert.Equal(later, moved.Meeting.Start);
                Assert.Equal(Strategy.Start, moved.MovedFrom);
            },
            a =>
            {
                var saved = Assert.IsType<SaveOccurrence>(a);
                Assert.Equal(later, saved.Row.Start);
                Assert.Equal(Strategy.Start, saved.Row.ReminderSentFor);
                Assert.StartsWith("🔁 [전략사업]", Assert.Single(saved.Notice).Text, StringComparison.Ordinal);
            });
    }

    [Fact]
    public void AMeetingAlreadyStarted_KeepsItsTime_WhenTheCalendarMovesIt()
    {
        _clock.SetUtcNow(Kst(9, 15, 14, 10));
        var running = new Dictionary<string, MeetingRuntime> { [Strategy.Id] = Running(Strategy, Kst(9, 15, 14, 0)) };

        var actions = SchedulePlanner.Reconcile(State([Row()], runtimes: running), [Poll(Event(Kst(9, 15, 15, 0)))], []);

        Assert.DoesNotContain(actions, a => a is StoreMeeting);
        Assert.Empty(Assert.IsType<SaveOccurrence>(Assert.Single(actions)).Notice);
    }

    [Fact]
    public void AnUnchangedEvent_PlansNothing_AndOneGoneFromASourceThatAnswered_IsCalledOff()
    {
        Assert.Empty(SchedulePlanner.Reconcile(State([Row()]), [Poll(Event(Strategy.Start))], []));

        var gone = SchedulePlanner.Reconcile(State([Row()]), [Poll()], []);
        Assert.True(Assert.IsType<SaveOccurrence>(Assert.Single(gone)).Row.Cancelled);

        Assert.Empty(SchedulePlanner.Reconcile(State([Row()]), [Poll() with { Succeeded = false }], []));
    }

    [Fact]
    public void ATemplateInstance_SeenForTheFirstTime_IsStoredAsAMeetingOfItsOwn()
    {
        var template = new TitleTemplate("전략사업.*분과", Strategy);
        var occurrence = Event(Kst(10, 20, 14, 0)) with { EventId = "oct", Title = "전략사업 분과회의(10월)", MeetingIdHint = null };

        var actions = SchedulePlanner.Reconcile(State([], definitions: []), [Poll(occurrence)], [template]);

        var stored = Assert.IsType<StoreMeeting>(actions[0]);
        Assert.Null(stored.MovedFrom);
        Assert.Equal(Kst(10, 20, 14, 0), stored.Meeting.Start);
        Assert.Equal(stored.Meeting.Id, Assert.IsType<SaveOccurrence>(actions[1]).Row.MeetingId);
    }

    [Fact]
    public void TheNextWake_IsTheEarliestOfTheNextPoll_Reminder_AndStart()
    {
        var now = Kst(9, 15, 13, 0);
        var poll = now + TimeSpan.FromHours(1);

        Assert.Equal(Kst(9, 15, 13, 50), SchedulePlanner.NextWake(now, [Row()], [poll], TimeSpan.FromMinutes(30), ReminderBefore));
        Assert.Equal(Strategy.Start, SchedulePlanner.NextWake(Kst(9, 15, 13, 51), [Row() with { ReminderSentFor = Strategy.Start }], [Kst(9, 15, 14, 21)], TimeSpan.FromMinutes(30), ReminderBefore));
        Assert.Equal(poll, SchedulePlanner.NextWake(now, [Row() with { Cancelled = true }], [poll], TimeSpan.FromMinutes(30), ReminderBefore));
    }

    [Theory]
    [InlineData(0, 300)]
    [InlineData(1, 30)]
    [InlineData(2, 60)]
    [InlineData(4, 240)]
    [InlineData(5, 300)]
    [InlineData(40, 300)]
    public void AFailingSource_IsReadAgainSoon_DoublingUpToThePollInterval(int failures, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), SchedulePlanner.NextPollAfter(failures, TimeSpan.FromMinutes(5)));

    private static DateTimeOffset Kst(int month, int day, int hour, int minute) => new(2020, month, day, hour, minute, 0, TimeSpan.FromHours(9));

    private static ScheduledMeeting Row() =>
        new("캘린더", "evt-strategy", Strategy.Id, "전략사업 분과회의", Strategy.Start, false, Space, null, null, null, Kst(9, 1, 9, 0));

    private static CalendarEvent Event(DateTimeOffset start) =>
        new("캘린더", "evt-strategy", "전략사업 분과회의", start, start + TimeSpan.FromMinutes(50), "Asia/Seoul", null, null, null, Strategy.Id, Space, false);

    private static SourcePoll Poll(params CalendarEvent[] events) => new("캘린더", new CalendarFetch(events, []), true);

    private static ConversationBinding Binding(string meetingId, DateTimeOffset at) => new(new ConversationAddress(Channel, Space), meetingId, at);

    private static MeetingRuntime Running(MeetingDefinition meeting, DateTimeOffset startedAt) =>
        MeetingRuntime.NotStartedFor(meeting) with { Status = MeetingStatus.Running, StartedAt = startedAt, CurrentItem = 1 };

    private ScheduleState State(
        IReadOnlyList<ScheduledMeeting> rows,
        IReadOnlyList<MeetingDefinition>? definitions = null,
        IReadOnlyDictionary<string, MeetingRuntime>? runtimes = null,
        IReadOnlyList<ConversationBinding>? bindings = null) =>
        new(_clock.GetUtcNow(), definitions ?? [Strategy], rows, runtimes ?? new Dictionary<string, MeetingRuntime>(), bindings ?? [], Channel);
}
