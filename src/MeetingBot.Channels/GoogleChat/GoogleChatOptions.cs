using System.ComponentModel.DataAnnotations;

namespace MeetingBot.Channels.GoogleChat;

/// <summary>What Google Chat puts in the <c>aud</c> claim, as chosen under "Authentication audience" in the Cloud console.</summary>
public enum GoogleChatAudienceType
{
    /// <summary>A Google-signed ID token: <c>aud</c> = the endpoint URL, <c>email</c> = <c>chat@system.gserviceaccount.com</c>.</summary>
    EndpointUrl,

    /// <summary>A JWT signed by <c>chat@system.gserviceaccount.com</c> itself: <c>iss</c> = that address, <c>aud</c> = the project number.</summary>
    ProjectNumber,
}

/// <summary>The <c>GoogleChat</c> section. The app is off (the endpoint answers 404) while <see cref="Audience"/> is empty.</summary>
public sealed class GoogleChatOptions : IValidatableObject
{
    /// <summary>The rules of <see cref="GoogleChatOptionsValidator"/>, which the generated validator reports.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        GoogleChatOptionsValidator.Problems(this).Select(p => new ValidationResult(p));

    public const string SectionName = "GoogleChat";

    /// <summary>The address Google Chat signs for (<see cref="GoogleChatAudienceType.ProjectNumber"/> tokens).</summary>
    public const string ChatServiceAccount = "chat@system.gserviceaccount.com";

    public const string DefaultBaseUrl = "https://chat.googleapis.com/";

    /// <summary>Google's OAuth signing keys (JWK set) for ID tokens.</summary>
    public const string IdTokenCertsUrl = "https://www.googleapis.com/oauth2/v3/certs";

    /// <summary>The Chat service account's X.509 certificates, for project-number tokens.</summary>
    public const string ProjectNumberCertsUrl = "https://www.googleapis.com/service_accounts/v1/metadata/x509/" + ChatServiceAccount;

    public const string BotScope = "https://www.googleapis.com/auth/chat.bot";

    /// <summary>The endpoint URL exactly as entered in the console (e.g. <c>https://bot.example.kr/api/googlechat</c>), or the project number.</summary>
    public string Audience { get; set; } = "";

    public GoogleChatAudienceType AudienceType { get; set; } = GoogleChatAudienceType.EndpointUrl;

    /// <summary>Where the signing keys are read (JWK set or Google's X.509 map); empty means Google's address for <see cref="AudienceType"/>.</summary>
    public string? CertsUrl { get; set; }

    /// <summary>The service-account JSON key the app posts with (scope <c>chat.bot</c>); its <c>token_uri</c> is used as written.</summary>
    public string? CredentialsFile { get; set; }

    /// <summary>The Chat REST API root; changed only to point at a test server or a proxy.</summary>
    public string BaseUrl { get; set; } = DefaultBaseUrl;

    /// <summary>
    /// Speak in cards (SPEC §10): the agenda card (cards v2) posted at <c>/시작</c> and updated in place, with the chair's
    /// buttons and the opinion dialog. Off, the space gets text only; text commands work either way.
    /// </summary>
    public bool Cards { get; set; } = true;

    public bool Enabled => !string.IsNullOrWhiteSpace(Audience);

    public string EffectiveCertsUrl => !string.IsNullOrWhiteSpace(CertsUrl)
        ? CertsUrl
        : AudienceType == GoogleChatAudienceType.ProjectNumber ? ProjectNumberCertsUrl : IdTokenCertsUrl;
}
