using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using MeetingBot.Core;
using MeetingBot.Host.Cli;
using MeetingBot.Host.Services;
using MeetingBot.Reports;
using MeetingBot.Reports.Review;
using Microsoft.Extensions.Options;
using T = MeetingBot.Host.Api.ReportsText;

namespace MeetingBot.Host.Api;

/// <summary>
/// Reports under staff review (SPEC §8), behind the staff key or session. Every change carries <c>If-Match</c> with the
/// report's ETag (428 without it, 412 when stale) and answers the report as it is now with its new ETag; a session call
/// also passes the page's Origin and anti-forgery gate (<see cref="StaffForms.RefuseSessionChangeAsync"/>).
/// </summary>
public static class ReportsApi
{
    public const int MaxPhotoBytes = 10 * 1024 * 1024;

    public static RouteGroupBuilder MapReportsApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/reports").AddEndpointFilter(StaffApi.RequireStaff);
        api.MapGet("/", ListAsync);
        api.MapPost("/", CreateAsync);
        api.MapGet("/{rid}", GetAsync);
        api.MapGet("/{rid}/history", HistoryAsync);
        api.MapGet("/{rid}/files/{format}", FileAsync);
        api.MapGet("/{rid}/photos/{pid}", PhotoAsync);
        api.MapPatch("/{rid}/bullets/{id}", (string rid, string id, BulletPatch body, HttpContext http) =>
            ChangeAsync(http, rid, _ => PatchChanges(id, body)));
        api.MapPost("/{rid}/bullets", (string rid, RemarkBody body, HttpContext http) => ChangeAsync(http, rid, _ => [Remark(body)]));
        api.MapPost("/{rid}/bullets/{id}/merge", (string rid, string id, MergeBody body, HttpContext http) =>
            ChangeAsync(http, rid, _ => [new MergeBullets(id, body.Ids ?? [])]));
        api.MapPost("/{rid}/photos", UploadAsync).DisableAntiforgery();
        api.MapPatch("/{rid}/photos/{pid}", (string rid, string pid, CaptionBody body, HttpContext http) =>
            ChangeAsync(http, rid, _ => [new CaptionPhoto(pid, body.Caption ?? "")]));
        api.MapDelete("/{rid}/photos/{pid}", (string rid, string pid, HttpContext http) => ChangeAsync(http, rid, _ => [new RemovePhoto(pid)]));
        api.MapPost("/{rid}/approve", (string rid, HttpContext http) => ChangeAsync(http, rid, _ => [new ApproveReport()]));
        return api;
    }

    public sealed record CreateBody(IReadOnlyList<string>? MeetingIds, string? Title);

    public sealed record BulletPatch(string? Text, string? Item, bool? Excluded, int? Position);

    public sealed record RemarkBody(string? Item, string? Kind, string? Text, string? OnBehalfOf, string? Reason);

    public sealed record MergeBody(IReadOnlyList<string>? Ids);

    public sealed record CaptionBody(string? Caption);

    public sealed record ReportSummaryDto(string Id, string Title, IReadOnlyList<string> MeetingIds, string Status, int Version, DateTimeOffset UpdatedAt);

    private static async Task<IResult> ListAsync(IReportRecordStore store, CancellationToken cancellationToken)
    {
        var stored = await store.ListReportsAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(stored.Select(s =>
        {
            var r = ReviewJson.Read(s.State);
            return new ReportSummaryDto(r.Id, r.Title, r.MeetingIds, r.Status, r.Version, s.UpdatedAt);
        }).ToList());
    }

    private static async Task<IResult> CreateAsync(CreateBody body, HttpContext http, IReportRecordStore store, ReportService reports, TimeProvider time, IOptions<StaffOptions> options)
    {
        if (await StaffForms.RefuseSessionChangeAsync(http, options.Value).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        var ids = (body?.MeetingIds ?? []).Where(i => !string.IsNullOrWhiteSpace(i)).Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count == 0)
        {
            return Problem(400, T.NoMeetingsTitle, T.NoMeetings);
        }

        var records = new List<MeetingRecord>();
        foreach (var id in ids)
        {
            var record = await reports.LoadAsync(id, http.RequestAborted).ConfigureAwait(false);
            if (record is null)
            {
                return Problem(404, T.NotFoundTitle, T.NoMeeting(id));
            }

            if (record.Runtime.EndedAt is null)
            {
                return Problem(409, T.RefusedTitle, T.NotEnded(id));
            }

            records.Add(record);
        }

        // 참여자 counts who attended wherever the platform's attendance is known (SPEC §9).
        var spokenRemarks = http.RequestServices.GetRequiredService<SpokenRemarks>();
        var spoken = await spokenRemarks.ForRecordsAsync(records, http.RequestAborted).ConfigureAwait(false);
        var draft = SpokenRemarks.WithAttendance(await reports.BuildAsync(records, http.RequestAborted).ConfigureAwait(false), spoken);
        if (!string.IsNullOrWhiteSpace(body!.Title))
        {
            draft = draft with { Title = body.Title.Trim() };
        }

        var now = time.GetUtcNow();
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
        http.Response.Headers.ETag = report.ETag;
        return TypedResults.Created($"/api/reports/{report.Id}", View(report));
    }

    private static async Task<IResult> GetAsync(string rid, HttpContext http, IReportRecordStore store)
    {
        var stored = await store.GetReportAsync(rid, http.RequestAborted).ConfigureAwait(false);
        if (stored is null)
        {
            return Problem(404, T.NotFoundTitle, T.NoReport(rid));
        }

        var report = ReviewJson.Read(stored.State);
        http.Response.Headers.ETag = report.ETag;
        return TypedResults.Json(View(report));
    }

    private static async Task<IResult> HistoryAsync(string rid, HttpContext http, IReportRecordStore store)
    {
        if (await store.GetReportAsync(rid, http.RequestAborted).ConfigureAwait(false) is null)
        {
            return Problem(404, T.NotFoundTitle, T.NoReport(rid));
        }

        var history = await store.GetReportHistoryAsync(rid, http.RequestAborted).ConfigureAwait(false);
        return TypedResults.Ok(history);
    }

    /// <summary>A version's frozen file with <c>?version=N</c>; without it, the text as it is now, rendered for a look.</summary>
    private static async Task<IResult> FileAsync(string rid, string format, int? version, HttpContext http, IReportRecordStore store, ReportFiles files)
    {
        format = format.ToLowerInvariant();
        var writer = files.Find(format);
        if (format != ReviewRendering.JsonFormat && writer is null)
        {
            return Problem(400, T.BadFormatTitle, T.Formats(files.Writers.Select(w => w.Format).Prepend(ReviewRendering.JsonFormat)));
        }

        var stored = await store.GetReportAsync(rid, http.RequestAborted).ConfigureAwait(false);
        if (stored is null)
        {
            return Problem(404, T.NotFoundTitle, T.NoReport(rid));
        }

        var report = ReviewJson.Read(stored.State);
        byte[]? content;
        if (version is { } v)
        {
            content = await store.GetReportVersionFileAsync(rid, v, format, http.RequestAborted).ConfigureAwait(false);
            if (content is null)
            {
                return Problem(404, T.NotFoundTitle, T.NoVersion(rid, v, format));
            }
        }
        else
        {
            var photos = await PhotoBytesAsync(report, store, http.RequestAborted).ConfigureAwait(false);
            content = ReviewRendering.Render(report, p => photos[p.Id], files)[format];
        }

        var name = $"{report.Title} ({rid}, {version ?? report.Version}판{(version is null && !report.IsApproved ? " 초안" : "")}).{format}";
        return new FileDownload(content, writer?.ContentType ?? ReportJson.ContentType, name);
    }

    private static async Task<IResult> PhotoAsync(string rid, string pid, HttpContext http, IReportRecordStore store)
    {
        var stored = await store.GetReportAsync(rid, http.RequestAborted).ConfigureAwait(false);
        var photo = stored is null ? null : ReviewJson.Read(stored.State).Photos.FirstOrDefault(p => p.Id == pid);
        var bytes = photo is null ? null : await store.GetReportPhotoAsync(rid, pid, http.RequestAborted).ConfigureAwait(false);
        return bytes is null
            ? Problem(404, T.NotFoundTitle, ReviewText.NoPhoto(pid))
            : new FileDownload(bytes, photo!.ContentType, photo.FileName);
    }

    private static async Task<IResult> UploadAsync(string rid, HttpContext http)
    {
        var request = http.Request;
        if (request.ContentLength > MaxPhotoBytes + (64 * 1024))
        {
            return Problem(413, T.PhotoTooLargeTitle, T.PhotoTooLarge(MaxPhotoBytes / 1024 / 1024));
        }

        if (!request.HasFormContentType)
        {
            return Problem(415, T.PhotoTypeTitle, T.PhotoMissing);
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(http.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or BadHttpRequestException)
        {
            return Problem(400, T.PhotoMissingTitle, T.PhotoMissing);
        }

        var file = form.Files.GetFile("file");
        if (file is null || file.Length == 0 || string.IsNullOrWhiteSpace(form["meetingId"]))
        {
            return Problem(400, T.PhotoMissingTitle, T.PhotoMissing);
        }

        if (file.Length > MaxPhotoBytes)
        {
            return Problem(413, T.PhotoTooLargeTitle, T.PhotoTooLarge(MaxPhotoBytes / 1024 / 1024));
        }

        var bytes = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(bytes, http.RequestAborted).ConfigureAwait(false);
        }

        if (ImageInfo.Read(bytes) is not { } info)
        {
            return Problem(415, T.PhotoTypeTitle, T.PhotoType);
        }

        return await ChangeAsync(http, rid, _ => [new AddPhoto(form["meetingId"].ToString(), info.ContentType, form["caption"].ToString())], bytes).ConfigureAwait(false);
    }

    private static IReadOnlyList<ReviewChange> PatchChanges(string id, BulletPatch? body)
    {
        var changes = new List<ReviewChange>();
        if (body?.Text is { } text)
        {
            changes.Add(new EditBullet(id, text));
        }

        if (body?.Item is not null || body?.Position is not null)
        {
            changes.Add(new MoveBullet(id, body.Item is null ? null : ParseItem(body.Item), body.Position));
        }

        if (body?.Excluded is { } excluded)
        {
            changes.Add(new ExcludeBullet(id, excluded));
        }

        return changes;
    }

    private static AddRemark Remark(RemarkBody? body)
    {
        if (!EntryKinds.TryParse(body?.Kind ?? "opinion", out var kind))
        {
            throw ReviewException.Invalid(T.BadKind(body?.Kind));
        }

        return new AddRemark(ParseItem(body?.Item), kind, body?.Text ?? "", body?.OnBehalfOf ?? "", body?.Reason);
    }

    private static ItemRef ParseItem(string? item) =>
        ItemRef.TryParse(item, out var parsed) ? parsed : throw ReviewException.Invalid(T.BadItem(item));

    /// <summary>
    /// The one path of every change: the gate, If-Match against the stored revision, the record's own rules, the files
    /// of an approved version, and a save that only lands on the revision the caller read.
    /// </summary>
    internal static async Task<IResult> ChangeAsync(HttpContext http, string rid, Func<ReviewedReport, IReadOnlyList<ReviewChange>> changesFor, byte[]? photo = null)
    {
        var services = http.RequestServices;
        if (await StaffForms.RefuseSessionChangeAsync(http, services.GetRequiredService<IOptions<StaffOptions>>().Value).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        var store = services.GetRequiredService<IReportRecordStore>();
        var stored = await store.GetReportAsync(rid, http.RequestAborted).ConfigureAwait(false);
        if (stored is null)
        {
            return Problem(404, T.NotFoundTitle, T.NoReport(rid));
        }

        var report = ReviewJson.Read(stored.State);
        var ifMatch = http.Request.Headers.IfMatch.ToString();
        if (ifMatch.Length == 0)
        {
            return Problem(428, T.IfMatchTitle, T.IfMatch);
        }

        if (ifMatch.Trim() != report.ETag)
        {
            return Stale(http, report);
        }

        ReviewOutcome outcome;
        try
        {
            outcome = report.Apply(changesFor(report), StaffAccess.NameOf(http), services.GetRequiredService<TimeProvider>().GetUtcNow());
        }
        catch (ReviewException ex)
        {
            return Problem(ex.NotFound ? 404 : 409, ex.NotFound ? T.NotFoundTitle : T.RefusedTitle, ex.Message);
        }

        var next = outcome.Report;
        var write = new ReportWrite([.. outcome.Events.Select(e => new StoredReportChange(0, next.Revision, e.Kind, e.Target, e.Before, e.After, e.Who, e.At))]);
        if (photo is not null)
        {
            write = write with { Photo = (next.Photos[^1].Id, photo) };
        }

        if (next.IsApproved)
        {
            var photos = await PhotoBytesAsync(next, store, http.RequestAborted).ConfigureAwait(false);
            write = write with { Version = (next.ApprovedVersion, ReviewRendering.Render(next, p => photos[p.Id], services.GetRequiredService<ReportFiles>())) };
        }

        var at = outcome.Events[^1].At;
        if (write.Version is { } approved)
        {
            // The notice rides in the approval's own commit: approved and told, or neither.
            write = write with { Outbox = services.GetRequiredService<ApprovalNotices>().For(next.Id, next.Title, approved.Version, StaffAccess.NameOf(http), at) };
        }

        if (!await store.SaveReportAsync(new StoredReport(next.Id, next.Title, next.Revision, ReviewJson.Write(next), at), report.Revision, write, http.RequestAborted).ConfigureAwait(false))
        {
            var now = await store.GetReportAsync(rid, http.RequestAborted).ConfigureAwait(false);
            return Stale(http, now is null ? report : ReviewJson.Read(now.State));
        }

        http.Response.Headers.ETag = next.ETag;
        return TypedResults.Json(View(next));
    }

    private static IResult Stale(HttpContext http, ReviewedReport current)
    {
        http.Response.Headers.ETag = current.ETag;
        return Problem(412, T.StaleTitle, T.Stale);
    }

    private static async Task<Dictionary<string, ReadOnlyMemory<byte>>> PhotoBytesAsync(ReviewedReport report, IReportRecordStore store, CancellationToken cancellationToken)
    {
        var bytes = new Dictionary<string, ReadOnlyMemory<byte>>(StringComparer.Ordinal);
        foreach (var photo in report.Photos)
        {
            bytes[photo.Id] = await store.GetReportPhotoAsync(report.Id, photo.Id, cancellationToken).ConfigureAwait(false) ?? default(ReadOnlyMemory<byte>);
        }

        return bytes;
    }

    /// <summary>
    /// The report.json of the text as it prints now (every opinion and decision with its <c>id</c>), plus what the
    /// workspace shows beside it: <c>id</c>, <c>version</c>, <c>status</c>, every bullet (excluded and merged ones too,
    /// with the draft's text, originals and sources) and the photos with their ids.
    /// </summary>
    private static JsonObject View(ReviewedReport report)
    {
        var json = JsonNode.Parse(ReportJson.Serialize(report.ToReport()))!.AsObject();
        json["id"] = report.Id;
        json["version"] = report.Version;
        json["approvedVersion"] = report.ApprovedVersion;
        json["status"] = report.Status;
        json["bullets"] = new JsonArray([.. report.Bullets.Select(b => (JsonNode)new JsonObject
        {
            ["id"] = b.Id,
            ["item"] = b.Item.ToString(),
            ["kind"] = EntryKinds.English(b.Kind),
            ["text"] = b.Text,
            ["draftText"] = b.DraftText,
            ["originals"] = new JsonArray([.. b.Originals.Select(o => (JsonNode?)o)]),
            ["sources"] = new JsonArray([.. b.Sources.Select(s => (JsonNode?)s)]),
            ["excluded"] = b.Excluded,
            ["mergedInto"] = b.MergedInto,
            ["onBehalfOf"] = b.OnBehalfOf,
            ["enteredBy"] = b.EnteredBy,
            ["reason"] = b.Reason,
        })]);
        json["photos"] = new JsonArray([.. report.Photos.Select(p => (JsonNode)new JsonObject
        {
            ["id"] = p.Id,
            ["fileName"] = p.FileName,
            ["meetingId"] = p.MeetingId,
            ["caption"] = p.Caption,
            ["contentType"] = p.ContentType,
        })]);
        return json;
    }

    internal static IResult Problem(int status, string title, string detail) => TypedResults.Problem(statusCode: status, title: title, detail: detail);
}
