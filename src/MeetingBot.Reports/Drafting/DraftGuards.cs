using System.Globalization;
using System.Text;
using MeetingBot.Core;

namespace MeetingBot.Reports.Drafting;

/// <summary>A bullet as a language model proposed it: untrusted text, a kind and the source ids it claims to say.</summary>
public sealed record ProposedBullet(string Text, string? Kind, IReadOnlyList<string> Sources);

/// <summary>
/// What stands between a language model's answer and the report, for any model drafter. Every source of the
/// item ends up in exactly one bullet: a bullet citing no source or a source the item does not have is dropped,
/// a source cited twice stays with the first bullet, a bullet whose wording is not the members' (too little
/// character-bigram overlap with its sources) is replaced by the rules' bullets of those sources, a source the
/// model dropped comes back as its own rules bullet, and a polite ending is put into 개조식 by the rules.
/// Kinds, originals and authors always come from the sources, never from the model: an entry's kind is its
/// entrant's, so a bullet the model labelled with another kind gets its sources' kind back (and a note says so),
/// and a bullet merging entries of different kinds is refused — each of them gets its own rules bullet — because
/// one bullet has one kind and any kind it took would relabel one of the entries.
/// </summary>
public sealed class DraftGuards
{
    /// <summary>
    /// Tuned on the shared sample, whose 13 reference bullets were written from its 13 tagged remarks
    /// (docs/drafting.md): a reference bullet scores at least 0.40 against its own remark, at most 0.21 against
    /// any other remark; a bullet that also cites a remark it does not say scores at most 0.20, and a text the
    /// members did not write ("모든 위원이 동의함." citing everyone) stays below 0.1.
    /// </summary>
    public const double DefaultMinOverlap = 0.3;

    // A bullet may shorten a remark: only two thirds of the threshold is asked of each source's own bigrams.
    private const double RecallWeight = 1.5;

    public DraftGuards(double minOverlap = DefaultMinOverlap)
    {
        if (minOverlap is < 0 or > 1 || double.IsNaN(minOverlap))
        {
            throw new ArgumentOutOfRangeException(nameof(minOverlap), minOverlap, "0..1");
        }

        MinOverlap = minOverlap;
    }

    public double MinOverlap { get; }

    /// <summary>The item written by the rules alone, with the reason the model's answer was not used.</summary>
    public static DraftResult FallBack(DraftRequest request, string reason, DraftUsage? usage = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(reason);
        return new DraftResult(request.Sources.Select(RuleDrafter.Bullet).ToList(), RuleDrafter.DrafterName, [reason], usage);
    }

    public DraftResult Apply(DraftRequest request, IReadOnlyList<ProposedBullet> proposed, string drafter, DraftUsage? usage = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(proposed);
        ArgumentNullException.ThrowIfNull(drafter);
        var position = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < request.Sources.Count; i++)
        {
            position.TryAdd(request.Sources[i].Id, i);
        }

        var placed = new HashSet<string>(StringComparer.Ordinal);
        var bullets = new List<(int Position, ReportOpinion Opinion)>();
        var notes = new List<string>();
        int noSource = 0, unknown = 0, empty = 0;
        foreach (var bullet in proposed)
        {
            var cited = (bullet.Sources ?? []).Where(id => id is not null).Distinct(StringComparer.Ordinal).ToList();
            if (cited.Count == 0)
            {
                noSource++;
                continue;
            }

            if (cited.Any(id => !position.ContainsKey(id)))
            {
                unknown++;
                continue;
            }

            var text = CleanText(bullet.Text);
            if (text.Length == 0)
            {
                empty++;
                continue;
            }

            var fresh = cited.Where(id => !placed.Contains(id)).OrderBy(id => position[id]).ToList();
            if (fresh.Count < cited.Count)
            {
                notes.Add(DraftGuardText.Duplicate(cited.Where(placed.Contains).OrderBy(id => position[id])));
            }

            if (fresh.Count == 0)
            {
                continue;
            }

            var sources = fresh.Select(id => request.Sources[position[id]]).ToList();
            placed.UnionWith(fresh);
            var overlap = Overlap(text, sources);
            if (overlap < MinOverlap)
            {
                notes.Add(DraftGuardText.LowOverlap(fresh, overlap, MinOverlap));
                bullets.AddRange(sources.Select(s => (position[s.Id], RuleDrafter.Bullet(s))));
                continue;
            }

            var kinds = sources.Select(s => s.Kind).Distinct().ToList();
            if (kinds.Count > 1)
            {
                notes.Add(DraftGuardText.MixedKinds(fresh, kinds));
                bullets.AddRange(sources.Select(s => (position[s.Id], RuleDrafter.Bullet(s))));
                continue;
            }

            var kind = kinds[0];
            if (bullet.Kind is not null && !(EntryKinds.TryParse(bullet.Kind, out var named) && named == kind))
            {
                notes.Add(DraftGuardText.KindRestored(fresh, kind));
            }

            if (!IsFormal(text))
            {
                text = KoreanFormalizer.Formalize(text, kind);
                if (!IsFormal(text))
                {
                    notes.Add(DraftGuardText.NotFormal(fresh));
                    bullets.AddRange(sources.Select(s => (position[s.Id], RuleDrafter.Bullet(s))));
                    continue;
                }

                notes.Add(DraftGuardText.Formalized(fresh));
            }

            bullets.Add((position[fresh[0]], new ReportOpinion
            {
                Text = text,
                Kind = kind,
                Sources = fresh,
                Originals = sources.Select(s => s.Text).ToList(),
                Authors = sources.Select(s => s.Author).ToList(),
            }));
        }

        var missing = request.Sources.Where(s => !placed.Contains(s.Id)).DistinctBy(s => s.Id).ToList();
        if (missing.Count > 0)
        {
            notes.Add(DraftGuardText.Missing(missing.Select(s => s.Id)));
            bullets.AddRange(missing.Select(s => (position[s.Id], RuleDrafter.Bullet(s))));
        }

        if (noSource > 0)
        {
            notes.Add(DraftGuardText.NoSource(noSource));
        }

        if (unknown > 0)
        {
            notes.Add(DraftGuardText.UnknownSource(unknown));
        }

        if (empty > 0)
        {
            notes.Add(DraftGuardText.Empty(empty));
        }

        var opinions = bullets.OrderBy(b => b.Position).Select(b => b.Opinion).ToList();
        return new DraftResult(opinions, drafter, notes, usage);
    }

    /// <summary>
    /// How much of a bullet is its sources' own wording: the share of the bullet's character bigrams (whitespace
    /// removed, counted as a multiset so repeating a phrase does not count twice) found in the sources, each
    /// taken as written or as the rules formalize it (so "…요청." or "…의견." count as the members' words too).
    /// Then, so a bullet cannot cite a remark it does not say, the lowest share of any one source's bigrams found
    /// in the bullet counts as well, weighted 1.5: a bullet may shorten what each source said, not drop it.
    /// </summary>
    public static double Overlap(string text, IReadOnlyList<DraftSource> sources)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(sources);
        var bullet = DraftEvaluation.Bigrams(text);
        var bulletTotal = bullet.Values.Sum();
        if (bulletTotal == 0 || sources.Count == 0)
        {
            return 0;
        }

        var support = new Dictionary<string, int>(StringComparer.Ordinal);
        var leastRecall = 1.0;
        foreach (var source in sources)
        {
            var own = SourceBigrams(source);
            foreach (var (gram, count) in own)
            {
                support[gram] = support.GetValueOrDefault(gram) + count;
            }

            var sourceTotal = own.Values.Sum();
            if (sourceTotal > 0)
            {
                leastRecall = Math.Min(leastRecall, (double)Shared(own, bullet) / sourceTotal);
            }
        }

        var precision = (double)Shared(bullet, support) / bulletTotal;
        return Math.Min(precision, RecallWeight * leastRecall);
    }

    private static Dictionary<string, int> SourceBigrams(DraftSource source)
    {
        var written = DraftEvaluation.Bigrams(source.Text);
        foreach (var (gram, count) in DraftEvaluation.Bigrams(KoreanFormalizer.Formalize(source.Text, source.Kind)))
        {
            written[gram] = Math.Max(written.GetValueOrDefault(gram), count);
        }

        return written;
    }

    private static int Shared(Dictionary<string, int> of, Dictionary<string, int> @in)
    {
        var shared = 0;
        foreach (var (gram, count) in of)
        {
            if (@in.TryGetValue(gram, out var other))
            {
                shared += Math.Min(count, other);
            }
        }

        return shared;
    }

    /// <summary>Every sentence of the bullet ends without a polite ending, and the bullet ends in 개조식.</summary>
    private static bool IsFormal(string text) =>
        DraftEvaluation.HasReportEnding(text)
        && text.Split(['.', '?', '!'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).All(s => !PoliteEnding.IsPolite(s));

    /// <summary>
    /// The model's text as plain report text: line breaks and tabs become spaces, control and formatting characters
    /// (bidirectional overrides, zero-width characters) go, and a list symbol the model put in front is dropped,
    /// because the layout adds its own ▸.
    /// </summary>
    private static string CleanText(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var kept = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (Rune.IsWhiteSpace(rune) || category == UnicodeCategory.Control)
            {
                kept.Append(' ');
            }
            else if (category is not (UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned))
            {
                kept.Append(rune.ToString());
            }
        }

        var words = kept.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return string.Join(' ', words).TrimStart(ListSymbols).TrimStart();
    }

    private static readonly char[] ListSymbols = ['▸', '❍', '○', '□', '■', '◦', '•', '‣', '‧', '·', '-', '*', ' '];
}
