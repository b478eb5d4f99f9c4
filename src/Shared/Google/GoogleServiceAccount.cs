using Google.Apis.Auth.OAuth2;

namespace MeetingBot.GoogleAuth;

/// <summary>
/// A service-account JSON key (its <c>token_uri</c> included) scoped for one API; Google.Apis.Auth caches the token and
/// renews it before it expires. Shared as source by every Google adapter (Calendar, Chat, Meet).
/// </summary>
internal static class GoogleServiceAccount
{
    /// <summary>Typed loading: a key file of another credential type is refused instead of being trusted.</summary>
    public static GoogleCredential Load(string credentialsFile, string scope)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(credentialsFile);
        var account = CredentialFactory.FromFile<ServiceAccountCredential>(credentialsFile);
        return GoogleCredential.FromServiceAccountCredential(account).CreateScoped(scope);
    }

    /// <summary>The failures of <see cref="Load"/> that mean the file is missing, unreadable or not a service-account key.</summary>
    public static bool IsUnreadable(Exception exception) =>
        exception is InvalidOperationException or IOException or UnauthorizedAccessException or FormatException or ArgumentException;
}
