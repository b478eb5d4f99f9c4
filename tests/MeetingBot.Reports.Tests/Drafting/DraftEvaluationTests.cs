using MeetingBot.Reports.Drafting;
using Xunit.Abstractions;

namespace MeetingBot.Reports.Tests.Drafting;

public sealed class DraftEvaluationTests(ITestOutputHelper output)
{
    [Fact]
    public void Baseline_probe()
    {
        var references = DraftEvaluation.ParseBullets(SampleMeeting.ReferenceText());
        foreach (var r in references)
        {
            output.WriteLine("[" + r + "]");
        }

        var drafts = SampleMeeting.TaggedEntries().Select(s => s.Text.Replace("합니다", "함", StringComparison.Ordinal)).ToList();
        output.WriteLine(DraftEvaluation.Score(drafts, references).ToString());
        var dotted = drafts.Select(d => d + ".").ToList();
        output.WriteLine(DraftEvaluation.Score(dotted, references).ToString());
        for (var i = 0; i < references.Count; i++)
        {
            for (var j = i + 1; j < references.Count; j++)
            {
                output.WriteLine($"{i} {j} {DraftEvaluation.BigramF1(references[i], references[j]):F3}");
            }
        }
    }
}
