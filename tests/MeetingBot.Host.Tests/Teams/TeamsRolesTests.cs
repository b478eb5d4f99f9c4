using System.Net;
using MeetingBot.Channels.Teams;
using MeetingBot.Core;
using MeetingBot.Core.Engine;
using MeetingBot.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace MeetingBot.Host.Tests.Teams;

/// <summary>
/// Roles on Teams as in production: authentication on, every activity carrying a Bot Service token signed by a local
/// key the host trusts. A signed token proves the Bot Service sent the activity, not that <c>from.name</c> is who it
/// says: an account that merely shows the staff member's or the chair's name gets neither role.
/// </summary>
public sealed class TeamsRolesTests : IAsyncLifetime, IDisposable
{
    private const string Chat = "19:meeting_roles@thread.v2";
    private const string AppId = "6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f";
    private const string Intruder = "29:1intruder-with-a-copied-name";
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 13, 50, 0, TimeSpan.FromHours(9));

    private readonly HostWork _work = new();
    private readonly SigningKey _key = new("roles-key-1");
    private TeamsIdentityServer _identity = null!;
    private LocalConnector _connector = null!;
    private TeamsHost _host = null!;

    public async Task InitializeAsync()
    {
        _work.AddMeeting(TeamsMeeting.Id, TeamsMeeting.Yaml(Now.AddMinutes(10)));
        _identity = await TeamsIdentityServer.StartAsync();
        _identity.PublishBotServiceKeys((_key, ["msteams"]));
        _connector = await LocalConnector.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Teams:AppId"] = AppId,
            ["Teams:AppPassword"] = "roles-secret",
            ["Teams:TenantId"] = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
            ["Teams:BotServiceMetadataUrl"] = _identity.BotServiceMetadataUrl,
            ["Teams:EntraMetadataUrl"] = _identity.EntraMetadataUrl,
        };
        _host = new TeamsHost(_work, settings, new FakeTimeProvider(Now), configureServices: s => s.AddSingleton<IBotTokenProvider>(new NoOutboundToken()));
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _connector.DisposeAsync();
        await _identity.DisposeAsync();
    }

    public void Dispose() => _work.Dispose();

    /// <summary>Posts a message from <paramref name="fromId"/> showing <paramref name="name"/>, with a good Bot Service token.</summary>
    private async Task SayAsync(string id, string text, string fromId, string name)
    {
        var token = _key.CreateToken(new TokenSpec(BotAuthenticator.BotServiceIssuer, AppId, Now.AddMinutes(-1), Now.AddHours(1))
        {
            Claims = new Dictionary<string, object> { ["serviceurl"] = _connector.ServiceUrl },
        });
        using var response = await _host.PostAsync(Activities.Message(id, text, Chat, _connector.ServiceUrl, fromId, name), token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task TheStaffsDisplayName_OnAnotherAccount_CannotBindTheChat()
    {
        await SayAsync("r1", $"/연결 {TeamsMeeting.Id}", Intruder, "Alex Wilber");
        await _host.RepliesSentAsync();

        Assert.Null(await _host.Store.FindBindingAsync("msteams", Chat));
        var reply = Assert.Single(_connector.TextsTo(Chat));
        Assert.StartsWith(BotText.Refused(Command.Bind), reply, StringComparison.Ordinal);
        Assert.Contains(BotText.NotRecognised("Alex Wilber", Intruder), reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheChairsDisplayName_OnAnotherAccount_CannotStartTheMeetingOrRecordADecision_TheChairCan()
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

    /// <summary>MSAL needs Entra; the local connector takes any bearer.</summary>
    private sealed class NoOutboundToken : IBotTokenProvider
    {
        public Task<string?> GetTokenAsync(CancellationToken cancellationToken = default) => Task.FromResult<string?>("outbound-token");
    }
}
