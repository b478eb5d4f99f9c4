using System.Security.Cryptography;
using System.Text;
using MeetingBot.Core;
using MeetingBot.Host.Services;
using MeetingBot.Reports;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace MeetingBot.Host.Api;

public sealed class StaffOptions
{
    public const string SectionName = "Staff";

    /// <summary>Bearer key for the staff API and page. Empty: staff access is closed.</summary>
    public string ApiKey { get; set; } = "";

    /// <summary>Channel of the staff conversation that is told when a report draft is ready (<c>msteams</c>, <c>googlechat</c>).</summary>
    public string Channel { get; set; } = "msteams";

    /// <summary>The staff conversation. Empty: reports are written but nobody is told.</summary>
    public string ConversationId { get; set; } = "";

    /// <summary>Where the platform takes proactive messages for that conversation (Teams needs it).</summary>
    public string? ServiceUrl { get; set; }

    /// <summary>This host as staff reach it (e.g. <c>https://meetingbot.example.go.kr</c>), for links in the notice.</summary>
    public string? PublicBaseUrl { get; set; }

    public ConversationAddress? Conversation => string.IsNullOrWhiteSpace(ConversationId)
        ? null
        : new ConversationAddress(Channel, ConversationId, string.IsNullOrWhiteSpace(ServiceUrl) ? null : ServiceUrl);
}

/// <summary>The staff API: meetings and their report drafts, behind <c>Authorization: Bearer &lt;Staff:ApiKey&gt;</c>.</summary>
public static class StaffApi
{
    public static RouteGroupBuilder MapStaffApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/meetings").AddEndpointFilter(RequireStaffKey);
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
        return new FileDownload(content, writer?.ContentType ?? ReportJson.ContentType, name, inline: format is "json" or "md");
    }

    /// <summary>Response header of a report download: <c>delivered</c>, or <c>preview</c> (not delivered yet, or its files unreadable).</summary>
    public const string SourceHeader = "MeetingBot-Report";

    private static async ValueTask<object?> RequireStaffKey(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var options = context.HttpContext.RequestServices.GetRequiredService<IOptions<StaffOptions>>().Value;
        return IsStaff(context.HttpContext.Request, options)
            ? await next(context).ConfigureAwait(false)
            : TypedResults.Problem(statusCode: 401, title: "인증이 필요합니다.", detail: "Authorization: Bearer <Staff:ApiKey> 헤더가 필요합니다.");
    }

    public static bool IsStaff(HttpRequest request, StaffOptions options)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrEmpty(options.ApiKey))
        {
            return false;
        }

        var header = request.Headers.Authorization.ToString();
        var given = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;
        given ??= request.Cookies.TryGetValue(StaffCookie, out var cookie) ? cookie : null;
        return given is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(options.ApiKey));
    }

    public const string StaffCookie = "meetingbot-staff";
}

/// <summary>A file response whose Korean name survives every browser: ASCII fallback plus RFC 5987 <c>filename*</c>.</summary>
public sealed class FileDownload(byte[] content, string contentType, string fileName, bool inline) : IResult
{
    public string ContentDisposition
    {
        get
        {
            var ascii = new string(fileName.Select(c => c is >= ' ' and < (char)127 and not '"' and not '\\' ? c : '_').ToArray());
            return $"{(inline ? "inline" : "attachment")}; filename=\"{ascii}\"; filename*=UTF-8''{Uri.EscapeDataString(fileName)}";
        }
    }

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.ContentType = contentType;
        httpContext.Response.Headers.ContentDisposition = ContentDisposition;
        httpContext.Response.ContentLength = content.Length;
        return httpContext.Response.Body.WriteAsync(content).AsTask();
    }
}
