using MeetingBot.Channels.Doors;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace MeetingBot.Channels.GoogleChat;

/// <summary>
/// Scheme <see cref="SchemeName"/>: Google's ID token on every Chat event, checked by <see cref="GoogleChatAuthenticator"/>.
/// While the app is not configured (no <c>GoogleChat:Audience</c>) every request is answered 404, before any token work.
/// </summary>
public sealed class GoogleChatTokenCheck(GoogleChatAuthenticator authenticator, IOptions<GoogleChatOptions> options) : IDoorTokenCheck
{
    public const string SchemeName = "GoogleChat";

    public async Task<DoorCheck> CheckAsync(string? authorization, CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return DoorCheck.Refuse(new DoorRefusal(StatusCodes.Status404NotFound, GoogleChatStrings.Disabled, null));
        }

        var auth = await authenticator.AuthenticateAsync(authorization, cancellationToken).ConfigureAwait(false);
        return auth.Succeeded
            ? DoorCheck.Pass(auth)
            : DoorCheck.Refuse(new DoorRefusal(StatusCodes.Status401Unauthorized, GoogleChatStrings.AuthFailedTitle, auth.Reason));
    }
}
