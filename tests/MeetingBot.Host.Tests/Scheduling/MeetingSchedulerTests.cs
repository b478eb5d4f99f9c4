using MeetingBot.Core;
using static MeetingBot.Host.Tests.Scheduling.SchedulerWorld;
using static MeetingBot.Host.Tests.Scheduling.SubcommitteeCalendar;

namespace MeetingBot.Host.Tests.Scheduling;

/// <summary>
/// The scheduler end to end on a simulated clock: a calendar with three subcommittee meetings — one weekly, one moved,
/// one cancelled — gives reminders and agendas at the right times in the right chats, and nothing twice across restarts.
/// </summary>
public sealed class MeetingSchedulerTests
{
    private const string StrategyReminder = "⏰ 10분 뒤(14:00) [전략사업] 영등포구협치회의 분과회의(9월) 회의가 시작됩니다.";
    private const string StrategyAgenda = "📋 [전략사업] 영등포구협치회의 분과회의(9월) 안건";

    private static string[] StrategyStart(string day) =>
    [
        $"{day} 13:50 {StrategySpace} {StrategyReminder}",
        $"{day} 14:00 {StrategySpace} {StrategyAgenda}",
        $"{day} 14:00 {StrategySpace} ▶ 1. 참석자 소개 및 인사 · 진행 (부)분과장",
        $"{day} 14:00 {StrategySpace} 의견은 #의견, 제안은 #제안, 질문은 #질문 으로 시작해 남겨 주세요. (/도움말)",
    ];

    [Fact]
    public async Task Weekly_moved_and_cancelled_meetings_are_reminded_and_started_at_the_right_times_once_across_restarts()
    {
        await using var world = await CreateAsync(Ics(), Kst(9, 13, 9));

        // Sunday: the calendar is read two weeks ahead; nothing is due yet.
        await world.RunUntilAsync(Kst(9, 14, 12));
        Assert.Empty(world.Posts());
        var schedule = await world.Store.GetScheduleAsync(Kst(9, 1, 0));
        Assert.Equal(
            ["ydp-2020-09-foundation", "ydp-2020-09-capacity", "ydp-2020-09-strategy-20200915", "ydp-2020-09-strategy-20200922"],
            schedule.Select(r => r.MeetingId));
        Assert.True(schedule.Single(r => r.MeetingId == "ydp-2020-09-capacity").Cancelled);

        // Monday noon: 협치기반조성 is moved from Monday 14:00 to Wednesday 10:00.
        world.WriteCalendar(Ics(foundationStart: "20200916T100000", foundationEnd: "20200916T120000", foundationSequence: 1));
        await world.RunUntilAsync(Kst(9, 15, 14));
        Assert.Equal(StrategyStart("09-15"), world.Posts());

        // A restart right after the start posts nothing again.
        await world.RestartAsync();
        await world.RunUntilAsync(Kst(9, 15, 14, 1));
        Assert.Equal(StrategyStart("09-15"), world.Posts());

        // A restart between a reminder and its start: the reminder is not repeated, the start comes once.
        await world.RunUntilAsync(Kst(9, 16, 9, 55));
        await world.RestartAsync();
        await world.RunUntilAsync(Kst(9, 30, 0));

        string[] expected =
        [
            .. StrategyStart("09-15"),
            $"09-16 09:50 {FoundationSpace} ⏰ 10분 뒤(10:00) [협치기반조성] 영등포구협치회의 분과회의(9월) 회의가 시작됩니다.",
            $"09-16 10:00 {FoundationSpace} 📋 [협치기반조성] 영등포구협치회의 분과회의(9월) 안건",
            $"09-16 10:00 {FoundationSpace} ▶ 1. 참석자 소개 및 인사 · 진행 (부)분과장",
            $"09-16 10:00 {FoundationSpace} 의견은 #의견, 제안은 #제안, 질문은 #질문 으로 시작해 남겨 주세요. (/도움말)",
            .. StrategyStart("09-22"),
            .. StrategyStart("09-29"),
        ];
        Assert.Equal(expected, world.Posts());
        Assert.DoesNotContain(world.Chat.Sent, m => m.To.ConversationId == CapacitySpace);

        // The moved meeting kept its agenda and took the calendar's time; each weekly instance is its own meeting.
        var foundation = await world.Store.GetDefinitionAsync("ydp-2020-09-foundation");
        Assert.Equal(Kst(9, 16, 10), foundation!.Start);
        Assert.Equal(7, foundation.Agenda.Count);
        foreach (var day in new[] { "20200915", "20200922", "20200929" })
        {
            var runtime = await world.Store.GetRuntimeAsync($"ydp-2020-09-strategy-{day}");
            Assert.Equal(MeetingStatus.Running, runtime?.Status);
        }

        Assert.Null(await world.Store.GetRuntimeAsync("ydp-2020-09-capacity"));
        Assert.Equal("ydp-2020-09-strategy-20200929", (await world.Store.FindBindingAsync("googlechat", StrategySpace))?.MeetingId);
    }

    [Fact]
    public async Task A_meeting_cancelled_after_its_reminder_is_called_off_once_and_not_started()
    {
        await using var world = await CreateAsync(Ics(capacityCancelled: false, withFoundation: false), Kst(9, 15, 10, 15));

        await world.RunUntilAsync(Kst(9, 15, 10, 22));
        world.WriteCalendar(Ics(capacityCancelled: true, withFoundation: false));
        world.Clock.Advance(TimeSpan.FromMinutes(30));
        await world.RunUntilAsync(Kst(9, 15, 10, 53));
        await world.RestartAsync();
        await world.RunUntilAsync(Kst(9, 15, 11, 30));

        Assert.Equal(
        [
            $"09-15 10:20 {CapacitySpace} ⏰ 10분 뒤(10:30) [역량강화] 영등포구협치회의 분과회의(9월) 회의가 시작됩니다.",
            $"09-15 10:52 {CapacitySpace} ❌ 9월 15일(화) 10:30 [역량강화] 영등포구협치회의 분과회의(9월) 회의가 취소되었습니다.",
        ],
            world.Posts().Where(p => p.Contains(CapacitySpace, StringComparison.Ordinal)));
        Assert.Null(await world.Store.GetRuntimeAsync("ydp-2020-09-capacity"));
    }

    [Fact]
    public async Task A_meeting_moved_after_its_reminder_is_announced_and_reminded_and_started_at_the_new_time_only()
    {
        await using var world = await CreateAsync(Ics(capacityCancelled: false, withFoundation: false), Kst(9, 15, 10, 15));

        await world.RunUntilAsync(Kst(9, 15, 10, 25));
        world.WriteCalendar(Ics(capacityCancelled: false, capacityStart: "20200915T110000", withFoundation: false));
        world.Clock.Advance(TimeSpan.FromMinutes(30));
        await world.RunUntilAsync(Kst(9, 15, 11, 30));

        Assert.Equal(
        [
            $"09-15 10:20 {CapacitySpace} ⏰ 10분 뒤(10:30) [역량강화] 영등포구협치회의 분과회의(9월) 회의가 시작됩니다.",
            $"09-15 10:55 {CapacitySpace} 🔁 [역량강화] 영등포구협치회의 분과회의(9월) 회의 시각이 9월 15일(화) 10:30에서 9월 15일(화) 11:00(으)로 바뀌었습니다.",
            $"09-15 10:55 {CapacitySpace} ⏰ 5분 뒤(11:00) [역량강화] 영등포구협치회의 분과회의(9월) 회의가 시작됩니다.",
            $"09-15 11:00 {CapacitySpace} 📋 [역량강화] 영등포구협치회의 분과회의(9월) 안건",
            $"09-15 11:00 {CapacitySpace} ▶ 1. 참석자 소개 및 인사 · 진행 (부)분과장",
            $"09-15 11:00 {CapacitySpace} 의견은 #의견, 제안은 #제안, 질문은 #질문 으로 시작해 남겨 주세요. (/도움말)",
        ],
            world.Posts().Where(p => p.Contains(CapacitySpace, StringComparison.Ordinal)));
        Assert.Equal(Kst(9, 15, 11), (await world.Store.GetRuntimeAsync("ydp-2020-09-capacity"))?.StartedAt);
    }
}
