using MeetingBot.Channels.Teams;
using MeetingBot.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace MeetingBot.Channels.Tests.Teams;

public sealed class BotAuthenticatorTests : IAsyncLifetime
{
    private const string AppId = "7f3a2c1e-0000-4000-8000-00000000b07";
    private const string OwnTenant = "5c6d7e8f-1111-4222-8333-444455556666";
    private const string BotServiceTenant = "d6d49420-f39b-4df7-a1dc-d59a935871db";
    private const string ServiceUrl = "https://smba.trafficmanager.net/kr/";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 9, 15, 5, 0, 0, TimeSpan.Zero));
    private readonly SigningKey _botKey = new("bot-key-1");
    private readonly SigningKey _entraKey = new("entra-key-1");
    private TeamsIdentityServer _identity = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _identity = await TeamsIdentityServer.StartAsync();
        _identity.PublishBotServiceKeys((_botKey, ["msteams", "emulator"]));
        _identity.PublishEntraKeys(_entraKey);
        _services = TeamsTestHost.Build(new Dictionary<string, string?>
        {
            ["Teams:AppId"] = AppId,
            ["Teams:AppPassword"] = "not-used-here",
            ["Teams:TenantId"] = OwnTenant,
            ["Teams:BotServiceMetadataUrl"] = _identity.BotServiceMetadataUrl,
            ["Teams:EntraMetadataUrl"] = _identity.EntraMetadataUrl,
        }, _time);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _identity.DisposeAsync();
    }

    private BotAuthenticator Authenticator => _services.GetRequiredService<BotAuthenticator>();

    private static Activity TeamsActivity(string serviceUrl = ServiceUrl, string channelId = "msteams") => new()
    {
        Type = "message",
        Id = "1",
        ChannelId = channelId,
        ServiceUrl = serviceUrl,
        Conversation = new ConversationAccount { Id = "19:meeting_x@thread.v2" },
    };

    private TokenSpec BotServiceToken(string? serviceUrl = ServiceUrl) => new(BotAuthenticator.BotServiceIssuer, AppId, _time.GetUtcNow().AddMinutes(-1), _time.GetUtcNow().AddMinutes(59))
    {
        Claims = serviceUrl is null ? new Dictionary<string, object>() : new Dictionary<string, object> { ["serviceurl"] = serviceUrl },
    };

    /// <summary>An Entra token as the Bot Service's tenant issues it: v1 names the app it was issued to in <c>appid</c>, v2 in <c>azp</c>.</summary>
    private TokenSpec EntraToken(string issuer, string? issuedTo = AppId, string? serviceUrl = ServiceUrl)
    {
        var v2 = issuer.EndsWith("/v2.0", StringComparison.Ordinal);
        var claims = new Dictionary<string, object> { ["ver"] = v2 ? "2.0" : "1.0" };
        if (issuedTo is not null)
            claims[v2 ? "azp" : "appid"] = issuedTo;
        if (serviceUrl is not null)
            claims["serviceurl"] = serviceUrl;
        return BotServiceToken() with { Issuer = issuer, Claims = claims };
    }

    private Task<BotAuthResult> AuthenticateAsync(string token, Activity? activity = null) =>
        Authenticator.AuthenticateAsync("Bearer " + token, activity ?? TeamsActivity());

    [Fact]
    public async Task Valid_Bot_Service_token_is_accepted()
    {
        var result = await AuthenticateAsync(_botKey.CreateToken(BotServiceToken()));

        Assert.Equal(BotAuthResult.Ok, result);
    }

    [Fact]
    public async Task A_token_verified_once_is_still_bound_to_each_activity_it_comes_with()
    {
        var token = _botKey.CreateToken(BotServiceToken());

        Assert.Equal(BotAuthResult.Ok, await AuthenticateAsync(token));
        Assert.Equal(BotAuthResult.Ok, await AuthenticateAsync(token));
        Assert.Equal(BotAuthStatus.Forbidden, (await AuthenticateAsync(token, TeamsActivity(serviceUrl: "https://evil.example/"))).Status);
        Assert.Equal(BotAuthStatus.Forbidden, (await AuthenticateAsync(token, TeamsActivity(channelId: "slack"))).Status);
    }

    [Fact]
    public async Task A_verified_token_is_refused_once_it_has_expired()
    {
        var token = _botKey.CreateToken(BotServiceToken());
        Assert.Equal(BotAuthResult.Ok, await AuthenticateAsync(token));

        _time.Advance(TimeSpan.FromMinutes(59) + TimeSpan.FromMinutes(6));

        Assert.Equal(BotAuthStatus.Unauthorized, (await AuthenticateAsync(token)).Status);
    }

    [Fact]
    public async Task A_verified_token_is_checked_again_when_the_published_keys_change()
    {
        var token = _botKey.CreateToken(BotServiceToken() with { Expires = _time.GetUtcNow().AddDays(1) });
        Assert.Equal(BotAuthResult.Ok, await AuthenticateAsync(token));

        // The key is withdrawn; the next scheduled refresh sees it gone.
        _identity.PublishBotServiceKeys((new SigningKey("bot-key-2"), ["msteams"]));
        _time.Advance(TimeSpan.FromHours(13));

        Assert.Equal(BotAuthStatus.Unauthorized, (await AuthenticateAsync(token)).Status);
    }

    [Theory]
    [InlineData("https://sts.windows.net/" + BotServiceTenant + "/")]
    [InlineData("https://login.microsoftonline.com/" + BotServiceTenant + "/v2.0")]
    [InlineData("https://sts.windows.net/" + OwnTenant + "/")]
    [InlineData("https://login.microsoftonline.com/" + OwnTenant + "/v2.0")]
    public async Task Valid_Entra_v1_and_v2_tokens_from_Bot_Service_and_own_tenants_are_accepted(string issuer)
    {
        var token = _entraKey.CreateToken(EntraToken(issuer));

        Assert.Equal(BotAuthResult.Ok, await AuthenticateAsync(token));
    }

    [Theory]
    [InlineData("https://sts.windows.net/" + OwnTenant + "/")]
    [InlineData("https://login.microsoftonline.com/" + OwnTenant + "/v2.0")]
    public async Task Entra_token_that_another_app_of_the_tenant_got_for_the_bot_is_unauthorized(string issuer)
    {
        // Any app registered in the bot's tenant can ask Entra for a token whose audience is the bot.
        var token = _entraKey.CreateToken(EntraToken(issuer, issuedTo: "0ther-app-0000-4000-8000-000000000001"));

        var result = await AuthenticateAsync(token);

        Assert.Equal(BotAuthStatus.Unauthorized, result.Status);
        Assert.Contains("0ther-app", result.Reason);
    }

    [Fact]
    public async Task Entra_token_that_names_no_app_it_was_issued_to_is_unauthorized()
    {
        var token = _entraKey.CreateToken(EntraToken("https://login.microsoftonline.com/" + OwnTenant + "/v2.0", issuedTo: null));

        Assert.Equal(BotAuthStatus.Unauthorized, (await AuthenticateAsync(token)).Status);
    }

    [Fact]
    public async Task Entra_token_without_serviceurl_claim_is_unauthorized()
    {
        var token = _entraKey.CreateToken(EntraToken("https://login.microsoftonline.com/" + BotServiceTenant + "/v2.0", serviceUrl: null));

        var result = await AuthenticateAsync(token);

        Assert.Equal(BotAuthStatus.Unauthorized, result.Status);
        Assert.Contains("serviceurl", result.Reason);
    }

    [Fact]
    public async Task A_service_url_is_trusted_with_the_bots_token_only_once_a_token_vouched_for_it_and_its_activity()
    {
        const string regional = "https://smba.infra.gcc.teams.microsoft.com/teams/";
        var trust = _services.GetRequiredService<ServiceUrlTrust>();
        var token = _botKey.CreateToken(BotServiceToken(regional));

        Assert.False(trust.IsTrusted(new Uri(regional + "v3/conversations/x/activities")));
        Assert.Equal(BotAuthStatus.Forbidden, (await AuthenticateAsync(token, TeamsActivity(serviceUrl: "https://attacker.example/"))).Status);
        Assert.False(trust.IsTrusted(new Uri(regional + "v3/conversations/x/activities")));
        Assert.False(trust.IsTrusted(new Uri("https://attacker.example/v3/conversations/x/activities")));

        Assert.Equal(BotAuthResult.Ok, await AuthenticateAsync(token, TeamsActivity(serviceUrl: regional)));

        Assert.True(trust.IsTrusted(new Uri(regional + "v3/conversations/x/activities")));
        Assert.False(trust.IsTrusted(new Uri("https://attacker.example/v3/conversations/x/activities")));
    }

    [Fact]
    public async Task Entra_token_from_another_tenant_is_unauthorized()
    {
        var token = _entraKey.CreateToken(BotServiceToken() with { Issuer = "https://login.microsoftonline.com/0badc0de-0000-4000-8000-000000000000/v2.0" });

        Assert.Equal(BotAuthStatus.Unauthorized, (await AuthenticateAsync(token)).Status);
    }

    [Fact]
    public async Task Entra_key_cannot_sign_a_Bot_Service_token()
    {
        var token = _entraKey.CreateToken(BotServiceToken());

        Assert.Equal(BotAuthStatus.Unauthorized, (await AuthenticateAsync(token)).Status);
    }

    [Fact]
    public async Task Expired_token_is_unauthorized()
    {
        var spec = BotServiceToken() with { NotBefore = _time.GetUtcNow().AddHours(-2), Expires = _time.GetUtcNow().AddMinutes(-6) };

        Assert.Equal(BotAuthStatus.Unauthorized, (await AuthenticateAsync(_botKey.CreateToken(spec))).Status);
    }

    [Fact]
    public async Task Token_expired_within_five_minutes_of_clock_skew_is_still_accepted()
    {
        var spec = BotServiceToken() with { NotBefore = _time.GetUtcNow().AddHours(-2), Expires = _time.GetUtcNow().AddMinutes(-4) };

        Assert.Equal(BotAuthResult.Ok, await AuthenticateAsync(_botKey.CreateToken(spec)));
    }

    [Fact]
    public async Task Token_checked_later_by_the_clock_expires()
    {
        var token = _botKey.CreateToken(BotServiceToken());
        Assert.Equal(BotAuthResult.Ok, await AuthenticateAsync(token));

        _time.Advance(TimeSpan.FromMinutes(65));

        Assert.Equal(BotAuthStatus.Unauthorized, (await AuthenticateAsync(token)).Status);
    }

    [Fact]
    public async Task Wrong_audience_is_unauthorized()
    {
        var token = _botKey.CreateToken(BotServiceToken() with { Audience = "another-bot" });

        Assert.Equal(BotAuthStatus.Unauthorized, (await AuthenticateAsync(token)).Status);
    }

    [Fact]
    public async Task Wrong_issuer_is_unauthorized()
    {
        var token = _botKey.CreateToken(BotServiceToken() with { Issuer = "https://api.botframework.com.evil.example" });

        var result = await AuthenticateAsync(token);

        Assert.Equal(BotAuthStatus.Unauthorized, result.Status);
        Assert.Contains("발급자", result.Reason);
    }

    [Fact]
    public async Task Unsigned_alg_none_token_is_unauthorized()
    {
        var token = TokenSpec.WithoutSignature(BotServiceToken());
        Assert.Contains("\"alg\":\"none\"", Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Decode(token.Split('.')[0]));

        Assert.Equal(BotAuthStatus.Unauthorized, (await AuthenticateAsync(token)).Status);
    }

    [Fact]
    public async Task Hmac_signed_token_is_unauthorized()
    {
        var token = TokenSpec.SignedWithSecret(BotServiceToken(), new byte[32]);

        Assert.Equal(BotAuthStatus.Unauthorized, (await AuthenticateAsync(token)).Status);
    }

    [Fact]
    public async Task Token_signed_by_an_unknown_key_is_unauthorized()
    {
        var stranger = new SigningKey("stranger");

        Assert.Equal(BotAuthStatus.Unauthorized, (await AuthenticateAsync(stranger.CreateToken(BotServiceToken()))).Status);
    }

    [Fact]
    public async Task Token_with_a_known_kid_but_another_key_is_unauthorized()
    {
        var impostor = new SigningKey(_botKey.Id, pair: "impostor");

        Assert.Equal(BotAuthStatus.Unauthorized, (await AuthenticateAsync(impostor.CreateToken(BotServiceToken()))).Status);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer not-a-jwt")]
    public async Task Missing_or_malformed_authorization_header_is_unauthorized(string? header)
    {
        var result = await Authenticator.AuthenticateAsync(header, TeamsActivity());

        Assert.Equal(BotAuthStatus.Unauthorized, result.Status);
    }

    [Fact]
    public async Task Serviceurl_claim_that_differs_from_the_activity_is_forbidden()
    {
        var token = _botKey.CreateToken(BotServiceToken("https://smba.trafficmanager.net/emea/"));

        Assert.Equal(BotAuthStatus.Forbidden, (await AuthenticateAsync(token)).Status);
    }

    [Fact]
    public async Task Bot_Service_token_without_serviceurl_claim_is_unauthorized_before_any_activity_is_read()
    {
        var token = _botKey.CreateToken(BotServiceToken(serviceUrl: null));

        Assert.Equal(BotAuthStatus.Unauthorized, (await Authenticator.VerifyTokenAsync("Bearer " + token)).Status);
    }

    [Fact]
    public async Task Serviceurl_comparison_ignores_a_trailing_slash()
    {
        var token = _botKey.CreateToken(BotServiceToken(ServiceUrl.TrimEnd('/')));

        Assert.Equal(BotAuthResult.Ok, await AuthenticateAsync(token));
    }

    [Fact]
    public async Task Key_whose_endorsements_lack_the_channel_is_forbidden()
    {
        var token = _botKey.CreateToken(BotServiceToken());

        var result = await AuthenticateAsync(token, TeamsActivity(channelId: "skype"));

        Assert.Equal(BotAuthStatus.Forbidden, result.Status);
        Assert.Contains("skype", result.Reason);
    }

    [Fact]
    public async Task Key_with_empty_endorsements_admits_no_channel()
    {
        var key = new SigningKey("bot-key-empty");
        _identity.PublishBotServiceKeys((key, []));

        Assert.Equal(BotAuthStatus.Forbidden, (await AuthenticateAsync(key.CreateToken(BotServiceToken()))).Status);
    }

    [Fact]
    public async Task Key_without_endorsements_admits_any_channel()
    {
        var key = new SigningKey("bot-key-plain");
        _identity.PublishBotServiceKeys((key, null));

        Assert.Equal(BotAuthResult.Ok, await AuthenticateAsync(key.CreateToken(BotServiceToken()), TeamsActivity(channelId: "webchat")));
    }

    [Fact]
    public async Task Rotated_key_with_a_new_kid_is_picked_up_from_fresh_metadata()
    {
        Assert.Equal(BotAuthResult.Ok, await AuthenticateAsync(_botKey.CreateToken(BotServiceToken())));
        Assert.Equal(1, _identity.BotServiceJwksRequests);

        var next = new SigningKey("bot-key-2");
        _identity.PublishBotServiceKeys((next, ["msteams"]));
        _time.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal(BotAuthResult.Ok, await AuthenticateAsync(next.CreateToken(BotServiceToken())));
        Assert.Equal(2, _identity.BotServiceJwksRequests);
    }

    [Fact]
    public async Task Unknown_kids_right_after_a_fetch_do_not_refetch_metadata()
    {
        Assert.Equal(BotAuthResult.Ok, await AuthenticateAsync(_botKey.CreateToken(BotServiceToken())));
        var stranger = new SigningKey("stranger");

        for (var i = 0; i < 3; i++)
            Assert.Equal(BotAuthStatus.Unauthorized, (await AuthenticateAsync(stranger.CreateToken(BotServiceToken()))).Status);

        Assert.Equal(1, _identity.BotServiceJwksRequests);
    }

    [Fact]
    public async Task Metadata_is_refetched_after_twelve_hours()
    {
        Assert.Equal(BotAuthResult.Ok, await AuthenticateAsync(_botKey.CreateToken(BotServiceToken())));

        _time.Advance(TimeSpan.FromHours(12) + TimeSpan.FromMinutes(1));

        Assert.Equal(BotAuthResult.Ok, await AuthenticateAsync(_botKey.CreateToken(BotServiceToken())));
        Assert.Equal(2, _identity.BotServiceJwksRequests);
    }

    [Fact]
    public async Task Keys_already_known_stay_in_use_while_the_key_server_is_down()
    {
        Assert.Equal(BotAuthResult.Ok, await AuthenticateAsync(_botKey.CreateToken(BotServiceToken())));
        _identity.Down = true;

        _time.Advance(TimeSpan.FromHours(13));

        Assert.Equal(BotAuthResult.Ok, await AuthenticateAsync(_botKey.CreateToken(BotServiceToken())));
        Assert.True(_identity.BotServiceJwksRequests > 1);
    }

    [Fact]
    public async Task Without_any_keys_every_token_is_unauthorized()
    {
        _identity.Down = true;

        var result = await AuthenticateAsync(_botKey.CreateToken(BotServiceToken()));

        Assert.Equal(BotAuthStatus.Unauthorized, result.Status);
        Assert.Contains("메타데이터", result.Reason);
    }

    [Fact]
    public async Task Known_keys_are_served_from_cache()
    {
        for (var i = 0; i < 3; i++)
            Assert.Equal(BotAuthResult.Ok, await AuthenticateAsync(_botKey.CreateToken(BotServiceToken())));

        Assert.Equal(1, _identity.BotServiceJwksRequests);
    }
}

public sealed class BotAuthenticatorDevelopmentModeTests
{
    [Fact]
    public async Task AllowUnauthenticated_accepts_an_activity_without_a_token()
    {
        await using var services = TeamsTestHost.Build(new Dictionary<string, string?> { ["Teams:AllowUnauthenticated"] = "true" });

        var result = await services.GetRequiredService<BotAuthenticator>().AuthenticateAsync(null, new Activity { ServiceUrl = "http://localhost:56150/_connector" });

        Assert.Equal(BotAuthResult.Ok, result);
    }

    [Fact]
    public async Task AllowUnauthenticated_still_rejects_a_token_it_cannot_check()
    {
        await using var services = TeamsTestHost.Build(new Dictionary<string, string?> { ["Teams:AllowUnauthenticated"] = "true" });

        var result = await services.GetRequiredService<BotAuthenticator>().AuthenticateAsync("Bearer x.y.z", new Activity());

        Assert.Equal(BotAuthStatus.Unauthorized, result.Status);
    }
}
