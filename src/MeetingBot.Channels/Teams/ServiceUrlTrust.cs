using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace MeetingBot.Channels.Teams;

/// <summary>
/// Where the bot's connector token may go. An activity's <c>serviceUrl</c> is only as good as the token it came with,
/// so the token goes to a service URL that a verified inbound token vouched for (its <c>serviceurl</c> claim), or to a
/// host in <see cref="TeamsOptions.TrustedServiceUrlHosts"/>: never to an address someone merely wrote into a body.
/// Always over HTTPS, or plain HTTP to loopback (tests, local tools).
/// </summary>
public sealed class ServiceUrlTrust
{
    // Only a token the Bot Service signed for this bot adds an entry, and the Bot Service has a handful of regional
    // URLs; the cap only keeps a surprise from growing without end.
    private const int MaxVouched = 256;

    private readonly HashSet<string> _hosts;
    private readonly ConcurrentDictionary<string, byte> _vouched = new(StringComparer.OrdinalIgnoreCase);

    public ServiceUrlTrust(IOptions<TeamsOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var configured = options.Value.TrustedServiceUrlHosts;
        var hosts = configured is { Length: > 0 } ? configured : TeamsOptions.DefaultTrustedServiceUrlHosts;
        _hosts = new(hosts.Select(h => h.Trim()), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Remembers the origin (scheme, host, port) of a service URL that a verified token named for its activity.</summary>
    public void Vouch(string serviceUrl)
    {
        ArgumentNullException.ThrowIfNull(serviceUrl);
        if (Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri) && _vouched.Count < MaxVouched)
            _vouched.TryAdd(Origin(uri), 0);
    }

    /// <summary>Whether a request to <paramref name="uri"/> may carry the bot's token.</summary>
    public bool IsTrusted(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!TeamsUrls.IsSecureOrLoopback(uri.AbsoluteUri))
            return false;
        return _hosts.Contains(uri.IdnHost) || _vouched.ContainsKey(Origin(uri));
    }

    /// <summary>A bare host name or address, as <c>Teams:TrustedServiceUrlHosts</c> takes them (no scheme, port or path).</summary>
    internal static bool IsHostName(string? value) =>
        !string.IsNullOrWhiteSpace(value)
        && Uri.CheckHostName(value.Trim()) is UriHostNameType.Dns or UriHostNameType.IPv4 or UriHostNameType.IPv6;

    private static string Origin(Uri uri) => uri.GetLeftPart(UriPartial.Authority);
}
