using System.Net;
using MeetingBot.Channels.Teams;
using MeetingBot.Core;
using MeetingBot.Core.Engine;
using MeetingBot.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace MeetingBot.Host.Tests.Teams;

/// <summary>
/// The host with Teams authentication on: tokens are checked against a local OpenID/JWKS server whose RSA keys are made
/// here (the Bot Service key endorsed for <c>msteams</c>, an Entra key), as <c>Teams:BotServiceMetadataUrl</c> and
/// <c>Teams:EntraMetadataUrl</c> point there. Outbound tokens come from a stub (MSAL needs Entra). The attacker's
/// connector is a second local server: whatever reaches it, and with which token, is recorded.
/// A good token proves who sent the activity, not whose name it shows: roles still go by account.
/// </summary>
public sealed class TeamsAuthenticationTests : IAsyncLifetime, IDisposable
{
    private const string Chat = "19:meeting_auth@thread.v2";
    private const string AppId = "3b5e1f0a-7c2d-4e8f-9a1b-0c2d3e4f5a6b";
    private const string TenantId = "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a";
    private const string Intruder = "29:1intruder-with-a-copied-name";
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 13, 50, 0, TimeSpan.FromHours(9));

    private readonly HostWork _work = new();
    private readonly FakeTimeProvider _clock = new(Now);
    private readonly SigningKey _key = new("local-key-1");
    private readonly SigningKey _entraKey = new("local-entra-key-1");
    private TeamsIdentityServer _identity = null!;
    private LocalConnector _connector = null!;
    private LocalConnector _attacker = null!;
    private TeamsHost _host = null!;

    public async Task InitializeAsync()
    {
        _work.AddMeeting(TeamsMeeting.Id, TeamsMeeting.Yaml(Now.AddMinutes(10)));
        _identity = await TeamsIdentityServer.StartAsync();
        _identity.PublishBotServiceKeys((_key, ["msteams"]));
        _identity.PublishEntraKeys(_entraKey);
        _connector = await LocalConnector.StartAsync();
        _attacker = await LocalConnector.StartAsync();
        _host = new TeamsHost(_work, Settings(), _clock, configureServices: s => s.AddSingleton<IBotTokenProvider>(new StubTokens()));
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _attacker.DisposeAsync();
        await _connector.DisposeAsync();
        await _identity.DisposeAsync();
    }

    public void Dispose() => _work.Dispose();

    /// <summary>Settings that make the host trust the local identity server and no other.</summary>
    private Dictionary<string, string?> Settings() => new()
    {
        ["Teams:AppId"] = AppId,
        ["Teams:AppPassword"] = "test-secret",
        ["Teams:TenantId"] = TenantId,
        ["Teams:BotServiceMetadataUrl"] = _identity.BotServiceMetadataUrl,
        ["Teams:EntraMetadataUrl"] = _identity.EntraMetadataUrl,
    };

    /// <summary>A Bot Service token for an activity from <paramref name="serviceUrl"/>, valid for an hour around <paramref name="now"/>.</summary>
    private string Token(string serviceUrl, DateTimeOffset now) => _key.CreateToken(
        new TokenSpec(BotAuthenticator.BotServiceIssuer, AppId, now.AddMinutes(-1), now.AddHours(1))
        {
            Claims = new Dictionary<string, object> { ["serviceurl"] = serviceUrl },
        });

    /// <summary>
    /// An Entra v2 token for the bot's audience from the bot's own tenant, as Entra issues one to any app of the tenant
    /// that asks: <c>azp</c> names the app that asked.
    /// </summary>
    private string EntraToken(string issuedTo, string? serviceUrl)
    {
        var claims = new Dictionary<string, object> { ["ver"] = "2.0", ["azp"] = issuedTo };
        if (serviceUrl is not null)
        {
            claims["serviceurl"] = serviceUrl;
        }

        return _entraKey.CreateToken(new TokenSpec($"https://login.microsoftonline.com/{TenantId}/v2.0", AppId, Now.AddMinutes(-1), Now.AddHours(1)) { Claims = claims });
    }

    private string Bind(string id, string? serviceUrl = null) =>
        Activities.Message(id, $"/연결 {TeamsMeeting.Id}", Chat, serviceUrl ?? _connector.ServiceUrl, "user-id-0", "Alex Wilber");

    /// <summary>The staff member's <c>/종료</c>, as if from <paramref name="serviceUrl"/>.</summary>
    private static string End(string id, string serviceUrl) => Activities.Message(id, "/종료", Chat, serviceUrl, "user-id-0", "Alex Wilber");


    [Theory]
    [InlineData(null)]
    [InlineData("not-a-jwt")]
    [InlineData("eyJhbGciOiJub25lIn0.eyJpc3MiOiJodHRwczovL2FwaS5ib3RmcmFtZXdvcmsuY29tIn0.")]
    public async Task WithoutAValidToken_Is401_AndNothingIsStoredOrSent(string? token)
    {
        using var response = await _host.PostAsync(Bind("a1"), token);
        await _host.RepliesSentAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(await _host.Store.IsProcessedAsync("msteams", Chat, "a1"));
        Assert.Null(await _host.Store.FindBindingAsync("msteams", Chat));
        Assert.Empty(_connector.Sent);
    }

    [Fact]
    public async Task AGoodToken_Is200_AndTheActivityIsProcessed_WithTheReplyCarryingTheBotsOwnToken()
    {
        using var response = await _host.PostAsync(Bind("a2"), Token(_connector.ServiceUrl, Now));
        await _host.RepliesSentAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TeamsMeeting.Id, (await _host.Store.FindBindingAsync("msteams", Chat))?.MeetingId);
        var reply = Assert.Single(_connector.Sent);
        Assert.Equal("a2", reply.ReplyToId);
        Assert.Contains(TeamsMeeting.Id, reply.Text, StringComparison.Ordinal);
        Assert.Equal($"Bearer {StubTokens.Token}", reply.Authorization);
    }

    [Fact]
    public async Task ATokenIssuedForAnotherServiceUrl_Is403_AndNothingIsStored_OrSentToTheUrlTheActivityNamed()
    {
        using var response = await _host.PostAsync(Bind("a3", _attacker.ServiceUrl), Token(_connector.ServiceUrl, Now));
        await _host.RepliesSentAsync();

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(await _host.Store.IsProcessedAsync("msteams", Chat, "a3"));
        Assert.Empty(_attacker.Sent);
        Assert.Empty(_attacker.Lookups);
    }

    [Fact]
    public async Task AnotherAppsTokenForTheBot_Is401_SoItCannotEndTheMeetingAsStaff_NorDrawTheBotsTokenToItsHost() =>
        await AssertTheStaffEndIsRefusedAsync(EntraToken("0ther-app-0000-4000-8000-000000000001", _attacker.ServiceUrl));

    [Fact]
    public async Task ATokenWithoutServiceUrlClaim_Is401_AndNothingIsStoredOrSent() =>
        await AssertTheStaffEndIsRefusedAsync(EntraToken(AppId, serviceUrl: null));

    /// <summary>A running meeting; a <c>/종료</c> in the staff member's name from the attacker's host with <paramref name="token"/>.</summary>
    private async Task AssertTheStaffEndIsRefusedAsync(string token)
    {
        await _host.BindAndStartAsync(Chat, _connector.ServiceUrl, Token(_connector.ServiceUrl, Now));
        Assert.Equal(MeetingStatus.Running, (await _host.Store.GetRuntimeAsync(TeamsMeeting.Id))?.Status);

        using var response = await _host.PostAsync(End("x1", _attacker.ServiceUrl), token);
        await _host.RepliesSentAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(await _host.Store.IsProcessedAsync("msteams", Chat, "x1"));
        Assert.Equal(MeetingStatus.Running, (await _host.Store.GetRuntimeAsync(TeamsMeeting.Id))?.Status);
        Assert.Empty(_attacker.Sent);
    }

    [Fact]
    public async Task TheBotsToken_GoesOnlyWhereAVerifiedTokenVouched_NotWhereATokenlessDevelopmentActivityPointed()
    {
        var settings = Settings();
        settings["Teams:AllowUnauthenticated"] = "true";
        await using var host = new TeamsHost(_work, settings, _clock, configureServices: s => s.AddSingleton<IBotTokenProvider>(new StubTokens()));

        using var tokenless = await host.PostAsync(Activities.Message("d1", "/시작", "19:elsewhere@thread.v2", _attacker.ServiceUrl));
        using var verified = await host.PostAsync(Bind("d2"), Token(_connector.ServiceUrl, Now));
        await host.RepliesSentAsync();

        Assert.Equal(HttpStatusCode.OK, tokenless.StatusCode);
        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        Assert.Empty(Assert.Single(_attacker.Sent).Authorization);
        Assert.Equal($"Bearer {StubTokens.Token}", Assert.Single(_connector.Sent).Authorization);
    }

    [Fact]
    public async Task AGarbageTokenWithABodyThatIsNotJson_Is401_BeforeTheBodyIsRead()
    {
        using var response = await _host.PostAsync("{ not json", "garbage.token.here");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task AnActivitySentAsTextPlain_Is415_AndNotProcessed()
    {
        using var response = await _host.PostAsync(Bind("t1"), Token(_connector.ServiceUrl, Now), "text/plain");
        await _host.RepliesSentAsync();

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.False(await _host.Store.IsProcessedAsync("msteams", Chat, "t1"));
        Assert.Empty(_connector.Sent);
    }

    [Fact]
    public async Task AnExpiredToken_Is401()
    {
        using var response = await _host.PostAsync(Bind("a4"), Token(_connector.ServiceUrl, Now.AddHours(-2)));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(await _host.Store.IsProcessedAsync("msteams", Chat, "a4"));
    }

    [Fact]
    public async Task WithAuthenticationOn_NoDevelopmentWarningIsLogged()
    {
        using var response = await _host.PostAsync(Bind("a5"), Token(_connector.ServiceUrl, Now));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(_host.Logs.GetSnapshot(), r => r.Id.Id == 4221);
    }

    [Fact]
    public async Task ASignedActivityFromAnAccountShowingTheStaffsName_CannotBindTheChat()
    {
        await SayAsync("r1", $"/연결 {TeamsMeeting.Id}", Intruder, "Alex Wilber");
        await _host.RepliesSentAsync();

        // The token proves the Bot Service sent the activity, not that from.name is who it says.
        Assert.Null(await _host.Store.FindBindingAsync("msteams", Chat));
        var reply = Assert.Single(_connector.TextsTo(Chat));
        Assert.Equal(BotText.Refused(Command.Bind) + "\n" + BotText.NotRecognised("Alex Wilber", Intruder), reply);
    }

    [Fact]
    public async Task ASignedActivityFromAnAccountShowingTheChairsName_CannotStartOrDecide_TheChairCan()
    {
        await SayAsync("r1", $"/연결 {TeamsMeeting.Id}", "user-id-0", "Alex Wilber");
        await SayAsync("r2", "/시작", Intruder, "Megan Bowen");
        await SayAsync("r3", "#결정 시범 운영을 확정함", Intruder, "Megan Bowen");
        await _host.RepliesSentAsync();

        Assert.Null(await _host.Store.GetRuntimeAsync(TeamsMeeting.Id));
        Assert.Empty(await _host.Store.GetEntriesAsync(TeamsMeeting.Id));
        var replies = _connector.Sent.Where(s => s.ReplyToId is "r2" or "r3").OrderBy(s => s.ReplyToId, StringComparer.Ordinal).Select(s => s.Text).ToList();
        Assert.Equal(2, replies.Count);
        Assert.StartsWith(BotText.Refused(Command.Start), replies[0], StringComparison.Ordinal);
        Assert.StartsWith(BotText.DecisionRefused, replies[1], StringComparison.Ordinal);

        await SayAsync("r4", "/시작", "user-id-1", "Megan Bowen");
        await SayAsync("r5", "#결정 시범 운영을 확정함", "user-id-1", "Megan Bowen");
        await _host.RepliesSentAsync();

        Assert.Equal(MeetingStatus.Running, (await _host.Store.GetRuntimeAsync(TeamsMeeting.Id))?.Status);
        var decision = Assert.Single(await _host.Store.GetEntriesAsync(TeamsMeeting.Id));
        Assert.Equal(("r5", EntryKind.Decision), (decision.SourceId, decision.Kind));
    }

    /// <summary>Posts a message from <paramref name="fromId"/> showing <paramref name="name"/>, with a good Bot Service token.</summary>
    private async Task SayAsync(string id, string text, string fromId, string name)
    {
        using var response = await _host.PostAsync(Activities.Message(id, text, Chat, _connector.ServiceUrl, fromId, name), Token(_connector.ServiceUrl, Now));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        // Replies that wait together leave as one merged send without a reply id; one at a time keeps each its own.
        await _host.RepliesSentAsync();
    }

    private sealed class StubTokens : IBotTokenProvider
    {
        public const string Token = "outbound-token-from-stub";

        public Task<string?> GetTokenAsync(CancellationToken cancellationToken = default) => Task.FromResult<string?>(Token);
    }
}
