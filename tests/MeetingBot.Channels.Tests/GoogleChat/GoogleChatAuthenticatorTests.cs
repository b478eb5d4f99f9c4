using System.Text.Json.Nodes;
using MeetingBot.Channels.GoogleChat;
using MeetingBot.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace MeetingBot.Channels.Tests.GoogleChat;

/// <summary>Google Chat's bearer tokens, real RS256 tokens from a local key, checked against a local key server.</summary>
public sealed class GoogleChatAuthenticatorTests : IAsyncLifetime, IDisposable
{
    private const string Endpoint = "https://meetingbot.ydp.go.kr/api/googlechat";
    private const string ProjectNumber = "293847561029";

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2020, 9, 15, 13, 55, 0, TimeSpan.FromHours(9)));
    private readonly GoogleChatTokens _google = new();
    private readonly GoogleChatTokens _stranger = new(keyId: "a1b2c3d4e5f6");
    private LocalHttpServer _keys = null!;
    private string _jwks = "";

    public async Task InitializeAsync()
    {
        _jwks = _google.JwksJson();
        var x509 = _google.X509Json(_clock.GetUtcNow());
        _keys = await LocalHttpServer.StartAsync(request => request.Path switch
        {
            "/oauth2/v3/certs" => new Reply(200, _jwks, Headers: new Dictionary<string, string> { ["Cache-Control"] = "public, max-age=21600" }),
            "/service_accounts/v1/metadata/x509/chat@system.gserviceaccount.com" => new Reply(200, x509),
            _ => new Reply(404),
        });
    }

    public async Task DisposeAsync() => await _keys.DisposeAsync();

    public void Dispose()
    {
        _google.Dispose();
        _stranger.Dispose();
    }

    private ServiceProvider Services(GoogleChatAudienceType type = GoogleChatAudienceType.EndpointUrl) =>
        GoogleChatTestHost.Build(
            new Dictionary<string, string?>
            {
                ["GoogleChat:Audience"] = type == GoogleChatAudienceType.EndpointUrl ? Endpoint : ProjectNumber,
                ["GoogleChat:AudienceType"] = type.ToString(),
                ["GoogleChat:CertsUrl"] = new Uri(_keys.Address, type == GoogleChatAudienceType.EndpointUrl
                    ? "oauth2/v3/certs"
                    : "service_accounts/v1/metadata/x509/chat@system.gserviceaccount.com").ToString(),
                ["GoogleChat:BaseUrl"] = _keys.Address.ToString(),
            },
            _clock);

    private static Task<GoogleChatAuthResult> CheckAsync(ServiceProvider services, string? authorization) =>
        services.GetRequiredService<GoogleChatAuthenticator>().AuthenticateAsync(authorization, CancellationToken.None);

    [Fact]
    public async Task An_ID_token_from_Chat_for_the_endpoint_URL_is_accepted()
    {
        await using var services = Services();

        var result = await CheckAsync(services, "Bearer " + _google.IdToken(Endpoint, _clock.GetUtcNow()));

        Assert.True(result.Succeeded, result.Reason);
    }

    [Fact]
    public async Task A_project_number_token_signed_with_the_chat_account_certificate_is_accepted()
    {
        await using var services = Services(GoogleChatAudienceType.ProjectNumber);

        var result = await CheckAsync(services, "Bearer " + _google.ProjectToken(ProjectNumber, _clock.GetUtcNow()));

        Assert.True(result.Succeeded, result.Reason);
    }

    public static TheoryData<string, string> BadIdTokens => new()
    {
        { "wrong audience", GoogleChatStrings.WrongAudience },
        { "wrong email", "email" },
        { "unverified email", "email" },
        { "wrong issuer", GoogleChatStrings.WrongIssuer },
        { "expired", GoogleChatStrings.Expired },
        { "issued in the future", GoogleChatStrings.NotYetValid },
        { "unsigned", "RS256" },
        { "signed by another key", GoogleChatStrings.BadSignature },
        { "project-number token", GoogleChatStrings.WrongAudience },
    };

    [Theory]
    [MemberData(nameof(BadIdTokens))]
    public async Task A_token_that_is_not_from_Chat_for_this_app_is_refused_with_the_reason(string kind, string reason)
    {
        await using var services = Services();
        var now = _clock.GetUtcNow();
        var token = kind switch
        {
            "wrong audience" => _google.IdToken("https://elsewhere.example/api/googlechat", now),
            "wrong email" => _google.IdToken(Endpoint, now, email: "someone@gmail.com"),
            "unverified email" => _google.IdToken(Endpoint, now, emailVerified: false),
            "wrong issuer" => _google.IdToken(Endpoint, now, issuer: "https://issuer.example"),
            "expired" => _google.IdToken(Endpoint, now.AddHours(-2), lifetime: TimeSpan.FromHours(1)),
            "issued in the future" => _google.IdToken(Endpoint, now.AddMinutes(30)),
            "unsigned" => GoogleChatTokens.WithoutSignature(_google.IdToken(Endpoint, now)),
            "signed by another key" => _stranger.IdToken(Endpoint, now),
            "project-number token" => _google.ProjectToken(ProjectNumber, now),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        var result = await CheckAsync(services, "Bearer " + token);

        Assert.False(result.Succeeded);
        Assert.Contains(reason, result.Reason);
    }

    [Fact]
    public async Task An_ID_token_is_refused_where_project_number_tokens_are_expected()
    {
        await using var services = Services(GoogleChatAudienceType.ProjectNumber);

        var result = await CheckAsync(services, "Bearer " + _google.IdToken(ProjectNumber, _clock.GetUtcNow()));

        Assert.False(result.Succeeded);
        Assert.Contains(GoogleChatStrings.WrongIssuer, result.Reason);
    }

    [Fact]
    public async Task A_token_expired_within_the_five_minute_clock_skew_is_accepted_and_one_beyond_it_is_not()
    {
        await using var services = Services();
        var token = _google.IdToken(Endpoint, _clock.GetUtcNow(), lifetime: TimeSpan.FromMinutes(10));

        _clock.Advance(TimeSpan.FromMinutes(14));
        var withinSkew = await CheckAsync(services, "Bearer " + token);
        _clock.Advance(TimeSpan.FromMinutes(2));
        var beyond = await CheckAsync(services, "Bearer " + token);

        Assert.True(withinSkew.Succeeded, withinSkew.Reason);
        Assert.False(beyond.Succeeded);
    }

    [Theory]
    [InlineData(null, GoogleChatStrings.MissingToken)]
    [InlineData("Basic dXNlcjpwYXNz", GoogleChatStrings.MissingToken)]
    [InlineData("Bearer not-a-token", GoogleChatStrings.MalformedToken)]
    public async Task A_missing_or_garbled_header_is_refused(string? authorization, string reason)
    {
        await using var services = Services();

        var result = await CheckAsync(services, authorization);

        Assert.False(result.Succeeded);
        Assert.Equal(reason, result.Reason);
        Assert.Empty(_keys.Requests);
    }

    [Fact]
    public async Task Keys_are_fetched_once_and_reused_while_Google_says_they_are_fresh()
    {
        await using var services = Services();

        for (var i = 0; i < 3; i++)
        {
            Assert.True((await CheckAsync(services, "Bearer " + _google.IdToken(Endpoint, _clock.GetUtcNow()))).Succeeded);
            _clock.Advance(TimeSpan.FromMinutes(30));
        }

        Assert.Single(_keys.Requests);
    }

    [Fact]
    public async Task A_rotated_key_is_fetched_when_a_token_names_it_but_made_up_key_ids_do_not_refetch_every_time()
    {
        await using var services = Services();
        Assert.True((await CheckAsync(services, "Bearer " + _google.IdToken(Endpoint, _clock.GetUtcNow()))).Succeeded);
        using var rotated = new GoogleChatTokens(keyId: "f6e5d4c3b2a1");
        var both = JsonNode.Parse(_jwks)!["keys"]!.AsArray();
        both.Add(JsonNode.Parse(rotated.JwksJson())!["keys"]![0]!.DeepClone());
        _jwks = new JsonObject { ["keys"] = both.DeepClone() }.ToJsonString();

        _clock.Advance(TimeSpan.FromMinutes(2));
        var result = await CheckAsync(services, "Bearer " + rotated.IdToken(Endpoint, _clock.GetUtcNow()));
        var madeUp1 = await CheckAsync(services, "Bearer " + _google.Sign(new JsonObject { ["aud"] = Endpoint }, keyId: "made-up-1"));
        var madeUp2 = await CheckAsync(services, "Bearer " + _google.Sign(new JsonObject { ["aud"] = Endpoint }, keyId: "made-up-2"));

        Assert.True(result.Succeeded, result.Reason);
        Assert.False(madeUp1.Succeeded);
        Assert.False(madeUp2.Succeeded);
        Assert.Equal(2, _keys.Requests.Count);
    }

    [Fact]
    public async Task Keys_that_cannot_be_fetched_refuse_the_request_with_the_address_in_the_reason()
    {
        await using var services = GoogleChatTestHost.Build(
            new Dictionary<string, string?>
            {
                ["GoogleChat:Audience"] = Endpoint,
                ["GoogleChat:CertsUrl"] = new Uri(_keys.Address, "missing/certs").ToString(),
                ["GoogleChat:BaseUrl"] = _keys.Address.ToString(),
            },
            _clock);

        var result = await CheckAsync(services, "Bearer " + _google.IdToken(Endpoint, _clock.GetUtcNow()));

        Assert.False(result.Succeeded);
        Assert.Contains("missing/certs", result.Reason);
        Assert.Contains("404", result.Reason);
    }
}
