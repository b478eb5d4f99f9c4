using System.ComponentModel.DataAnnotations;

namespace MeetingBot.Channels.Teams;

/// <summary>Settings of the Teams channel (section <c>Teams</c>).</summary>
public sealed class TeamsOptions : IValidatableObject
{
    /// <summary>The rules of <see cref="TeamsOptionsValidator"/>, which the generated validator reports.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        TeamsOptionsValidator.Problems(this).Select(p => new ValidationResult(p));

    public const string SectionName = "Teams";

    /// <summary>The bot's Microsoft App ID; the audience of inbound tokens and the client id of outbound ones. Empty only for the local Playground.</summary>
    public string AppId { get; set; } = "";

    /// <summary>The app registration's client secret.</summary>
    public string AppPassword { get; set; } = "";

    /// <summary>The bot's own Entra tenant (single-tenant bots).</summary>
    public string TenantId { get; set; } = "";

    /// <summary>Development only: accept activities that carry no token at all (the Agents Playground sends none).</summary>
    public bool AllowUnauthenticated { get; set; }

    public string BotServiceMetadataUrl { get; set; } = "https://login.botframework.com/v1/.well-known/openidconfiguration";

    public string EntraMetadataUrl { get; set; } = "https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration";

    /// <summary>Authority base for client credentials; the tenant id is appended.</summary>
    public string OAuthAuthority { get; set; } = "https://login.microsoftonline.com/";

    /// <summary>Ignore group messages that do not @mention the bot (personal chats always reach it).</summary>
    public bool RequireMention { get; set; }

    /// <summary>
    /// Speak in cards (SPEC §10): the agenda card posted at <c>/시작</c> and updated in place, with the chair's buttons
    /// and the opinion form. Off, the chats get text only; text commands work either way.
    /// </summary>
    public bool Cards { get; set; } = true;

    /// <summary>
    /// Timebox warnings to a meeting chat (<c>19:meeting_…</c>) also shown as in-meeting notifications
    /// (<c>channelData.notification.alertInMeeting</c>); off, they are chat text only, as everywhere else.
    /// </summary>
    public bool InMeetingAlerts { get; set; } = true;

    /// <summary>
    /// Hosts that get the bot's connector token besides the service URLs a verified inbound token vouched for (those are
    /// remembered only until a restart): proactive messages after a restart, <c>Staff:ServiceUrl</c>. Empty means
    /// <see cref="DefaultTrustedServiceUrlHosts"/>; a list replaces it.
    /// </summary>
    public string[] TrustedServiceUrlHosts { get; set; } = [];

    /// <summary>The public Teams cloud's Bot Connector, every region (<c>https://smba.trafficmanager.net/{region}/</c>).</summary>
    public static readonly IReadOnlyList<string> DefaultTrustedServiceUrlHosts = ["smba.trafficmanager.net"];

    public TeamsConnectorOptions Connector { get; set; } = new();
}

/// <summary>Outbound resilience and per-conversation pacing (Bot Connector limits: 7 sends/s and 60 per 30 s per conversation).</summary>
public sealed class TeamsConnectorOptions
{
    public int MaxRetryAttempts { get; set; } = 3;
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(20);
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(90);
    public TimeSpan CircuitBreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Sends per second to one conversation; kept below the service's 7.</summary>
    public int SendsPerSecond { get; set; } = 5;

    /// <summary>Sends per 30 seconds to one conversation; kept below the service's 60.</summary>
    public int SendsPer30Seconds { get; set; } = 50;
}
