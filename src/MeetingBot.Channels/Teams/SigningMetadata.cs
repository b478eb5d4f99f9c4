using System.Text.Json;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace MeetingBot.Channels.Teams;

/// <summary>
/// One issuer's signing keys, with the channels each key is endorsed for. The Bot Service publishes
/// <c>endorsements</c> beside each key in its JWKS; a key endorsed only for other channels must not admit a Teams activity.
/// </summary>
public sealed class SigningMetadata
{
    public SigningMetadata(IReadOnlyList<SecurityKey> keys, IReadOnlyDictionary<string, IReadOnlySet<string>> endorsements)
    {
        Keys = keys;
        Endorsements = endorsements;
    }

    public IReadOnlyList<SecurityKey> Keys { get; }

    /// <summary>Key id → channel ids; a key without an <c>endorsements</c> member is absent.</summary>
    public IReadOnlyDictionary<string, IReadOnlySet<string>> Endorsements { get; }
}

/// <summary>Reads an OpenID metadata document, then its JWKS, keeping the raw per-key <c>endorsements</c>.</summary>
internal sealed class SigningMetadataRetriever : IConfigurationRetriever<SigningMetadata>
{
    public async Task<SigningMetadata> GetConfigurationAsync(string address, IDocumentRetriever retriever, CancellationToken cancel)
    {
        var metadata = OpenIdConnectConfiguration.Create(await retriever.GetDocumentAsync(address, cancel).ConfigureAwait(false));
        if (string.IsNullOrEmpty(metadata.JwksUri))
            throw new InvalidOperationException(TeamsStrings.MetadataWithoutJwks(address));

        var jwksJson = await retriever.GetDocumentAsync(metadata.JwksUri, cancel).ConfigureAwait(false);
        var keys = new JsonWebKeySet(jwksJson).GetSigningKeys();
        return new SigningMetadata([.. keys], ReadEndorsements(jwksJson));
    }

    internal static Dictionary<string, IReadOnlySet<string>> ReadEndorsements(string jwksJson)
    {
        var endorsements = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        using var document = JsonDocument.Parse(jwksJson);
        if (!document.RootElement.TryGetProperty("keys", out var keys) || keys.ValueKind != JsonValueKind.Array)
            return endorsements;
        foreach (var key in keys.EnumerateArray())
        {
            if (key.ValueKind != JsonValueKind.Object
                || !key.TryGetProperty("kid", out var kid) || kid.ValueKind != JsonValueKind.String
                || !key.TryGetProperty("endorsements", out var list) || list.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            endorsements[kid.GetString()!] = list.EnumerateArray()
                .Where(e => e.ValueKind == JsonValueKind.String)
                .Select(e => e.GetString()!)
                .ToHashSet(StringComparer.OrdinalIgnoreCase);
        }

        return endorsements;
    }
}

/// <summary>Fetches metadata over a client from <see cref="IHttpClientFactory"/>; plain HTTP only to loopback (tests, local tools).</summary>
internal sealed class MetadataDocumentRetriever(IHttpClientFactory httpClientFactory) : IDocumentRetriever
{
    public const string HttpClientName = "MeetingBot.Teams.Metadata";

    public async Task<string> GetDocumentAsync(string address, CancellationToken cancel)
    {
        if (!TeamsUrls.IsSecureOrLoopback(address))
            throw new InvalidOperationException(TeamsStrings.InsecureUrl(address));
        using var client = httpClientFactory.CreateClient(HttpClientName);
        return await client.GetStringAsync(new Uri(address), cancel).ConfigureAwait(false);
    }
}

internal static class TeamsUrls
{
    public static bool IsSecureOrLoopback(string? address) =>
        Uri.TryCreate(address, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback));

    /// <summary>Service URLs compare without a trailing slash and without regard to case.</summary>
    public static bool SameServiceUrl(string? a, string? b) =>
        a is not null && b is not null
        && string.Equals(a.TrimEnd('/'), b.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);
}
