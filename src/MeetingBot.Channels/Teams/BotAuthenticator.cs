using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MeetingBot.Channels.Teams;

public enum BotAuthStatus
{
    Ok,
    Unauthorized,
    Forbidden,
}

/// <summary>
/// Outcome of <see cref="BotAuthenticator.VerifyTokenAsync"/> and <see cref="BotAuthenticator.CheckActivity"/>:
/// 200, 401 or 403 with a reason for the log. A verified token travels in <see cref="Token"/> to the activity check.
/// </summary>
public sealed record BotAuthResult(BotAuthStatus Status, string? Reason = null)
{
    public static readonly BotAuthResult Ok = new(BotAuthStatus.Ok);

    public static BotAuthResult Unauthorized(string reason) => new(BotAuthStatus.Unauthorized, reason);

    public static BotAuthResult Forbidden(string reason) => new(BotAuthStatus.Forbidden, reason);

    public bool Succeeded => Status == BotAuthStatus.Ok;

    /// <summary>The token that passed, or null for a request without one that development mode lets in.</summary>
    internal BotAuthenticator.VerifiedToken? Token { get; init; }
}

/// <summary>
/// Checks the bearer token the Bot Service puts on every inbound activity, as the Bot Framework SDK does
/// (botbuilder <c>JwtTokenValidation</c> with <c>ChannelValidation</c>, <c>EmulatorValidation</c>, <c>SkillValidation</c>):
/// stock JwtBearer would stop after signature, issuer and audience. On top of those: an Entra-issued token must have been
/// issued to the bot itself (<c>appid</c> for v1, <c>azp</c> for v2, by its <c>ver</c>), for another app of the tenant
/// asking for a token to the bot's audience is a skill call, which this bot takes from nobody; every token must carry
/// a <c>serviceurl</c> claim, and the activity's <c>serviceUrl</c> must equal it; the signing key's JWKS
/// <c>endorsements</c> must include the channel. The token is checked before the body is read (<see cref="VerifyTokenAsync"/>),
/// the activity after (<see cref="CheckActivity"/>), and only then is its service URL trusted with the bot's own token.
/// </summary>
public sealed class BotAuthenticator : IDisposable
{
    public const string BotServiceIssuer = "https://api.botframework.com";
    private const string ServiceUrlClaim = "serviceurl";
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>Tenants whose Entra-issued tokens speak for the Bot Service (besides the bot's own tenant).</summary>
    public static readonly IReadOnlyList<string> BotServiceTenants =
    [
        "d6d49420-f39b-4df7-a1dc-d59a935871db",
        "f8cdef31-a31e-4b4a-93e4-5f571e91255a",
        "69e9b82d-4842-4902-8d1e-abc5b98a55e8",
    ];

    private readonly TeamsOptions _options;
    private readonly ServiceUrlTrust _trust;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<BotAuthenticator> _logger;
    private readonly JsonWebTokenHandler _handler = new();
    private readonly SigningKeyCache _botService;
    private readonly SigningKeyCache _entra;
    private readonly HashSet<string> _entraIssuers;

    // The Bot Service puts one token on many activities. Once its signature and claims have passed against a key
    // snapshot, the same token string needs only its lifetime and the per-activity checks again, until the keys change.
    private readonly ConcurrentDictionary<string, VerifiedToken> _verified = new(StringComparer.Ordinal);
    private const int MaxVerified = 1024;

    public BotAuthenticator(IOptions<TeamsOptions> options, ServiceUrlTrust trust, IHttpClientFactory httpClientFactory, TimeProvider timeProvider, ILogger<BotAuthenticator> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(trust);
        ArgumentNullException.ThrowIfNull(httpClientFactory);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _options = options.Value;
        _trust = trust;
        _timeProvider = timeProvider;
        _logger = logger;
        if (_options.AllowUnauthenticated)
            TeamsLog.UnauthenticatedAllowed(_logger);

        var documents = new MetadataDocumentRetriever(httpClientFactory);
        var retriever = new SigningMetadataRetriever();
        _botService = new SigningKeyCache(_options.BotServiceMetadataUrl, retriever, documents, timeProvider);
        _entra = new SigningKeyCache(_options.EntraMetadataUrl, retriever, documents, timeProvider);

        var tenants = BotServiceTenants.Append(_options.TenantId).Where(t => !string.IsNullOrWhiteSpace(t)).Distinct(StringComparer.OrdinalIgnoreCase);
        _entraIssuers = tenants
            .SelectMany(t => new[] { $"https://sts.windows.net/{t}/", $"https://login.microsoftonline.com/{t}/v2.0" })
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Both steps for a request whose activity is already read: <see cref="VerifyTokenAsync"/>, then <see cref="CheckActivity"/>.</summary>
    public async Task<BotAuthResult> AuthenticateAsync(string? authorizationHeader, Activity activity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var token = await VerifyTokenAsync(authorizationHeader, cancellationToken).ConfigureAwait(false);
        return token.Succeeded ? CheckActivity(token, activity) : token;
    }

    /// <summary>Everything that can be checked before the body is read: the token, its issuer, keys, lifetime and caller.</summary>
    /// <param name="authorizationHeader">The raw <c>Authorization</c> header, or null when absent.</param>
    public async Task<BotAuthResult> VerifyTokenAsync(string? authorizationHeader, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(authorizationHeader))
        {
            if (_options.AllowUnauthenticated)
                return BotAuthResult.Ok;
            return Reject(BotAuthResult.Unauthorized(TeamsStrings.MissingToken));
        }

        const string scheme = "Bearer ";
        if (!authorizationHeader.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            return Reject(BotAuthResult.Unauthorized(TeamsStrings.NotBearer));
        var token = authorizationHeader[scheme.Length..].Trim();

        if (string.IsNullOrEmpty(_options.AppId))
            return Reject(BotAuthResult.Unauthorized(TeamsStrings.NoAppIdForToken));

        if (_verified.TryGetValue(token, out var known))
        {
            if (ReferenceEquals(await known.Keys.GetAsync(cancellationToken).ConfigureAwait(false), known.Metadata)
                && WithinLifetime(known.NotBefore, known.Expires))
            {
                return BotAuthResult.Ok with { Token = known };
            }

            _verified.TryRemove(token, out _);
        }

        JsonWebToken unverified;
        try
        {
            unverified = new JsonWebToken(token);
        }
        catch (ArgumentException)
        {
            return Reject(BotAuthResult.Unauthorized(TeamsStrings.MalformedToken));
        }

        // The unverified issuer only chooses where to look for keys; the full validation below checks it again.
        var (isBotService, keys, validIssuers) = unverified.Issuer switch
        {
            BotServiceIssuer => (true, _botService, (IEnumerable<string>)[BotServiceIssuer]),
            var iss when _entraIssuers.Contains(iss) => (false, _entra, _entraIssuers),
            _ => (false, null, []),
        };
        if (keys is null)
            return Reject(BotAuthResult.Unauthorized(TeamsStrings.UnknownIssuer(unverified.Issuer)));

        SigningMetadata metadata;
        TokenValidationResult result;
        try
        {
            metadata = await keys.GetAsync(cancellationToken).ConfigureAwait(false);
            result = await ValidateAsync(token, metadata, validIssuers).ConfigureAwait(false);
            if (result.Exception is SecurityTokenSignatureKeyNotFoundException)
            {
                // Keys roll over: a kid we have not seen asks for fresh metadata (the cache rate-limits this).
                TeamsLog.SigningKeyNotFound(_logger, unverified.Kid);
                var refreshed = await keys.RefreshForUnknownKeyAsync(metadata, cancellationToken).ConfigureAwait(false);
                if (!ReferenceEquals(refreshed, metadata))
                {
                    metadata = refreshed;
                    result = await ValidateAsync(token, metadata, validIssuers).ConfigureAwait(false);
                }
            }
        }
        catch (InvalidOperationException ex)
        {
            TeamsLog.MetadataUnavailable(_logger, ex);
            return Reject(BotAuthResult.Unauthorized(TeamsStrings.MetadataUnavailable));
        }

        if (!result.IsValid)
            return Reject(BotAuthResult.Unauthorized(TeamsStrings.InvalidToken(result.Exception?.GetType().Name)));

        var validated = (JsonWebToken)result.SecurityToken;
        if (!isBotService && CallerOf(validated) is var caller && !string.Equals(caller, _options.AppId, StringComparison.OrdinalIgnoreCase))
            return Reject(BotAuthResult.Unauthorized(TeamsStrings.NotIssuedToTheBot(caller)));

        if (!validated.TryGetPayloadValue<string>(ServiceUrlClaim, out var serviceUrl) || string.IsNullOrWhiteSpace(serviceUrl))
            return Reject(BotAuthResult.Unauthorized(TeamsStrings.NoServiceUrlClaim));

        var verified = new VerifiedToken(serviceUrl, validated.SigningKey?.KeyId ?? validated.Kid, keys, metadata,
            validated.ValidFrom == DateTime.MinValue ? null : validated.ValidFrom, validated.ValidTo);
        if (_verified.Count >= MaxVerified)
            _verified.Clear();
        _verified[token] = verified;
        return BotAuthResult.Ok with { Token = verified };
    }

    /// <summary>
    /// What ties a verified token to this activity: its service URL, and its signing key's endorsement of the channel.
    /// Passing makes the service URL one the bot's own token may go to (<see cref="ServiceUrlTrust"/>).
    /// </summary>
    /// <param name="verified">A successful <see cref="VerifyTokenAsync"/> result.</param>
    public BotAuthResult CheckActivity(BotAuthResult verified, Activity activity)
    {
        ArgumentNullException.ThrowIfNull(verified);
        ArgumentNullException.ThrowIfNull(activity);
        if (!verified.Succeeded)
            return verified;
        if (verified.Token is not { } token)
            return _options.AllowUnauthenticated ? BotAuthResult.Ok : Reject(BotAuthResult.Unauthorized(TeamsStrings.MissingToken));

        if (!TeamsUrls.SameServiceUrl(token.ServiceUrl, activity.ServiceUrl))
            return Reject(BotAuthResult.Forbidden(TeamsStrings.ServiceUrlMismatch));

        if (token.KeyId is not null && token.Metadata.Endorsements.TryGetValue(token.KeyId, out var channels)
            && (string.IsNullOrEmpty(activity.ChannelId) || !channels.Contains(activity.ChannelId)))
        {
            return Reject(BotAuthResult.Forbidden(TeamsStrings.ChannelNotEndorsed(activity.ChannelId)));
        }

        _trust.Vouch(token.ServiceUrl);
        return BotAuthResult.Ok;
    }

    /// <summary>
    /// The app an Entra token was issued to, where the SDK's emulator and skill checks look: <c>appid</c> in v1 tokens,
    /// <c>azp</c> in v2 ones; null for a version it does not know, which no bot id equals.
    /// </summary>
    private static string? CallerOf(JsonWebToken token)
    {
        var version = token.TryGetPayloadValue<string>("ver", out var ver) ? ver : null;
        var claim = version switch
        {
            null or "" or "1.0" => "appid",
            "2.0" => "azp",
            _ => null,
        };
        return claim is not null && token.TryGetPayloadValue<string>(claim, out var appId) ? appId : null;
    }

    /// <summary>A token that passed every check that does not depend on the activity.</summary>
    internal sealed record VerifiedToken(string ServiceUrl, string? KeyId, SigningKeyCache Keys, SigningMetadata Metadata, DateTime? NotBefore, DateTime Expires);

    public void Dispose()
    {
        _botService.Dispose();
        _entra.Dispose();
    }

    private Task<TokenValidationResult> ValidateAsync(string token, SigningMetadata metadata, IEnumerable<string> validIssuers) =>
        _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuers = validIssuers,
            ValidAudience = _options.AppId,
            IssuerSigningKeys = metadata.Keys,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            ValidateIssuerSigningKey = true,
            ClockSkew = ClockSkew,
            LifetimeValidator = IsWithinLifetime,
        });

    // The library reads the system clock; going through TimeProvider keeps expiry testable with a fake clock.
    private bool IsWithinLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters) =>
        WithinLifetime(notBefore, expires);

    private bool WithinLifetime(DateTime? notBefore, DateTime? expires)
    {
        if (expires is null)
            return false;
        var now = _timeProvider.GetUtcNow().UtcDateTime;
        return (notBefore is null || notBefore.Value <= now + ClockSkew) && expires.Value >= now - ClockSkew;
    }

    private BotAuthResult Reject(BotAuthResult result)
    {
        TeamsLog.Rejected(_logger, result.Status, result.Reason);
        return result;
    }
}
