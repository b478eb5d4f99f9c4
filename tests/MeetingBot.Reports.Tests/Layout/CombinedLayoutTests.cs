using System.Text.Json;
using static MeetingBot.Reports.Tests.Layout.CombinedReports;

namespace MeetingBot.Reports.Tests.Layout;

/// <summary>A report of several 분과 meetings reads as the reference does (SPEC §6): what they share, once.</summary>
public sealed class CombinedLayoutTests
{
    private static readonly ReportMeeting Foundation = Meeting("f", "협치기반조성", 14);
    private static readonly ReportMeeting Capacity = Meeting("c", "역량강화", 15);
    private static readonly ReportMeeting Strategy = Meeting("s", "전략사업", 16);
    private static readonly ReportMeeting[] Three = [Foundation, Capacity, Strategy];

    private static readonly string[] Plan = ["사업규모: 8.5억", "- 전체 사업예산 15% 감액 편성"];

    private static Report SharedReport(bool markSubcommittee = false) => Of(Three,
    [
        Item(Foundation, 1, "최종 수립 보고", content: Plan, table: Budget, opinions: ["기반 의견 하나.", "기반 의견 둘."]),
        Item(Strategy, 1, "최종 수립 보고", content: Plan, table: Budget, opinions: ["전략 의견."]),
        Item(Capacity, 1, "최종 수립 보고", content: Plan, table: Budget, opinions: ["역량 의견."]),
    ]) with { MarkSubcommittee = markSubcommittee };

    [Fact]
    public void SharedItem_PrintsItsContentAndTableOnce_AndTheBulletsOfEvery분과InTheOrderOfⅠ()
    {
        var lines = Discussion(ReportLayout.Build(SharedReport()));

        Assert.Equal(
            [
                "□ 최종 수립 보고",
                "❍ 주요내용", "- 사업규모: 8.5억", "· 전체 사업예산 15% 감액 편성", "[표 2행]",
                "❍ 주요의견", "▸ 기반 의견 하나.", "▸ 기반 의견 둘.", "▸ 역량 의견.", "▸ 전략 의견.",
            ],
            lines);
    }

    [Fact]
    public void MarkSubcommittee_PutsThe분과AfterEachBullet_AndIsOffByDefault()
    {
        var marked = Discussion(ReportLayout.Build(SharedReport(markSubcommittee: true)));
        var plain = Discussion(ReportLayout.Build(SharedReport()));
        var single = Discussion(ReportLayout.Build(Of([Strategy], [Item(Strategy, 1, "보고", opinions: ["전략 의견."])]) with { MarkSubcommittee = true }));

        Assert.Equal(["▸ 기반 의견 하나. (협치기반조성)", "▸ 기반 의견 둘. (협치기반조성)", "▸ 역량 의견. (역량강화)", "▸ 전략 의견. (전략사업)"],
            marked.Where(l => l.StartsWith('▸')));
        Assert.DoesNotContain(plain, l => l.EndsWith(')'));
        Assert.Equal(["▸ 전략 의견."], single.Where(l => l.StartsWith('▸')));
    }

    [Fact]
    public void ItemOnlyOneMeetingHad_IsPrintedOnceUnderItsOwnTitle_WhereItsAgendaHadIt()
    {
        var report = Of([Foundation, Strategy],
        [
            Item(Foundation, 1, "공통 안건 가", opinions: ["기반 가."]),
            Item(Foundation, 2, "기반만의 안건", opinions: ["기반만."]),
            Item(Foundation, 3, "공통 안건 나", opinions: ["기반 나."]),
            Item(Strategy, 1, "공통 안건 가", opinions: ["전략 가."]),
            Item(Strategy, 2, "공통 안건 나", opinions: ["전략 나."]),
            Item(Strategy, 3, "전략만의 안건", opinions: ["전략만."]),
        ]);

        var lines = Discussion(ReportLayout.Build(report));

        Assert.Equal(
            [
                "□ 공통 안건 가", "❍ 주요의견", "▸ 기반 가.", "▸ 전략 가.",
                "□ 기반만의 안건", "❍ 주요의견", "▸ 기반만.",
                "□ 공통 안건 나", "❍ 주요의견", "▸ 기반 나.", "▸ 전략 나.",
                "□ 전략만의 안건", "❍ 주요의견", "▸ 전략만.",
            ],
            lines);
    }

    [Fact]
    public void SharedTopic_PrintsItsHeadingOnce_WithItsItemsNumberedOnce()
    {
        const string topic = "하반기 주요 협치사업 추진사항 공유";
        var report = Of(Three, Three.SelectMany(m => new[]
        {
            Item(m, 1, "2020 협치동아리 운영", topic, content: ["조사 및 연구활동 지원"]),
            Item(m, 2, "2020 협치랜선 주민교육 운영", topic, content: ["온라인 협치교육 콘텐츠 제작"]),
        }));

        var lines = Discussion(ReportLayout.Build(report));

        Assert.Equal(
            [
                $"□ {topic}",
                "1. 2020 협치동아리 운영", "❍ 주요내용", "- 조사 및 연구활동 지원",
                "2. 2020 협치랜선 주민교육 운영", "❍ 주요내용", "- 온라인 협치교육 콘텐츠 제작",
            ],
            lines);
    }

    [Fact]
    public void Decisions_TheSameTextOnce_DifferingOnesEachNamedBy분과_AndOneNotEvery분과TookNamedToo()
    {
        var report = Of(Three,
        [
            .. Three.Select(m => Item(m, 1, "예산 변경", decisions: ["이견 없음"])),
            Item(Foundation, 2, "사업 조정", decisions: ["원안 가결"]),
            Item(Capacity, 2, "사업 조정", decisions: ["원안 가결"]),
            Item(Strategy, 2, "사업 조정", decisions: ["수정 가결"]),
            Item(Foundation, 3, "일정", opinions: ["일정 의견."]),
            Item(Capacity, 3, "일정"),
            Item(Strategy, 3, "일정", decisions: ["다음 달로 연기"]),
        ]);

        var lines = Discussion(ReportLayout.Build(report));

        Assert.Equal(
            [
                "□ 예산 변경", "❍ 회의결과: 이견 없음",
                "□ 사업 조정", "❍ 회의결과", "- [협치기반조성, 역량강화] 원안 가결", "- [전략사업] 수정 가결",
                "□ 일정", "❍ 주요의견", "▸ 일정 의견.", "❍ 회의결과: [전략사업] 다음 달로 연기",
            ],
            lines);
    }

    [Fact]
    public void SharedItemWithDifferingContent_PrintsEachVersionOnce_NamedBy분과()
    {
        var report = Of(Three,
        [
            Item(Foundation, 1, "보고", content: ["가 안"]),
            Item(Capacity, 1, "보고", content: ["가 안"]),
            Item(Strategy, 1, "보고", content: ["나 안"], table: Budget),
        ]);

        var lines = Discussion(ReportLayout.Build(report));

        Assert.Equal(["□ 보고", "❍ [협치기반조성, 역량강화] 주요내용", "- 가 안", "❍ [전략사업] 주요내용", "- 나 안", "[표 2행]"], lines);
    }

    [Fact]
    public void ReportJson_OfACombinedReport_KeepsEachMeetingsItemWithEveryEntryOnce_WhileⅡPrintsTheItemOnce()
    {
        var report = SharedReport();

        using var json = JsonDocument.Parse(ReportJson.Serialize(report));
        var items = json.RootElement.GetProperty("items").EnumerateArray().ToList();

        Assert.Equal(["f", "s", "c"], items.Select(i => i.GetProperty("meetingId").GetString()));
        Assert.Equal(
            report.Items.SelectMany(i => i.Opinions).SelectMany(o => o.Sources).Order(StringComparer.Ordinal),
            items.SelectMany(i => i.GetProperty("opinions").EnumerateArray()).SelectMany(o => o.GetProperty("sources").EnumerateArray())
                .Select(s => s.GetString()!).Order(StringComparer.Ordinal));
        Assert.Single(Discussion(ReportLayout.Build(report)), l => l == "□ 최종 수립 보고");
    }

    [Fact]
    public void NothingDiscussedInAnyMeeting_SaysSoOnce()
    {
        var report = Of([Foundation, Strategy], [Item(Foundation, 1, "인사"), Item(Strategy, 1, "인사")]);

        Assert.Equal(["※ 기록된 논의 내용이 없습니다."], Discussion(ReportLayout.Build(report)));
    }
}
