using MeetingBot.Channels.Transcripts;
using MeetingBot.Core;
using MeetingBot.Host.Services;
using MeetingBot.Reports.Review;
using Microsoft.Extensions.Options;

namespace MeetingBot.Host.Api;

/// <summary>
/// The staff workspace (<c>/staff/reports</c>, SPEC §8): make a report of ended meetings, review it as the document, and
/// approve it. Server-rendered HTML forms, post-redirect-get, no script needed. Every post passes the same gate as the
/// other staff forms (<see cref="StaffForms.ReadAsync"/>: our Origin and the anti-forgery token), carries the report's
/// ETag in <see cref="ETagField"/>, and goes through the one implementation of each change the JSON API uses
/// (<see cref="ReportReview"/>); only the translation of form fields into <see cref="ReviewChange"/>s is the page's own.
/// </summary>
public static class WorkspacePage
{
    public const string Root = "/staff/reports";

    /// <summary>The form field that carries the ETag of the report the page showed (the API's <c>If-Match</c>).</summary>
    public const string ETagField = "etag";

    public static string PathOf(string rid) => Root + "/" + Uri.EscapeDataString(rid);

    public static RouteGroupBuilder MapWorkspace(this IEndpointRouteBuilder routes)
    {
        var page = routes.MapGroup(Root).ExcludeFromDescription();
        page.MapPost("/", CreateAsync);
        page.MapGet("/{rid}", ShowAsync);
        page.MapPost("/{rid}/bullets/{id}/text", (string rid, string id, HttpContext http) =>
            PostAsync(http, rid, "edit", f => [new EditBullet(id, f["text"].ToString())], _ => Bullet(id)));
        page.MapPost("/{rid}/bullets/{id}/move", (string rid, string id, HttpContext http) =>
            PostAsync(http, rid, "move", f => [ReportReview.Move(id, f["item"].ToString(), Position(f["position"].ToString()))], _ => Bullet(id)));
        page.MapPost("/{rid}/bullets/{id}/exclude", (string rid, string id, HttpContext http) =>
            PostAsync(http, rid, "exclude", _ => [new ExcludeBullet(id, true)], _ => Bullet(id)));
        page.MapPost("/{rid}/bullets/{id}/restore", (string rid, string id, HttpContext http) =>
            PostAsync(http, rid, "restore", _ => [new ExcludeBullet(id, false)], _ => Bullet(id)));
        page.MapPost("/{rid}/bullets/{id}/merge", (string rid, string id, HttpContext http) =>
            PostAsync(http, rid, "merge", f => [new MergeBullets(id, [.. f["others"].Where(o => !string.IsNullOrEmpty(o)).Select(o => o!)])], _ => Bullet(id)));
        page.MapPost("/{rid}/remarks", (string rid, HttpContext http) =>
            PostAsync(http, rid, "remark", f => [ReportReview.Remark(f["item"].ToString(), f["kind"].ToString(), f["text"].ToString(), f["member"].ToString(), f["reason"].ToString())], r => Bullet(r.Bullets[^1].Id)));
        page.MapPost("/{rid}/photos", UploadAsync);
        page.MapPost("/{rid}/photos/{pid}/caption", (string rid, string pid, HttpContext http) =>
            PostAsync(http, rid, "photo-caption", f => [new CaptionPhoto(pid, f["caption"].ToString())], _ => "photos"));
        page.MapPost("/{rid}/photos/{pid}/remove", (string rid, string pid, HttpContext http) =>
            PostAsync(http, rid, "photo-remove", _ => [new RemovePhoto(pid)], _ => "photos"));
        page.MapPost("/{rid}/candidates/{cid}/accept", (string rid, string cid, HttpContext http) =>
            DecideAsync(http, rid, "candidate-accept", f => CandidatesApi.AcceptingAsync(http, rid, cid, f["kind"].ToString(), null), r => Bullet(r.Bullets[^1].Id)));
        page.MapPost("/{rid}/candidates/{cid}/ignore", (string rid, string cid, HttpContext http) =>
            DecideAsync(http, rid, "candidate-ignore", _ => CandidatesApi.IgnoringAsync(http, rid, cid), _ => "cand-" + cid));
        page.MapPost("/{rid}/meetings/{mid}/transcript", TranscriptAsync);
        page.MapPost("/{rid}/approve", (string rid, HttpContext http) => PostAsync(http, rid, "approve", _ => [new ApproveReport()], _ => "approve"));
        return page;
    }

    /// <summary>The reports under review for the meetings list, newest first, times in the first meeting's zone.</summary>
    public static async Task<IReadOnlyList<WorkspaceViews.ReportRow>> ReportRowsAsync(IReportRecordStore store, TimeZoneInfo fallback, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var rows = new List<WorkspaceViews.ReportRow>();
        foreach (var stored in await store.ListReportsAsync(cancellationToken).ConfigureAwait(false))
        {
            var r = ReviewJson.Read(stored.State);
            var zone = r.Draft.Meetings.Count > 0 && TimeZoneInfo.TryFindSystemTimeZoneById(r.Draft.Meetings[0].TimeZoneId, out var z) ? z : fallback;
            rows.Add(new(r.Id, r.Title, r.Draft.Meetings.Count, r.IsApproved, r.Version, stored.UpdatedAt, zone));
        }

        return rows;
    }

    private static async Task<IResult> ShowAsync(string rid, HttpContext http, StaffAccess access, IReportRecordStore store, SpokenRemarks spoken)
    {
        if (StaffPage.SignInPage(http, access) is { } signIn)
        {
            return signIn;
        }

        var report = await ReportReview.FindAsync(store, rid, http.RequestAborted).ConfigureAwait(false);
        if (report is null)
        {
            return new HtmlPage(WorkspaceViews.Refused(rid, WorkspaceText.NotFoundTitle, ReportsText.NoReport(rid), StaffForms.Token(http)), StatusCodes.Status404NotFound);
        }

        var history = await store.GetReportHistoryAsync(rid, http.RequestAborted).ConfigureAwait(false);
        var done = http.Request.Query["done"].ToString();
        var remarks = await spoken.ForMeetingsAsync(report.MeetingIds, http.RequestAborted).ConfigureAwait(false) ?? [];
        return new HtmlPage(WorkspaceViews.Workspace(new(report, history, StaffAccess.NameOf(http), done, StaffForms.Token(http), remarks))) { OwnScript = true };
    }

    /// <summary>The ticked meetings of the list, made into one report; then its workspace.</summary>
    private static async Task<IResult> CreateAsync(HttpContext http, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var (form, refusal) = await GateAsync(http, Root).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        var answer = await ReportReview.CreateAsync(http, form!["meetingIds"].Select(i => i ?? ""), form["title"].ToString()).ConfigureAwait(false);
        return answer.Succeeded
            ? new StaffPage.SeeOther(PathOf(answer.Report!.Id) + "?done=create")
            : new HtmlPage(StaffPageViews.Refused(answer.Title ?? "", answer.Detail ?? ""), answer.Status);
    }

    private static async Task<IResult> UploadAsync(string rid, HttpContext http)
    {
        if (http.Request.ContentLength > ReportReview.MaxPhotoRequestBytes && AccessOf(http).Authenticate(http).IsStaff)
        {
            var tooLarge = ReportReview.PhotoTooLarge();
            return new HtmlPage(WorkspaceViews.Refused(rid, tooLarge.Title!, tooLarge.Detail!, StaffForms.Token(http)), tooLarge.Status);
        }

        var (form, refusal) = await GateAsync(http, PathOf(rid), ReportReview.MaxPhotoRequestBytes).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        var answer = await ReportReview.AddPhotoAsync(http, rid, form![ETagField].ToString(), form).ConfigureAwait(false);
        return Answer(http, rid, answer, "photo-add", _ => "photos", yourText: null);
    }

    /// <summary>
    /// 채택 / 무시: the change made as the candidates API makes it (<see cref="CandidatesApi.AcceptingAsync"/> drafts the
    /// words; a candidate the report does not have is 404), then the one change path with the form's ETag.
    /// </summary>
    private static async Task<IResult> DecideAsync<TChange>(HttpContext http, string rid, string done, Func<IFormCollection, Task<(TChange? Change, ReviewAnswer? Refused)>> decide, Func<ReviewedReport, string> anchor)
        where TChange : ReviewChange
    {
        var (form, refusal) = await GateAsync(http, PathOf(rid)).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        var (change, refused) = await decide(form!).ConfigureAwait(false);
        var answer = refused ?? await ReportReview.ChangeAsync(http, rid, form![ETagField].ToString(), _ => [change!]).ConfigureAwait(false);
        return Answer(http, rid, answer, done, anchor, yourText: null);
    }

    /// <summary>
    /// A transcript or attendance file for one of the report's meetings, stored by the same implementation as
    /// <c>POST /api/meetings/{id}/transcript</c> (<see cref="CandidatesApi.StoreUploadAsync"/>): 413 over the size, 415 for
    /// a file of no known kind, 400 naming <c>file:line:</c>, each a Korean page; then back to that meeting's record.
    /// </summary>
    private static async Task<IResult> TranscriptAsync(string rid, string mid, HttpContext http)
    {
        if (http.Request.ContentLength > CandidatesApi.MaxUploadRequestBytes && AccessOf(http).Authenticate(http).IsStaff)
        {
            return new HtmlPage(WorkspaceViews.Refused(rid, CandidatesText.TooLargeTitle, CandidatesText.TooLarge(WebVttReader.MaxBytes / 1024 / 1024), StaffForms.Token(http)), StatusCodes.Status413PayloadTooLarge);
        }

        var (form, refusal) = await GateAsync(http, PathOf(rid), CandidatesApi.MaxUploadRequestBytes).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        var report = await ReportReview.FindAsync(http.RequestServices.GetRequiredService<IReportRecordStore>(), rid, http.RequestAborted).ConfigureAwait(false);
        var stored = report is null || !report.MeetingIds.Contains(mid, StringComparer.Ordinal)
            ? new CandidatesApi.UploadOutcome(ReviewAnswer.Refused(404, ReportsText.NotFoundTitle, report is null ? ReportsText.NoReport(rid) : ReportsText.NoMeeting(mid)))
            : await CandidatesApi.StoreUploadAsync(http, mid, form!).ConfigureAwait(false);
        return stored.Refused is { } refused
            ? new HtmlPage(WorkspaceViews.Refused(rid, refused.Title ?? "", refused.Detail ?? "", StaffForms.Token(http)), refused.Status)
            : new StaffPage.SeeOther(PathOf(rid) + "?done=transcript#transcripts-" + Uri.EscapeDataString(mid));
    }

    /// <summary>One form post: the gate, the form's changes through the one change path, then back to the report (or the refusal).</summary>
    private static async Task<IResult> PostAsync(HttpContext http, string rid, string done, Func<IFormCollection, IReadOnlyList<ReviewChange>> changes, Func<ReviewedReport, string> anchor)
    {
        var (form, refusal) = await GateAsync(http, PathOf(rid)).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        var answer = await ReportReview.ChangeAsync(http, rid, form![ETagField].ToString(), _ => changes(form)).ConfigureAwait(false);
        return Answer(http, rid, answer, done, anchor, form["text"].ToString());
    }

    private static IResult Answer(HttpContext http, string rid, ReviewAnswer answer, string done, Func<ReviewedReport, string> anchor, string? yourText)
    {
        if (answer.Succeeded)
        {
            return new StaffPage.SeeOther(PathOf(rid) + "?done=" + done + "#" + anchor(answer.Report!));
        }

        var token = StaffForms.Token(http);
        return answer.Status == StatusCodes.Status412PreconditionFailed
            ? new HtmlPage(WorkspaceViews.Stale(rid, yourText, token), answer.Status)
            : new HtmlPage(WorkspaceViews.Refused(rid, answer.Title ?? "", answer.Detail ?? "", token), answer.Status);
    }

    /// <summary>Staff only (else the login form, back to <paramref name="returnTo"/>), then the form gate every staff page post passes.</summary>
    private static async Task<(IFormCollection? Form, IResult? Refusal)> GateAsync(HttpContext http, string returnTo, int maxBytes = StaffForms.MaxBytes)
    {
        var access = AccessOf(http);
        var check = access.Authenticate(http);
        if (!check.IsStaff)
        {
            return (null, StaffPage.LoginPage(http, access, check, StaffPage.SafeReturn(returnTo)));
        }

        var (form, refusal) = await StaffForms.ReadAsync(http, http.RequestServices.GetRequiredService<IOptions<StaffOptions>>().Value, maxBytes).ConfigureAwait(false);
        return (form, refusal);
    }

    private static StaffAccess AccessOf(HttpContext http) => http.RequestServices.GetRequiredService<StaffAccess>();

    private static int? Position(string value) =>
        int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var p) ? p : null;

    private static string Bullet(string id) => "bullet-" + id;
}
