using MeetingBot.Calendar.Files;
using MeetingBot.Calendar.Ics;
using MeetingBot.Core;
using MeetingBot.Host.Services;
using static MeetingBot.Host.Tests.Scheduling.SchedulerWorld;
using static MeetingBot.Host.Tests.Scheduling.SubcommitteeCalendar;

namespace MeetingBot.Host.Tests.Scheduling;

/// <summary>Sources that fail, the meeting files as a calendar, and the hosted loop's sleep.</summary>
public sealed class SchedulerSourcesTests
{
    private const string Broken = "고장 난 캘린더";

    [Fact]
    public async Task A_failing_source_is_retried_with_growing_waits_while_the_other_source_keeps_working()
    {
        var missing = Path.Combine(Path.GetTempPath(), "meetingbot-missing-" + Guid.NewGuid().ToString("N") + ".ics");
        await using var world = await CreateAsync(Ics(withFoundation: false), Kst(9, 15, 13, 0), w => [w.Ics(), IcsCalendarSource.FromFile(Broken, missing, Seoul)]);

        var waits = new List<TimeSpan>();
        for (var i = 0; i < 4; i++)
        {
            await world.Scheduler.RunOnceAsync();
            var broken = world.Status.Sources.Single(s => s.Name == Broken);
            Assert.Equal(i + 1, broken.ConsecutiveFailures);
            Assert.Contains(missing, broken.Error);
            waits.Add(broken.NextPoll!.Value - world.Clock.GetUtcNow());
            world.Clock.Advance(waits[^1]);
        }

        Assert.Equal([TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(4)], waits);
        var good = world.Status.Sources.Single(s => s.Name == CalendarName);
        Assert.Null(good.Error);
        Assert.Equal(0, good.ConsecutiveFailures);

        await world.RunUntilAsync(Kst(9, 15, 14));
        Assert.Equal(4, world.Posts().Count(p => p.Contains(StrategySpace, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task What_a_source_gave_before_it_failed_is_kept_so_its_meetings_still_run()
    {
        await using var world = await CreateAsync(Ics(withFoundation: false), Kst(9, 15, 13, 0));
        await world.Scheduler.RunOnceAsync();

        File.Delete(world.CalendarPath);
        await world.RunUntilAsync(Kst(9, 15, 14));

        Assert.NotNull(world.Status.Sources.Single().Error);
        Assert.Equal(
            [$"09-15 13:50 {StrategySpace}", $"09-15 14:00 {StrategySpace}", $"09-15 14:00 {StrategySpace}", $"09-15 14:00 {StrategySpace}"],
            world.Posts().Select(p => p[..(12 + StrategySpace.Length)]));
    }

    [Fact]
    public async Task An_occurrence_deleted_from_a_working_source_is_called_off()
    {
        await using var world = await CreateAsync(Ics(capacityCancelled: false, withFoundation: false), Kst(9, 15, 9, 0));
        await world.RunUntilAsync(Kst(9, 15, 10, 0));

        world.WriteCalendar(Ics(withFoundation: false, withCapacity: false));
        world.Clock.Advance(TimeSpan.FromMinutes(30));
        await world.RunUntilAsync(Kst(9, 15, 11, 0));

        var row = (await world.Store.GetScheduleAsync(Kst(9, 1, 0))).Single(r => r.EventId.StartsWith("capacity-0915", StringComparison.Ordinal));
        Assert.True(row.Cancelled);
        Assert.DoesNotContain(world.Posts(), p => p.Contains(CapacitySpace, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Meeting_files_are_a_calendar_each_file_one_meeting_at_its_start_templates_left_out()
    {
        // The folder read holds meetings/ and templates/ below it; the template file is no meeting of its own.
        await using var world = await CreateAsync(Ics(), Kst(9, 15, 10, 0), w =>
            [new MeetingFilesCalendarSource("회의 파일", Path.GetDirectoryName(w.MeetingsFolder)!, new HashSet<string> { Path.GetFullPath(w.TemplatePath) })]);
        var chat = new ConversationAddress("googlechat", "spaces/AAAAfiles");
        await world.Store.CommitAsync(new StoreChange { Binding = new ConversationBinding(chat, "ydp-2020-09-capacity", world.Clock.GetUtcNow()) });

        await world.RunUntilAsync(Kst(9, 15, 10, 31));

        Assert.Equal(
            [
                "09-15 10:20 spaces/AAAAfiles ⏰ 10분 뒤(10:30) [역량강화] 영등포구협치회의 분과회의(9월) 회의가 시작됩니다.",
                "09-15 10:30 spaces/AAAAfiles 📋 [역량강화] 영등포구협치회의 분과회의(9월) 안건",
                "09-15 10:30 spaces/AAAAfiles ▶ 1. 참석자 소개 및 인사 · 진행 (부)분과장",
                "09-15 10:30 spaces/AAAAfiles 의견은 #의견, 제안은 #제안, 질문은 #질문 으로 시작해 남겨 주세요. (/도움말)",
            ],
            world.Posts());
        var rows = await world.Store.GetScheduleAsync(Kst(9, 1, 0));
        Assert.Equal(["file:ydp-2020-09-foundation", "file:ydp-2020-09-capacity"], rows.Select(r => r.EventId));
    }

    [Fact]
    public async Task The_hosted_loop_sleeps_until_the_next_reminder_and_then_posts_it()
    {
        await using var world = await CreateAsync(Ics(withFoundation: false), Kst(9, 15, 13, 0), pollInterval: TimeSpan.FromHours(2));

        await world.Scheduler.StartAsync(CancellationToken.None);
        // Longer than the source call's timeout, so only the loop's own sleep is taken.
        var sleep = await world.Clock.NextTimerAsync(MeetingScheduler.SourceTimeout + TimeSpan.FromSeconds(1));
        world.Clock.Advance(sleep);
        var reminder = Assert.Single(await world.Chat.WaitForAsync(1));
        await world.Scheduler.StopAsync(CancellationToken.None);

        Assert.Equal(TimeSpan.FromMinutes(50), sleep);
        Assert.StartsWith("⏰ 10분 뒤(14:00) [전략사업]", reminder.Text, StringComparison.Ordinal);
        Assert.Equal(Kst(9, 15, 13, 50), reminder.At);
    }
}
