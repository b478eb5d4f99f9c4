using MeetingBot.Core;

namespace MeetingBot.Reports.Review;

/// <summary>
/// A report under staff review (SPEC §8): a set of ended meetings, the draft they were built into, and every opinion and
/// decision as a <see cref="ReviewBullet"/> with a stable id. Staff change it only through <see cref="ReviewedReport.Apply"/>,
/// which records who did what and keeps the guards (<see cref="ReviewGuards"/>). Approval freezes the text as version N.
/// </summary>
public sealed record ReviewedReport
{
    /// <summary>The longest text (a bullet, a caption) staff may write.</summary>
    public const int MaxTextLength = ReviewChanges.MaxTextLength;

    public required string Id { get; init; }

    /// <summary>The report as it was drafted: meetings, items, contents and timings. Its opinions and decisions are the first bullets.</summary>
    public required Report Draft { get; init; }

    /// <summary>Every bullet, excluded and merged ones too, in print order within each item.</summary>
    public required IReadOnlyList<ReviewBullet> Bullets { get; init; }

    public IReadOnlyList<ReviewPhoto> Photos { get; init; } = [];

    /// <summary>Counts every accepted request: the ETag is made of it, so any change makes an older one stale.</summary>
    public int Revision { get; init; }

    /// <summary>The last approved version (0 before the first approval).</summary>
    public int ApprovedVersion { get; init; }

    /// <summary>True while nothing changed since the last approval.</summary>
    public bool IsApproved { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>How many bullets and photos were ever made, so a new one never takes an old id.</summary>
    public int BulletCount { get; init; }

    public int PhotoCount { get; init; }

    public int StaffRemarkCount { get; init; }

    /// <summary>What staff decided about each spoken-remark candidate (SPEC §9): accepted (with its bullet) or ignored.</summary>
    public IReadOnlyList<CandidateDecision> Candidates { get; init; } = [];

    public string Title => Draft.Title;

    public IReadOnlyList<string> MeetingIds => [.. Draft.Meetings.Select(m => m.Id)];

    /// <summary><c>draft</c> or <c>approved</c>, as the API prints it.</summary>
    public string Status => IsApproved ? "approved" : "draft";

    /// <summary>The version this text is (when approved) or will be when approved next.</summary>
    public int Version => IsApproved ? ApprovedVersion : ApprovedVersion + 1;

    /// <summary>A strong ETag naming the report and its revision.</summary>
    public string ETag => $"\"{Id}.{Revision}\"";

    public ReviewBullet? Bullet(string id) => Bullets.FirstOrDefault(b => b.Id == id);

    /// <summary>
    /// A new report under review from its draft: every opinion and decision becomes a bullet, numbered <c>b1</c>, <c>b2</c>…
    /// in the draft's order. The draft must satisfy the guards (every entry once, with its sources).
    /// </summary>
    public static ReviewedReport Start(string id, Report draft, DateTimeOffset createdAt)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var bullets = new List<ReviewBullet>();
        void Add(ReportItem item, EntryKind kind, string text, IReadOnlyList<string> sources, IReadOnlyList<string> originals, IReadOnlyList<string> authors) =>
            bullets.Add(new ReviewBullet
            {
                Id = $"b{bullets.Count + 1}",
                Item = new ItemRef(item.MeetingId, item.Index),
                Kind = kind,
                Text = text,
                DraftText = text,
                Sources = sources,
                Originals = originals,
                Authors = authors,
            });

        foreach (var item in draft.Items)
        {
            foreach (var d in item.Decisions)
            {
                Add(item, EntryKind.Decision, d.Text, d.Sources, [], []);
            }

            foreach (var o in item.Opinions)
            {
                Add(item, o.Kind, o.Text, o.Sources, o.Originals, o.Authors);
            }
        }

        var report = new ReviewedReport
        {
            Id = id,
            Draft = draft,
            Bullets = bullets,
            CreatedAt = createdAt,
            BulletCount = bullets.Count,
        };
        ReviewGuards.ThrowIfBroken(report);
        return report;
    }

    /// <summary>
    /// One staff request: its changes applied in order, all or none. Throws <see cref="ReviewException"/> (Korean) for a
    /// change that names nothing here or would break the guards; the report is then unchanged.
    /// </summary>
    public ReviewOutcome Apply(IReadOnlyList<ReviewChange> changes, string who, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentException.ThrowIfNullOrWhiteSpace(who);
        if (changes.Count == 0)
        {
            throw ReviewException.Invalid(ReviewText.NothingToChange);
        }

        var report = this;
        var events = new List<ReviewEvent>();
        foreach (var change in changes)
        {
            var (next, happened) = ReviewChanges.Apply(report, change, who, at);
            report = next;
            events.Add(new ReviewEvent(happened.Kind, happened.Target, happened.Before, happened.After, who, at));
        }

        ReviewGuards.ThrowIfBroken(report);
        var approved = changes[^1] is ApproveReport;
        report = report with { Revision = Revision + 1, IsApproved = approved };
        return new ReviewOutcome(report, events);
    }

    /// <summary>
    /// The report as it prints now: each item's decisions and opinions are its bullets that are neither excluded nor
    /// merged away, in their order, each with its id; the photos in their order (bytes from <paramref name="photoBytes"/>).
    /// </summary>
    public Report ToReport(Func<ReviewPhoto, ReadOnlyMemory<byte>>? photoBytes = null)
    {
        var live = Bullets.Where(b => b.IsPrinted).ToList();
        return Draft with
        {
            Items = [.. Draft.Items.Select(item =>
            {
                var here = live.Where(b => b.Item.Is(item)).ToList();
                return item with
                {
                    Decisions = [.. here.Where(b => b.Kind == EntryKind.Decision).Select(b => new ReportDecision { Id = b.Id, Text = b.Text, Sources = b.Sources })],
                    Opinions = [.. here.Where(b => b.Kind != EntryKind.Decision).Select(b => new ReportOpinion
                    {
                        Id = b.Id,
                        Text = b.Text,
                        Kind = b.Kind,
                        Sources = b.Sources,
                        Originals = b.Originals,
                        Authors = b.Authors,
                    })],
                };
            })],
            Photos = [.. Photos.Select(p => new ReportPhoto
            {
                FileName = p.FileName,
                MeetingId = p.MeetingId,
                Caption = p.Caption,
                ContentType = p.ContentType,
                Data = photoBytes?.Invoke(p) ?? default,
            })],
        };
    }
}

/// <summary>An agenda item of one meeting: <c>"{meetingId}:{index}"</c> in the API.</summary>
public readonly record struct ItemRef(string MeetingId, int Index)
{
    public bool Is(ReportItem item) => item is not null && item.MeetingId == MeetingId && item.Index == Index;

    public override string ToString() => $"{MeetingId}:{Index}";

    /// <summary>Reads <c>"{meetingId}:{index}"</c> (the meeting id may itself hold colons: the last one splits).</summary>
    public static bool TryParse(string? text, out ItemRef item)
    {
        item = default;
        var split = text?.LastIndexOf(':') ?? -1;
        if (split <= 0 || !int.TryParse(text.AsSpan(split + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index))
        {
            return false;
        }

        item = new ItemRef(text![..split], index);
        return true;
    }
}

/// <summary>One opinion or decision under review. Its sources never change except by merging, which moves them whole.</summary>
public sealed record ReviewBullet
{
    public required string Id { get; init; }
    public required ItemRef Item { get; init; }
    public required EntryKind Kind { get; init; }

    /// <summary>The text as it prints now.</summary>
    public required string Text { get; init; }

    /// <summary>The drafter's text (or, for a remark staff entered, the text as first entered), kept beside the edits.</summary>
    public required string DraftText { get; init; }

    public required IReadOnlyList<string> Sources { get; init; }

    /// <summary>The members' own words, shown beside the text.</summary>
    public IReadOnlyList<string> Originals { get; init; } = [];

    public IReadOnlyList<string> Authors { get; init; } = [];

    public bool Excluded { get; init; }

    /// <summary>The bullet this one was merged into; its sources are there now and it no longer prints.</summary>
    public string? MergedInto { get; init; }

    /// <summary>For a remark made aloud and entered by staff: the member it is from, who entered it and why.</summary>
    public string? OnBehalfOf { get; init; }

    public string? EnteredBy { get; init; }
    public string? Reason { get; init; }

    /// <summary>A remark's own source, <c>staff:{n}</c>: it stays here when the remark is merged into another bullet.</summary>
    public string? StaffSource { get; init; }

    /// <summary>
    /// For an accepted spoken remark: the candidate it came from and its cue ids, which count as captured from then on
    /// (they stay here when the bullet is merged into another, as <see cref="StaffSource"/> does).
    /// </summary>
    public string? Candidate { get; init; }

    public IReadOnlyList<string> SpokenSources { get; init; } = [];

    public bool IsPrinted => !Excluded && MergedInto is null;
}

/// <summary>Staff's decision on one spoken-remark candidate: <c>accepted</c> (into <see cref="BulletId"/>) or <c>ignored</c>.</summary>
public sealed record CandidateDecision(string Id, string Status, string? BulletId, string Who, DateTimeOffset At)
{
    public const string Accepted = "accepted";
    public const string Ignored = "ignored";
}

/// <summary>A photo of Ⅲ; its bytes are stored beside the report, by <see cref="Id"/>.</summary>
public sealed record ReviewPhoto(string Id, string FileName, string MeetingId, string Caption, string ContentType);

/// <summary>One line of the history: who did what, when, and the value before and after (null where there was none).</summary>
public sealed record ReviewEvent(string Kind, string Target, string? Before, string? After, string Who, DateTimeOffset At);

public sealed record ReviewOutcome(ReviewedReport Report, IReadOnlyList<ReviewEvent> Events);

/// <summary>A change staff asked for that cannot be made; the message is Korean and names what and why.</summary>
public sealed class ReviewException : Exception
{
    private ReviewException(string message, bool notFound)
        : base(message) => NotFound = notFound;

    public ReviewException()
    {
    }

    public ReviewException(string message)
        : base(message)
    {
    }

    public ReviewException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The change names a bullet, item or photo the report does not have (404), rather than an impossible change (409).</summary>
    public bool NotFound { get; }

    public static ReviewException Missing(string message) => new(message, notFound: true);

    public static ReviewException Invalid(string message) => new(message, notFound: false);
}
