using Microsoft.Extensions.Options;

namespace MeetingBot.Channels.Teams;

/// <summary>Checked at start: a missing secret or a bad URL stops the host with the name of the setting.</summary>
[OptionsValidator]
internal sealed partial class TeamsOptionsValidator : IValidateOptions<TeamsOptions>
{
    /// <summary>What is wrong in the section, one Korean line per problem naming the setting (the generated <c>Validate</c> reports them through <see cref="TeamsOptions.Validate"/>).</summary>
    internal static List<string> Problems(TeamsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        if (string.IsNullOrWhiteSpace(options.AppId))
        {
            if (!options.AllowUnauthenticated)
                failures.Add(TeamsStrings.AppIdRequired);
        }
        else
        {
            if (string.IsNullOrWhiteSpace(options.AppPassword))
                failures.Add(TeamsStrings.AppPasswordRequired);
            if (string.IsNullOrWhiteSpace(options.TenantId))
                failures.Add(TeamsStrings.TenantIdRequired);
        }

        CheckUrl(nameof(options.BotServiceMetadataUrl), options.BotServiceMetadataUrl);
        CheckUrl(nameof(options.EntraMetadataUrl), options.EntraMetadataUrl);
        // MSAL takes no http authority, not even on this machine: it would pass here and then fail every send.
        if (!Uri.TryCreate(options.OAuthAuthority, UriKind.Absolute, out var authority) || authority.Scheme != Uri.UriSchemeHttps)
            failures.Add(TeamsStrings.AuthorityNotHttps(options.OAuthAuthority));
        foreach (var host in options.TrustedServiceUrlHosts ?? [])
        {
            if (!ServiceUrlTrust.IsHostName(host))
                failures.Add(TeamsStrings.TrustedHostInvalid(host));
        }

        var connector = options.Connector;
        if (connector.MaxRetryAttempts is < 1 or > 10)
            failures.Add(TeamsStrings.RetryAttemptsRange);
        CheckPositive("Connector:RetryBaseDelay", connector.RetryBaseDelay);
        CheckPositive("Connector:RetryMaxDelay", connector.RetryMaxDelay);
        CheckPositive("Connector:AttemptTimeout", connector.AttemptTimeout);
        CheckPositive("Connector:CircuitBreakDuration", connector.CircuitBreakDuration);
        if (connector.TotalTimeout <= connector.AttemptTimeout)
            failures.Add(TeamsStrings.TotalTimeoutTooShort);
        if (connector.SendsPerSecond < 1)
            failures.Add(TeamsStrings.MustBePositive("Connector:SendsPerSecond"));
        if (connector.SendsPer30Seconds < 1)
            failures.Add(TeamsStrings.MustBePositive("Connector:SendsPer30Seconds"));

        return failures;

        void CheckUrl(string setting, string? value)
        {
            if (!TeamsUrls.IsSecureOrLoopback(value))
                failures.Add(TeamsStrings.UrlInvalid(setting, value));
        }

        void CheckPositive(string setting, TimeSpan value)
        {
            if (value <= TimeSpan.Zero)
                failures.Add(TeamsStrings.MustBePositive(setting));
        }
    }
}
