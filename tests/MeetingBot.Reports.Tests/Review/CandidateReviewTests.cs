using MeetingBot.Core;
using MeetingBot.Reports.Review;
using static MeetingBot.Reports.Tests.Layout.CombinedReports;

namespace MeetingBot.Reports.Tests.Review;

/// <summary>Spoken-remark candidates on the review record (SPEC §9): accepted with their cue ids as sources, ignored, and the guards after each.</summary>
public sealed class CandidateReviewTests
{
    private static readonly ReportMeeting Strategy = Meeting("s", "전략사업", 15);
    private static readonly DateTimeOffset Now = new(2020, 9, 20, 10, 0, 0, TimeSpan.FromHours(9));

    private static ReviewedReport Start() => ReviewedReport.Start("r1", Of([Strategy], [Item(Strategy, 1, "보고", opinions: ["사업 점검 필요."])]), Now);

    private static AcceptCandidate Accept(string id, params string[] cues) =>
        new(id, new ItemRef("s", 1), EntryKind.Opinion, "담당 부서 연락처 공유 요청.", "연락처를 공유해 주셨으면 합니다", "최민정", cues);

    [Fact]
    public void Accepting_adds_a_bullet_citing_the_cues_naming_the_speaker_and_records_the_decision()
    {
        var (report, events) = Start().Apply([Accept("c1", "s-3", "s-4")], "김직원", Now);

        var bullet = report.Bullets[^1];
        Assert.Equal(["s-3", "s-4"], bullet.Sources);
        Assert.Equal(("최민정", "연락처를 공유해 주셨으면 합니다", "c1"), (bullet.Authors.Single(), bullet.Originals.Single(), bullet.Candidate));
        Assert.Equal(new CandidateDecision("c1", CandidateDecision.Accepted, bullet.Id, "김직원", Now), report.Candidates.Single());
        Assert.Equal(("candidate-accept", "c1", "후보"), (events[0].Kind, events[0].Target, events[0].Before));
        Assert.Contains(report.ToReport().Items[0].Opinions, o => o.Id == bullet.Id);
        Assert.Empty(ReviewGuards.Problems(report));
    }

    [Fact]
    public void An_accepted_remark_merged_into_a_typed_one_keeps_its_cues_once()
    {
        var (accepted, _) = Start().Apply([Accept("c1", "s-3")], "김직원", Now);

        var (merged, _) = accepted.Apply([new MergeBullets("b1", [accepted.Bullets[^1].Id])], "김직원", Now);

        Assert.Contains("s-3", merged.Bullet("b1")!.Sources);
        Assert.Empty(ReviewGuards.Problems(merged));
    }

    [Fact]
    public void The_same_cue_accepted_twice_breaks_the_guards_and_changes_nothing()
    {
        var (accepted, _) = Start().Apply([Accept("c1", "s-3")], "김직원", Now);

        var error = Assert.Throws<ReviewException>(() => accepted.Apply([Accept("c2", "s-3")], "김직원", Now));

        Assert.Contains("s-3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ignoring_marks_the_candidate_and_an_ignored_one_may_still_be_accepted_but_not_ignored_again()
    {
        var (ignored, events) = Start().Apply([new IgnoreCandidate("c1")], "박주무관", Now);
        Assert.Equal(("candidate-ignore", CandidateDecision.Ignored), (events[0].Kind, ignored.Candidates.Single().Status));
        Assert.Equal(ignored.Bullets.Count, Start().Bullets.Count);

        Assert.Throws<ReviewException>(() => ignored.Apply([new IgnoreCandidate("c1")], "박주무관", Now));
        var (accepted, acceptEvents) = ignored.Apply([Accept("c1", "s-3")], "박주무관", Now);

        Assert.Equal((CandidateDecision.Accepted, "무시"), (accepted.Candidates.Single().Status, acceptEvents[0].Before));
        Assert.Throws<ReviewException>(() => accepted.Apply([Accept("c1", "s-3")], "박주무관", Now));
    }

    [Fact]
    public void Decisions_survive_the_stored_state()
    {
        var (accepted, _) = Start().Apply([Accept("c1", "s-3"), new IgnoreCandidate("c2")], "김직원", Now);

        var read = ReviewJson.Read(ReviewJson.Write(accepted));

        Assert.Equal(accepted.Candidates, read.Candidates);
        Assert.Equal(["s-3"], read.Bullets[^1].SpokenSources);
        Assert.Empty(ReviewGuards.Problems(read));
    }
}
