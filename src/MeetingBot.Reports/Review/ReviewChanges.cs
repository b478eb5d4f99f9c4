using MeetingBot.Core;

namespace MeetingBot.Reports.Review;

/// <summary>What staff can ask of a report under review (SPEC §8), one record per kind.</summary>
public abstract record ReviewChange;

/// <summary>New wording; the draft's text and the members' originals stay beside it.</summary>
public sealed record EditBullet(string Id, string Text) : ReviewChange;

/// <summary>To another item of the same meeting and/or another place (0-based) among that item's bullets of its kind.</summary>
public sealed record MoveBullet(string Id, ItemRef? Item, int? Position) : ReviewChange;

public sealed record ExcludeBullet(string Id, bool Excluded) : ReviewChange;

/// <summary>The bullets <see cref="Others"/> fold into <see cref="Id"/>: one bullet, the sources of all.</summary>
public sealed record MergeBullets(string Id, IReadOnlyList<string> Others) : ReviewChange;

/// <summary>A remark made aloud, entered by staff for <see cref="OnBehalfOf"/> (a participant of that meeting).</summary>
public sealed record AddRemark(ItemRef Item, EntryKind Kind, string Text, string OnBehalfOf, string? Reason) : ReviewChange;

/// <summary>A photo for Ⅲ; the caller stores its bytes under the photo id the outcome's report gives it (the last photo).</summary>
public sealed record AddPhoto(string MeetingId, string ContentType, string? Caption) : ReviewChange;

public sealed record CaptionPhoto(string PhotoId, string Caption) : ReviewChange;

public sealed record RemovePhoto(string PhotoId) : ReviewChange;

/// <summary>
/// A spoken remark accepted into the report (SPEC §9): <see cref="Text"/> drafted like a typed entry,
/// <see cref="Original"/> the exact words, <see cref="Speaker"/> named, its sources the cue ids.
/// </summary>
public sealed record AcceptCandidate(string CandidateId, ItemRef Item, EntryKind Kind, string Text, string Original, string Speaker, IReadOnlyList<string> Sources) : ReviewChange;

/// <summary>A spoken remark staff chose not to put in the report; it stays a candidate marked 무시.</summary>
public sealed record IgnoreCandidate(string CandidateId) : ReviewChange;

/// <summary>Freezes the text as the next version.</summary>
public sealed record ApproveReport : ReviewChange;

/// <summary>The rules of each change kind: the new report and the history line (without who/when).</summary>
internal static class ReviewChanges
{
    public const int MaxTextLength = 2000;

    public static (ReviewedReport Report, (string Kind, string Target, string? Before, string? After) Event) Apply(ReviewedReport report, ReviewChange change, string who, DateTimeOffset at) =>
        change switch
        {
            EditBullet c => Edit(report, c),
            MoveBullet c => Move(report, c),
            ExcludeBullet c => Exclude(report, c),
            MergeBullets c => Merge(report, c),
            AddRemark c => Remark(report, c, who),
            AddPhoto c => AddPhotoTo(report, c),
            CaptionPhoto c => Caption(report, c),
            RemovePhoto c => Remove(report, c),
            AcceptCandidate c => Accept(report, c, who, at),
            IgnoreCandidate c => Ignore(report, c, who, at),
            ApproveReport => Approve(report),
            _ => throw new ArgumentOutOfRangeException(nameof(change), change, null),
        };

    private static (ReviewedReport, (string, string, string?, string?)) Edit(ReviewedReport report, EditBullet c)
    {
        var bullet = Live(report, c.Id);
        var text = CleanText(c.Text, ReviewText.TextField);
        return (Replace(report, bullet with { Text = text }), ("edit", bullet.Id, bullet.Text, text));
    }

    private static (ReviewedReport, (string, string, string?, string?)) Move(ReviewedReport report, MoveBullet c)
    {
        var bullet = Live(report, c.Id);
        var to = c.Item ?? bullet.Item;
        var item = report.Draft.Items.FirstOrDefault(i => to.Is(i)) ?? throw ReviewException.Missing(ReviewText.NoItem(to));
        if (item.MeetingId != bullet.Item.MeetingId)
        {
            throw ReviewException.Invalid(ReviewText.OtherMeeting(bullet.Id, to));
        }

        var before = $"{bullet.Item} #{PositionOf(report, bullet)}";
        var rest = report.Bullets.Where(b => b.Id != bullet.Id).ToList();
        var moved = bullet with { Item = to };
        var peers = rest.Where(b => SameList(b, moved)).ToList();
        var position = c.Position ?? (to == bullet.Item ? PositionOf(report, bullet) : peers.Count);
        if (position < 0 || position > peers.Count)
        {
            throw ReviewException.Invalid(ReviewText.BadPosition(position, peers.Count));
        }

        // Insert before the peer now at that place, or after the last peer (or at the end when there is none).
        var index = position < peers.Count ? rest.IndexOf(peers[position]) : peers.Count > 0 ? rest.IndexOf(peers[^1]) + 1 : rest.Count;
        rest.Insert(index, moved);
        var next = report with { Bullets = rest };
        return (next, ("move", bullet.Id, before, $"{to} #{PositionOf(next, moved)}"));
    }

    private static (ReviewedReport, (string, string, string?, string?)) Exclude(ReviewedReport report, ExcludeBullet c)
    {
        var bullet = Find(report, c.Id);
        if (bullet.MergedInto is { } into)
        {
            throw ReviewException.Invalid(ReviewText.MergedAway(bullet.Id, into));
        }

        if (bullet.Excluded == c.Excluded)
        {
            throw ReviewException.Invalid(c.Excluded ? ReviewText.AlreadyExcluded(bullet.Id) : ReviewText.NotExcluded(bullet.Id));
        }

        return (Replace(report, bullet with { Excluded = c.Excluded }), (c.Excluded ? "exclude" : "restore", bullet.Id, Included(!c.Excluded), Included(c.Excluded)));

        static string Included(bool excluded) => excluded ? "제외" : "포함";
    }

    private static (ReviewedReport, (string, string, string?, string?)) Merge(ReviewedReport report, MergeBullets c)
    {
        var target = Live(report, c.Id);
        if (c.Others.Count == 0)
        {
            throw ReviewException.Invalid(ReviewText.NothingToMerge);
        }

        var others = new List<ReviewBullet>();
        foreach (var id in c.Others.Distinct(StringComparer.Ordinal))
        {
            if (id == target.Id)
            {
                throw ReviewException.Invalid(ReviewText.MergeWithItself(id));
            }

            var other = Live(report, id);
            if (other.Item.MeetingId != target.Item.MeetingId)
            {
                throw ReviewException.Invalid(ReviewText.OtherMeeting(other.Id, target.Item));
            }

            if ((other.Kind == EntryKind.Decision) != (target.Kind == EntryKind.Decision) || (target.Kind != EntryKind.Decision && other.Kind != target.Kind))
            {
                throw ReviewException.Invalid(ReviewText.MixedKinds(target.Id, other.Id));
            }

            others.Add(other);
        }

        var merged = target with
        {
            Sources = [.. target.Sources, .. others.SelectMany(o => o.Sources)],
            Originals = [.. target.Originals, .. others.SelectMany(o => o.Originals)],
            Authors = [.. target.Authors, .. others.SelectMany(o => o.Authors)],
        };
        var next = Replace(report, merged);
        foreach (var other in others)
        {
            next = Replace(next, other with { MergedInto = target.Id, Sources = [] });
        }

        var before = string.Join("\n", others.Prepend(target).Select(b => $"{b.Id}: {b.Text}"));
        return (next, ("merge", target.Id, before, $"{target.Id}: {merged.Text} ({string.Join(", ", merged.Sources)})"));
    }

    private static (ReviewedReport, (string, string, string?, string?)) Remark(ReviewedReport report, AddRemark c, string who)
    {
        var item = report.Draft.Items.FirstOrDefault(i => c.Item.Is(i)) ?? throw ReviewException.Missing(ReviewText.NoItem(c.Item));
        var meeting = report.Draft.Meetings.First(m => m.Id == item.MeetingId);
        var member = (c.OnBehalfOf ?? "").Trim();
        if (member.Length == 0)
        {
            throw ReviewException.Invalid(ReviewText.Required(ReviewText.OnBehalfOfField));
        }

        if (!meeting.CivilNames.Concat(meeting.AdminNames).Contains(member, StringComparer.Ordinal))
        {
            throw ReviewException.Invalid(ReviewText.NotAParticipant(member, meeting.Subcommittee));
        }

        var text = CleanText(c.Text, ReviewText.TextField);
        var reason = string.IsNullOrWhiteSpace(c.Reason) ? null : c.Reason.Trim();
        var number = report.StaffRemarkCount + 1;
        var bullet = Spoken(report, c.Item, c.Kind, text, [$"staff:{number}"], text, member, who) with
        {
            StaffSource = $"staff:{number}",
            OnBehalfOf = member,
            Reason = reason,
        };
        var next = report with
        {
            Bullets = [.. report.Bullets, bullet],
            BulletCount = report.BulletCount + 1,
            StaffRemarkCount = number,
        };
        return (next, ("remark", bullet.Id, null, $"{member}: {text}" + (reason is null ? "" : $" ({reason})")));
    }

    private static (ReviewedReport, (string, string, string?, string?)) AddPhotoTo(ReviewedReport report, AddPhoto c)
    {
        var meeting = report.Draft.Meetings.FirstOrDefault(m => m.Id == c.MeetingId) ?? throw ReviewException.Invalid(ReviewText.NotInReport(c.MeetingId));
        var extension = c.ContentType switch
        {
            "image/png" => "png",
            "image/jpeg" => "jpg",
            _ => throw ReviewException.Invalid(ReviewText.NotAPicture),
        };
        var number = report.PhotoCount + 1;
        var caption = string.IsNullOrWhiteSpace(c.Caption) ? ReportPhoto.DefaultCaption(meeting.Subcommittee) : CleanText(c.Caption, ReviewText.CaptionField);
        var photo = new ReviewPhoto($"p{number}", $"photo-{number}.{extension}", meeting.Id, caption, c.ContentType);
        return (report with { Photos = [.. report.Photos, photo], PhotoCount = number }, ("photo-add", photo.Id, null, $"{photo.FileName}: {caption}"));
    }

    private static (ReviewedReport, (string, string, string?, string?)) Caption(ReviewedReport report, CaptionPhoto c)
    {
        var photo = PhotoOf(report, c.PhotoId);
        var caption = CleanText(c.Caption, ReviewText.CaptionField);
        var photos = report.Photos.Select(p => p.Id == photo.Id ? p with { Caption = caption } : p).ToList();
        return (report with { Photos = photos }, ("photo-caption", photo.Id, photo.Caption, caption));
    }

    private static (ReviewedReport, (string, string, string?, string?)) Remove(ReviewedReport report, RemovePhoto c)
    {
        var photo = PhotoOf(report, c.PhotoId);
        return (report with { Photos = [.. report.Photos.Where(p => p.Id != photo.Id)] }, ("photo-remove", photo.Id, $"{photo.FileName}: {photo.Caption}", null));
    }

    private static (ReviewedReport, (string, string, string?, string?)) Accept(ReviewedReport report, AcceptCandidate c, string who, DateTimeOffset at)
    {
        var decided = report.Candidates.FirstOrDefault(d => d.Id == c.CandidateId);
        if (decided?.Status == CandidateDecision.Accepted)
        {
            throw ReviewException.Invalid(ReviewText.CandidateAccepted(c.CandidateId, decided.BulletId!));
        }

        if (!report.Draft.Items.Any(i => c.Item.Is(i)))
        {
            throw ReviewException.Missing(ReviewText.NoItem(c.Item));
        }

        if (c.Kind == EntryKind.Decision || c.Sources.Count == 0)
        {
            throw ReviewException.Invalid(ReviewText.CandidateNotARemark(c.CandidateId));
        }

        var text = CleanText(c.Text, ReviewText.TextField);
        var bullet = Spoken(report, c.Item, c.Kind, text, c.Sources, c.Original, c.Speaker, who) with
        {
            SpokenSources = c.Sources,
            Candidate = c.CandidateId,
        };
        var next = report with
        {
            Bullets = [.. report.Bullets, bullet],
            BulletCount = report.BulletCount + 1,
            Candidates = Decide(report, new CandidateDecision(c.CandidateId, CandidateDecision.Accepted, bullet.Id, who, at)),
        };
        return (next, ("candidate-accept", c.CandidateId, decided is null ? "후보" : "무시", $"{bullet.Id} {c.Speaker}: {text} ({string.Join(", ", c.Sources)})"));
    }

    private static (ReviewedReport, (string, string, string?, string?)) Ignore(ReviewedReport report, IgnoreCandidate c, string who, DateTimeOffset at)
    {
        var decided = report.Candidates.FirstOrDefault(d => d.Id == c.CandidateId);
        if (decided is not null)
        {
            throw ReviewException.Invalid(decided.Status == CandidateDecision.Accepted
                ? ReviewText.CandidateAccepted(c.CandidateId, decided.BulletId!)
                : ReviewText.CandidateIgnored(c.CandidateId));
        }

        var next = report with { Candidates = Decide(report, new CandidateDecision(c.CandidateId, CandidateDecision.Ignored, null, who, at)) };
        return (next, ("candidate-ignore", c.CandidateId, "후보", "무시"));
    }

    /// <summary>The decisions with this one replacing any earlier one for the same candidate .</summary>
    private static IReadOnlyList<CandidateDecision> Decide(ReviewedReport report, CandidateDecision decision) =>
        [.. report.Candidates.Where(d => d.Id != decision.Id), decision];

    private static (ReviewedReport, (string, string, string?, string?)) Approve(ReviewedReport report)
    {
        if (report.IsApproved)
        {
            throw ReviewException.Invalid(ReviewText.AlreadyApproved(report.ApprovedVersion));
        }

        var version = report.ApprovedVersion + 1;
        return (report with { ApprovedVersion = version }, ("approve", $"v{version}", null, $"{version}판"));
    }

    /// <summary>A new bullet for a remark made aloud — entered by staff or accepted from the transcript — with the next free id.</summary>
    private static ReviewBullet Spoken(ReviewedReport report, ItemRef item, EntryKind kind, string text, IReadOnlyList<string> sources, string original, string speaker, string who) => new()
    {
        Id = $"b{report.BulletCount + 1}",
        Item = item,
        Kind = kind,
        Text = text,
        DraftText = text,
        Sources = sources,
        Originals = [original],
        Authors = [speaker],
        EnteredBy = who,
    };

    private static ReviewBullet Find(ReviewedReport report, string id) =>
        report.Bullet(id) ?? throw ReviewException.Missing(ReviewText.NoBullet(id));

    /// <summary>A bullet that prints: editing, moving or merging an excluded or merged-away one is refused.</summary>
    private static ReviewBullet Live(ReviewedReport report, string id)
    {
        var bullet = Find(report, id);
        if (bullet.MergedInto is { } into)
        {
            throw ReviewException.Invalid(ReviewText.MergedAway(id, into));
        }

        return bullet.Excluded ? throw ReviewException.Invalid(ReviewText.IsExcluded(id)) : bullet;
    }

    private static ReviewPhoto PhotoOf(ReviewedReport report, string id) =>
        report.Photos.FirstOrDefault(p => p.Id == id) ?? throw ReviewException.Missing(ReviewText.NoPhoto(id));

    private static ReviewedReport Replace(ReviewedReport report, ReviewBullet bullet) =>
        report with { Bullets = [.. report.Bullets.Select(b => b.Id == bullet.Id ? bullet : b)] };

    /// <summary>
    /// Decisions and opinions print in separate lists of an item; a position counts within one of them, among the bullets
    /// staff see there (excluded ones too, merged-away ones not).
    /// </summary>
    private static bool SameList(ReviewBullet a, ReviewBullet b) =>
        a.MergedInto is null && b.MergedInto is null && a.Item == b.Item && (a.Kind == EntryKind.Decision) == (b.Kind == EntryKind.Decision);

    private static int PositionOf(ReviewedReport report, ReviewBullet bullet) =>
        report.Bullets.Where(b => SameList(b, bullet)).ToList().FindIndex(b => b.Id == bullet.Id);

    /// <summary>One line of plain text: line breaks and tabs become spaces, control characters go; empty or too long is refused.</summary>
    private static string CleanText(string? text, string field)
    {
        var cleaned = string.Join(' ', new string([.. (text ?? "").Select(ch => char.IsControl(ch) || char.IsWhiteSpace(ch) ? ' ' : ch)])
            .Split(' ', StringSplitOptions.RemoveEmptyEntries));
        if (cleaned.Length == 0)
        {
            throw ReviewException.Invalid(ReviewText.Required(field));
        }

        return cleaned.Length > MaxTextLength ? throw ReviewException.Invalid(ReviewText.TooLong(field, MaxTextLength)) : cleaned;
    }
}
