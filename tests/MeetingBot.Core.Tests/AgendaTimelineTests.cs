using MeetingBot.Core;
using MeetingBot.TestSupport;

namespace MeetingBot.Core.Tests;

/// <summary>The agenda in time, planned and actual, as the real engine records it on a real SQLite file.</summary>
public sealed class AgendaTimelineTests
{
    private const string Chair = "user-id-1";
    private const string MeetingId = "ydp-2020-09-strategy";

    private static DateTimeOffset At(int hour, int minute, int second = 0) => new(2020, 9, 15, hour, minute, second, TimeSpan.FromHours(9));

    private static async Task<AgendaTimeline> TimelineAsync(EngineHarness h) =>
        AgendaTimeline.Of((await h.Store.GetDefinitionAsync(MeetingId))!, (await h.Store.GetRuntimeAsync(MeetingId))!);

    [Fact]
    public void ThePlan_IsTheMeetingStartPlusThePlannedMinutesBefore()
    {
        var meeting = TestMeetings.Strategy();

        var timeline = AgendaTimeline.Of(meeting, MeetingRuntime.NotStartedFor(meeting));

        Assert.Equal([At(14, 0), At(14, 5), At(14, 20), At(14, 25)], timeline.Items.Select(i => i.PlannedStart));
        Assert.Equal([At(14, 5), At(14, 20), At(14, 25), At(14, 35)], timeline.Items.Select(i => i.PlannedEnd));
        Assert.Equal(At(14, 35), timeline.PlannedEnd);
        Assert.Equal(35, timeline.PlannedMinutes);
        Assert.All(timeline.Items, i => Assert.False(i.WasOpened));
        Assert.All(timeline.Items, i => Assert.Null(i.UsedMinutes));
    }

    [Fact]
    public async Task ALateStart_KeepsThePlan_AndTheActualTimesShowTheLateness()
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.PlayAsync(
            Chair,
            [
                (At(14, 7, 40), "/시작"),
                (At(14, 12, 10), "/다음")
            ]);

        var timeline = await TimelineAsync(h);

        Assert.Equal(At(14, 0), timeline.Item(1).PlannedStart);
        Assert.Equal(At(14, 7, 40), timeline.ActualStart);
        Assert.Equal(At(14, 7, 40), timeline.Item(1).ActualStart);
        Assert.Equal(At(14, 12, 10), timeline.Item(1).ActualEnd);
        Assert.Equal(5, timeline.Item(1).UsedMinutes);
        Assert.Equal(0, timeline.Item(1).PausedMinutes);
        Assert.Null(timeline.Item(2).UsedMinutes);
    }

    [Fact]
    public async Task APause_DoesNotCloseTheItem_AndItsMinutesComeOffTheUsedMinutes()
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.PlayAsync(
            Chair,
            [
                (At(14, 0, 10), "/시작"),
                (At(14, 1, 30), "/일시정지"),
                (At(14, 4, 50), "/재개"),
                (At(14, 6, 20), "/다음")
            ]);

        var timeline = await TimelineAsync(h);
        var first = timeline.Item(1);

        Assert.Equal(1, timeline.ItemOpenAt(At(14, 3)));
        Assert.Equal([new ItemVisit(1, At(14, 0, 10), At(14, 6, 20))], first.Visits);
        Assert.Equal(TimeSpan.FromSeconds(80 + 90), first.Used);
        Assert.Equal(6, first.VisitMinutes);
        Assert.Equal(3, first.PausedMinutes);
        Assert.Equal(3, first.UsedMinutes);
    }

    [Fact]
    public async Task AnExtension_RaisesTheTimebox_AndOverrunIsCountedFromIt()
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.PlayAsync(
            Chair,
            [
                (At(14, 0, 10), "/시작"),
                (At(14, 4, 0), "/연장 2"),
                (At(14, 9, 50), "/다음")
            ]);

        var first = (await TimelineAsync(h)).Item(1);

        Assert.Equal(5, first.PlannedMinutes);
        Assert.Equal(2, first.ExtraMinutes);
        Assert.Equal(7, first.BudgetMinutes);
        Assert.Equal(9, first.UsedMinutes);
        Assert.Equal(2, first.OverrunMinutes);
        Assert.Equal(TimeSpan.FromSeconds(160), first.Overrun);
    }

    [Fact]
    public async Task PrevAndGoto_RecordEachVisit_SoTheItemOpenAtAnyInstantIsKnown()
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.PlayAsync(
            Chair,
            [
                (At(14, 0, 10), "/시작"),
                (At(14, 4, 40), "/다음"),
                (At(14, 10, 0), "/이전"),
                (At(14, 12, 30), "/이동 3"),
                (At(14, 15, 0), "/이동 2"),
                (At(14, 21, 0), "/종료")
            ]);

        var timeline = await TimelineAsync(h);

        Assert.Equal(
            [new ItemVisit(1, At(14, 0, 10), At(14, 4, 40)), new ItemVisit(1, At(14, 10, 0), At(14, 12, 30))],
            timeline.Item(1).Visits);
        Assert.Equal(
            [new ItemVisit(2, At(14, 4, 40), At(14, 10, 0)), new ItemVisit(2, At(14, 15, 0), At(14, 21, 0))],
            timeline.Item(2).Visits);
        Assert.Equal(At(14, 12, 30), timeline.Item(1).ActualEnd);
        Assert.Equal(4 + 2, timeline.Item(1).UsedMinutes);
        Assert.Equal(6 + 6, timeline.Item(2).UsedMinutes);
        Assert.Equal(3, timeline.Item(3).UsedMinutes);
        Assert.False(timeline.Item(4).WasOpened);

        Assert.Null(timeline.ItemOpenAt(At(14, 0, 9)));
        Assert.Equal(1, timeline.ItemOpenAt(At(14, 0, 10)));
        Assert.Equal(2, timeline.ItemOpenAt(At(14, 4, 40)));
        Assert.Equal(2, timeline.ItemOpenAt(At(14, 9, 59)));
        Assert.Equal(1, timeline.ItemOpenAt(At(14, 11, 0)));
        Assert.Equal(3, timeline.ItemOpenAt(At(14, 14, 0)));
        Assert.Equal(2, timeline.ItemOpenAt(At(14, 20, 59)));
        Assert.Null(timeline.ItemOpenAt(At(14, 21, 0)));
    }

    [Fact]
    public async Task TheVisits_SurviveARestart()
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.PlayAsync(
            Chair,
            [
                (At(14, 0, 10), "/시작"),
                (At(14, 4, 40), "/다음"),
                (At(14, 10, 0), "/이전")
            ]);

        await h.RestartAsync();
        await h.PlayAsync(Chair, [(At(14, 12, 30), "/다음")]);

        var timeline = await TimelineAsync(h);
        Assert.Equal(2, timeline.Item(1).Visits.Count);
        Assert.Equal(1, timeline.ItemOpenAt(At(14, 11, 0)));
        Assert.Equal(2, timeline.ItemOpenAt(At(14, 13, 0)));
    }

    [Fact]
    public async Task StateStoredBeforeVisitsWereRecorded_TakesEachItemsSpanAsOneVisit_AndTheEngineCarriesOn()
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.PlayAsync(
            Chair,
            [
                (At(14, 0, 10), "/시작"),
                (At(14, 4, 40), "/다음")
            ]);
        var runtime = (await h.Store.GetRuntimeAsync(MeetingId))! with { Visits = [] };
        await h.Store.CommitAsync(new StoreChange { Runtime = runtime });

        await h.PlayAsync(Chair, [(At(14, 20, 0), "/다음")]);

        var timeline = await TimelineAsync(h);
        Assert.Equal([new ItemVisit(1, At(14, 0, 10), At(14, 4, 40))], timeline.Item(1).Visits);
        Assert.Equal([new ItemVisit(2, At(14, 4, 40), At(14, 20, 0))], timeline.Item(2).Visits);
        Assert.Equal([new ItemVisit(3, At(14, 20, 0))], timeline.Item(3).Visits);
        Assert.Equal(3, timeline.ItemOpenAt(At(14, 30)));
    }

    [Fact]
    public async Task AnItemStillOpen_HasNoMinuteFigures_ForThereIsNoEndToPrint()
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.PlayAsync(Chair, [(At(14, 0, 10), "/시작")]);

        var first = (await TimelineAsync(h)).Item(1);

        Assert.True(first.WasOpened);
        Assert.Null(first.ActualEnd);
        Assert.Null(first.VisitMinutes);
        Assert.Null(first.UsedMinutes);
        Assert.Null(first.OverrunMinutes);
    }
}
