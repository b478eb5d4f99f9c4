using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.Tokens;

namespace MeetingBot.TestSupport;

/// <summary>A person of the council's directory as the provider signs them in.</summary>
public sealed record OrganisationAccount(string? Name, string UserName, params string[] Roles)
{
    public string ObjectId { get; } = Guid.NewGuid().ToString();
}

/// <summary>The id_token the token endpoint is about to sign, and the key it signs with; a test may change either.</summary>
public sealed record IssuedToken(TokenSpec Spec, SigningKey Key)
{
    public IssuedToken WithClaim(string name, object value) =>
        this with { Spec = Spec with { Claims = new Dictionary<string, object>(Spec.Claims) { [name] = value } } };
}

/// <summary>
/// Stands in for one Microsoft Entra tenant on a <see cref="LocalHttpServer"/>, laid out as login.microsoftonline.com is
/// (<c>{instance}{tenant}/v2.0/.well-known/openid-configuration</c>): discovery document, JWKS, an authorize endpoint
/// that signs in <see cref="User"/> at once and redirects back with a code (query), a token endpoint that checks the
/// client secret, the redirect URI and the PKCE verifier and issues an RS256 id_token carrying the nonce, and a logout
/// endpoint. Codes are single-use. <see cref="Tamper"/> lets a test make the bad tokens an attacker would.
/// </summary>
public sealed class LocalOpenIdProvider : IAsyncDisposable
{
    public const string TenantId = "6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b";
    public const string ClientId = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
    public const string ClientSecret = "local-client-secret-Zr8w-Lk1p-Xv4n";

    private readonly ConcurrentDictionary<string, Grant> _grants = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<IReadOnlyDictionary<string, string>> _authorizations = new();
    private readonly ConcurrentQueue<string> _signOuts = new();
    private int _tokensIssued;
    private int _stopped;
    private LocalHttpServer _server = null!;

    /// <summary>The key the JWKS publishes and tokens are signed with.</summary>
    public SigningKey Key { get; } = new("local-entra-key");

    /// <summary>Who is signed in at the provider; null answers the authorize request with <c>access_denied</c>.</summary>
    public OrganisationAccount? User { get; set; }

    /// <summary>Changes each id_token before it is signed (another key, audience, issuer, nonce …).</summary>
    public Func<IssuedToken, IssuedToken>? Tamper { get; set; }

    /// <summary><c>AzureAd:Instance</c>: the root, with a trailing slash.</summary>
    public string Instance => _server.Address.AbsoluteUri;

    /// <summary>The tenant's v2.0 issuer, which is also its authority.</summary>
    public string Issuer => _server.Url($"/{TenantId}/v2.0");

    /// <summary>The query of every authorize request, in order.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string>> Authorizations => [.. _authorizations];

    public int TokensIssued => Volatile.Read(ref _tokensIssued);

    /// <summary>The <c>post_logout_redirect_uri</c> of every logout request.</summary>
    public IReadOnlyList<string> SignOuts => [.. _signOuts];

    /// <summary>The host's settings for signing staff in here.</summary>
    public Dictionary<string, string?> HostSettings => new()
    {
        ["Staff:SignIn"] = "entra",
        ["AzureAd:Instance"] = Instance,
        ["AzureAd:TenantId"] = TenantId,
        ["AzureAd:ClientId"] = ClientId,
        ["AzureAd:ClientSecret"] = ClientSecret,
    };

    public static async Task<LocalOpenIdProvider> StartAsync()
    {
        var provider = new LocalOpenIdProvider();
        provider._server = await LocalHttpServer.StartWithRoutesAsync(app =>
        {
            var tenant = $"/{TenantId}";
            app.MapGet(tenant + "/v2.0/.well-known/openid-configuration", () => Results.Json(provider.Discovery()));
            app.MapGet(tenant + "/discovery/v2.0/keys", () => Results.Text(TeamsIdentityServer.Jwks([(provider.Key, null)]), "application/json"));
            app.MapGet(tenant + "/oauth2/v2.0/authorize", (HttpRequest request) => provider.Authorize(request));
            app.MapPost(tenant + "/oauth2/v2.0/token", async (HttpRequest request) => provider.Token(await request.ReadFormAsync()));
            app.MapGet(tenant + "/oauth2/v2.0/logout", (HttpRequest request) =>
            {
                var back = request.Query["post_logout_redirect_uri"].ToString();
                provider._signOuts.Enqueue(back);
                return back.Length > 0 ? Results.Redirect(back) : Results.Text("signed out");
            });
        });
        return provider;
    }

    /// <summary>Stops the provider (a test may do so early, to find it unreachable); a second call does nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 0)
        {
            await _server.DisposeAsync();
        }
    }

    private Dictionary<string, object> Discovery() => new()
    {
        ["issuer"] = Issuer,
        ["authorization_endpoint"] = _server.Url($"/{TenantId}/oauth2/v2.0/authorize"),
        ["token_endpoint"] = _server.Url($"/{TenantId}/oauth2/v2.0/token"),
        ["end_session_endpoint"] = _server.Url($"/{TenantId}/oauth2/v2.0/logout"),
        ["jwks_uri"] = _server.Url($"/{TenantId}/discovery/v2.0/keys"),
        ["response_types_supported"] = new[] { "code" },
        ["response_modes_supported"] = new[] { "query" },
        ["subject_types_supported"] = new[] { "pairwise" },
        ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        ["code_challenge_methods_supported"] = new[] { "S256" },
        ["token_endpoint_auth_methods_supported"] = new[] { "client_secret_post" },
    };

    private IResult Authorize(HttpRequest request)
    {
        var query = request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        _authorizations.Enqueue(query);
        string Get(string name) => query.GetValueOrDefault(name, "");
        if (Get("client_id") != ClientId || Get("response_type") != "code" || Get("code_challenge_method") != "S256"
            || Get("code_challenge").Length == 0 || Get("nonce").Length == 0 || Get("state").Length == 0
            || !Uri.TryCreate(Get("redirect_uri"), UriKind.Absolute, out _))
        {
            return Results.BadRequest("invalid_request");
        }

        var back = new Dictionary<string, string?> { ["state"] = Get("state") };
        if (User is not { } user)
        {
            back["error"] = "access_denied";
        }
        else
        {
            var code = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
            _grants[code] = new Grant(Get("redirect_uri"), Get("nonce"), Get("code_challenge"), user);
            back["code"] = code;
        }

        return Results.Redirect(QueryHelpers.AddQueryString(Get("redirect_uri"), back));
    }

    private IResult Token(IFormCollection form)
    {
        string Get(string name) => form[name].ToString();
        if (Get("client_id") != ClientId || Get("client_secret") != ClientSecret)
        {
            return Results.Json(new { error = "invalid_client" }, statusCode: StatusCodes.Status401Unauthorized);
        }

        if (Get("grant_type") != "authorization_code" || !_grants.TryRemove(Get("code"), out var grant)
            || grant.RedirectUri != Get("redirect_uri")
            || Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(Get("code_verifier")))) != grant.Challenge)
        {
            return Results.Json(new { error = "invalid_grant" }, statusCode: StatusCodes.Status400BadRequest);
        }

        var accessToken = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        var now = TimeProvider.System.GetUtcNow();
        var claims = new Dictionary<string, object>
        {
            ["sub"] = grant.User.ObjectId,
            ["oid"] = grant.User.ObjectId,
            ["tid"] = TenantId,
            ["ver"] = "2.0",
            ["preferred_username"] = grant.User.UserName,
            ["nonce"] = grant.Nonce,
            ["at_hash"] = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(accessToken))[..16]),
        };
        if (grant.User.Name is { } name)
        {
            claims["name"] = name;
        }

        if (grant.User.Roles.Length > 0)
        {
            claims["roles"] = grant.User.Roles;
        }

        var issued = new IssuedToken(new TokenSpec(Issuer, ClientId, now.AddMinutes(-1), now.AddHours(1)) { Claims = claims }, Key);
        issued = Tamper?.Invoke(issued) ?? issued;
        Interlocked.Increment(ref _tokensIssued);
        return Results.Json(new Dictionary<string, object>
        {
            ["token_type"] = "Bearer",
            ["access_token"] = accessToken,
            ["id_token"] = issued.Key.CreateToken(issued.Spec),
            ["expires_in"] = 3600,
            ["scope"] = "openid profile",
        });
    }

    private sealed record Grant(string RedirectUri, string Nonce, string Challenge, OrganisationAccount User);
}
