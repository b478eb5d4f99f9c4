using MeetingBot.Core;

namespace MeetingBot.Reports.Review;

/// <summary>
/// SPEC §8's guards, checked after every change: every captured entry of the draft and every remark staff entered is
/// in exactly one bullet that is not merged away (so a non-excluded entry prints exactly once, with its sources), no
/// bullet cites a source nobody captured, every bullet stands under an item of its own meeting, and a printed bullet
/// has text.
/// </summary>
public static class ReviewGuards
{
    /// <summary>What is wrong with <paramref name="report"/>, in Korean; empty when the guards hold.</summary>
    public static IReadOnlyList<string> Problems(ReviewedReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var problems = new List<string>();
        var captured = ReportJson.Sources(report.Draft).Select(s => (s.MeetingId, s.Source)).ToList();
        captured.AddRange(report.Bullets.Where(b => b.StaffSource is not null).Select(b => (b.Item.MeetingId, b.StaffSource!)));
        captured.AddRange(report.Bullets.SelectMany(b => b.SpokenSources.Select(s => (b.Item.MeetingId, s))));
        var held = report.Bullets.Where(b => b.MergedInto is null)
            .SelectMany(b => b.Sources.Select(s => (Key: (b.Item.MeetingId, s), Bullet: b.Id)))
            .GroupBy(x => x.Key)
            .ToDictionary(g => g.Key, g => g.Select(x => x.Bullet).ToList());
        foreach (var source in captured.Distinct())
        {
            if (!held.TryGetValue(source, out var bullets))
            {
                problems.Add(ReviewText.SourceLost(source.Item2));
            }
            else if (bullets.Count > 1)
            {
                problems.Add(ReviewText.SourceTwice(source.Item2, bullets));
            }
        }

        var known = captured.ToHashSet();
        problems.AddRange(held.Keys.Where(k => !known.Contains(k)).Select(k => ReviewText.SourceUnknown(k.s)));
        foreach (var bullet in report.Bullets)
        {
            if (!report.Draft.Items.Any(i => bullet.Item.Is(i)))
            {
                problems.Add(ReviewText.NoItem(bullet.Item));
            }

            if (bullet.MergedInto is null && bullet.Sources.Count == 0)
            {
                problems.Add(ReviewText.NoSources(bullet.Id));
            }

            if (bullet.IsPrinted && string.IsNullOrWhiteSpace(bullet.Text))
            {
                problems.Add(ReviewText.Required(ReviewText.TextField));
            }
        }

        return problems;
    }

    public static void ThrowIfBroken(ReviewedReport report)
    {
        var problems = Problems(report);
        if (problems.Count > 0)
        {
            throw ReviewException.Invalid(ReviewText.GuardsBroken(problems));
        }
    }
}
