using System.Security.Cryptography;
using System.Text;
using MeetingBot.Core;
using MeetingBot.Host.Services;
using Microsoft.Extensions.Options;

namespace MeetingBot.Host.Api;

/// <summary>
/// The staff web page (<c>/staff</c>), server-rendered: the meetings, one meeting's report draft with its entries and
/// sources, delivery state, downloads. Behind the staff key, given once in a form and then kept in an HttpOnly cookie.
/// </summary>
public static class StaffPage
{
    public static RouteGroupBuilder MapStaffPage(this IEndpointRouteBuilder routes)
    {
        var page = routes.MapGroup("/staff").ExcludeFromDescription();
        page.MapGet("/", ListAsync);
        page.MapGet("/meetings/{id}", MeetingAsync);
        page.MapPost("/meetings/{id}/deliver", RedeliverAsync);
        page.MapPost("/login", LoginAsync);
        page.MapPost("/logout", Logout);
        return page;
    }

    public static async Task<IResult> ListAsync(HttpContext http, IMeetingStore store, IOptions<StaffOptions> options, IOptions<MeetingsOptions> meetings, CancellationToken cancellationToken)
    {
        if (!StaffApi.IsStaff(http.Request, options.Value))
        {
            return LoginPage(http, options.Value);
        }

        var deliveries = (await store.ListDeliveriesAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(d => d.MeetingId, StringComparer.Ordinal);
        var fallback = TimeZoneInfo.FindSystemTimeZoneById(meetings.Value.TimeZone);
        var rows = new List<StaffPageViews.MeetingRow>();
        foreach (var summary in (await store.ListMeetingsAsync(cancellationToken).ConfigureAwait(false)).OrderByDescending(m => m.Start))
        {
            var definition = await store.GetDefinitionAsync(summary.Id, cancellationToken).ConfigureAwait(false);
            rows.Add(new(summary, definition?.TimeZone ?? fallback, deliveries.GetValueOrDefault(summary.Id)));
        }

        return new HtmlPage(StaffPageViews.List(rows));
    }

    public static async Task<IResult> MeetingAsync(string id, HttpContext http, IMeetingStore store, ReportService reports, IOptions<StaffOptions> options, CancellationToken cancellationToken)
    {
        if (!StaffApi.IsStaff(http.Request, options.Value))
        {
            return LoginPage(http, options.Value);
        }

        var record = await reports.LoadAsync(id, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return new HtmlPage(StaffPageViews.NotFound(id), StatusCodes.Status404NotFound);
        }

        var delivery = await store.GetDeliveryAsync(id, cancellationToken).ConfigureAwait(false);
        var view = await reports.ForStaffAsync(record, delivery, cancellationToken).ConfigureAwait(false);
        var requested = http.Request.Query.ContainsKey("requested");
        return new HtmlPage(StaffPageViews.Meeting(record, view, reports.DrafterName, delivery, requested));
    }

    /// <summary>Asks for a delivery that failed or was never finished to be tried again; a notified one stays sent.</summary>
    public static async Task<IResult> RedeliverAsync(string id, HttpContext http, IMeetingStore store, ReportDelivery delivery, IOptions<StaffOptions> options, CancellationToken cancellationToken)
    {
        if (!StaffApi.IsStaff(http.Request, options.Value))
        {
            return LoginPage(http, options.Value);
        }

        var runtime = await store.GetRuntimeAsync(id, cancellationToken).ConfigureAwait(false);
        if (runtime?.Status != MeetingStatus.Ended)
        {
            return new SeeOther(MeetingPath(id));
        }

        delivery.Enqueue(id);
        return new SeeOther(MeetingPath(id) + "?requested=1");
    }

    public static async Task<IResult> LoginAsync(HttpContext http, IOptions<StaffOptions> options)
    {
        var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(http.RequestAborted).ConfigureAwait(false) : null;
        var given = form?["key"].ToString() ?? "";
        var returnUrl = SafeReturn(form?["return"].ToString());
        var key = options.Value.ApiKey;
        if (key.Length == 0 || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(key)))
        {
            return new HtmlPage(StaffPageViews.Login(returnUrl, key.Length == 0 ? null : StaffPageText.LoginWrongKey, closed: key.Length == 0), StatusCodes.Status401Unauthorized);
        }

        http.Response.Cookies.Append(StaffApi.StaffCookie, given, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = http.Request.IsHttps,
            IsEssential = true,
            Path = "/",
        });
        return new SeeOther(returnUrl);
    }

    public static IResult Logout(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.Cookies.Delete(StaffApi.StaffCookie, new CookieOptions { Path = "/", SameSite = SameSiteMode.Strict, HttpOnly = true, Secure = http.Request.IsHttps });
        return new SeeOther("/staff");
    }

    private static HtmlPage LoginPage(HttpContext http, StaffOptions options) =>
        new(StaffPageViews.Login(SafeReturn(http.Request.Path + http.Request.QueryString), error: null, closed: options.ApiKey.Length == 0), StatusCodes.Status401Unauthorized);

    private static string MeetingPath(string id) => "/staff/meetings/" + Uri.EscapeDataString(id);

    /// <summary>Only back into the staff page itself: never to another site (<c>//evil</c>, <c>/\evil</c>).</summary>
    private static string SafeReturn(string? path) =>
        path is { Length: > 0 } p && p.StartsWith("/staff", StringComparison.Ordinal) && !p.Contains('\\', StringComparison.Ordinal) && !p.StartsWith("//", StringComparison.Ordinal)
            ? p
            : "/staff";

    /// <summary>303: after a form post the browser follows with a GET.</summary>
    private sealed class SeeOther(string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
            httpContext.Response.Headers.Location = location;
            return Task.CompletedTask;
        }
    }
}

/// <summary>An HTML page with the headers every staff page gets: no caching, and no scripts, frames or foreign forms.</summary>
public sealed class HtmlPage(string html, int statusCode = StatusCodes.Status200OK) : IResult
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = statusCode;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";
        var bytes = Encoding.UTF8.GetBytes(html);
        response.ContentLength = bytes.Length;
        return response.Body.WriteAsync(bytes, httpContext.RequestAborted).AsTask();
    }
}
