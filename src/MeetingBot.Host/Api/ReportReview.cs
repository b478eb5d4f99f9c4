using System.Security.Cryptography;
using MeetingBot.Core;
using MeetingBot.Host.Cli;
using MeetingBot.Host.Services;
using MeetingBot.Reports;
using MeetingBot.Reports.Review;
using T = MeetingBot.Host.Api.ReportsText;

namespace MeetingBot.Host.Api;

/// <summary>
/// What came of a staff request on a report under review: <see cref="Status"/> 200/201 with the report as it is now, or
/// the refusal (Korean <see cref="Title"/> and <see cref="Detail"/>). A 412 carries the report as it is now, for its ETag.
/// </summary>
public sealed record ReviewAnswer(int Status, ReviewedReport? Report, string? Title = null, string? Detail = null)
{
    public bool Succeeded => Status is StatusCodes.Status200OK or StatusCodes.Status201Created;

    public static ReviewAnswer Refused(int status, string title, string detail) => new(status, null, title, detail);
}

/// <summary>
/// The one implementation of making and changing a report under review (SPEC §8), for both doors: the JSON API
/// (<see cref="ReportsApi"/>) and the workspace's form posts (<see cref="WorkspacePage"/>). Each door checks its own
/// anti-forgery gate first, turns its request into <see cref="ReviewChange"/>s, and answers <see cref="ReviewAnswer"/> in
/// its own way (JSON or a page).
/// </summary>
public static class ReportReview
{
    public const int MaxPhotoBytes = 10 * 1024 * 1024;

    /// <summary>A multipart body with a photo of <see cref="MaxPhotoBytes"/> and a few small fields fits in this.</summary>
    public const int MaxPhotoRequestBytes = MaxPhotoBytes + (64 * 1024);

    /// <summary>A new report of the ended meetings <paramref name="meetingIds"/> (201), its draft combined as SPEC §6 lays it out.</summary>
    public static async Task<ReviewAnswer> CreateAsync(HttpContext http, IEnumerable<string>? meetingIds, string? title)
    {
        ArgumentNullException.ThrowIfNull(http);
        var services = http.RequestServices;
        var reports = services.GetRequiredService<ReportService>();
        var ids = (meetingIds ?? []).Where(i => !string.IsNullOrWhiteSpace(i)).Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count == 0)
        {
            return ReviewAnswer.Refused(400, T.NoMeetingsTitle, T.NoMeetings);
        }

        var records = new List<MeetingRecord>();
        foreach (var id in ids)
        {
            var record = await reports.LoadAsync(id, http.RequestAborted).ConfigureAwait(false);
            if (record is null)
            {
                return ReviewAnswer.Refused(404, T.NotFoundTitle, T.NoMeeting(id));
            }

            if (record.Runtime.EndedAt is null)
            {
                return ReviewAnswer.Refused(409, T.RefusedTitle, T.NotEnded(id));
            }

            records.Add(record);
        }

        // 참여자 counts who attended wherever the platform's attendance is known (SPEC §9).
        var spokenRemarks = services.GetRequiredService<SpokenRemarks>();
        var spoken = await spokenRemarks.ForRecordsAsync(records, http.RequestAborted).ConfigureAwait(false);
        var draft = SpokenRemarks.WithAttendance(await reports.BuildAsync(records, http.RequestAborted).ConfigureAwait(false), spoken);
        if (!string.IsNullOrWhiteSpace(title))
        {
            draft = draft with { Title = title.Trim() };
        }

        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var store = services.GetRequiredService<IReportRecordStore>();
        var report = ReviewedReport.Start("r" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)), draft, now);
        await store.CreateReportAsync(new StoredReport(report.Id, report.Title, report.Revision, ReviewJson.Write(report), now), http.RequestAborted).ConfigureAwait(false);

        // Meetings imported with --accept-candidates: their remarks are accepted now, as staff would, in the history.
        var accepted = await spokenRemarks.AcceptedOnImportAsync(spoken, http.RequestAborted).ConfigureAwait(false);
        if (accepted.Count > 0)
        {
            var outcome = report.Apply(accepted, ImportCommand.ImporterName, now);
            var write = new ReportWrite([.. outcome.Events.Select(e => new StoredReportChange(0, outcome.Report.Revision, e.Kind, e.Target, e.Before, e.After, e.Who, e.At))]);
            await store.SaveReportAsync(new StoredReport(report.Id, report.Title, outcome.Report.Revision, ReviewJson.Write(outcome.Report), now), report.Revision, write, http.RequestAborted).ConfigureAwait(false);
            report = outcome.Report;
        }

        return new(StatusCodes.Status201Created, report);
    }

    /// <summary>The report as stored now, or null.</summary>
    public static async Task<ReviewedReport?> FindAsync(IReportRecordStore store, string rid, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var stored = await store.GetReportAsync(rid, cancellationToken).ConfigureAwait(false);
        return stored is null ? null : ReviewJson.Read(stored.State);
    }

    /// <summary>
    /// The one path of every change: <paramref name="ifMatch"/> against the stored revision (428 without it, 412 when
    /// stale), the record's own rules (409, or 404 for what the report does not have), the files of an approved version
    /// with its staff notice, and a save that only lands on the revision the caller read. The caller has passed its gate.
    /// </summary>
    public static async Task<ReviewAnswer> ChangeAsync(HttpContext http, string rid, string? ifMatch, Func<ReviewedReport, IReadOnlyList<ReviewChange>> changesFor, byte[]? photo = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(changesFor);
        var services = http.RequestServices;
        var store = services.GetRequiredService<IReportRecordStore>();
        var stored = await store.GetReportAsync(rid, http.RequestAborted).ConfigureAwait(false);
        if (stored is null)
        {
            return ReviewAnswer.Refused(404, T.NotFoundTitle, T.NoReport(rid));
        }

        var report = ReviewJson.Read(stored.State);
        if (string.IsNullOrWhiteSpace(ifMatch))
        {
            return ReviewAnswer.Refused(428, T.IfMatchTitle, T.IfMatch);
        }

        if (ifMatch.Trim() != report.ETag)
        {
            return Stale(report);
        }

        ReviewOutcome outcome;
        try
        {
            outcome = report.Apply(changesFor(report), StaffAccess.NameOf(http), services.GetRequiredService<TimeProvider>().GetUtcNow());
        }
        catch (ReviewException ex)
        {
            return ReviewAnswer.Refused(ex.NotFound ? 404 : 409, ex.NotFound ? T.NotFoundTitle : T.RefusedTitle, ex.Message);
        }

        var next = outcome.Report;
        var write = new ReportWrite([.. outcome.Events.Select(e => new StoredReportChange(0, next.Revision, e.Kind, e.Target, e.Before, e.After, e.Who, e.At))]);
        if (photo is not null)
        {
            write = write with { Photo = (next.Photos[^1].Id, photo) };
        }

        var at = outcome.Events[^1].At;
        if (next.IsApproved)
        {
            var photos = await PhotoBytesAsync(next, store, http.RequestAborted).ConfigureAwait(false);
            write = write with { Version = (next.ApprovedVersion, ReviewRendering.Render(next, p => photos[p.Id], services.GetRequiredService<ReportFiles>())) };

            // The notice rides in the approval's own commit: approved and told, or neither.
            write = write with { Outbox = services.GetRequiredService<ApprovalNotices>().For(next.Id, next.Title, next.ApprovedVersion, StaffAccess.NameOf(http), at) };
        }

        if (!await store.SaveReportAsync(new StoredReport(next.Id, next.Title, next.Revision, ReviewJson.Write(next), at), report.Revision, write, http.RequestAborted).ConfigureAwait(false))
        {
            return Stale(await FindAsync(store, rid, http.RequestAborted).ConfigureAwait(false) ?? report);
        }

        return new(StatusCodes.Status200OK, next);
    }

    /// <summary>
    /// The photo of a multipart form (<c>file</c>, <c>meetingId</c>, optional <c>caption</c>) as the change that adds it:
    /// a JPEG or PNG up to <see cref="MaxPhotoBytes"/>, else 400/413/415 in Korean.
    /// </summary>
    public static async Task<ReviewAnswer> AddPhotoAsync(HttpContext http, string rid, string? ifMatch, IFormCollection form)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(form);
        var file = form.Files.GetFile("file");
        if (file is null || file.Length == 0 || string.IsNullOrWhiteSpace(form["meetingId"]))
        {
            return ReviewAnswer.Refused(400, T.PhotoMissingTitle, T.PhotoMissing);
        }

        if (file.Length > MaxPhotoBytes)
        {
            return PhotoTooLarge();
        }

        var bytes = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(bytes, http.RequestAborted).ConfigureAwait(false);
        }

        if (ImageInfo.Read(bytes) is not { } info)
        {
            return ReviewAnswer.Refused(415, T.PhotoTypeTitle, T.PhotoType);
        }

        return await ChangeAsync(http, rid, ifMatch, _ => [new AddPhoto(form["meetingId"].ToString(), info.ContentType, form["caption"].ToString())], bytes).ConfigureAwait(false);
    }

    public static ReviewAnswer PhotoTooLarge() => ReviewAnswer.Refused(413, T.PhotoTooLargeTitle, T.PhotoTooLarge(MaxPhotoBytes / 1024 / 1024));

    /// <summary>A remark made aloud, from the request's strings; a kind or item it cannot read is refused in Korean.</summary>
    public static AddRemark Remark(string? item, string? kind, string? text, string? onBehalfOf, string? reason)
    {
        if (!EntryKinds.TryParse(string.IsNullOrEmpty(kind) ? "opinion" : kind, out var parsed))
        {
            throw ReviewException.Invalid(T.BadKind(kind));
        }

        return new AddRemark(ParseItem(item), parsed, text ?? "", onBehalfOf ?? "", reason);
    }

    /// <summary>A move to <paramref name="item"/> and/or <paramref name="position"/>; either may be absent.</summary>
    public static MoveBullet Move(string id, string? item, int? position) =>
        new(id, string.IsNullOrEmpty(item) ? null : ParseItem(item), position);

    private static ItemRef ParseItem(string? item) =>
        ItemRef.TryParse(item, out var parsed) ? parsed : throw ReviewException.Invalid(T.BadItem(item));

    private static ReviewAnswer Stale(ReviewedReport current) => new(412, current, T.StaleTitle, T.Stale);

    public static async Task<Dictionary<string, ReadOnlyMemory<byte>>> PhotoBytesAsync(ReviewedReport report, IReportRecordStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(store);
        var bytes = new Dictionary<string, ReadOnlyMemory<byte>>(StringComparer.Ordinal);
        foreach (var photo in report.Photos)
        {
            bytes[photo.Id] = await store.GetReportPhotoAsync(report.Id, photo.Id, cancellationToken).ConfigureAwait(false) ?? default(ReadOnlyMemory<byte>);
        }

        return bytes;
    }
}
