using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;

namespace MeetingBot.TestSupport;

/// <summary>
/// A locally generated RSA key standing in for Google's, with the two forms Google publishes it in (a JWK set and a
/// key id → PEM certificate map) and real RS256 tokens shaped like the ones Google Chat sends.
/// </summary>
public sealed class GoogleChatTokens : IDisposable
{
    public const string ChatAccount = "chat@system.gserviceaccount.com";
    public const string GoogleIssuer = "https://accounts.google.com";

    private readonly RSA _key = RSA.Create(2048);

    public GoogleChatTokens(string keyId = "a1b2c3d4e5f6")
    {
        KeyId = keyId;
    }

    public string KeyId { get; }

    public void Dispose() => _key.Dispose();

    /// <summary>The public key as Google's <c>oauth2/v3/certs</c> serves it.</summary>
    public string JwksJson()
    {
        var p = _key.ExportParameters(includePrivateParameters: false);
        var key = new JsonObject
        {
            ["kty"] = "RSA",
            ["alg"] = "RS256",
            ["use"] = "sig",
            ["kid"] = KeyId,
            ["n"] = Base64Url(p.Modulus!),
            ["e"] = Base64Url(p.Exponent!),
        };
        return new JsonObject { ["keys"] = new JsonArray(key) }.ToJsonString();
    }

    /// <summary>The public key as a self-signed certificate in Google's X.509 metadata form.</summary>
    public string X509Json(DateTimeOffset now)
    {
        var request = new CertificateRequest($"CN={ChatAccount}", _key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));
        return new JsonObject { [KeyId] = certificate.ExportCertificatePem() }.ToJsonString();
    }

    /// <summary>A Google ID token as Chat sends it when the audience is the endpoint URL.</summary>
    public string IdToken(
        string audience,
        DateTimeOffset now,
        string email = ChatAccount,
        bool emailVerified = true,
        string issuer = GoogleIssuer,
        TimeSpan? lifetime = null) =>
        Sign(new JsonObject
        {
            ["iss"] = issuer,
            ["aud"] = audience,
            ["azp"] = "113150393858938213411",
            ["sub"] = "113150393858938213411",
            ["email"] = email,
            ["email_verified"] = emailVerified,
            ["iat"] = now.ToUnixTimeSeconds(),
            ["exp"] = (now + (lifetime ?? TimeSpan.FromHours(1))).ToUnixTimeSeconds(),
        });

    /// <summary>A token as Chat sends it when the audience is the project number.</summary>
    public string ProjectToken(string projectNumber, DateTimeOffset now, string issuer = ChatAccount) =>
        Sign(new JsonObject
        {
            ["iss"] = issuer,
            ["aud"] = projectNumber,
            ["iat"] = now.ToUnixTimeSeconds(),
            ["exp"] = now.AddHours(1).ToUnixTimeSeconds(),
        });

    /// <summary>Signs <paramref name="payload"/> with this key, RS256, under <see cref="KeyId"/> or another key id.</summary>
    public string Sign(JsonObject payload, string? keyId = null)
    {
        var header = new JsonObject { ["alg"] = "RS256", ["kid"] = keyId ?? KeyId, ["typ"] = "JWT" };
        var signingInput = $"{Base64Url(Encoding.UTF8.GetBytes(header.ToJsonString()))}.{Base64Url(Encoding.UTF8.GetBytes(payload.ToJsonString()))}";
        var signature = _key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{signingInput}.{Base64Url(signature)}";
    }

    /// <summary>The same claims with <c>alg: none</c> and no signature.</summary>
    public static string WithoutSignature(string signedToken)
    {
        ArgumentNullException.ThrowIfNull(signedToken);
        var payload = signedToken.Split('.')[1];
        return $"{Base64Url(Encoding.UTF8.GetBytes("""{"alg":"none","typ":"JWT"}"""))}.{payload}.";
    }

    public static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>A Google Chat <c>MESSAGE</c> event, as the HTTP endpoint receives it.</summary>
    public static string MessageEvent(string space, string messageId, string userId, string displayName, string text, string? argumentText = null, long? slashCommandId = null)
    {
        var message = new JsonObject
        {
            ["name"] = $"{space}/messages/{messageId}",
            ["sender"] = new JsonObject { ["name"] = userId, ["displayName"] = displayName, ["type"] = "HUMAN" },
            ["createTime"] = "2020-09-15T05:00:05.123456Z",
            ["text"] = text,
            ["argumentText"] = argumentText ?? text,
            ["thread"] = new JsonObject { ["name"] = $"{space}/threads/t-{messageId}" },
            ["space"] = new JsonObject { ["name"] = space },
        };
        if (slashCommandId is { } id)
        {
            message["slashCommand"] = new JsonObject { ["commandId"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        }

        return new JsonObject
        {
            ["type"] = "MESSAGE",
            ["eventTime"] = "2020-09-15T05:00:05.123456Z",
            ["space"] = new JsonObject { ["name"] = space, ["type"] = "ROOM", ["spaceType"] = "SPACE", ["displayName"] = "전략사업 분과" },
            ["message"] = message,
            ["user"] = new JsonObject { ["name"] = userId, ["displayName"] = displayName, ["type"] = "HUMAN" },
            ["configCompleteRedirectUrl"] = "https://chat.google.com/api/bot_config_complete?token=x",
            ["common"] = new JsonObject { ["userLocale"] = "ko", ["hostApp"] = "CHAT" },
        }.ToJsonString();
    }
}
