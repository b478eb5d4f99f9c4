using System.Security.Cryptography;
using System.Text.Json.Nodes;
using MeetingBot.Channels.Teams;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MeetingBot.Host.Tests.Teams;

/// <summary>
/// Stands in for login.botframework.com on 127.0.0.1: an OpenID metadata document and a JWKS with one RSA key made
/// here (endorsed for <c>msteams</c>), and real RS256 tokens signed with it.
/// </summary>
public sealed class BotIdentity : IAsyncDisposable
{
    public const string AppId = "3b5e1f0a-7c2d-4e8f-9a1b-0c2d3e4f5a6b";
    public const string TenantId = "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a";

    private static readonly string[] Rs256 = ["RS256"];

    private readonly RSA _key = RSA.Create(2048);
    private WebApplication _app = null!;

    public string MetadataUrl { get; private set; } = "";

    /// <summary>Settings that make the host trust this identity and no other.</summary>
    public Dictionary<string, string?> Settings => new()
    {
        ["Teams:AppId"] = AppId,
        ["Teams:AppPassword"] = "test-secret",
        ["Teams:TenantId"] = TenantId,
        ["Teams:BotServiceMetadataUrl"] = MetadataUrl,
        ["Teams:EntraMetadataUrl"] = MetadataUrl,
    };

    public static async Task<BotIdentity> StartAsync()
    {
        var identity = new BotIdentity();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapGet("/v1/.well-known/openidconfiguration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = BotAuthenticator.BotServiceIssuer,
            ["jwks_uri"] = identity.MetadataUrl.Replace("/v1/.well-known/openidconfiguration", "/v1/.well-known/keys", StringComparison.Ordinal),
            ["id_token_signing_alg_values_supported"] = Rs256,
        }));
        app.MapGet("/v1/.well-known/keys", () => Results.Text(identity.Jwks(), "application/json"));
        await app.StartAsync();
        identity._app = app;
        identity.MetadataUrl = app.Urls.First().TrimEnd('/') + "/v1/.well-known/openidconfiguration";
        return identity;
    }

    /// <summary>A Bot Service token for an activity from <paramref name="serviceUrl"/>, valid for an hour around <paramref name="now"/>.</summary>
    public string Token(string serviceUrl, DateTimeOffset now) =>
        new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = BotAuthenticator.BotServiceIssuer,
            Audience = AppId,
            IssuedAt = now.AddMinutes(-1).UtcDateTime,
            NotBefore = now.AddMinutes(-1).UtcDateTime,
            Expires = now.AddHours(1).UtcDateTime,
            Claims = new Dictionary<string, object> { ["serviceurl"] = serviceUrl },
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(_key) { KeyId = "local-key-1" }, SecurityAlgorithms.RsaSha256),
        });

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _key.Dispose();
    }

    private string Jwks()
    {
        var parameters = _key.ExportParameters(includePrivateParameters: false);
        var key = new JsonObject
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = "local-key-1",
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
            ["endorsements"] = new JsonArray("msteams"),
        };
        return new JsonObject { ["keys"] = new JsonArray(key) }.ToJsonString();
    }
}
