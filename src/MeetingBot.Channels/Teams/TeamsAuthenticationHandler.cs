using System.Text.Encodings.Web;
using MeetingBot.Channels.Doors;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MeetingBot.Channels.Teams;

/// <summary>
/// Scheme <see cref="SchemeName"/>: the Bot Service's bearer token, checked by <see cref="BotAuthenticator.VerifyTokenAsync"/>.
/// The verified token rides in the ticket to the endpoint, which checks the activity against it once it has the body.
/// </summary>
public sealed class TeamsAuthenticationHandler(
    BotAuthenticator authenticator,
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder)
    : DoorAuthenticationHandler(options, logger, encoder)
{
    public const string SchemeName = "Teams";

    protected override async Task<(object? Passed, DoorRefusal? Refusal)> VerifyAsync(string? authorization, CancellationToken cancellationToken)
    {
        var token = await authenticator.VerifyTokenAsync(authorization, cancellationToken).ConfigureAwait(false);
        return token.Succeeded ? (token, null) : (null, Refusal(token));
    }

    internal static DoorRefusal Refusal(BotAuthResult auth) => new(
        auth.Status == BotAuthStatus.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status401Unauthorized,
        TeamsStrings.AuthFailedTitle,
        auth.Reason);
}
