using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MeetingBot.TestSupport;

/// <summary>
/// Stands in for login.botframework.com and login.microsoftonline.com on a <see cref="LocalHttpServer"/>: OpenID metadata
/// and JWKS documents (Bot Service keys with their channel endorsements) with RSA keys made in the test, which sign real
/// RS256 tokens through <see cref="SigningKey"/>.
/// </summary>
public sealed class TeamsIdentityServer : IAsyncDisposable
{
    public const string BotServicePath = "/botframework/v1/.well-known/openidconfiguration";
    public const string EntraPath = "/entra/v2.0/.well-known/openid-configuration";

    private static readonly string[] Rs256 = ["RS256"];
    private static readonly string[] PrivateKeyJwt = ["private_key_jwt"];
    private readonly Lock _gate = new();
    private List<(SigningKey Key, string[]? Endorsements)> _botServiceKeys = [];
    private List<SigningKey> _entraKeys = [];
    private int _botServiceJwksRequests;
    private LocalHttpServer _server = null!;

    public string BotServiceMetadataUrl => _server.Url(BotServicePath);
    public string EntraMetadataUrl => _server.Url(EntraPath);
    public int BotServiceJwksRequests => Volatile.Read(ref _botServiceJwksRequests);

    /// <summary>While set, the key documents answer 503, as an identity provider in trouble would.</summary>
    public bool Down { get; set; }

    public static async Task<TeamsIdentityServer> StartAsync()
    {
        var identity = new TeamsIdentityServer();
        identity._server = await LocalHttpServer.StartWithRoutesAsync(app =>
        {
            app.MapGet(BotServicePath, () => Results.Json(new Dictionary<string, object>
            {
                ["issuer"] = "https://api.botframework.com",
                ["authorization_endpoint"] = "https://invalid.botframework.com",
                ["jwks_uri"] = identity._server.Url("/botframework/v1/.well-known/keys"),
                ["id_token_signing_alg_values_supported"] = Rs256,
                ["token_endpoint_auth_methods_supported"] = PrivateKeyJwt,
            }));
            app.MapGet("/botframework/v1/.well-known/keys", () =>
            {
                Interlocked.Increment(ref identity._botServiceJwksRequests);
                if (identity.Down)
                    return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
                lock (identity._gate)
                    return Results.Text(Jwks(identity._botServiceKeys), "application/json");
            });
            app.MapGet(EntraPath, () => Results.Json(new Dictionary<string, object>
            {
                ["issuer"] = "https://login.microsoftonline.com/{tenantid}/v2.0",
                ["jwks_uri"] = identity._server.Url("/entra/discovery/v2.0/keys"),
                ["id_token_signing_alg_values_supported"] = Rs256,
            }));
            app.MapGet("/entra/discovery/v2.0/keys", () =>
            {
                lock (identity._gate)
                    return Results.Text(Jwks(identity._entraKeys.Select(k => (k, (string[]?)null))), "application/json");
            });
        });
        return identity;
    }

    /// <summary>Replaces the Bot Service JWKS (key rotation).</summary>
    public void PublishBotServiceKeys(params (SigningKey Key, string[]? Endorsements)[] keys)
    {
        lock (_gate)
            _botServiceKeys = [.. keys];
    }

    public void PublishEntraKeys(params SigningKey[] keys)
    {
        lock (_gate)
            _entraKeys = [.. keys];
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    /// <summary>A JWKS document of <paramref name="keys"/>'s public halves, each with its endorsements when given.</summary>
    internal static string Jwks(IEnumerable<(SigningKey Key, string[]? Endorsements)> keys)
    {
        var array = new JsonArray();
        foreach (var (key, endorsements) in keys)
        {
            var parameters = key.Rsa.ExportParameters(includePrivateParameters: false);
            var jwk = new JsonObject
            {
                ["kty"] = "RSA",
                ["use"] = "sig",
                ["kid"] = key.Id,
                ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
                ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
            };
            if (endorsements is not null)
                jwk["endorsements"] = new JsonArray([.. endorsements.Select(e => JsonValue.Create(e))]);
            array.Add(jwk);
        }

        return new JsonObject { ["keys"] = array }.ToJsonString();
    }
}

/// <summary>An RSA key pair with a key id. Pairs are made once per name and shared: generating RSA keys is slow.</summary>
public sealed class SigningKey
{
    private static readonly ConcurrentDictionary<string, RSA> Pairs = new();

    /// <param name="id">The <c>kid</c>.</param>
    /// <param name="pair">Which key pair; defaults to one of its own per kid, another name makes an impostor under the same kid.</param>
    public SigningKey(string id, string? pair = null)
    {
        ArgumentNullException.ThrowIfNull(id);
        Id = id;
        Rsa = Pairs.GetOrAdd(pair ?? id, _ => RSA.Create(2048));
    }

    public string Id { get; }
    public RSA Rsa { get; }

    public string CreateToken(TokenSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.Create(new SigningCredentials(new RsaSecurityKey(Rsa) { KeyId = Id }, SecurityAlgorithms.RsaSha256), issuedAt: true);
    }
}

/// <summary>The fields of a test token; <see cref="SigningKey.CreateToken"/> signs it, the static methods make the bad kinds.</summary>
public sealed record TokenSpec(string Issuer, string Audience, DateTimeOffset NotBefore, DateTimeOffset Expires)
{
    public IReadOnlyDictionary<string, object> Claims { get; init; } = new Dictionary<string, object>();

    /// <summary>The same claims with <c>alg: none</c>.</summary>
    public static string WithoutSignature(TokenSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.Create(credentials: null);
    }

    /// <summary>The same claims signed with a shared secret (HS256) instead of a published key.</summary>
    public static string SignedWithSecret(TokenSpec spec, byte[] secret)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.Create(new SigningCredentials(new SymmetricSecurityKey(secret) { KeyId = "shared" }, SecurityAlgorithms.HmacSha256));
    }

    internal string Create(SigningCredentials? credentials, bool issuedAt = false) =>
        new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = issuedAt ? NotBefore.UtcDateTime : null,
            NotBefore = NotBefore.UtcDateTime,
            Expires = Expires.UtcDateTime,
            Claims = new Dictionary<string, object>(Claims),
            SigningCredentials = credentials,
        });
}
