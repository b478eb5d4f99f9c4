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
    public const int MaxPhotoBytes = ReportReview.MaxPhotoBytes;

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
        api.MapPost("/{rid}/bullets", (string rid, RemarkBody body, HttpContext http) =>
            ChangeAsync(http, rid, _ => [ReportReview.Remark(body?.Item, body?.Kind, body?.Text, body?.OnBehalfOf, body?.Reason)]));
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

    private static async Task<IResult> CreateAsync(CreateBody body, HttpContext http, IOptions<StaffOptions> options)
    {
        if (await StaffForms.RefuseSessionChangeAsync(http, options.Value).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        var answer = await ReportReview.CreateAsync(http, body?.MeetingIds, body?.Title).ConfigureAwait(false);
        return answer.Succeeded
            ? Answer(http, answer, r => TypedResults.Created($"/api/reports/{r.Id}", View(r)))
            : Answer(http, answer, null);
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
            var photos = await ReportReview.PhotoBytesAsync(report, store, http.RequestAborted).ConfigureAwait(false);
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

    private static async Task<IResult> UploadAsync(string rid, HttpContext http, IOptions<StaffOptions> options)
    {
        var request = http.Request;
        if (request.ContentLength > ReportReview.MaxPhotoRequestBytes)
        {
            return Answer(http, ReportReview.PhotoTooLarge(), null);
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

        if (await StaffForms.RefuseSessionChangeAsync(http, options.Value).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        return Answer(http, await ReportReview.AddPhotoAsync(http, rid, http.Request.Headers.IfMatch.ToString(), form).ConfigureAwait(false), r => TypedResults.Json(View(r)));
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
            changes.Add(ReportReview.Move(id, body.Item, body.Position));
        }

        if (body?.Excluded is { } excluded)
        {
            changes.Add(new ExcludeBullet(id, excluded));
        }

        return changes;
    }

    /// <summary>
    /// A change through the API: the session gate (Origin and the <c>RequestVerificationToken</c> header; a Bearer call
    /// passes), then the one path every change takes (<see cref="ReportReview.ChangeAsync"/>), answered as JSON.
    /// </summary>
    internal static async Task<IResult> ChangeAsync(HttpContext http, string rid, Func<ReviewedReport, IReadOnlyList<ReviewChange>> changesFor)
    {
        if (await StaffForms.RefuseSessionChangeAsync(http, http.RequestServices.GetRequiredService<IOptions<StaffOptions>>().Value).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        var answer = await ReportReview.ChangeAsync(http, rid, http.Request.Headers.IfMatch.ToString(), changesFor).ConfigureAwait(false);
        return Answer(http, answer, r => TypedResults.Json(View(r)));
    }

    /// <summary>The answer as the API gives it: the report's ETag whenever there is a report (a 412 too), and a Korean problem for a refusal.</summary>
    private static IResult Answer(HttpContext http, ReviewAnswer answer, Func<ReviewedReport, IResult>? ok)
    {
        if (answer.Report is { } report)
        {
            http.Response.Headers.ETag = report.ETag;
        }

        return answer.Succeeded && ok is not null ? ok(answer.Report!) : Problem(answer.Status, answer.Title ?? "", answer.Detail ?? "");
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
