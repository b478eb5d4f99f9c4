using MeetingBot.Core;
using MeetingBot.Host.Services;
using MeetingBot.Reports;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace MeetingBot.Host.Api;

/// <summary>
/// The staff API: meetings and their report drafts, behind <c>Authorization: Bearer &lt;Staff:ApiKey&gt;</c> (or the
/// staff page's session, for its download links).
/// </summary>
public static class StaffApi
{
    public static RouteGroupBuilder MapStaffApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/meetings").AddEndpointFilter(RequireStaff);
        api.MapGet("/", ListAsync);
        api.MapGet("/{id}/report", ReportAsync);
        return api;
    }

    public static async Task<Ok<IReadOnlyList<MeetingSummary>>> ListAsync(IMeetingStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.ListMeetingsAsync(cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// The report in one format: once delivered, the delivered file itself; before that a rules preview of the record so
    /// far (see <see cref="ReportService.ForStaffAsync"/>). <see cref="SourceHeader"/> says which.
    /// </summary>
    public static async Task<IResult> ReportAsync(string id, string? format, HttpContext http, IMeetingStore store, ReportService reports, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(reports);
        format = string.IsNullOrEmpty(format) ? "json" : format.ToLowerInvariant();
        var writer = format == "json" ? null : reports.Files.Find(format);
        if (format != "json" && writer is null)
        {
            var formats = string.Join(", ", reports.Files.Writers.Select(w => w.Format).Prepend("json"));
            return TypedResults.Problem(statusCode: 400, title: "지원하지 않는 형식입니다.", detail: $"format 은 {formats} 중 하나여야 합니다.");
        }

        var record = await reports.LoadAsync(id, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return TypedResults.Problem(statusCode: 404, title: "회의를 찾을 수 없습니다.", detail: $"회의 ID '{id}'가 없습니다.");
        }

        var delivery = await store.GetDeliveryAsync(id, cancellationToken).ConfigureAwait(false);
        var view = await reports.ForStaffAsync(record, delivery, cancellationToken).ConfigureAwait(false);
        var content = await reports.RenderAsync(view, format, cancellationToken).ConfigureAwait(false);
        http.Response.Headers[SourceHeader] = view.Origin switch
        {
            ReportOrigin.Delivered => "delivered",
            ReportOrigin.DeliveredUnreadable => "preview; delivered-unreadable",
            _ => "preview",
        };
        var name = $"{view.Report.Title} ({id}).{format}";
        return new FileDownload(content, writer?.ContentType ?? ReportJson.ContentType, name);
    }

    /// <summary>Response header of a report download: <c>delivered</c>, or <c>preview</c> (not delivered yet, or its files unreadable).</summary>
    public const string SourceHeader = "MeetingBot-Report";

    /// <summary>The endpoint filter of every staff API route: 401 without the key, 429 while the client is held back.</summary>
    public static async ValueTask<object?> RequireStaff(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        var check = http.RequestServices.GetRequiredService<StaffAccess>().Authenticate(http);
        if (check.IsStaff)
        {
            return await next(context).ConfigureAwait(false);
        }

        if (check.Caller == StaffCaller.Throttled)
        {
            http.Response.Headers.RetryAfter = HtmlPage.RetryAfterSeconds(check.RetryAfter);
            return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: StaffPageText.ApiThrottledTitle, detail: StaffPageText.LoginThrottled(check.RetryAfter));
        }

        return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: StaffPageText.ApiUnauthorizedTitle, detail: StaffPageText.ApiUnauthorized);
    }
}

/// <summary>
/// A report file to save, never to render: always an attachment (Markdown and JSON too), its type not to be sniffed,
/// and a sandboxing policy should a browser show it anyway. Its Korean name survives every browser: ASCII fallback plus
/// RFC 5987 <c>filename*</c>.
/// </summary>
public sealed class FileDownload(byte[] content, string contentType, string fileName) : IResult
{
    public const string ContentSecurityPolicy = "default-src 'none'; sandbox; frame-ancestors 'none'";

    public string ContentDisposition
    {
        get
        {
            var ascii = new string(fileName.Select(c => c is >= ' ' and < (char)127 and not '"' and not '\\' ? c : '_').ToArray());
            return $"attachment; filename=\"{ascii}\"; filename*=UTF-8''{Uri.EscapeDataString(fileName)}";
        }
    }

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.ContentType = contentType;
        httpContext.Response.Headers.ContentDisposition = ContentDisposition;
        httpContext.Response.Headers.XContentTypeOptions = "nosniff";
        httpContext.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        httpContext.Response.Headers.CacheControl = "no-store";
        httpContext.Response.ContentLength = content.Length;
        return httpContext.Response.Body.WriteAsync(content).AsTask();
    }
}
