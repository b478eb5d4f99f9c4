using MeetingBot.Core;
using MeetingBot.Core.Engine;
using MeetingBot.TestSupport;

namespace MeetingBot.Core.Tests.Engine;

/// <summary>Timebox warnings (SPEC §3) on a <c>FakeTimeProvider</c> clock.</summary>
public sealed class TimeboxTests
{
    private const string Chair = "user-id-1";

    private static async Task<EngineHarness> StartedAsync(TimeboxSettings? settings = null)
    {
        var h = await EngineHarness.CreateAsync(settings: settings);
        h.Clock.SetUtcNow(TestMeetings.Start);
        await h.SayAsync(Chair, "/시작");
        await h.SayAsync(Chair, "/다음"); // item 2: 15 minutes
        return h;
    }

    [Fact]
    public async Task Warnings_FireAtTwoMinutesLeft_AtZero_ThenEveryFiveMinutes()
    {
        await using var h = await StartedAsync();
        var fired = new List<(TimeSpan At, string Text)>();

        for (var t = TimeSpan.Zero; t < TimeSpan.FromMinutes(31); t += TimeSpan.FromSeconds(10))
        {
            foreach (var m in await h.AdvanceAsync(TimeSpan.FromSeconds(10)))
            {
                fired.Add((m.At - TestMeetings.Start, m.Text));
            }
        }

        Assert.Equal(
            [TimeSpan.FromMinutes(13), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(20), TimeSpan.FromMinutes(25), TimeSpan.FromMinutes(30)],
            fired.Select(f => f.At));
        Assert.Contains("종료 2분 전", fired[0].Text);
        Assert.Contains("14:15 종료 예정", fired[0].Text);
        Assert.Contains("예정 시간(15분)이 끝났습니다", fired[1].Text);
        Assert.Contains("5분 넘겼습니다", fired[2].Text);
        Assert.Contains("10분 넘겼습니다", fired[3].Text);
    }

    [Fact]
    public async Task Warnings_AreConfigurable()
    {
        await using var h = await StartedAsync(new TimeboxSettings { WarnBefore = TimeSpan.FromMinutes(5), OverrunEvery = TimeSpan.FromMinutes(2) });

        var fired = await h.RunClockAsync(TimeSpan.FromMinutes(19));

        Assert.Equal(
            [10, 15, 17, 19],
            fired.Select(m => (int)(m.At - TestMeetings.Start).TotalMinutes));
    }

    [Fact]
    public async Task Warnings_AfterDowntime_FireOnceNotAsABurst()
    {
        await using var h = await StartedAsync();

        var fired = await h.AdvanceAsync(TimeSpan.FromMinutes(22));
        var again = await h.AdvanceAsync(TimeSpan.FromSeconds(1));

        var only = Assert.Single(fired);
        Assert.Contains("5분 넘겼습니다", only.Text);
        Assert.Empty(again);
    }

    [Fact]
    public async Task Pause_StopsTheClock_AndResumeContinuesWhereItWas()
    {
        await using var h = await StartedAsync();
        await h.AdvanceAsync(TimeSpan.FromMinutes(5));

        var paused = await h.SayAsync(Chair, "/일시정지");
        var duringPause = await h.RunClockAsync(TimeSpan.FromMinutes(30));
        var resumed = await h.SayAsync(Chair, "/재개");
        var afterResume = await h.RunClockAsync(TimeSpan.FromMinutes(8), TimeSpan.FromSeconds(5));

        Assert.Contains("남은 시간 10분", paused.Messages[0].Text);
        Assert.Empty(duringPause);
        Assert.Contains("남은 시간 10분", resumed.Messages[0].Text);
        var warning = Assert.Single(afterResume);
        Assert.Equal(TestMeetings.Start + TimeSpan.FromMinutes(5 + 30 + 8), warning.At);
        Assert.Contains("일시정지 상태가 아닙니다", (await h.SayAsync(Chair, "/resume")).Messages[0].Text);
        await h.SayAsync(Chair, "/pause");
        Assert.Contains("이미 일시정지", (await h.SayAsync(Chair, "/pause")).Messages[0].Text);
    }

    [Fact]
    public async Task Extend_AddsMinutesAndMovesTheWarnings()
    {
        await using var h = await StartedAsync();
        var early = await h.RunClockAsync(TimeSpan.FromMinutes(14));

        var extended = await h.SayAsync(Chair, "/연장 5");
        var later = await h.RunClockAsync(TimeSpan.FromMinutes(7));

        Assert.Single(early);
        Assert.Contains("5분 연장했습니다. 남은 시간 6분", extended.Messages[0].Text);
        Assert.Equal(
            [TimeSpan.FromMinutes(18), TimeSpan.FromMinutes(20)],
            later.Select(m => m.At - TestMeetings.Start));
        var runtime = await h.Store.GetRuntimeAsync("ydp-2020-09-strategy");
        Assert.Equal(5, runtime!.Timing(2).ExtraMinutes);
    }

    [Fact]
    public async Task Restart_MidMeeting_LosesNothingAndResumesTheClock()
    {
        await using var h = await StartedAsync();
        await h.SayAsync("user-id-2", "#의견 재시작 전에 남긴 의견");
        await h.AdvanceAsync(TimeSpan.FromMinutes(12));

        await h.RestartAsync();
        var fired = await h.RunClockAsync(TimeSpan.FromMinutes(4));
        var after = await h.SayAsync("user-id-3", "#의견 재시작 후 의견");

        Assert.Equal([TimeSpan.FromMinutes(13), TimeSpan.FromMinutes(15)], fired.Select(m => m.At - TestMeetings.Start));
        Assert.Contains("2번 의견", after.Messages[0].Text);
        var runtime = await h.Store.GetRuntimeAsync("ydp-2020-09-strategy");
        Assert.Equal((MeetingStatus.Running, 2), (runtime!.Status, runtime.CurrentItem));
        Assert.Equal(2, (await h.Store.GetEntriesAsync("ydp-2020-09-strategy")).Count);
    }

    [Fact]
    public async Task Restart_AfterAWarningFired_DoesNotFireItAgain()
    {
        await using var h = await StartedAsync();
        Assert.Single(await h.AdvanceAsync(TimeSpan.FromMinutes(13)));

        await h.RestartAsync();

        Assert.Empty(await h.AdvanceAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task Warnings_GoToEveryChatBoundToTheMeeting()
    {
        await using var h = await StartedAsync();
        var second = new ConversationAddress("other", "room-2");
        await h.Store.CommitAsync(new StoreChange { Binding = new ConversationBinding(second, "ydp-2020-09-strategy", h.Clock.GetUtcNow()) });

        var fired = await h.AdvanceAsync(TimeSpan.FromMinutes(13));

        Assert.Equal(["chat-1", "room-2"], fired.Select(m => m.To.ConversationId).Order());
    }

    [Fact]
    public async Task ShortItem_ShorterThanTheWarning_WarnsOnlyAtZero()
    {
        var meeting = TestMeetings.Strategy() with
        {
            Agenda = [new AgendaItem { Index = 1, Section = "안내", Title = "짧은 안건", Minutes = 1 }],
        };
        await using var h = await EngineHarness.CreateAsync(meeting);
        h.Clock.SetUtcNow(TestMeetings.Start);
        await h.SayAsync(Chair, "/시작");

        var fired = await h.RunClockAsync(TimeSpan.FromMinutes(2));

        Assert.Contains("예정 시간(1분)이 끝났습니다", Assert.Single(fired).Text);
    }
}
