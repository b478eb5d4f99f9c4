using MeetingBot.Reports.Drafting;

namespace MeetingBot.Reports.Tests.Drafting;

public sealed class DraftEvaluationTests
{
    [Fact]
    public void ParseBullets_Reference_FindsItsThirteenBulletsWithWrappedLinesJoined()
    {
        var bullets = DraftEvaluation.ParseBullets(SampleMeeting.ReferenceText());

        Assert.Equal(13, bullets.Count);
        Assert.Equal(
            "서울시 전체적으로 예산이 20% 가량 삭감이 이뤄지는 것으로 알고 있는데 우리 협치사업은 15%만 삭감이 되어 한편으로 다행으로 생각함.",
            bullets[0]);
        Assert.Equal("기반조성과 관련하여 예산이 약간 삭감되었지만, 협치지원관 인건비 예산은 삭감되지 않아야 함.", bullets[2]);
        Assert.Equal(
            "온라인 소통이 활성화되어야만 하는 상황인데 기기활용에 취약한 분들과의 소통방법을 고민해야 될 필요가 있으며, 소규모로라도 대면활동을 이어나가야 함.",
            bullets[10]);
        Assert.Equal("코로나19로 인해 대면회의가 지속적으로 어려울 경우 협치 사업방향 및 진행 현안을 홈페이지나 SNS로 공유 요청.", bullets[12]);
    }

    [Fact]
    public void ParseBullets_BulletWithoutPeriod_StopsAtTheNextBlock()
    {
        var text = "  ▸ 첫째 의견\n\n이어지는 말\n\n    ❍ 회의결과: 이견 없음\n  ▸ 둘째 의견.\n 2. 다음 안건\n";

        Assert.Equal(["첫째 의견이어지는 말", "둘째 의견."], DraftEvaluation.ParseBullets(text));
    }

    [Fact]
    public void Score_ReferenceAgainstItself_IsFull()
    {
        var bullets = DraftEvaluation.ParseBullets(SampleMeeting.ReferenceText());

        var score = DraftEvaluation.Score(bullets, bullets);

        Assert.Equal(new DraftScore(13, 13, 1.0, 1.0, 1.0), score);
    }

    [Fact]
    public void Score_NoDrafts_CoversNothing()
    {
        Assert.Equal(new DraftScore(2, 0, 0, 0, 0), DraftEvaluation.Score([], ["예산 확보 필요.", "공유 요청."]));
    }

    [Fact]
    public void Score_CountsCoverageAtTheThreshold()
    {
        // "가나다라" vs "가나다마": bigrams 가나 나다 shared of 3 + 3 → F1 = 4/6.
        var score = DraftEvaluation.Score(["가나다라"], ["가나다마", "하하하하하"]);

        Assert.Equal(0.5, score.Coverage, 6);
        Assert.Equal((4.0 / 6 + 0) / 2, score.MeanBestF1, 6);
    }

    [Theory]
    [InlineData("예산 확보", "예산 확보", 1.0)]
    [InlineData("예산확보", "예산 확 보", 1.0)]
    [InlineData("가나", "다라", 0.0)]
    [InlineData("가", "가", 1.0)]
    [InlineData("", "", 0.0)]
    public void BigramF1_IgnoresWhitespace(string a, string b, double expected)
    {
        Assert.Equal(expected, DraftEvaluation.BigramF1(a, b), 6);
    }

    [Theory]
    [InlineData("다행으로 생각함.", true)]
    [InlineData("시너지를 높일 수 있을 것으로 기대됨.", true)]
    [InlineData("확실한 가이드라인이 필요.", true)]
    [InlineData("좋겠다는 의견.", true)]
    [InlineData("SNS로 공유 요청.", true)]
    [InlineData("일정 문의.", true)]
    [InlineData("참여하시기 바람.", true)]
    [InlineData("주민과 함께하는 것.", true)]
    [InlineData("기한 내 제출할 것.", false)]
    [InlineData("다행으로 생각함", false)]
    [InlineData("다행으로 생각함..", false)]
    [InlineData("다행이라고 생각합니다.", false)]
    [InlineData("좋아요.", false)]
    [InlineData("예산이 부족하다.", false)]
    [InlineData("We need budget.", false)]
    public void HasReportEnding_AcceptsOnly개조식(string bullet, bool expected)
    {
        Assert.Equal(expected, DraftEvaluation.HasReportEnding(bullet));
    }

    [Theory]
    [InlineData("생각합니다", true)]
    [InlineData("생각합니다.", true)]
    [InlineData("좋아요!", true)]
    [InlineData("좋아요 😀", true)]
    [InlineData("좋아요ㅎㅎ", true)]
    [InlineData("가능합니까?", true)]
    [InlineData("그렇죠", true)]
    [InlineData("참고하십시오.", true)]
    [InlineData("생각함.", false)]
    [InlineData("확실한 가이드라인이 필요.", false)]
    [InlineData("과정이 중요", false)]
    [InlineData("주요", false)]
    [InlineData("공유 요청.", false)]
    [InlineData("", false)]
    public void IsPolite_TellsSpokenEndingsFromReportEndings(string text, bool expected)
    {
        Assert.Equal(expected, PoliteEnding.IsPolite(text));
    }
}
