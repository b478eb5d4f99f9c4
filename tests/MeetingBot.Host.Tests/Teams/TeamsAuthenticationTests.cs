using System.Net;
using MeetingBot.Channels.Teams;
using MeetingBot.Core;
using MeetingBot.Core.Engine;
using MeetingBot.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace MeetingBot.Host.Tests.Teams;

/// <summary>
/// The host with Teams authentication on: tokens are checked against a local OpenID/JWKS server whose RSA key is made
/// here (endorsed for <c>msteams</c>), as <c>Teams:BotServiceMetadataUrl</c> points there. Outbound tokens come from a
/// stub (MSAL needs Entra). A good token proves who sent the activity, not whose name it shows: roles still go by account.
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
    private TeamsIdentityServer _identity = null!;
    private LocalConnector _connector = null!;
    private TeamsHost _host = null!;

    public async Task InitializeAsync()
    {
        _work.AddMeeting(TeamsMeeting.Id, TeamsMeeting.Yaml(Now.AddMinutes(10)));
        _identity = await TeamsIdentityServer.StartAsync();
        _identity.PublishBotServiceKeys((_key, ["msteams"]));
        _connector = await LocalConnector.StartAsync();
        _host = new TeamsHost(_work, Settings(), _clock, configureServices: s => s.AddSingleton<IBotTokenProvider>(new StubTokens()));
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
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

    private string Bind(string id) => Activities.Message(id, $"/연결 {TeamsMeeting.Id}", Chat, _connector.ServiceUrl, "user-id-0", "Alex Wilber");

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
    public async Task ATokenIssuedForAnotherServiceUrl_Is403_AndNothingIsStored()
    {
        using var response = await _host.PostAsync(Bind("a3"), Token("https://smba.trafficmanager.net/kr/", Now));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(await _host.Store.IsProcessedAsync("msteams", Chat, "a3"));
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
    }

    private sealed class StubTokens : IBotTokenProvider
    {
        public const string Token = "outbound-token-from-stub";

        public Task<string?> GetTokenAsync(CancellationToken cancellationToken = default) => Task.FromResult<string?>(Token);
    }
}
