using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MeetingBot.Channels.Doors;

/// <summary>Why a door refused a request before reading its body: the status and the Korean problem text.</summary>
public sealed record DoorRefusal(int Status, string Title, string? Detail);

/// <summary>
/// A chat platform's token check as an ASP.NET Core authentication scheme. The door's endpoint requires the scheme, so
/// the authorization middleware runs the check before the endpoint reads a byte of the body; a refusal is answered
/// with the verifier's status and reason. What the check vouched for travels to the endpoint in the ticket
/// (<see cref="PassedAsync{T}"/>), for the checks that need the body too (Teams' serviceUrl).
/// </summary>
public abstract class DoorAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string PassedKey = "meetingbot.door.passed";
    private DoorRefusal? _refusal;

    /// <summary>What the endpoint's scheme vouched for, or null when the request did not pass it.</summary>
    public static async Task<T?> PassedAsync<T>(HttpContext context, string scheme)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(context);
        var result = await context.AuthenticateAsync(scheme).ConfigureAwait(false);
        return result.Succeeded ? result.Properties?.GetParameter<T>(PassedKey) : null;
    }

    /// <summary>Checks the <c>Authorization</c> header (null when absent): what passed, or why not.</summary>
    protected abstract Task<(object? Passed, DoorRefusal? Refusal)> VerifyAsync(string? authorization, CancellationToken cancellationToken);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? authorization = Request.Headers.Authorization;
        var (passed, refusal) = await VerifyAsync(string.IsNullOrEmpty(authorization) ? null : authorization, Context.RequestAborted).ConfigureAwait(false);
        if (refusal is not null)
        {
            _refusal = refusal;
            return AuthenticateResult.Fail(refusal.Detail ?? refusal.Title);
        }

        var properties = new AuthenticationProperties();
        properties.SetParameter(PassedKey, passed);
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
