using MeetingBot.Web;
using Microsoft.Extensions.Options;

namespace MeetingBot.Channels.GoogleChat;

/// <summary>Stops the host at start over a setting that would only fail at the first message, naming the setting.</summary>
[OptionsValidator]
public sealed partial class GoogleChatOptionsValidator : IValidateOptions<GoogleChatOptions>
{
    private const string GoogleHost = "googleapis.com";

    /// <summary>What is wrong in the section, one Korean line per problem naming the setting (the generated <c>Validate</c> reports them through <see cref="GoogleChatOptions.Validate"/>).</summary>
    internal static List<string> Problems(GoogleChatOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var section = GoogleChatOptions.SectionName;
        var failures = new List<string>();
        // The app's token goes to BaseUrl with every post, and the signing keys come from CertsUrl.
        if (!SecureUrl.IsHttpsOrLoopback(options.BaseUrl, out var baseUri))
        {
            failures.Add(GoogleChatStrings.BadUrl($"{section}:BaseUrl", options.BaseUrl));
        }

        if (!string.IsNullOrWhiteSpace(options.CertsUrl) && !SecureUrl.IsHttpsOrLoopback(options.CertsUrl))
        {
            failures.Add(GoogleChatStrings.BadUrl($"{section}:CertsUrl", options.CertsUrl));
        }

        if (!string.IsNullOrWhiteSpace(options.CredentialsFile) && !File.Exists(options.CredentialsFile))
        {
            failures.Add(GoogleChatStrings.FileMissing($"{section}:CredentialsFile", options.CredentialsFile));
        }

        if (!options.Enabled)
        {
            return failures;
        }

        var audience = options.Audience.Trim();
        switch (options.AudienceType)
        {
            // Google Chat calls only https endpoints, so an http audience would never match a token.
            case GoogleChatAudienceType.EndpointUrl when !SecureUrl.IsHttpsOrLoopback(audience):
                failures.Add(GoogleChatStrings.AudienceNotUrl($"{section}:Audience", audience));
                break;
            case GoogleChatAudienceType.ProjectNumber when !audience.All(char.IsAsciiDigit):
                failures.Add(GoogleChatStrings.AudienceNotNumber($"{section}:Audience", audience));
                break;
            case GoogleChatAudienceType.EndpointUrl or GoogleChatAudienceType.ProjectNumber:
                break;
            default:
                failures.Add(GoogleChatStrings.UnknownAudienceType($"{section}:AudienceType", options.AudienceType.ToString()));
                break;
        }

        // Google answers every unsigned post with 401: without a key only synchronous replies would reach the chat.
        if (string.IsNullOrWhiteSpace(options.CredentialsFile) && baseUri is not null
            && (baseUri.Host == GoogleHost || baseUri.Host.EndsWith("." + GoogleHost, StringComparison.OrdinalIgnoreCase)))
        {
            failures.Add(GoogleChatStrings.Required($"{section}:CredentialsFile"));
        }

        return failures;
    }
}
