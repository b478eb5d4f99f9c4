using MeetingBot.Core;
using MeetingBot.Reports.Drafting;
using Xunit.Abstractions;

namespace MeetingBot.Reports.Tests.Drafting;

public sealed class DraftGuardsTests(ITestOutputHelper output)
{
    // The sample's 13 tagged remarks and the 13 reference bullets written from them, in the same order.
    private static readonly IReadOnlyList<DraftSource> Sources = SampleMeeting.TaggedEntries();
    private static readonly IReadOnlyList<string> References = DraftEvaluation.ParseBullets(SampleMeeting.ReferenceText());

    private static DraftRequest Request(IReadOnlyList<DraftSource> sources) => new("m", 2, "안건", [], sources);

    [Fact]
    public void Overlap_OnTheSample_SeparatesEachReferenceBulletsOwnRemarkFromEveryOtherRemark()
    {
        Assert.Equal(Sources.Count, References.Count);
        var own = Enumerable.Range(0, Sources.Count).Select(i => DraftGuards.Overlap(References[i], [Sources[i]])).ToList();
        var other = Enumerable.Range(0, Sources.Count)
            .SelectMany(i => Enumerable.Range(0, Sources.Count).Where(j => j != i).Select(j => DraftGuards.Overlap(References[i], [Sources[j]])))
            .ToList();
        output.WriteLine($"own remark: min {own.Min():F3}; other remarks: max {other.Max():F3}");

        Assert.All(own, o => Assert.True(o >= DraftGuards.DefaultMinOverlap, $"{o:F3}"));
        Assert.All(other, o => Assert.True(o < DraftGuards.DefaultMinOverlap, $"{o:F3}"));
        Assert.True(own.Min() >= 0.40 && other.Max() <= 0.22, $"{own.Min():F3} / {other.Max():F3}: re-tune and update docs/drafting.md");
    }

    [Fact]
    public void Overlap_OnTheSample_KeepsTrueMerges_AndRejectsABulletThatCitesARemarkItDoesNotSay()
    {
        var merges = Enumerable.Range(0, Sources.Count - 1)
            .Select(i => DraftGuards.Overlap(References[i] + " " + References[i + 1], [Sources[i], Sources[i + 1]]))
            .ToList();
        var halfSaid = Enumerable.Range(0, Sources.Count - 1)
            .Select(i => DraftGuards.Overlap(References[i], [Sources[i], Sources[i + 1]]))
            .ToList();
        output.WriteLine($"true merges: min {merges.Min():F3}; half said: max {halfSaid.Max():F3}");

        Assert.All(merges, o => Assert.True(o >= DraftGuards.DefaultMinOverlap, $"{o:F3}"));
        Assert.All(halfSaid, o => Assert.True(o < DraftGuards.DefaultMinOverlap, $"{o:F3}"));
    }

    [Theory]
    [InlineData("모든 위원이 동의함.")]
    [InlineData("참석자 전원이 이견 없이 계획에 동의함.")]
    [InlineData("협치 사업에 대한 다양한 의견이 있었음.")]
    public void Overlap_TextNobodyWrote_CitingEveryone_IsFarBelowTheThreshold(string text)
    {
        Assert.True(DraftGuards.Overlap(text, Sources) < 0.1);
    }

    [Fact]
    public void Overlap_RepeatingARemark_DoesNotCountTwice()
    {
        var source = Sources[0];

        Assert.True(DraftGuards.Overlap(string.Concat(Enumerable.Repeat(source.Text + " ", 4)), [source]) < DraftGuards.DefaultMinOverlap);
    }

    [Fact]
    public void Apply_AnyAnswer_PutsEverySourceInExactlyOneBulletOfItsOwnKind_AndNoOtherSource()
    {
        var random = new Random(20200915);
        var pool = References.Concat(Sources.Select(s => s.Text)).Concat(["모든 위원이 동의함.", "", "   ", "좋아요", "<b>강조</b>"]).ToList();
        var guards = new DraftGuards();
        for (var round = 0; round < 300; round++)
        {
            var sources = Sources.OrderBy(_ => random.Next()).Take(random.Next(1, 8)).OrderBy(s => s.Id, StringComparer.Ordinal).ToList();
            var ids = sources.Select(s => s.Id).Concat(["m999", "", "m6 ", "M6"]).ToList();
            var proposed = Enumerable.Range(0, random.Next(0, 10))
                .Select(_ => new ProposedBullet(
                    pool[random.Next(pool.Count)],
                    random.Next(4) switch { 0 => "opinion", 1 => "question", 2 => "decision", _ => null },
                    Enumerable.Range(0, random.Next(0, 4)).Select(_ => ids[random.Next(ids.Count)]).ToList()))
                .ToList();

            var result = guards.Apply(Request(sources), proposed, "model");

            var cited = result.Opinions.SelectMany(o => o.Sources).ToList();
            Assert.Equal(sources.Select(s => s.Id).Order(StringComparer.Ordinal), cited.Order(StringComparer.Ordinal));
            Assert.All(result.Opinions, o => Assert.False(string.IsNullOrWhiteSpace(o.Text)));
            Assert.All(result.Opinions, o => Assert.DoesNotContain(o.Kind, new[] { EntryKind.Decision }));
            Assert.All(result.Opinions, o => Assert.All(o.Sources, id => Assert.Equal(sources.Single(s => s.Id == id).Kind, o.Kind)));
        }
    }

    [Fact]
    public void Apply_KeepsBulletsInTheOrderOfTheirFirstSource()
    {
        var sources = Sources.Take(3).ToList();

        var result = new DraftGuards().Apply(
            Request(sources),
            [new(References[2], "opinion", ["m8"]), new(References[0], "opinion", ["m6"]), new(References[1], "opinion", ["m7"])],
            "model");

        Assert.Equal(References.Take(3), result.Opinions.Select(o => o.Text));
    }

    [Theory]
    [InlineData("opinion")]
    [InlineData("proposal")]
    [InlineData("question")]
    public void Apply_MergeOfDifferentKinds_IsRefused_EachEntryGetsItsOwnRulesBulletOfItsEntrantsKind(string labelled)
    {
        var opinion = new DraftSource("a", EntryKind.Opinion, "홍보가 부족한 것 같습니다", "갑");
        var proposal = new DraftSource("b", EntryKind.Proposal, "홍보를 더 많이 해야 할 것 같습니다", "을");
        var text = "홍보가 부족하여 홍보를 더 많이 해야 할 것 같음.";

        var result = new DraftGuards().Apply(Request([opinion, proposal]), [new(text, labelled, ["a", "b"])], "model");

        Assert.Equal([EntryKind.Opinion, EntryKind.Proposal], result.Opinions.Select(o => o.Kind));
        Assert.Equal(["a", "b"], result.Opinions.Select(o => Assert.Single(o.Sources)));
        Assert.Equal([KoreanFormalizer.Formalize(opinion.Text, opinion.Kind), KoreanFormalizer.Formalize(proposal.Text, proposal.Kind)], result.Opinions.Select(o => o.Text));
        Assert.Equal(["a, b: 종류가 다른 발언(의견·제안)을 한 문장으로 합쳐 규칙 기반 문장으로 바꿈"], result.GuardNotes);
    }

    [Theory]
    [InlineData("opinion")]
    [InlineData("proposal")]
    [InlineData("decision")]
    [InlineData("질문 아님")]
    public void Apply_AQuestionTheModelLabelledOtherwise_StaysAQuestion_AndTheNoteSaysSo(string labelled)
    {
        var question = Sources[^1];
        Assert.Equal(EntryKind.Question, question.Kind);

        var result = new DraftGuards().Apply(Request([question]), [new(References[^1], labelled, [question.Id])], "model");

        var bullet = Assert.Single(result.Opinions);
        Assert.Equal(EntryKind.Question, bullet.Kind);
        Assert.Equal(References[^1], bullet.Text);
        Assert.Equal([$"{question.Id}: 모델이 종류를 바꿔 적어 작성자가 남긴 종류(질문)로 되돌림"], result.GuardNotes);
    }

    [Fact]
    public void FallBack_WritesEverySourceByRule_AndSaysWhy()
    {
        var result = DraftGuards.FallBack(Request(Sources), "이유", new DraftUsage(5, 6));

        Assert.Equal("rules", result.Drafter);
        Assert.Equal(["이유"], result.GuardNotes);
        Assert.Equal(Sources.Select(s => KoreanFormalizer.Formalize(s.Text, s.Kind)), result.Opinions.Select(o => o.Text));
        Assert.Equal(new DraftUsage(5, 6), result.Usage);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.1)]
    [InlineData(double.NaN)]
    public void MinOverlap_OutsideZeroToOne_IsRejected(double value)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DraftGuards(value));
    }
}
