// TokenTool: a local Bot Framework identity for load tests, on 127.0.0.1 only.
//   HTTP  {--http-port}:  /botframework/v1/.well-known/openidconfiguration and its JWKS (one RSA key made at start,
//                         endorsed for msteams): what Teams:BotServiceMetadataUrl points at.
//   HTTPS {--https-port}: /{tenant}/oauth2/v2.0/token, client credentials for MSAL (Teams:OAuthAuthority), with a
//                         self-signed certificate for 127.0.0.1 written to DIR/ca.pem (give the bot SSL_CERT_FILE).
// Writes DIR/token.txt: an inbound Bot Service token (issuer api.botframework.com, audience --app-id, serviceurl
// --service-url) valid for --hours, then DIR/ready. Runs until stopped.
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

var options = Options.Parse(args);
Directory.CreateDirectory(options.Dir);
using var key = RSA.Create(2048);
const string KeyId = "load-test-key";
var signing = new SigningCredentials(new RsaSecurityKey(key) { KeyId = KeyId }, SecurityAlgorithms.RsaSha256);
var clock = TimeProvider.System;
var now = clock.GetUtcNow();

var inbound = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
{
    Issuer = "https://api.botframework.com",
    Audience = options.AppId,
    IssuedAt = now.AddMinutes(-1).UtcDateTime,
    NotBefore = now.AddMinutes(-1).UtcDateTime,
    Expires = now.AddHours(options.Hours).UtcDateTime,
    Claims = new Dictionary<string, object> { ["serviceurl"] = options.ServiceUrl },
    SigningCredentials = signing,
});

using var certificate = SelfSigned(now);
await File.WriteAllTextAsync(Path.Combine(options.Dir, "ca.pem"), certificate.ExportCertificatePem());

var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.Listen(IPAddress.Loopback, options.HttpPort);
    kestrel.Listen(IPAddress.Loopback, options.HttpsPort, listen => listen.UseHttps(certificate));
});
var app = builder.Build();
var metadataBase = $"http://127.0.0.1:{options.HttpPort}/botframework/v1/.well-known";
app.MapGet("/botframework/v1/.well-known/openidconfiguration", () => Results.Json(new Dictionary<string, object>
{
    ["issuer"] = "https://api.botframework.com",
    ["jwks_uri"] = $"{metadataBase}/keys",
    ["id_token_signing_alg_values_supported"] = Options.Rs256,
}));
app.MapGet("/botframework/v1/.well-known/keys", () =>
{
    var parameters = key.ExportParameters(includePrivateParameters: false);
    var jwk = new JsonObject
    {
        ["kty"] = "RSA",
        ["use"] = "sig",
        ["kid"] = KeyId,
        ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
        ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
        ["endorsements"] = new JsonArray("msteams"),
    };
    return Results.Text(new JsonObject { ["keys"] = new JsonArray(jwk) }.ToJsonString(), "application/json");
});
app.MapPost("/{tenant}/oauth2/v2.0/token", (string tenant) =>
{
    // What the bot presents to the connector; the connector stub does not check it, so any well-formed token will do.
    var outbound = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = $"https://login.microsoftonline.com/{tenant}/v2.0",
        Audience = "https://api.botframework.com",
        Expires = clock.GetUtcNow().AddHours(options.Hours).UtcDateTime,
        SigningCredentials = signing,
    });
    return Results.Json(new Dictionary<string, object>
    {
        ["token_type"] = "Bearer",
        ["expires_in"] = options.Hours * 3600,
        ["ext_expires_in"] = options.Hours * 3600,
        ["access_token"] = outbound,
    });
});
app.MapFallback((HttpContext context) =>
{
    Console.Error.WriteLine($"tokentool: unexpected {context.Request.Method} {context.Request.Path}");
    return Results.NotFound();
});

await app.StartAsync();
await File.WriteAllTextAsync(Path.Combine(options.Dir, "token.txt"), inbound);
await File.WriteAllTextAsync(Path.Combine(options.Dir, "ready"), now.ToString("O", CultureInfo.InvariantCulture));
Console.WriteLine($"tokentool: metadata {metadataBase}/../openidconfiguration, authority https://127.0.0.1:{options.HttpsPort}/, token in {options.Dir}");
await app.WaitForShutdownAsync();

static X509Certificate2 SelfSigned(DateTimeOffset now)
{
    using var rsa = RSA.Create(2048);
    var request = new CertificateRequest("CN=127.0.0.1", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    var names = new SubjectAlternativeNameBuilder();
    names.AddIpAddress(IPAddress.Loopback);
    names.AddDnsName("localhost");
    request.CertificateExtensions.Add(names.Build());
    request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
    request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, critical: true));
    request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
    using var created = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(2));
    // Through PKCS#12 so the private key is usable by the TLS stack on every platform.
    return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
}

internal sealed record Options(string Dir, string AppId, string ServiceUrl, int HttpPort, int HttpsPort, int Hours)
{
    public static readonly string[] Rs256 = ["RS256"];

    public static Options Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i].TrimStart('-')] = args[i + 1];
        }

        string Get(string name, string? fallback = null) =>
            values.GetValueOrDefault(name) ?? fallback ?? throw new ArgumentException($"--{name} is required");

        return new Options(
            Get("dir"),
            Get("app-id"),
            Get("service-url"),
            int.Parse(Get("http-port", "5180"), CultureInfo.InvariantCulture),
            int.Parse(Get("https-port", "5181"), CultureInfo.InvariantCulture),
            int.Parse(Get("hours", "6"), CultureInfo.InvariantCulture));
    }
}
