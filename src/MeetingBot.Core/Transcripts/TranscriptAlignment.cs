using System.Text;

namespace MeetingBot.Core.Transcripts;

/// <summary>Why cues did not become a candidate (candidates.json <c>reason</c>).</summary>
public enum DropReason
{
    /// <summary>A greeting or a short acknowledgement.</summary>
    Chatter,

    /// <summary>Before <c>/시작</c>, after <c>/종료</c>, or while no item was open.</summary>
    Outside,

    /// <summary>While capture was stopped (<c>/기록중지</c>).</summary>
    Paused,
}

/// <summary>
/// One spoken remark offered to staff: consecutive cues of one speaker in one item. <see cref="Speaker"/> is the
/// participant's name, or <see cref="SpeakerMatcher.Unknown"/> with the platform's name in <see cref="SpokenAs"/>.
/// <see cref="DuplicateOf"/> is the source message id of that speaker's typed entry in the item that says the same.
/// </summary>
public sealed record RemarkCandidate
{
    public required int Item { get; init; }
    public required string Speaker { get; init; }
    public required string SpokenAs { get; init; }
    public Participant? Participant { get; init; }
    public required DateTimeOffset Start { get; init; }
    public required DateTimeOffset End { get; init; }
    public required string Text { get; init; }
    public required IReadOnlyList<string> Sources { get; init; }
    public string? DuplicateOf { get; init; }
}

public sealed record DroppedCues(IReadOnlyList<string> Sources, DropReason Reason);

public sealed record TranscriptAlignmentResult(IReadOnlyList<RemarkCandidate> Candidates, IReadOnlyList<DroppedCues> Dropped);

/// <summary>
/// Aligns a transcript to the meeting as the bot ran it (SPEC §9), on the one <see cref="AgendaTimeline"/> that chat,
/// report and staff page use. Pure: same inputs, same candidates.
/// </summary>
public static class TranscriptAlignment
{
    /// <summary>Share of the shorter text's character pairs found in the other: at or above it, a remark repeats an entry.</summary>
    public const double DuplicateOverlap = 0.6;

    // Whole-cue greetings and acknowledgements, compared without spaces and punctuation.
    private static readonly HashSet<string> ChatterWords = new(StringComparer.Ordinal)
    {
        "네", "예", "아", "어", "음", "응", "넵", "네네", "예예", "아네", "네알겠습니다", "알겠습니다", "맞습니다", "맞아요", "그렇죠",
        "좋습니다", "좋아요", "감사합니다", "고맙습니다", "네감사합니다", "안녕하세요", "반갑습니다", "수고하셨습니다", "수고많으셨습니다",
        "여보세요", "들리세요", "들리시나요", "잘들립니다", "잠시만요", "ok", "okay", "yes", "thanks", "thankyou", "hello", "hi",
    };

    public static TranscriptAlignmentResult Align(
        MeetingDefinition meeting,
        AgendaTimeline timeline,
        IReadOnlyList<Entry> entries,
        IReadOnlyList<TranscriptCue> cues,
        IReadOnlyList<CaptureStop>? captureStops = null)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        ArgumentNullException.ThrowIfNull(timeline);
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(cues);
        var stops = captureStops ?? [];
        var speakers = new SpeakerMatcher(meeting);
        var dropped = new List<DroppedCues>();
        var remarks = new List<List<(TranscriptCue Cue, int Item, Participant? Who)>>();

        foreach (var cue in cues.OrderBy(c => c.Start).ThenBy(c => c.End))
        {
            var item = timeline.ActualStart is { } started && cue.Start >= started && (timeline.ActualEnd is not { } ended || cue.Start < ended)
                ? timeline.ItemOpenAt(cue.Start)
                : null;
            if (item is null)
            {
                Drop(dropped, cue, DropReason.Outside);
                continue;
            }

            if (stops.Any(s => s.Covers(cue.Start)))
            {
                Drop(dropped, cue, DropReason.Paused);
                continue;
            }

            if (IsChatter(cue.Text))
            {
                Drop(dropped, cue, DropReason.Chatter);
                continue;
            }

            var who = speakers.Match(cue.SpeakerName, cue.SpeakerId);
            if (remarks.Count > 0 && remarks[^1][^1] is var last && last.Item == item && SameSpeaker(last.Cue, last.Who, cue, who))
            {
                remarks[^1].Add((cue, item.Value, who));
            }
            else
            {
                remarks.Add([(cue, item.Value, who)]);
            }
        }

        var candidates = remarks.Select(r => ToCandidate(r, entries)).ToList();
        return new TranscriptAlignmentResult(candidates, dropped);
    }

    /// <summary>A greeting or acknowledgement, alone or repeated (<c>네, 네.</c>), or a cue with hardly a word in it.</summary>
    public static bool IsChatter(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = text.Split([' ', ',', '.', '!', '?', '~', '…', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries);
        var bare = Letters(text).ToLowerInvariant();
        return bare.Length <= 1
            || ChatterWords.Contains(bare)
            || words.All(w => ChatterWords.Contains(Letters(w).ToLowerInvariant()) || Letters(w).Length == 0);
    }

    private static void Drop(List<DroppedCues> dropped, TranscriptCue cue, DropReason reason) => dropped.Add(new DroppedCues([cue.Id], reason));

    private static bool SameSpeaker(TranscriptCue previous, Participant? previousWho, TranscriptCue cue, Participant? who) =>
        previousWho is not null || who is not null
            ? previousWho == who
            : SpeakerMatcher.NameKey(previous.SpeakerName) == SpeakerMatcher.NameKey(cue.SpeakerName);

    private static RemarkCandidate ToCandidate(List<(TranscriptCue Cue, int Item, Participant? Who)> cues, IReadOnlyList<Entry> entries)
    {
        var first = cues[0];
        var text = string.Join(" ", cues.Select(c => c.Cue.Text.Trim()));
        var duplicate = first.Who is { } who
            ? entries
                .Where(e => !e.Withdrawn && e.ItemIndex == first.Item && WrittenBy(e, who) && Repeats(text, e.Text))
                .OrderBy(e => e.Number)
                .Select(e => e.SourceId)
                .FirstOrDefault()
            : null;
        return new RemarkCandidate
        {
            Item = first.Item,
            Speaker = first.Who?.Name ?? SpeakerMatcher.Unknown,
            SpokenAs = first.Cue.SpeakerName,
            Participant = first.Who,
            Start = first.Cue.Start,
            End = cues.Max(c => c.Cue.End),
            Text = text,
            Sources = [.. cues.Select(c => c.Cue.Id)],
            DuplicateOf = duplicate,
        };
    }

    private static bool WrittenBy(Entry entry, Participant who) =>
        (who.ChatUserId is not null && string.Equals(entry.AuthorId, who.ChatUserId, StringComparison.Ordinal))
        || SpeakerMatcher.NameKey(entry.AuthorName) == SpeakerMatcher.NameKey(who.Name);

    /// <summary>
    /// Whether a spoken remark says what a typed entry says: most character pairs of the shorter one appear in the
    /// other (spacing and punctuation ignored), since a typed entry is usually the remark shortened.
    /// </summary>
    public static bool Repeats(string spoken, string typed)
    {
        ArgumentNullException.ThrowIfNull(spoken);
        ArgumentNullException.ThrowIfNull(typed);
        var a = Pairs(spoken);
        var b = Pairs(typed);
        if (a.Count == 0 || b.Count == 0)
        {
            return false;
        }

        var (small, large) = a.Count <= b.Count ? (a, b) : (b, a);
        return (double)small.Count(large.Contains) / small.Count >= DuplicateOverlap;
    }

    private static HashSet<string> Pairs(string text)
    {
        var letters = Letters(text).ToLowerInvariant();
        var pairs = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < letters.Length; i++)
        {
            pairs.Add(letters.Substring(i, 2));
        }

        return pairs;
    }

    private static string Letters(string text)
    {
        var letters = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormC))
        {
            if (char.IsLetterOrDigit(c))
            {
                letters.Append(c);
            }
        }

        return letters.ToString();
    }
}
