using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.IdentityModel.Tokens;

namespace MeetingBot.Channels.GoogleChat;

/// <summary>
/// Google's signing keys, per certificate URL, cached as long as Google's Cache-Control allows. Reads both forms
/// Google publishes: a JWK set (<c>oauth2/v3/certs</c>) and a map of key id to PEM certificate (the service-account
/// X.509 metadata). A token naming an unknown key triggers a refresh, at most once a minute, so rotated keys are
/// picked up at once and a stream of made-up key ids cannot hammer Google.
/// </summary>
public sealed class GoogleSigningKeys : IDisposable
{
    public const string HttpClientName = "MeetingBot.GoogleChat.Certs";

    private static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(1);
    private static readonly TimeSpan MinLifetime = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(1);
    private static readonly TimeSpan RefreshCooldown = TimeSpan.FromMinutes(1);

    private readonly IHttpClientFactory _httpClientFactory;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, Entry> _cache = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _refresh = new(1, 1);

    public GoogleSigningKeys(IHttpClientFactory httpClientFactory, TimeProvider time, ILogger<GoogleSigningKeys>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(httpClientFactory);
        ArgumentNullException.ThrowIfNull(time);
        _httpClientFactory = httpClientFactory;
        _time = time;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>The keys published at <paramref name="url"/>, fresh enough to contain <paramref name="keyId"/> if Google has it.</summary>
    /// <exception cref="GoogleSigningKeysException">The keys could not be fetched or read.</exception>
    public async Task<IReadOnlyList<SecurityKey>> GetAsync(string url, string? keyId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(url);
        if (_cache.TryGetValue(url, out var cached) && IsUsable(cached, keyId))
        {
            return cached.Keys;
        }

        await _refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Another request may have refreshed while this one waited.
            if (_cache.TryGetValue(url, out cached) && IsUsable(cached, keyId))
            {
                return cached.Keys;
            }

            var entry = await FetchAsync(url, cancellationToken).ConfigureAwait(false);
            _cache[url] = entry;
            GoogleChatLog.KeysFetched(_logger, url, entry.Keys.Count);
            return entry.Keys;
        }
        finally
        {
            _refresh.Release();
        }
    }

    public void Dispose() => _refresh.Dispose();

    private bool IsUsable(Entry entry, string? keyId)
    {
        var now = _time.GetUtcNow();
        if (now >= entry.Expires)
        {
            return false;
        }

        var known = keyId is null || entry.Keys.Any(k => string.Equals(k.KeyId, keyId, StringComparison.Ordinal));
        return known || now < entry.Fetched + RefreshCooldown;
    }

    private async Task<Entry> FetchAsync(string url, CancellationToken cancellationToken)
    {
        var client = _httpClientFactory.CreateClient(HttpClientName);
        string body;
        TimeSpan lifetime;
        try
        {
            using var response = await client.GetAsync(new Uri(url), cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new GoogleSigningKeysException(GoogleChatStrings.KeysStatus(url, (int)response.StatusCode));
            }

            body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            lifetime = response.Headers.CacheControl?.MaxAge ?? DefaultLifetime;
        }
        catch (HttpRequestException ex)
        {
            throw new GoogleSigningKeysException(GoogleChatStrings.KeysUnreachable(url, ex.Message), ex);
        }

        lifetime = lifetime < MinLifetime ? MinLifetime : lifetime > MaxLifetime ? MaxLifetime : lifetime;
        var now = _time.GetUtcNow();
        return new Entry(Parse(url, body), now, now + lifetime);
    }

    /// <summary>Keys from a JWK set (<c>{"keys":[…]}</c>) or a key id → PEM certificate map.</summary>
    public static IReadOnlyList<SecurityKey> Parse(string url, string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new GoogleSigningKeysException(GoogleChatStrings.KeysUnreadable(url, "JSON 객체가 아닙니다."));
            }

            if (document.RootElement.TryGetProperty("keys", out var keys) && keys.ValueKind == JsonValueKind.Array)
            {
                return new JsonWebKeySet(json).GetSigningKeys().ToList();
            }

            var list = new List<SecurityKey>();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Value.ValueKind == JsonValueKind.String)
                {
                    // Only the public key is kept: the certificate (and its native handle) is released at once, so a
                    // key rotation every few hours leaves nothing undisposed behind.
                    using var certificate = X509Certificate2.CreateFromPem(property.Value.GetString());
                    using var rsa = certificate.GetRSAPublicKey() ?? throw new CryptographicException("RSA 공개 키가 없는 인증서입니다.");
                    list.Add(new RsaSecurityKey(rsa.ExportParameters(includePrivateParameters: false)) { KeyId = property.Name });
                }
            }

            return list;
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or CryptographicException)
        {
            throw new GoogleSigningKeysException(GoogleChatStrings.KeysUnreadable(url, ex.Message), ex);
        }
    }

    private sealed record Entry(IReadOnlyList<SecurityKey> Keys, DateTimeOffset Fetched, DateTimeOffset Expires);
}

public sealed class GoogleSigningKeysException : Exception
{
    public GoogleSigningKeysException()
    {
    }

    public GoogleSigningKeysException(string message)
        : base(message)
    {
    }

    public GoogleSigningKeysException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
