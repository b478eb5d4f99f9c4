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

/// <summary>Outcome of <see cref="BotAuthenticator.AuthenticateAsync"/>: 200, 401 or 403 with a reason for the log.</summary>
public sealed record BotAuthResult(BotAuthStatus Status, string? Reason = null)
{
    public static readonly BotAuthResult Ok = new(BotAuthStatus.Ok);

    public static BotAuthResult Unauthorized(string reason) => new(BotAuthStatus.Unauthorized, reason);

    public static BotAuthResult Forbidden(string reason) => new(BotAuthStatus.Forbidden, reason);

    public bool Succeeded => Status == BotAuthStatus.Ok;
}

/// <summary>
/// Checks the bearer token the Bot Service puts on every inbound activity. Stock JwtBearer would stop after the
/// signature and claims; the Bot Framework rules also bind the token to the activity (<c>serviceurl</c> claim)
/// and the signing key to the channel (JWKS <c>endorsements</c>).
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
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<BotAuthenticator> _logger;
    private readonly JsonWebTokenHandler _handler = new();
    private readonly SigningKeyCache _botService;
    private readonly SigningKeyCache _entra;
    private readonly HashSet<string> _entraIssuers;

    // The Bot Service puts one token on many activities. Once its signature and claims have passed against a key
    // snapshot, the same token string needs only its lifetime and the per-activity checks again, until the keys change.
    private readonly ConcurrentDictionary<string, Verified> _verified = new(StringComparer.Ordinal);
    private const int MaxVerified = 1024;

    public BotAuthenticator(IOptions<TeamsOptions> options, IHttpClientFactory httpClientFactory, TimeProvider timeProvider, ILogger<BotAuthenticator> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(httpClientFactory);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _options = options.Value;
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

    /// <param name="authorizationHeader">The raw <c>Authorization</c> header, or null when absent.</param>
    /// <param name="activity">The activity the token came with; its <c>serviceUrl</c> and <c>channelId</c> are checked against the token.</param>
    public async Task<BotAuthResult> AuthenticateAsync(string? authorizationHeader, Activity activity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(activity);

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
                return CheckActivity(known.IsBotService, known.ServiceUrlClaim, known.KeyId, known.Metadata, activity);
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
        var serviceUrlClaim = validated.TryGetPayloadValue<string>(ServiceUrlClaim, out var claimed) ? claimed : null;
        var keyId = validated.SigningKey?.KeyId ?? validated.Kid;
        if (_verified.Count >= MaxVerified)
            _verified.Clear();
        _verified[token] = new Verified(isBotService, serviceUrlClaim, keyId, keys, metadata,
            validated.ValidFrom == DateTime.MinValue ? null : validated.ValidFrom, validated.ValidTo);
        return CheckActivity(isBotService, serviceUrlClaim, keyId, metadata, activity);
    }

    /// <summary>What ties a valid token to this activity: its service URL, and its signing key's endorsement of the channel.</summary>
    private BotAuthResult CheckActivity(bool isBotService, string? serviceUrlClaim, string? keyId, SigningMetadata metadata, Activity activity)
    {
        if ((isBotService || serviceUrlClaim is not null) && !TeamsUrls.SameServiceUrl(serviceUrlClaim, activity.ServiceUrl))
            return Reject(BotAuthResult.Forbidden(TeamsStrings.ServiceUrlMismatch));

        if (keyId is not null && metadata.Endorsements.TryGetValue(keyId, out var channels)
            && (string.IsNullOrEmpty(activity.ChannelId) || !channels.Contains(activity.ChannelId)))
        {
            return Reject(BotAuthResult.Forbidden(TeamsStrings.ChannelNotEndorsed(activity.ChannelId)));
        }

        return BotAuthResult.Ok;
    }

    private sealed record Verified(bool IsBotService, string? ServiceUrlClaim, string? KeyId, SigningKeyCache Keys, SigningMetadata Metadata, DateTime? NotBefore, DateTime Expires);

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
