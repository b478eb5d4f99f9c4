using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Security.Claims;
using MeetingBot.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Web;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using T = MeetingBot.Host.Api.StaffSignInText;

namespace MeetingBot.Host.Api;

/// <summary>
/// <c>Staff:SignIn = entra</c>: staff open the page with the council's Microsoft 365 account instead of a key. OpenID
/// Connect through Microsoft.Identity.Web (the <c>AzureAd</c> section): authorization code with PKCE, answered by query
/// to <c>/signin-oidc</c>; the handler checks state, correlation cookie, nonce, and the id_token's issuer, audience and
/// signature against the provider's published keys. A person with the app role <c>Staff:RequiredRole</c> then gets the
/// same page session a key opens (<see cref="StaffAccess.StartSession"/>), named by the token's <c>name</c> (else
/// <c>preferred_username</c>), so the history and the forms' anti-forgery work as for keys. Tools keep their Bearer keys.
/// </summary>
public static partial class StaffSignIn
{
    public const string Key = "key";
    public const string Entra = "entra";

    /// <summary>The OpenID Connect scheme; staff never sign in to an ASP.NET cookie scheme, only to a page session.</summary>
    public const string Scheme = "Entra";

    /// <summary>Where the provider sends the browser back after its own sign-out (register it as a redirect URI too).</summary>
    public const string SignedOutPath = "/staff" + SignedOut;

    private const string SignedOut = "/signed-out";

    public static bool IsEntra(string? signIn) => string.Equals(signIn?.Trim(), Entra, StringComparison.OrdinalIgnoreCase);

    /// <summary>With <c>Staff:SignIn = entra</c>: the <c>AzureAd</c> settings (validated at start) and the OpenID Connect scheme.</summary>
    public static IServiceCollection AddStaffSignIn(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        if (!IsEntra(configuration[$"{StaffOptions.SectionName}:{nameof(StaffOptions.SignIn)}"]))
        {
            return services;
        }

        services.AddOptionsWithValidateOnStart<EntraOptions>().BindConfiguration(EntraOptions.SectionName);
        services.AddSingleton<IValidateOptions<EntraOptions>, EntraOptionsValidator>();
        services.AddAuthentication().AddMicrosoftIdentityWebApp(configuration.GetSection(EntraOptions.SectionName), Scheme, cookieScheme: null);

        // After Microsoft.Identity.Web's own configuration of the scheme, which sets the authority and issuer validator.
        services.Configure<OpenIdConnectOptions>(Scheme, Configure);
        return services;
    }

    private static void Configure(OpenIdConnectOptions options)
    {
        options.ResponseType = OpenIdConnectResponseType.Code;
        options.UsePkce = true;

        // The code comes back on a top-level GET, so the correlation and nonce cookies can be Lax (form_post would need
        // SameSite=None); with PKCE and the client secret a code read from a URL is worth nothing to anyone else.
        options.ResponseMode = OpenIdConnectResponseMode.Query;
        foreach (var cookie in new[] { options.CorrelationCookie, options.NonceCookie })
        {
            cookie.SameSite = SameSiteMode.Lax;
            cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.HttpOnly = true;
        }

        options.SaveTokens = false;
        options.GetClaimsFromUserInfoEndpoint = false;

        // AzureAd:Instance may be http only on this machine (the validator allows nothing else).
        options.RequireHttpsMetadata = !Uri.TryCreate(options.Authority, UriKind.Absolute, out var authority) || authority.Scheme != Uri.UriSchemeHttp;

        // One tenant: the issuer must be exactly the tenant's, its v2.0 authority or the issuer its metadata names (the
        // GUID form when AzureAd:TenantId is a domain). Microsoft.Identity.Web's validator, made for many tenants, would
        // read that metadata again on a client of its own that knows no http on this machine.
        options.TokenValidationParameters.IssuerValidator = null;
        options.TokenValidationParameters.ValidIssuer = options.Authority;
        options.TokenValidationParameters.ValidAudience = options.ClientId;
        options.Events.OnTicketReceived = TicketReceivedAsync;
        options.Events.OnRemoteFailure = RemoteFailureAsync;
    }

    /// <summary>The id_token passed every check: a person with the role gets a page session, anyone else a 403 page.</summary>
    private static async Task TicketReceivedAsync(TicketReceivedContext context)
    {
        context.HandleResponse();
        var http = context.HttpContext;
        var logger = Logger(http);
        var role = http.RequestServices.GetRequiredService<IOptions<StaffOptions>>().Value.RequiredRole.Trim();
        var person = context.Principal ?? new ClaimsPrincipal();
        var account = Claim(person, "preferred_username") ?? Claim(person, "oid", ObjectIdType) ?? "";
        var name = Claim(person, "name") ?? Claim(person, "preferred_username");
        if (!person.HasClaim(c => c.Type is "roles" or ClaimTypes.Role && c.Value == role))
        {
            LogNoRole(logger, account, role);
            await Page(T.NoRoleTitle, T.NoRole(account, role), StatusCodes.Status403Forbidden).ExecuteAsync(http).ConfigureAwait(false);
            return;
        }

        if (name is null)
        {
            LogNoName(logger, account);
            await Page(T.NoNameTitle, T.NoName(account), StatusCodes.Status403Forbidden).ExecuteAsync(http).ConfigureAwait(false);
            return;
        }

        http.RequestServices.GetRequiredService<StaffAccess>().StartSession(http, name);
        LogSignedIn(logger, name, account);
        await ContinuePage(StaffPage.SafeReturn(context.ReturnUri)).ExecuteAsync(http).ConfigureAwait(false);
    }

    // Microsoft.Identity.Web maps the token's claim names to the long WS-* ones (roles, oid) whatever the options say,
    // so each is looked for under both names.
    private const string ObjectIdType = "http://schemas.microsoft.com/identity/claims/objectidentifier";

    private static string? Claim(ClaimsPrincipal person, params string[] types) =>
        types.SelectMany(person.FindAll).Select(c => c.Value.Trim()).FirstOrDefault(v => v.Length > 0);

    /// <summary>Any failure on the way back (state, correlation, nonce, token, the provider's error): a Korean page, no session.</summary>
    private static async Task RemoteFailureAsync(RemoteFailureContext context)
    {
        context.HandleResponse();
        LogFailed(Logger(context.HttpContext), context.Failure?.GetBaseException().Message ?? "");
        await Page(T.FailedTitle, T.Failed, StatusCodes.Status401Unauthorized).ExecuteAsync(context.HttpContext).ConfigureAwait(false);
    }

    /// <summary>
    /// The session cookie is <c>SameSite=Strict</c>, and a browser does not send it on a redirect that the provider's page
    /// set off; so the callback answers with a page that moves on by itself, a navigation of our own site.
    /// </summary>
    private static HtmlPage ContinuePage(string returnUrl)
    {
        var html = StaffPageViews.Refused(T.SignedInTitle, T.SignedIn);
        var refresh = $"<meta http-equiv=\"refresh\" content=\"0;url={WebUtility.HtmlEncode(returnUrl)}\">";
        return new(html.Replace("<head>", "<head>" + refresh, StringComparison.Ordinal));
    }

    private static HtmlPage Page(string title, string message, int status = StatusCodes.Status200OK) => new(StaffPageViews.Refused(title, message), status);

    /// <summary>
    /// The door in front of the staff page: without a session a page request goes to the provider's sign-in; the key
    /// form is closed; logout also ends the provider's session, else the next visit would sign straight back in.
    /// </summary>
    public static WebApplication UseStaffSignIn(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (IsEntra(app.Configuration[$"{StaffOptions.SectionName}:{nameof(StaffOptions.SignIn)}"]))
        {
            app.Use(GateAsync);
        }

        return app;
    }

    private static async Task GateAsync(HttpContext http, RequestDelegate next)
    {
        var request = http.Request;
        if (!request.Path.StartsWithSegments("/staff", out var rest) || rest == StaffPageStyle.FileName)
        {
            await next(http).ConfigureAwait(false);
            return;
        }

        var reading = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method);
        var access = http.RequestServices.GetRequiredService<StaffAccess>();
        if (rest == SignedOut && reading)
        {
            await Page(T.SignedOutTitle, T.SignedOut).ExecuteAsync(http).ConfigureAwait(false);
        }
        else if (rest == "/logout" && HttpMethods.IsPost(request.Method))
        {
            await SignOutAsync(http, access).ConfigureAwait(false);
        }
        else if (rest == "/login")
        {
            SeeOther(http, "/staff");
        }
        else if (request.Headers.Authorization.Count > 0 || access.Authenticate(http).IsStaff)
        {
            await next(http).ConfigureAwait(false);
        }
        else
        {
            var returnUrl = reading ? StaffPage.SafeReturn(request.Path + request.QueryString) : "/staff";
            try
            {
                await http.ChallengeAsync(Scheme, new AuthenticationProperties { RedirectUri = returnUrl }).ConfigureAwait(false);
            }
            catch (InvalidOperationException ex) when (!http.Response.HasStarted)
            {
                // The provider's metadata (where to send the browser) cannot be read: say so rather than a bare 500.
                LogUnreachable(Logger(http), ex.GetBaseException().Message);
                http.Response.Clear();
                await Page(T.UnreachableTitle, T.Unreachable, StatusCodes.Status503ServiceUnavailable).ExecuteAsync(http).ConfigureAwait(false);
            }
        }
    }

    private static async Task SignOutAsync(HttpContext http, StaffAccess access)
    {
        var staff = http.RequestServices.GetRequiredService<IOptions<StaffOptions>>().Value;
        if (access.Authenticate(http).Caller == StaffCaller.Session
            && (await StaffForms.ReadAsync(http, staff).ConfigureAwait(false)).Refusal is { } refusal)
        {
            await refusal.ExecuteAsync(http).ConfigureAwait(false);
            return;
        }

        access.LogOut(http);
        var oidc = http.RequestServices.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get(Scheme);
        string? endSession;
        try
        {
            endSession = (await oidc.ConfigurationManager!.GetConfigurationAsync(http.RequestAborted).ConfigureAwait(false)).EndSessionEndpoint;
        }
        catch (InvalidOperationException ex)
        {
            // The provider's metadata cannot be read now: our session is over all the same.
            LogNoEndSession(Logger(http), ex.GetBaseException().Message);
            endSession = null;
        }

        var back = $"{http.Request.Scheme}://{http.Request.Host}{SignedOutPath}";
        SeeOther(http, string.IsNullOrEmpty(endSession)
            ? SignedOutPath
            : QueryHelpers.AddQueryString(endSession, new Dictionary<string, string?> { ["post_logout_redirect_uri"] = back, ["client_id"] = oidc.ClientId }));
    }

    private static void SeeOther(HttpContext http, string location)
    {
        http.Response.StatusCode = StatusCodes.Status303SeeOther;
        http.Response.Headers.Location = location;
    }

    private static ILogger Logger(HttpContext http) => http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StaffSignIn));

    [LoggerMessage(EventId = 433, Level = LogLevel.Information, Message = "직원 {Name}({Account})이(가) 조직 계정으로 로그인했습니다.")]
    private static partial void LogSignedIn(ILogger logger, string name, string account);

    [LoggerMessage(EventId = 434, Level = LogLevel.Warning, Message = "조직 계정 {Account}에 앱 역할 {Role}이(가) 없어 직원 화면을 열지 않았습니다(403).")]
    private static partial void LogNoRole(ILogger logger, string account, string role);

    [LoggerMessage(EventId = 435, Level = LogLevel.Warning, Message = "조직 계정 로그인을 받지 않았습니다(401): {Reason}")]
    private static partial void LogFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 436, Level = LogLevel.Warning, Message = "조직 계정 {Account}의 토큰에 이름(name, preferred_username)이 없어 직원 화면을 열지 않았습니다(403).")]
    private static partial void LogNoName(ILogger logger, string account);

    [LoggerMessage(EventId = 438, Level = LogLevel.Error, Message = "조직 계정 로그인 서버의 설정 문서를 읽지 못해 직원을 로그인 화면으로 보내지 못했습니다(503): {Reason}")]
    private static partial void LogUnreachable(ILogger logger, string reason);

    [LoggerMessage(EventId = 437, Level = LogLevel.Warning, Message = "조직 계정의 로그아웃 주소를 읽지 못해 이 서버의 세션만 끝냈습니다: {Reason}")]
    private static partial void LogNoEndSession(ILogger logger, string reason);
}

/// <summary>The app registration of <c>Staff:SignIn = entra</c>: Microsoft.Identity.Web's standard <c>AzureAd</c> section.</summary>
public sealed class EntraOptions : IValidatableObject
{
    /// <summary>The rules of <see cref="EntraOptionsValidator"/>, which the generated validator reports.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        EntraOptionsValidator.Problems(this).Select(p => new ValidationResult(p));

    public const string SectionName = "AzureAd";

    public string Instance { get; set; } = "https://login.microsoftonline.com/";

    /// <summary>The council's directory (tenant) id or its domain; never <c>common</c> and the like, which admit every organisation.</summary>
    public string TenantId { get; set; } = "";

    public string ClientId { get; set; } = "";

    /// <summary>Redeems the code at the token endpoint; best given as the environment variable <c>AzureAd__ClientSecret</c>.</summary>
    public string ClientSecret { get; set; } = "";
}

/// <summary>Checks the <c>AzureAd</c> section when <c>Staff:SignIn</c> is <c>entra</c>, naming each setting that is wrong.</summary>
[OptionsValidator]
public sealed partial class EntraOptionsValidator : IValidateOptions<EntraOptions>
{
    private static readonly string[] AnyTenant = ["common", "organizations", "consumers"];

    /// <summary>What is wrong in the section, one Korean line per problem naming the setting (the generated <c>Validate</c> reports them through <see cref="EntraOptions.Validate"/>).</summary>
    internal static List<string> Problems(EntraOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string Portal = "Microsoft Entra 관리 센터 → 앱 등록 → 개요";
        var errors = new List<string>();
        if (!SecureUrl.IsHttpsOrLoopback(options.Instance))
        {
            errors.Add($"AzureAd:Instance '{options.Instance}' 은(는) https:// 로 시작하는 절대 주소여야 합니다(http는 이 컴퓨터 주소에서만). 예: https://login.microsoftonline.com/");
        }

        if (string.IsNullOrWhiteSpace(options.ClientId))
        {
            errors.Add($"AzureAd:ClientId 이(가) 비어 있습니다. Staff:SignIn 이 entra 이면 {Portal}의 '애플리케이션(클라이언트) ID'를 쓰세요.");
        }
        else if (!Guid.TryParse(options.ClientId, out _))
        {
            errors.Add($"AzureAd:ClientId '{options.ClientId}' 은(는) GUID 형식이어야 합니다. {Portal}의 '애플리케이션(클라이언트) ID'를 쓰세요.");
        }

        if (string.IsNullOrWhiteSpace(options.TenantId))
        {
            errors.Add($"AzureAd:TenantId 이(가) 비어 있습니다. Staff:SignIn 이 entra 이면 {Portal}의 '디렉터리(테넌트) ID'를 쓰세요.");
        }
        else if (AnyTenant.Contains(options.TenantId.Trim(), StringComparer.OrdinalIgnoreCase))
        {
            errors.Add($"AzureAd:TenantId '{options.TenantId}' 은(는) 모든 조직의 계정을 받아들입니다. 이 기관의 '디렉터리(테넌트) ID'를 쓰세요.");
        }

        if (string.IsNullOrWhiteSpace(options.ClientSecret))
        {
            errors.Add("AzureAd:ClientSecret 이(가) 비어 있습니다. 앱 등록 → 인증서 및 비밀에서 만든 클라이언트 암호의 '값'을 환경 변수 AzureAd__ClientSecret 으로 주세요.");
        }

        return errors;
    }
}

/// <summary>What the organisation sign-in shows, in one place.</summary>
public static class StaffSignInText
{
    public const string SignedInTitle = "로그인되었습니다";
    public const string SignedIn = "조직 계정으로 로그인되었습니다. 직원 화면으로 이동합니다. 이동하지 않으면 아래 링크를 눌러 주세요.";
    public const string SignedOutTitle = "로그아웃되었습니다";
    public const string SignedOut = "직원 화면에서 로그아웃했습니다. 다시 들어오려면 아래 링크를 눌러 조직 계정으로 로그인해 주세요.";
    public const string FailedTitle = "로그인하지 못했습니다";
    public const string Failed =
        "조직 계정 로그인 응답을 확인할 수 없어 받지 않았습니다(만료되었거나 다른 창·다른 사람의 로그인 응답, 또는 이 서버가 발급을 요청하지 않은 토큰). 아래 링크를 눌러 처음부터 다시 로그인해 주세요.";
    public const string NoRoleTitle = "직원 화면을 쓸 권한이 없습니다";
    public const string NoNameTitle = "계정 이름을 알 수 없습니다";
    public const string UnreachableTitle = "조직 계정 로그인을 시작할 수 없습니다";
    public const string Unreachable =
        "조직 계정 로그인 서버(AzureAd:Instance)에 지금 연결할 수 없어 로그인 화면으로 보내지 못했습니다. 잠시 뒤 다시 시도하고, 계속되면 관리자에게 문의해 주세요.";

    public static string NoRole(string account, string role) =>
        $"조직 계정 {account}에는 직원 화면에 필요한 앱 역할 '{role}'이(가) 없습니다. 관리자에게 이 역할을 받아(Microsoft Entra 관리 센터 → 엔터프라이즈 애플리케이션 → 사용자 및 그룹) 다시 로그인해 주세요.";

    public static string NoName(string account) =>
        $"조직 계정 {account}의 로그인 정보에 이름(name)이 없어 검토 이력에 남길 수 없습니다. 관리자에게 문의해 주세요.";
}
