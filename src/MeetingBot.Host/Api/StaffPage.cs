using System.Text;
using MeetingBot.Core;
using MeetingBot.Host.Services;
using Microsoft.Extensions.Options;

namespace MeetingBot.Host.Api;

/// <summary>
/// The staff web page (<c>/staff</c>), server-rendered: the meetings, one meeting's report draft with its entries and
/// sources, delivery state, downloads. Behind the staff key, typed once into a form that opens a session
/// (<see cref="StaffAccess"/>); every form post passes <see cref="StaffForms"/>.
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
        page.MapPost("/logout", LogoutAsync);
        page.MapGet(StaffPageStyle.FileName, StaffPageStyle.Serve);
        page.MapGet(WorkspaceScript.FileName, WorkspaceScript.Serve);
        routes.MapWorkspace();
        return page;
    }

    public static async Task<IResult> ListAsync(HttpContext http, StaffAccess access, IMeetingStore store, IReportRecordStore reports, IOptions<MeetingsOptions> meetings, CancellationToken cancellationToken)
    {
        if (SignInPage(http, access) is { } signIn)
        {
            return signIn;
        }

        var deliveries = (await store.ListDeliveriesAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(d => d.MeetingId, StringComparer.Ordinal);
        var fallback = TimeZoneInfo.FindSystemTimeZoneById(meetings.Value.TimeZone);
        var rows = new List<StaffPageViews.MeetingRow>();
        foreach (var summary in (await store.ListMeetingsAsync(cancellationToken).ConfigureAwait(false)).OrderByDescending(m => m.Start))
        {
            var definition = await store.GetDefinitionAsync(summary.Id, cancellationToken).ConfigureAwait(false);
            rows.Add(new(summary, definition?.TimeZone ?? fallback, deliveries.GetValueOrDefault(summary.Id)));
        }

        var reviewed = await WorkspacePage.ReportRowsAsync(reports, fallback, cancellationToken).ConfigureAwait(false);
        return new HtmlPage(StaffPageViews.List(rows, reviewed, StaffForms.Token(http)));
    }

    public static async Task<IResult> MeetingAsync(string id, HttpContext http, StaffAccess access, IMeetingStore store, ReportService reports, CancellationToken cancellationToken)
    {
        if (SignInPage(http, access) is { } signIn)
        {
            return signIn;
        }

        var record = await reports.LoadAsync(id, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return new HtmlPage(StaffPageViews.NotFound(id, StaffForms.Token(http)), StatusCodes.Status404NotFound);
        }

        var delivery = await store.GetDeliveryAsync(id, cancellationToken).ConfigureAwait(false);
        var view = await reports.ForStaffAsync(record, delivery, cancellationToken).ConfigureAwait(false);
        var requested = http.Request.Query.ContainsKey("requested");
        return new HtmlPage(StaffPageViews.Meeting(record, view, reports.DrafterName, delivery, requested, StaffForms.Token(http)));
    }

    /// <summary>Asks for a delivery that failed or was never finished to be tried again; a notified one stays sent.</summary>
    public static async Task<IResult> RedeliverAsync(string id, HttpContext http, StaffAccess access, IOptions<StaffOptions> options, IMeetingStore store, ReportDelivery delivery, CancellationToken cancellationToken)
    {
        var check = access.Authenticate(http);
        if (!check.IsStaff)
        {
            return LoginPage(http, access, check, SafeReturn(MeetingPath(id)));
        }

        // A tool's Bearer key cannot be sent by another site, so only a session's post must prove it came from our page.
        if (check.Caller == StaffCaller.Session && (await StaffForms.ReadAsync(http, options.Value).ConfigureAwait(false)).Refusal is { } refusal)
        {
            return refusal;
        }

        var runtime = await store.GetRuntimeAsync(id, cancellationToken).ConfigureAwait(false);
        if (runtime?.Status != MeetingStatus.Ended)
        {
            return new SeeOther(MeetingPath(id));
        }

        delivery.Enqueue(id);
        return new SeeOther(MeetingPath(id) + "?requested=1");
    }

    public static async Task<IResult> LoginAsync(HttpContext http, StaffAccess access, IOptions<StaffOptions> options)
    {
        if (access.IsClosed)
        {
            return LoginPage(http, access, new(StaffCaller.Anonymous), "/staff");
        }

        var (form, refusal) = await StaffForms.ReadAsync(http, options.Value).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        var returnUrl = SafeReturn(form!["return"].ToString());
        var check = access.LogIn(http, form["key"].ToString());
        return check.Caller == StaffCaller.Session ? new SeeOther(returnUrl) : LoginPage(http, access, check, returnUrl);
    }

    public static async Task<IResult> LogoutAsync(HttpContext http, StaffAccess access, IOptions<StaffOptions> options)
    {
        ArgumentNullException.ThrowIfNull(access);

        // Without a live session there is nothing to end, and no token it could have been given.
        if (access.Authenticate(http).Caller == StaffCaller.Session
            && (await StaffForms.ReadAsync(http, options.Value).ConfigureAwait(false)).Refusal is { } refusal)
        {
            return refusal;
        }

        access.LogOut(http);
        return new SeeOther("/staff");
    }

    /// <summary>The login form (401, or 429 while the client is held back) for a page asked without the key; null for staff.</summary>
    internal static HtmlPage? SignInPage(HttpContext http, StaffAccess access)
    {
        var check = access.Authenticate(http);
        return check.IsStaff ? null : LoginPage(http, access, check, SafeReturn(http.Request.Path + http.Request.QueryString));
    }

    internal static HtmlPage LoginPage(HttpContext http, StaffAccess access, StaffCheck check, string returnUrl)
    {
        if (access.IsClosed)
        {
            return new(StaffPageViews.Login(returnUrl, error: null, token: null), StatusCodes.Status401Unauthorized);
        }

        var throttled = check.Caller == StaffCaller.Throttled;
        var error = throttled ? StaffPageText.LoginThrottled(check.RetryAfter) : check.Caller == StaffCaller.WrongKey ? StaffPageText.LoginWrongKey : null;
        return new(StaffPageViews.Login(returnUrl, error, StaffForms.Token(http)), throttled ? StatusCodes.Status429TooManyRequests : StatusCodes.Status401Unauthorized)
        {
            RetryAfter = throttled ? check.RetryAfter : null,
        };
    }

    private static string MeetingPath(string id) => "/staff/meetings/" + Uri.EscapeDataString(id);

    /// <summary>
    /// Only back into the staff page itself, as a plain local path: never to another site (<c>//evil</c>,
    /// <c>/\evil</c>), out of <c>/staff</c> (<c>/staff/../api</c>), or with characters a Location header cannot carry.
    /// </summary>
    public static string SafeReturn(string? path) =>
        path is { Length: > 0 and <= 2048 } p
        && (p == "/staff" || p.StartsWith("/staff/", StringComparison.Ordinal) || p.StartsWith("/staff?", StringComparison.Ordinal))
        && p.All(c => c is > ' ' and < (char)127 and not '\\')
        && !p.Contains("//", StringComparison.Ordinal)
        && !p.Contains("/.", StringComparison.Ordinal)
        && !p.Contains("%2e", StringComparison.OrdinalIgnoreCase)
            ? p
            : "/staff";

    /// <summary>303: after a form post the browser follows with a GET.</summary>
    internal sealed class SeeOther(string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
            httpContext.Response.Headers.Location = location;
            return Task.CompletedTask;
        }
    }
}

/// <summary>
/// An HTML page with the headers every staff page gets: no caching, no scripts (the workspace alone may run its own
/// file, <see cref="OwnScript"/>), styles only from our own stylesheet, no frames, forms only to us, and the referrer
/// (hence Origin) sent only back to us.
/// </summary>
public sealed class HtmlPage(string html, int statusCode = StatusCodes.Status200OK) : IResult
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /// <summary>The workspace's policy: the same, plus scripts from this site's own files (never inline ones).</summary>
    public const string ContentSecurityPolicyWithScript = "script-src 'self'; " + ContentSecurityPolicy;

    /// <summary>The page loads <see cref="WorkspaceScript"/>; every other staff page runs no script at all.</summary>
    public bool OwnScript { get; init; }

    /// <summary>Sent as <c>Retry-After</c> (seconds) with a 429.</summary>
    public TimeSpan? RetryAfter { get; init; }

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = statusCode;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        response.Headers.ContentSecurityPolicy = OwnScript ? ContentSecurityPolicyWithScript : ContentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";

        // "same-origin", not "no-referrer": under no-referrer a browser sends "Origin: null" on our own form posts, which
        // StaffForms would then have to refuse or wave through.
        response.Headers["Referrer-Policy"] = "same-origin";
        if (RetryAfter is { } wait)
        {
            response.Headers.RetryAfter = RetryAfterSeconds(wait);
        }

        var bytes = Encoding.UTF8.GetBytes(html);
        response.ContentLength = bytes.Length;
        return response.Body.WriteAsync(bytes, httpContext.RequestAborted).AsTask();
    }

    public static string RetryAfterSeconds(TimeSpan wait) =>
        Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
