using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MeetingBot.Channels.Doors;

/// <summary>Why a door refused a request before reading its body: the status and the Korean problem text.</summary>
public sealed record DoorRefusal(int Status, string Title, string? Detail);

/// <summary>What a token check found: what it vouched for (passed on to the endpoint), or why it refused.</summary>
public sealed record DoorCheck(object? Passed, DoorRefusal? Refusal)
{
    public static DoorCheck Pass(object passed) => new(passed, null);

    public static DoorCheck Refuse(DoorRefusal refusal) => new(null, refusal);
}

/// <summary>A chat platform's check of the <c>Authorization</c> header (null when absent), run before the body is read.</summary>
public interface IDoorTokenCheck
{
    Task<DoorCheck> CheckAsync(string? authorization, CancellationToken cancellationToken);
}

/// <summary>
/// A platform's token check as an ASP.NET Core authentication scheme. The door's endpoint requires the scheme, so the
/// authorization middleware runs the check before the endpoint reads a byte of the body; a refusal is answered with
/// the check's status and reason. What the check vouched for travels to the endpoint in the ticket
/// (<see cref="DoorHosting.PassedAsync{T}"/>), for the checks that need the body too (Teams' serviceUrl).
/// </summary>
public sealed class DoorAuthenticationHandler<TCheck>(TCheck check, IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    where TCheck : class, IDoorTokenCheck
{
    private DoorRefusal? _refusal;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? authorization = Request.Headers.Authorization;
        var result = await check.CheckAsync(string.IsNullOrEmpty(authorization) ? null : authorization, Context.RequestAborted).ConfigureAwait(false);
        if (result.Refusal is { } refusal)
        {
            _refusal = refusal;
            return AuthenticateResult.Fail(refusal.Detail ?? refusal.Title);
        }

        var properties = new AuthenticationProperties();
        properties.SetParameter(DoorHosting.PassedKey, result.Passed);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(Scheme.Name)), properties, Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        await HandleAuthenticateOnceSafeAsync().ConfigureAwait(false);
        var refusal = _refusal ?? new DoorRefusal(StatusCodes.Status401Unauthorized, Scheme.Name, null);
        await Results.Problem(refusal.Detail, statusCode: refusal.Status, title: refusal.Title).ExecuteAsync(Context).ConfigureAwait(false);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => HandleChallengeAsync(properties);
}

/// <summary>How a channel registers and maps its door.</summary>
public static class DoorHosting
{
    internal const string PassedKey = "meetingbot.door.passed";

    /// <summary>The check as scheme <paramref name="scheme"/> (never the default scheme: the staff pages keep their own access).</summary>
    public static IServiceCollection AddDoorScheme<TCheck>(this IServiceCollection services, string scheme)
        where TCheck : class, IDoorTokenCheck
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<TCheck>();
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, DoorAuthenticationHandler<TCheck>>(scheme, null);
        services.AddAuthorization();
        return services;
    }

    /// <summary><c>POST {pattern}</c>, reached only by requests that passed <paramref name="scheme"/>.</summary>
    public static RouteHandlerBuilder MapDoor(this IEndpointRouteBuilder endpoints, string pattern, string scheme, Delegate handler) =>
        endpoints.MapPost(pattern, handler).RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = scheme });

    /// <summary>What the endpoint's scheme vouched for, or null when the request did not pass it.</summary>
    public static async Task<T?> PassedAsync<T>(HttpContext context, string scheme)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(context);
        var result = await context.AuthenticateAsync(scheme).ConfigureAwait(false);
        return result.Succeeded ? result.Properties?.GetParameter<T>(PassedKey) : null;
    }
}
