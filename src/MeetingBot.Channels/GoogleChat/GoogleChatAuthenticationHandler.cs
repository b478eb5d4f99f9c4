using System.Text.Encodings.Web;
using MeetingBot.Channels.Doors;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MeetingBot.Channels.GoogleChat;

/// <summary>
/// Scheme <see cref="SchemeName"/>: Google's ID token on every Chat event, checked by <see cref="GoogleChatAuthenticator"/>.
/// While the app is not configured (no <c>GoogleChat:Audience</c>) every request is answered 404, before any token work.
/// </summary>
public sealed class GoogleChatAuthenticationHandler(
    GoogleChatAuthenticator authenticator,
    IOptions<GoogleChatOptions> chat,
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder)
    : DoorAuthenticationHandler(options, logger, encoder)
{
    public const string SchemeName = "GoogleChat";

    protected override async Task<(object? Passed, DoorRefusal? Refusal)> VerifyAsync(string? authorization, CancellationToken cancellationToken)
    {
        if (!chat.Value.Enabled)
        {
            return (null, new DoorRefusal(StatusCodes.Status404NotFound, GoogleChatStrings.Disabled, null));
        }

        var auth = await authenticator.AuthenticateAsync(authorization, cancellationToken).ConfigureAwait(false);
        return auth.Succeeded ? (auth, null) : (null, new DoorRefusal(StatusCodes.Status401Unauthorized, GoogleChatStrings.AuthFailedTitle, auth.Reason));
    }
}
