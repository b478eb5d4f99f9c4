using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;
using T = MeetingBot.Host.Api.StaffPageText;

namespace MeetingBot.Host.Api;

/// <summary>A form's anti-forgery field, as the page writes it into every form it shows.</summary>
public sealed record FormToken(string Name, string Value);

/// <summary>
/// The gate every form post of the staff page passes (login, logout, redeliver): it must come from this site (Origin,
/// else Referer), fit in a small body, parse, and carry the anti-forgery token the page was served with. Each refusal
/// is a Korean page with a 4xx status, never a 500. Tools with the Bearer key do not come here.
/// </summary>
public static partial class StaffForms
{
    /// <summary>The largest form any staff page sends: a key, a return path and a token fit many times over.</summary>
    public const int MaxBytes = 16 * 1024;

    private static FormOptions Limits(int maxBytes) => new()
    {
        BufferBodyLengthLimit = maxBytes,
        MultipartBodyLengthLimit = maxBytes,
        MultipartHeadersLengthLimit = 4 * 1024,
        ValueLengthLimit = 8 * 1024,
        KeyLengthLimit = 256,
        ValueCountLimit = 16,
    };

    public static FormToken Token(HttpContext http)
    {
        var tokens = http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http);
        return new(tokens.FormFieldName, tokens.RequestToken ?? "");
    }

    /// <summary>The post's form, or the page that refuses it; <paramref name="maxBytes"/> is larger only for the workspace's photo upload.</summary>
    public static async Task<(IFormCollection? Form, HtmlPage? Refusal)> ReadAsync(HttpContext http, StaffOptions options, int maxBytes = MaxBytes)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StaffForms));
        var origin = SenderOrigin(http.Request);
        if (!IsOurs(origin, http.Request, options))
        {
            LogForeignOrigin(logger, http.Request.Path, origin ?? T.NoOrigin);
            return (null, Refused(StatusCodes.Status403Forbidden, T.ForeignOriginTitle, T.ForeignOrigin(origin)));
        }

        if (http.Request.ContentLength > maxBytes)
        {
            return (null, Refused(StatusCodes.Status413PayloadTooLarge, T.FormTooLargeTitle, T.FormTooLarge(maxBytes)));
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = maxBytes;
        }

        IFormCollection form;
        try
        {
            form = http.Request.HasFormContentType
                ? await http.Request.ReadFormAsync(Limits(maxBytes), http.RequestAborted).ConfigureAwait(false)
                : FormCollection.Empty;
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, Refused(StatusCodes.Status413PayloadTooLarge, T.FormTooLargeTitle, T.FormTooLarge(maxBytes)));
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or BadHttpRequestException)
        {
            LogMalformed(logger, http.Request.Path, ex.Message);
            return (null, Refused(StatusCodes.Status400BadRequest, T.FormMalformedTitle, T.FormMalformed));
        }

        var antiforgery = http.RequestServices.GetRequiredService<IAntiforgery>();
        if (!await antiforgery.IsRequestValidAsync(http).ConfigureAwait(false))
        {
            return (null, Refused(StatusCodes.Status400BadRequest, T.FormExpiredTitle, T.FormExpired));
        }

        return (form, null);
    }

    /// <summary>
    /// The same gate for a state-changing staff API call made with the page's session cookie (the workspace's script):
    /// from this site, with the anti-forgery token in the <c>RequestVerificationToken</c> header. A Bearer call carries
    /// no ambient credential a foreign page could borrow, so it passes. Null when the call may go on.
    /// </summary>
    public static async Task<IResult?> RefuseSessionChangeAsync(HttpContext http, StaffOptions options)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        if (!http.User.HasClaim(c => c.Type == StaffAccess.SessionClaim))
        {
            return null;
        }

        var origin = SenderOrigin(http.Request);
        if (!IsOurs(origin, http.Request, options))
        {
            LogForeignOrigin(http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StaffForms)), http.Request.Path, origin ?? T.NoOrigin);
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: T.ForeignOriginTitle, detail: T.ForeignOrigin(origin));
        }

        return await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http).ConfigureAwait(false)
            ? null
            : TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: T.FormExpiredTitle, detail: T.FormExpired);
    }

    public static HtmlPage Refused(int status, string title, string message) => new(StaffPageViews.Refused(title, message), status);

    /// <summary>
    /// Where the browser says the post came from: the Origin header (every current browser sends it on a form post;
    /// <c>null</c> when the page's referrer policy hides it), else the Referer's origin.
    /// </summary>
    private static string? SenderOrigin(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0)
        {
            return origin;
        }

        return Uri.TryCreate(request.Headers.Referer.ToString(), UriKind.Absolute, out var referer)
            ? referer.GetLeftPart(UriPartial.Authority)
            : null;
    }

    /// <summary>Our origin is the one the request was made to (after the forwarded headers), or <c>Staff:PublicBaseUrl</c>'s.</summary>
    private static bool IsOurs(string? origin, HttpRequest request, StaffOptions options)
    {
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var sender) || sender.Scheme is not ("http" or "https"))
        {
            return false;
        }

        return new[] { $"{request.Scheme}://{request.Host}", options.PublicBaseUrl }.Any(ours =>
            Uri.TryCreate(ours, UriKind.Absolute, out var site)
            && Uri.Compare(site, sender, UriComponents.SchemeAndServer, UriFormat.UriEscaped, StringComparison.OrdinalIgnoreCase) == 0);
    }

    [LoggerMessage(EventId = 431, Level = LogLevel.Warning, Message = "다른 출처({Origin})에서 온 직원 화면 양식 {Path}을(를) 거부했습니다(403).")]
    private static partial void LogForeignOrigin(ILogger logger, string path, string origin);

    [LoggerMessage(EventId = 432, Level = LogLevel.Information, Message = "직원 화면 양식 {Path}을(를) 읽을 수 없어 거부했습니다(400): {Reason}")]
    private static partial void LogMalformed(ILogger logger, string path, string reason);
}
