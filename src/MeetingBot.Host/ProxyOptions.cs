using System.ComponentModel.DataAnnotations;
using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace MeetingBot.Host;

/// <summary>
/// The reverse proxies whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are believed: behind a TLS proxy they
/// tell the client's address (what wrong staff keys are counted by) and that it came over HTTPS (so cookies are
/// <c>Secure</c>). A proxy on this machine (loopback) is always trusted; headers from any other sender are ignored.
/// </summary>
public sealed class ProxyOptions : IValidatableObject
{
    public const string SectionName = "ForwardedHeaders";

    /// <summary>Addresses of trusted proxies, e.g. <c>10.0.0.5</c>.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks of trusted proxies in CIDR form, e.g. <c>10.0.0.0/24</c>.</summary>
    public string[] KnownNetworks { get; set; } = [];

    public void ApplyTo(ForwardedHeadersOptions forwarded)
    {
        ArgumentNullException.ThrowIfNull(forwarded);
        forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;

        // Every hop is checked against the trusted list, so a chain of trusted proxies needs no fixed count; the first
        // untrusted address from the right is the client, whatever it wrote further left.
        forwarded.ForwardLimit = null;
        foreach (var proxy in KnownProxies)
        {
            forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
        }

        foreach (var network in KnownNetworks)
        {
            forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        }
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < KnownProxies.Length; i++)
        {
            if (!IPAddress.TryParse(KnownProxies[i], out _))
            {
                yield return new($"{SectionName}:KnownProxies:{i} '{KnownProxies[i]}' 은(는) IP 주소가 아닙니다. 예: 10.0.0.5");
            }
        }

        for (var i = 0; i < KnownNetworks.Length; i++)
        {
            if (!System.Net.IPNetwork.TryParse(KnownNetworks[i], out _))
            {
                yield return new($"{SectionName}:KnownNetworks:{i} '{KnownNetworks[i]}' 은(는) CIDR 형식의 네트워크가 아닙니다. 예: 10.0.0.0/24");
            }
        }
    }
}

/// <summary>Source-generated over <see cref="ProxyOptions.Validate"/>: one Korean line per problem, naming the setting.</summary>
[OptionsValidator]
public sealed partial class ProxyOptionsValidator : IValidateOptions<ProxyOptions>;
