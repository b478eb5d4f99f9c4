using Google.Apis.Auth.OAuth2;
using MeetingBot.Core;
using MeetingBot.GoogleAuth;
using Microsoft.Extensions.Options;

namespace MeetingBot.Channels.GoogleChat;

/// <summary>Access tokens for posting as the Chat app.</summary>
public interface IGoogleChatTokenSource
{
    /// <summary>A current access token, or null when posting without one (a test server without <c>CredentialsFile</c>).</summary>
    Task<string?> GetTokenAsync(CancellationToken cancellationToken);
}

/// <summary>
/// The service account of <c>GoogleChat:CredentialsFile</c>, scoped to <c>chat.bot</c>. The key file is read at the first
/// post; Google.Apis.Auth caches the token and asks the file's <c>token_uri</c> for a new one before it expires.
/// </summary>
public sealed class ServiceAccountTokenSource(IOptions<GoogleChatOptions> options) : IGoogleChatTokenSource
{
    private readonly Lazy<ITokenAccess?> _credential = new(() => Load(options.Value.CredentialsFile), LazyThreadSafetyMode.ExecutionAndPublication);

    public async Task<string?> GetTokenAsync(CancellationToken cancellationToken) =>
        _credential.Value is { } credential
            ? await credential.GetAccessTokenForRequestAsync(cancellationToken: cancellationToken).ConfigureAwait(false)
            : null;

    private static GoogleCredential? Load(string? credentialsFile)
    {
        if (string.IsNullOrWhiteSpace(credentialsFile))
        {
            return null;
        }

        var field = $"{GoogleChatOptions.SectionName}:CredentialsFile";
        try
        {
            return GoogleServiceAccount.Load(credentialsFile, GoogleChatOptions.BotScope);
        }
        catch (Exception ex) when (GoogleServiceAccount.IsUnreadable(ex))
        {
            throw new MeetingBotException(GoogleChatStrings.CredentialsUnreadable(field, ex.Message), credentialsFile, null, field);
        }
    }
}

/// <summary>Puts the app's token on every attempt; it sits inside the resilience handler, so a retry gets a current token.</summary>
public sealed class GoogleChatTokenHandler(IGoogleChatTokenSource tokens) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false) is { } token)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
