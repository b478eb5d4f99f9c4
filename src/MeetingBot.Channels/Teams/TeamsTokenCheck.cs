using MeetingBot.Channels.Doors;
using Microsoft.AspNetCore.Http;

namespace MeetingBot.Channels.Teams;

/// <summary>
/// Scheme <see cref="SchemeName"/>: the Bot Service's bearer token, checked by <see cref="BotAuthenticator.VerifyTokenAsync"/>
/// before the body is read. The verified token rides in the ticket to the endpoint, which checks the activity against it.
/// </summary>
public sealed class TeamsTokenCheck(BotAuthenticator authenticator) : IDoorTokenCheck
{
    public const string SchemeName = "Teams";

    public async Task<DoorCheck> CheckAsync(string? authorization, CancellationToken cancellationToken)
    {
        var token = await authenticator.VerifyTokenAsync(authorization, cancellationToken).ConfigureAwait(false);
        return token.Succeeded ? DoorCheck.Pass(token) : DoorCheck.Refuse(Refusal(token));
    }

    internal static DoorRefusal Refusal(BotAuthResult auth) => new(
        auth.Status == BotAuthStatus.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status401Unauthorized,
        TeamsStrings.AuthFailedTitle,
        auth.Reason);
}
