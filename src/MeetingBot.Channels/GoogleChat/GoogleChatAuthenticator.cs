using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MeetingBot.Channels.GoogleChat;

/// <summary>Whether a request is from Google Chat; <see cref="Reason"/> says why not, in Korean, for the 401 and the log.</summary>
public sealed record GoogleChatAuthResult(bool Succeeded, string? Reason = null)
{
    public static GoogleChatAuthResult Success { get; } = new(true);

    public static GoogleChatAuthResult Fail(string reason) => new(false, reason);
}

/// <summary>
/// Checks the bearer token Google Chat sends with every event (PROTOCOLS.md, "Verify requests from Google Chat"):
/// an RS256 signature by one of Google's published keys, the configured audience, a current lifetime (five minutes
/// of clock skew), and the sender — <c>email</c> = <c>chat@system.gserviceaccount.com</c> on a Google ID token, or
/// <c>iss</c> = that address on a project-number token.
/// </summary>
public sealed class GoogleChatAuthenticator
{
    private static readonly string[] IdTokenIssuers = ["https://accounts.google.com", "accounts.google.com"];
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private readonly IOptions<GoogleChatOptions> _options;
    private readonly GoogleSigningKeys _keys;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    public GoogleChatAuthenticator(IOptions<GoogleChatOptions> options, GoogleSigningKeys keys, TimeProvider time, ILogger<GoogleChatAuthenticator>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(time);
        _options = options;
        _keys = keys;
        _time = time;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    public async Task<GoogleChatAuthResult> AuthenticateAsync(string? authorization, CancellationToken cancellationToken)
    {
        var result = await CheckAsync(authorization, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            GoogleChatLog.Unauthorized(_logger, result.Reason!);
        }

        return result;
    }

    private async Task<GoogleChatAuthResult> CheckAsync(string? authorization, CancellationToken cancellationToken)
    {
        var options = _options.Value;
        if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return GoogleChatAuthResult.Fail(GoogleChatStrings.MissingToken);
        }

        var token = authorization[7..].Trim();
        if (!_handler.CanReadToken(token))
        {
            return GoogleChatAuthResult.Fail(GoogleChatStrings.MalformedToken);
        }

        JsonWebToken jwt;
        try
        {
            jwt = _handler.ReadJsonWebToken(token);
        }
        catch (ArgumentException)
        {
            return GoogleChatAuthResult.Fail(GoogleChatStrings.MalformedToken);
        }

        if (!string.Equals(jwt.Alg, SecurityAlgorithms.RsaSha256, StringComparison.Ordinal))
        {
            return GoogleChatAuthResult.Fail(GoogleChatStrings.WrongAlgorithm(jwt.Alg));
        }

        // Lifetime is checked here, on the injected clock; the handler's own check would read the system clock.
        if (Lifetime(jwt) is { } lifetimeProblem)
        {
            return GoogleChatAuthResult.Fail(GoogleChatStrings.Invalid(lifetimeProblem));
        }

        IReadOnlyList<SecurityKey> keys;
        try
        {
            keys = await _keys.GetAsync(options.EffectiveCertsUrl, jwt.Kid, cancellationToken).ConfigureAwait(false);
        }
        catch (GoogleSigningKeysException ex)
        {
            GoogleChatLog.KeysFailed(_logger, ex.Message);
            return GoogleChatAuthResult.Fail(ex.Message);
        }

        var projectNumber = options.AudienceType == GoogleChatAudienceType.ProjectNumber;
        var parameters = new TokenValidationParameters
        {
            ValidAudience = options.Audience.Trim(),
            ValidIssuers = projectNumber ? [GoogleChatOptions.ChatServiceAccount] : IdTokenIssuers,
            IssuerSigningKeys = keys,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            RequireSignedTokens = true,
            ValidateLifetime = false,
        };
        var validation = await _handler.ValidateTokenAsync(token, parameters).ConfigureAwait(false);
        if (!validation.IsValid)
        {
            return GoogleChatAuthResult.Fail(GoogleChatStrings.Invalid(Describe(validation.Exception)));
        }

        if (!projectNumber)
        {
            var email = validation.Claims.TryGetValue("email", out var e) ? e?.ToString() : null;
            var verified = validation.Claims.TryGetValue("email_verified", out var v) && string.Equals(v?.ToString(), "true", StringComparison.OrdinalIgnoreCase);
            if (!string.Equals(email, GoogleChatOptions.ChatServiceAccount, StringComparison.OrdinalIgnoreCase) || !verified)
            {
                return GoogleChatAuthResult.Fail(GoogleChatStrings.WrongSender(email));
            }
        }

        return GoogleChatAuthResult.Success;
    }

    private string? Lifetime(JsonWebToken jwt)
    {
        if (!jwt.TryGetPayloadValue<long>("exp", out var exp))
        {
            return GoogleChatStrings.NoExpiry;
        }

        var now = _time.GetUtcNow();
        if (now > DateTimeOffset.FromUnixTimeSeconds(exp) + ClockSkew)
        {
            return GoogleChatStrings.Expired;
        }

        var notBefore = jwt.TryGetPayloadValue<long>("nbf", out var nbf) ? nbf : jwt.TryGetPayloadValue<long>("iat", out var iat) ? iat : (long?)null;
        return notBefore is { } start && now + ClockSkew < DateTimeOffset.FromUnixTimeSeconds(start) ? GoogleChatStrings.NotYetValid : null;
    }

    /// <summary>The kind of failure, not the token: the exception text can echo claims a stranger chose.</summary>
    private static string Describe(Exception? ex) => ex switch
    {
        SecurityTokenInvalidAudienceException => GoogleChatStrings.WrongAudience,
        SecurityTokenInvalidIssuerException => GoogleChatStrings.WrongIssuer,
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => GoogleChatStrings.BadSignature,
        null => GoogleChatStrings.Unknown,
        _ => ex.GetType().Name,
    };
}
