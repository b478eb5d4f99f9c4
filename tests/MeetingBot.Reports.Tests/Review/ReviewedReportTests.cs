using MeetingBot.Core;
using MeetingBot.Reports.Review;
using MeetingBot.TestSupport;
using static MeetingBot.Reports.Tests.Layout.CombinedReports;

namespace MeetingBot.Reports.Tests.Review;

/// <summary>The report under review (SPEC §8): every change kind, its history line, and the guards after each.</summary>
public sealed class ReviewedReportTests
{
    private static readonly ReportMeeting Foundation = Meeting("f", "협치기반조성", 14);
    private static readonly ReportMeeting Strategy = Meeting("s", "전략사업", 15);
    private static readonly DateTimeOffset Now = new(2020, 9, 20, 10, 0, 0, TimeSpan.FromHours(9));

    /// <summary>b1 decision f:1; b2, b3 opinions f:1; b4 opinion f:2; b5 opinion s:1.</summary>
    private static ReviewedReport Start() => ReviewedReport.Start("r1", Of(
        [Foundation, Strategy],
        [
            Item(Foundation, 1, "보고", opinions: ["예산 확대 필요.", "홍보 강화 필요."], decisions: ["원안 가결"]),
            Item(Foundation, 2, "기타", opinions: ["일정 조정 의견."]),
            Item(Strategy, 1, "보고", opinions: ["사업 점검 필요."]),
        ]), Now);

    private static ReviewOutcome Apply(ReviewedReport report, ReviewChange change, string who = "김직원") => report.Apply([change], who, Now.AddMinutes(5));

    private static List<string> Printed(ReviewedReport report, string meetingId, int index)
    {
        var item = report.ToReport().Items.Single(i => i.MeetingId == meetingId && i.Index == index);
        return [.. item.Decisions.Select(d => $"{d.Id}:{d.Text}"), .. item.Opinions.Select(o => $"{o.Id}:{o.Text}")];
    }

    [Fact]
    public void Start_GivesEveryOpinionAndDecisionAStableId_AndPrintsAsTheDraft()
    {
        var report = Start();

        Assert.Equal(["b1:원안 가결", "b2:예산 확대 필요.", "b3:홍보 강화 필요."], Printed(report, "f", 1));
        Assert.Equal(["b5:사업 점검 필요."], Printed(report, "s", 1));
        Assert.Equal(("draft", 1, "\"r1.0\""), (report.Status, report.Version, report.ETag));
        Assert.Empty(ReviewGuards.Problems(report));
    }

    [Fact]
    public void Edit_ChangesTheWording_KeepsTheDraftTextAndSources_AndRecordsBeforeAndAfter()
    {
        var (report, events) = Apply(Start(), new EditBullet("b2", "예산을 확대할\n필요가 있음."));

        var bullet = report.Bullet("b2")!;
        Assert.Equal(("예산을 확대할 필요가 있음.", "예산 확대 필요.", "f-m1-1"), (bullet.Text, bullet.DraftText, bullet.Sources.Single()));
        Assert.Equal(new ReviewEvent("edit", "b2", "예산 확대 필요.", "예산을 확대할 필요가 있음.", "김직원", Now.AddMinutes(5)), events.Single());
        Assert.Equal(("\"r1.1\"", 1), (report.ETag, report.Revision));
    }

    [Fact]
    public void Edit_ToNothing_IsRefusedInKorean_AndChangesNothing()
    {
        var start = Start();

        var error = Assert.Throws<ReviewException>(() => Apply(start, new EditBullet("b2", "  \t")));

        Assert.Contains("문장(text)이(가) 비어 있습니다", error.Message, StringComparison.Ordinal);
        Assert.Equal("예산 확대 필요.", start.Bullet("b2")!.Text);
    }

    [Fact]
    public void Move_ToAnotherItemOfTheSameMeeting_PrintsItThere_AtThePositionAsked()
    {
        var (report, events) = Apply(Start(), new MoveBullet("b3", new ItemRef("f", 2), 0));

        Assert.Equal(["b1:원안 가결", "b2:예산 확대 필요."], Printed(report, "f", 1));
        Assert.Equal(["b3:홍보 강화 필요.", "b4:일정 조정 의견."], Printed(report, "f", 2));
        Assert.Equal(("move", "f:1 #1", "f:2 #0"), (events[0].Kind, events[0].Before, events[0].After));
        Assert.Empty(ReviewGuards.Problems(report));
    }

    [Fact]
    public void Move_WithOnlyAPosition_ReordersWithinItsItem_OpinionsApartFromDecisions()
    {
        var (report, _) = Apply(Start(), new MoveBullet("b3", null, 0));

        Assert.Equal(["b1:원안 가결", "b3:홍보 강화 필요.", "b2:예산 확대 필요."], Printed(report, "f", 1));
    }

    [Fact]
    public void Move_ToAnotherMeetingsItem_OrOutOfRange_OrToNoItem_IsRefused()
    {
        var start = Start();

        Assert.Contains("다른 회의에서 나온 것", Assert.Throws<ReviewException>(() => Apply(start, new MoveBullet("b2", new ItemRef("s", 1), null))).Message, StringComparison.Ordinal);
        Assert.Contains("0부터 1 사이", Assert.Throws<ReviewException>(() => Apply(start, new MoveBullet("b2", null, 5))).Message, StringComparison.Ordinal);
        var missing = Assert.Throws<ReviewException>(() => Apply(start, new MoveBullet("b2", new ItemRef("f", 9), null)));
        Assert.True(missing.NotFound);
        Assert.True(Assert.Throws<ReviewException>(() => Apply(start, new EditBullet("b99", "x"))).NotFound);
    }

    [Fact]
    public void Exclude_LeavesTheBulletOutOfThePrintButInTheRecord_AndRestoreBringsItBack()
    {
        var (excluded, events) = Apply(Start(), new ExcludeBullet("b2", true));

        Assert.Equal(["b1:원안 가결", "b3:홍보 강화 필요."], Printed(excluded, "f", 1));
        Assert.True(excluded.Bullet("b2")!.Excluded);
        Assert.Equal(("exclude", "포함", "제외"), (events[0].Kind, events[0].Before, events[0].After));
        Assert.Empty(ReviewGuards.Problems(excluded));
        Assert.Throws<ReviewException>(() => Apply(excluded, new EditBullet("b2", "다른 문장.")));

        var (restored, back) = Apply(excluded, new ExcludeBullet("b2", false));
        Assert.Equal(["b1:원안 가결", "b2:예산 확대 필요.", "b3:홍보 강화 필요."], Printed(restored, "f", 1));
        Assert.Equal("restore", back[0].Kind);
        Assert.Contains("제외되어 있지 않습니다", Assert.Throws<ReviewException>(() => Apply(restored, new ExcludeBullet("b2", false))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_MakesOneBulletWithTheSourcesOfAll_AndTheOthersNoLongerPrint()
    {
        var (report, events) = Apply(Start(), new MergeBullets("b2", ["b3", "b4"]));

        Assert.Equal(["b1:원안 가결", "b2:예산 확대 필요."], Printed(report, "f", 1));
        Assert.Empty(Printed(report, "f", 2));
        Assert.Equal(["f-m1-1", "f-m1-2", "f-m2-1"], report.Bullet("b2")!.Sources);
        Assert.Equal(("b2", "b2"), (report.Bullet("b3")!.MergedInto, report.Bullet("b4")!.MergedInto));
        Assert.Equal("merge", events[0].Kind);
        Assert.Contains("b3: 홍보 강화 필요.", events[0].Before, StringComparison.Ordinal);
        Assert.Empty(ReviewGuards.Problems(report));
    }

    [Fact]
    public void Merge_OfADecisionWithAnOpinion_OrAcrossMeetings_OrWithItself_IsRefused()
    {
        var start = Start();

        Assert.Contains("종류", Assert.Throws<ReviewException>(() => Apply(start, new MergeBullets("b1", ["b2"]))).Message, StringComparison.Ordinal);
        Assert.Contains("다른 회의", Assert.Throws<ReviewException>(() => Apply(start, new MergeBullets("b2", ["b5"]))).Message, StringComparison.Ordinal);
        Assert.Contains("자기 자신", Assert.Throws<ReviewException>(() => Apply(start, new MergeBullets("b2", ["b2"]))).Message, StringComparison.Ordinal);
        var merged = Apply(start, new MergeBullets("b2", ["b3"])).Report;
        Assert.Contains("이미 'b2'에 합쳐졌습니다", Assert.Throws<ReviewException>(() => Apply(merged, new MergeBullets("b3", ["b4"]))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Remark_EnteredForAMember_GetsAStaffSource_NamesTheMemberAndTheStaff_AndPrints()
    {
        var (report, events) = Apply(Start(), new AddRemark(new ItemRef("s", 1), EntryKind.Proposal, "현장 방문 추진 제안.", "위원2", "구두 발언"), "박주무관");

        var remark = report.Bullet("b6")!;
        Assert.Equal(["staff:1"], remark.Sources);
        Assert.Equal(("위원2", "박주무관", "구두 발언"), (remark.OnBehalfOf, remark.EnteredBy, remark.Reason));
        Assert.Equal(["b5:사업 점검 필요.", "b6:현장 방문 추진 제안."], Printed(report, "s", 1));
        Assert.Equal(new ReviewEvent("remark", "b6", null, "위원2: 현장 방문 추진 제안. (구두 발언)", "박주무관", Now.AddMinutes(5)), events[0]);

        var second = Apply(report, new AddRemark(new ItemRef("s", 1), EntryKind.Opinion, "두 번째.", "협치조정관", null)).Report;
        Assert.Equal(["staff:2"], second.Bullet("b7")!.Sources);
        var merged = Apply(second, new MergeBullets("b5", ["b7"])).Report;
        Assert.Equal(["s-m1-1", "staff:2"], merged.Bullet("b5")!.Sources);
        Assert.Empty(ReviewGuards.Problems(merged));
    }

    [Fact]
    public void Remark_ForSomeoneNotAtThatMeeting_IsRefused()
    {
        var error = Assert.Throws<ReviewException>(() => Apply(Start(), new AddRemark(new ItemRef("s", 1), EntryKind.Opinion, "의견.", "모르는사람", null)));

        Assert.Contains("'모르는사람'은(는) 전략사업분과 회의의 참석자가 아닙니다", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Photos_AreAdded_WithTheDefaultCaption_Recaptioned_AndRemoved_PrintingInⅢ()
    {
        var (added, events) = Apply(Start(), new AddPhoto("s", "image/jpeg", null));
        var photo = added.Photos.Single();
        Assert.Equal(new ReviewPhoto("p1", "photo-1.jpg", "s", "전략사업분과회의", "image/jpeg"), photo);
        Assert.Equal(("photo-add", "p1"), (events[0].Kind, events[0].Target));

        var (captioned, caption) = Apply(added, new CaptionPhoto("p1", "전략사업분과 회의 모습"));
        Assert.Equal("전략사업분과 회의 모습", captioned.ToReport().Photos.Single().Caption);
        Assert.Equal(("전략사업분과회의", "전략사업분과 회의 모습"), (caption[0].Before, caption[0].After));

        var removed = Apply(captioned, new RemovePhoto("p1")).Report;
        Assert.Empty(removed.ToReport().Photos);
        Assert.Equal("p2", Apply(removed, new AddPhoto("f", "image/png", "사진")).Report.Photos.Single().Id);
        Assert.Throws<ReviewException>(() => Apply(removed, new AddPhoto("x", "image/png", null)));
        Assert.True(Assert.Throws<ReviewException>(() => Apply(removed, new RemovePhoto("p1"))).NotFound);
    }

    [Fact]
    public void Approve_MakesVersionN_ALaterChangeStartsNPlus1_AndApprovingTwiceWithoutChangeIsRefused()
    {
        var (approved, events) = Apply(Apply(Start(), new EditBullet("b2", "예산 확대가 필요함.")).Report, new ApproveReport());

        Assert.Equal(("approved", 1, 1), (approved.Status, approved.Version, approved.ApprovedVersion));
        Assert.Equal(("approve", "v1"), (events[0].Kind, events[0].Target));
        Assert.Contains("이미 승인된 1판", Assert.Throws<ReviewException>(() => Apply(approved, new ApproveReport())).Message, StringComparison.Ordinal);

        var changed = Apply(approved, new ExcludeBullet("b4", true)).Report;
        Assert.Equal(("draft", 2), (changed.Status, changed.Version));
        Assert.Equal(("approved", 2), (Apply(changed, new ApproveReport()).Report.Status, Apply(changed, new ApproveReport()).Report.Version));
    }

    [Fact]
    public void ARequestOfSeveralChanges_IsAllOrNothing()
    {
        var start = Start();

        Assert.Throws<ReviewException>(() => start.Apply([new EditBullet("b2", "새 문장."), new MoveBullet("b2", new ItemRef("s", 1), null)], "김직원", Now));

        Assert.Equal("예산 확대 필요.", start.Bullet("b2")!.Text);
        var (both, events) = start.Apply([new EditBullet("b2", "새 문장."), new MoveBullet("b2", new ItemRef("f", 2), null)], "김직원", Now);
        Assert.Equal(["b4:일정 조정 의견.", "b2:새 문장."], Printed(both, "f", 2));
        Assert.Equal((1, 2), (both.Revision, events.Count));
    }

    [Fact]
    public void Guards_NameASourceThatIsLost_HeldTwice_OrNeverCaptured()
    {
        var start = Start();
        var lost = start with { Bullets = [.. start.Bullets.Select(b => b.Id == "b3" ? b with { Sources = ["f-m1-1"] } : b)] };
        var invented = start with { Bullets = [.. start.Bullets.Select(b => b.Id == "b5" ? b with { Sources = ["s-m1-1", "made-up"] } : b)] };

        var problems = ReviewGuards.Problems(lost);
        Assert.Contains("출처 'f-m1-2'의 기록이 어느 항목에도 없습니다.", problems);
        Assert.Contains("출처 'f-m1-1'이(가) 여러 항목(b2, b3)에 있습니다.", problems);
        Assert.Equal(["출처 'made-up'은(는) 기록된 적이 없습니다."], ReviewGuards.Problems(invented));
        Assert.Contains("안전장치", Assert.Throws<ReviewException>(() => ReviewGuards.ThrowIfBroken(lost)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void State_ReadsBackAsWritten_AndApprovedVersionRendersEveryFormatFromTheReviewedText()
    {
        var report = Apply(Apply(Start(), new EditBullet("b2", "예산 확대가 필요함.")).Report, new AddPhoto("f", "image/png", null)).Report;

        var back = ReviewJson.Read(ReviewJson.Write(report));
        Assert.Equal(ReviewJson.Write(report), ReviewJson.Write(back));
        Assert.Equal(report.Bullets.Select(b => (b.Id, b.Item, b.Text, b.DraftText, string.Join(",", b.Sources))), back.Bullets.Select(b => (b.Id, b.Item, b.Text, b.DraftText, string.Join(",", b.Sources))));

        var png = TestPictures.Png(40, 30, (10, 120, 200));
        var files = ReviewRendering.Render(back, _ => png, ReportFiles.Default());
        Assert.Equal(["docx", "hwpx", "json", "md"], files.Keys.Order(StringComparer.Ordinal));
        var md = System.Text.Encoding.UTF8.GetString(files["md"]);
        Assert.Contains("예산 확대가 필요함.", md, StringComparison.Ordinal);
        Assert.DoesNotContain("예산 확대 필요.", md, StringComparison.Ordinal);
        Assert.Contains("photos/photo-1.png", md, StringComparison.Ordinal);
        Assert.Contains("\"id\": \"b2\"", System.Text.Encoding.UTF8.GetString(files["json"]), StringComparison.Ordinal);
    }
}
