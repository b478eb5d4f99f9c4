using MeetingBot.Core;
using MeetingBot.Core.Cards;
using MeetingBot.TestSupport;

namespace MeetingBot.Core.Tests.Cards;

/// <summary>The agenda card (SPEC §10) as the engine builds it from the agenda timeline, and when it sends it.</summary>
public sealed class AgendaCardTests
{
    private const string Chair = TestMeetings.ChairId;

    private static async Task<EngineHarness> InItemTwoAsync()
    {
        var h = await EngineHarness.CreateAsync();
        h.Clock.SetUtcNow(TestMeetings.Start);
        await h.SayAsync(Chair, "/시작");
        h.Clock.Advance(TimeSpan.FromMinutes(7));
        await h.SayAsync(Chair, "/다음");
        return h;
    }

    [Fact]
    public async Task Start_PostsTheCard_WithItemOneOpen_AndItsTimeLeft()
    {
        await using var h = await EngineHarness.CreateAsync();
        h.Clock.SetUtcNow(TestMeetings.Start);

        var started = await h.SayAsync(Chair, "/시작");

        var card = Assert.Single(started.Messages, m => m.Card is not null).Card!;
        Assert.Equal((MeetingStatus.Running, 1), (card.Status, card.OpenItem));
        Assert.Equal("▶ 진행 중: 1. 참석자 소개 및 인사 · 남은 시간 5분", card.StatusLine);
        Assert.Equal([CardItemState.Open, CardItemState.Upcoming, CardItemState.Upcoming, CardItemState.Upcoming], card.Items.Select(i => i.State));
        Assert.Equal("14:05~14:20 (15')", card.Items[1].Planned);
    }

    [Fact]
    public async Task Next_AfterAnOverrun_MarksItDone_WithActualTimes_AndTheOverrun()
    {
        await using var h = await InItemTwoAsync();
        h.Clock.Advance(TimeSpan.FromMinutes(3));

        var status = await h.SayAsync(Chair, "/연장 5");

        var card = Assert.Single(status.Messages, m => m.Card is not null).Card!;
        Assert.Equal(CardItemState.Done, card.Items[0].State);
        Assert.Equal("14:00~14:07 (7')", card.Items[0].Actual);
        Assert.Equal("2분 초과", card.Items[0].Overrun);
        Assert.Equal("14:07~", card.Items[1].Actual);
        Assert.Equal("14:05~14:25 (20')", card.Items[1].Planned);
        Assert.Equal("▶ 진행 중: 2. 2021 지역사회혁신계획 최종 수립 보고 · 남은 시간 17분", card.StatusLine);
        Assert.Null(card.Items[1].Overrun);
    }

    [Fact]
    public async Task PauseAndResume_ShowInTheCard_AndTheButtonSwaps()
    {
        await using var h = await InItemTwoAsync();

        var paused = Assert.Single((await h.SayAsync(Chair, "/일시정지")).Messages, m => m.Card is not null).Card!;
        var resumed = Assert.Single((await h.SayAsync(Chair, "/재개")).Messages, m => m.Card is not null).Card!;

        Assert.StartsWith("⏸ 일시정지", paused.StatusLine, StringComparison.Ordinal);
        Assert.Equal(["다음", "이전", "5분 연장", "재개", "종료"], CardActions.ChairButtons(paused).Select(b => b.Label));
        Assert.Equal(["다음", "이전", "5분 연장", "일시정지", "종료"], CardActions.ChairButtons(resumed).Select(b => b.Label));
    }

    [Fact]
    public async Task AWarning_UpdatesTheCard_AndAnOpinionDoesNot()
    {
        await using var h = await InItemTwoAsync();

        var opinion = await h.SayAsync(TestMeetings.MemberId, "#의견 좋습니다");
        var warnings = await h.RunClockAsync(TimeSpan.FromMinutes(14));

        Assert.DoesNotContain(opinion.Messages, m => m.Card is not null);
        Assert.Single(warnings);
        var update = Assert.Single(h.CardUpdates);
        Assert.Equal(warnings[0].At, update.At);
        Assert.Contains("남은 시간 2분", update.Card!.StatusLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task End_LeavesACardWithoutButtons_ThatSaysTheMeetingEnded()
    {
        await using var h = await InItemTwoAsync();

        var ended = Assert.Single((await h.SayAsync(Chair, "/종료")).Messages, m => m.Card is not null).Card!;

        Assert.False(ended.Live);
        Assert.Equal("■ 14:07에 회의를 마쳤습니다.", ended.StatusLine);
        Assert.DoesNotContain("[다음]", ended.Text(), StringComparison.Ordinal);
        Assert.All(ended.Items.Take(2), i => Assert.Equal(CardItemState.Done, i.State));
    }

    [Fact]
    public async Task Text_SaysEveryItem_WithItsMark_AndTheButtons()
    {
        await using var h = await InItemTwoAsync();
        var card = AgendaCard.Of(TestMeetings.Strategy(), (await h.Store.GetRuntimeAsync("ydp-2020-09-strategy"))!, h.Clock.GetUtcNow());

        var lines = card.Text().Split('\n');

        Assert.Equal("🗂 [전략사업] 영등포구협치회의 분과회의(9월) — 14:07 기준", lines[0]);
        Assert.Equal("✔ 1. 참석자 소개 및 인사 — 예정 14:00~14:05 (5') · 실제 14:00~14:07 (7') ⚠ 2분 초과", lines[2]);
        Assert.Equal("▶ 2. 2021 지역사회혁신계획 최종 수립 보고 — 예정 14:05~14:20 (15') · 실제 14:07~", lines[3]);
        Assert.Equal("· 3. 2020 협치동아리 운영 — 예정 14:20~14:25 (5')", lines[4]);
        Assert.Equal("[다음] [이전] [5분 연장] [일시정지] [종료] [의견 남기기]", lines[^1]);
    }

    [Theory]
    [InlineData("next", null, null, null, "/다음")]
    [InlineData("previous", null, null, null, "/이전")]
    [InlineData("extend", null, null, null, "/연장 5")]
    [InlineData("pause", null, null, null, "/일시정지")]
    [InlineData("resume", null, null, null, "/재개")]
    [InlineData("end", null, null, null, "/종료")]
    [InlineData("opinion", "3", "question", " 예산은 얼마인가요? ", "#질문 @3 예산은 얼마인가요?")]
    [InlineData("opinion", "2", "제안", "홍보물을 늘리자", "#제안 @2 홍보물을 늘리자")]
    [InlineData("opinion", "x", "decision", "결정입니다", "#의견 결정입니다")]
    [InlineData("opinion", "1", "opinion", "  ", "#의견 @1")]
    [InlineData("bogus", null, null, null, null)]
    public void CommandText_IsTheTextTheClickStandsFor(string verb, string? item, string? kind, string? text, string? expected) =>
        Assert.Equal(expected, CardActions.CommandText(verb, item, kind, text));
}
