using System.Text;

namespace MeetingBot.Reports.Drafting;

/// <summary>How close a set of drafted bullets comes to the bullets of a reference report.</summary>
/// <param name="ReferenceBullets">Number of reference bullets.</param>
/// <param name="DraftBullets">Number of drafted bullets.</param>
/// <param name="Coverage">Share of reference bullets whose best-matching draft reaches <see cref="DraftEvaluation.CoverageThreshold"/>.</param>
/// <param name="MeanBestF1">Mean, over reference bullets, of the best character-bigram F1 against any draft.</param>
/// <param name="Style">Share of drafted bullets that end in 개조식 (see <see cref="DraftEvaluation.HasReportEnding"/>).</param>
public sealed record DraftScore(int ReferenceBullets, int DraftBullets, double Coverage, double MeanBestF1, double Style);

/// <summary>
/// Scores drafted ▸ bullets against a reference report. Similarity is the F1 of character bigrams with
/// whitespace removed: Korean wraps and spaces words loosely, and a bigram overlap rewards keeping the
/// members' own words, which is what a formalizer should do.
/// </summary>
public static class DraftEvaluation
{
    /// <summary>
    /// A reference bullet counts as covered when some draft reaches this bigram F1. At 0.5 about half of
    /// the bigrams are shared: the same remark reworded, not merely the same topic (no two of the
    /// reference's thirteen bullets score above 0.17 against each other).
    /// </summary>
    public const double CoverageThreshold = 0.5;

    // Nouns a 개조식 bullet may end on besides a nominalised verb (~함, ~음, ~임, ~됨, …).
    private static readonly string[] ReportNouns = ["필요", "의견", "요청", "문의", "바람", "것"];

    /// <summary>
    /// The ▸ bullets of a report exported as text. A bullet runs from its ▸ line over the following lines
    /// (blank lines between wrapped parts are skipped) until its text ends with '.', or a line opens
    /// another block (a list symbol, a Roman section number or a numbered heading). Lines are joined as
    /// written, because the export wraps inside words ("…있" / "는데…") and keeps a trailing space where it
    /// wrapped between words.
    /// </summary>
    public static IReadOnlyList<string> ParseBullets(string reportText)
    {
        ArgumentNullException.ThrowIfNull(reportText);
        var lines = reportText.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var bullets = new List<string>();
        var i = 0;
        while (i < lines.Length)
        {
            var trimmed = lines[i].TrimStart();
            i++;
            if (!trimmed.StartsWith('▸'))
            {
                continue;
            }

            var text = new StringBuilder(trimmed[1..]);
            while (i < lines.Length && !text.ToString().TrimEnd().EndsWith('.'))
            {
                if (string.IsNullOrWhiteSpace(lines[i]))
                {
                    i++;
                    continue;
                }

                if (OpensBlock(lines[i].TrimStart()))
                {
                    break;
                }

                text.Append(lines[i].TrimStart());
                i++;
            }

            var bullet = CollapseWhitespace(text.ToString());
            if (bullet.Length > 0)
            {
                bullets.Add(bullet);
            }
        }

        return bullets;
    }

    public static DraftScore Score(IReadOnlyList<string> drafts, IReadOnlyList<string> references)
    {
        ArgumentNullException.ThrowIfNull(drafts);
        ArgumentNullException.ThrowIfNull(references);
        var covered = 0;
        var sumBest = 0.0;
        foreach (var reference in references)
        {
            var best = 0.0;
            foreach (var draft in drafts)
            {
                best = Math.Max(best, BigramF1(draft, reference));
            }

            sumBest += best;
            if (best >= CoverageThreshold)
            {
                covered++;
            }
        }

        var styled = drafts.Count(HasReportEnding);
        return new DraftScore(
            references.Count,
            drafts.Count,
            references.Count == 0 ? 0 : (double)covered / references.Count,
            references.Count == 0 ? 0 : sumBest / references.Count,
            drafts.Count == 0 ? 0 : (double)styled / drafts.Count);
    }

    /// <summary>F1 of the character-bigram multisets of two texts, whitespace removed; a one-character text is its own bigram.</summary>
    public static double BigramF1(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var left = Bigrams(a);
        var right = Bigrams(b);
        var total = left.Values.Sum() + right.Values.Sum();
        if (total == 0)
        {
            return 0;
        }

        var overlap = 0;
        foreach (var (gram, count) in left)
        {
            if (right.TryGetValue(gram, out var other))
            {
                overlap += Math.Min(count, other);
            }
        }

        return 2.0 * overlap / total;
    }

    /// <summary>
    /// Whether a bullet ends in 개조식 and a single '.': a nominalised verb (any syllable with final ㅁ, so
    /// ~함, ~음, ~임 and also the reference's "기대됨") or one of 필요, 의견, 요청, 문의, 바람, 것 — but not a
    /// polite ending and not the commanding "~할 것".
    /// </summary>
    public static bool HasReportEnding(string bullet)
    {
        ArgumentNullException.ThrowIfNull(bullet);
        var text = bullet.TrimEnd();
        if (!text.EndsWith('.') || text.EndsWith("..", StringComparison.Ordinal))
        {
            return false;
        }

        var body = text[..^1].TrimEnd();
        if (body.Length == 0 || PoliteEnding.IsPolite(body))
        {
            return false;
        }

        var last = body[^1];
        if (Hangul.IsSyllable(last) && Hangul.Final(last) is Hangul.FinalM or Hangul.FinalLm)
        {
            return true;
        }

        if (body.EndsWith('것'))
        {
            var before = body[..^1].TrimEnd();
            return before.Length > 0 && !(Hangul.IsSyllable(before[^1]) && Hangul.Final(before[^1]) == Hangul.FinalL);
        }

        return ReportNouns.Any(noun => body.EndsWith(noun, StringComparison.Ordinal));
    }

    private static bool OpensBlock(string line)
    {
        if (line.Length == 0)
        {
            return false;
        }

        var first = line[0];
        if ("▸❍○□■◦•‣‧·※-".Contains(first, StringComparison.Ordinal) || first is >= 'Ⅰ' and <= 'Ⅻ')
        {
            return true;
        }

        // "1. 2020 협치동아리 운영"
        var digits = 0;
        while (digits < line.Length && char.IsAsciiDigit(line[digits]))
        {
            digits++;
        }

        return digits > 0 && digits < line.Length && line[digits] == '.';
    }

    internal static Dictionary<string, int> Bigrams(string text)
    {
        var compact = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c))
            {
                compact.Append(c);
            }
        }

        var s = compact.ToString();
        var grams = new Dictionary<string, int>(StringComparer.Ordinal);
        if (s.Length == 1)
        {
            grams[s] = 1;
            return grams;
        }

        for (var i = 0; i + 1 < s.Length; i++)
        {
            var gram = s.Substring(i, 2);
            grams[gram] = grams.GetValueOrDefault(gram) + 1;
        }

        return grams;
    }

    private static string CollapseWhitespace(string text) =>
        string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
