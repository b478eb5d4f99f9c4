using MeetingBot.Core;
using MeetingBot.Core.Engine;
using MeetingBot.Host.Tests.Teams;
using MeetingBot.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace MeetingBot.Host.Tests.Store;

/// <summary>
/// Two real hosts (Teams in development mode) on one real PostgreSQL database, replies going to one local connector,
/// as two instances behind a load balancer (SPEC §11): a redelivery reaching both is processed and acknowledged
/// once, and a timebox warning both clocks find due is sent once.
/// </summary>
public sealed class TwoInstancesTests : IAsyncLifetime, IDisposable
{
    private const string Chat = "19:meeting_pilot@thread.v2";
    private static readonly DateTimeOffset MeetingStart = new(2026, 11, 27, 14, 0, 0, TimeSpan.FromHours(9));

    private readonly HostWork _work = new();
    private readonly FakeTimeProvider _clock = new(MeetingStart.AddMinutes(-10));
    private PostgresDatabase _database = null!;
    private LocalConnector _connector = null!;
    private TeamsHost _a = null!;
    private TeamsHost _b = null!;

    public async Task InitializeAsync()
    {
        _work.AddMeeting(TeamsMeeting.Id, TeamsMeeting.Yaml(MeetingStart));
        _database = await PostgresServer.CreateDatabaseAsync();
        _connector = await LocalConnector.StartAsync();
        _a = Instance();
        _b = Instance();
        _a.CreateClient().Dispose();
        _b.CreateClient().Dispose();
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        await _connector.DisposeAsync();
        await _database.DisposeAsync();
    }

    public void Dispose() => _work.Dispose();

    private TeamsHost Instance() => new(_work, new Dictionary<string, string?>
    {
        ["Teams:AllowUnauthenticated"] = "true",
        ["Storage:Provider"] = "postgres",
        ["Storage:ConnectionString"] = _database.ConnectionString,
    }, _clock);

    private string Say(string id, string text, string from = "user-id-2", string name = "Adele Vance") =>
        Activities.Message(id, text, Chat, _connector.ServiceUrl, from, name);

    private Task BothSentAsync() => Task.WhenAll(_a.RepliesSentAsync(), _b.RepliesSentAsync());

    [Fact]
    public async Task ARedeliveryReachingBothInstancesAtOnce_IsStoredAndAcknowledgedOnce()
    {
        await _a.BindAndStartAsync(Chat, _connector.ServiceUrl);
        var opinion = Say("op-1", "#의견 돌봄 네트워크에 주민 참여를 늘렸으면 합니다");

        await Task.WhenAll(Enumerable.Range(0, 3).SelectMany(_ => new[] { _a.PostOkAsync(opinion), _b.PostOkAsync(opinion) }));
        await BothSentAsync();
        await BothSentAsync();

        var store = _b.Services.GetRequiredService<IMeetingStore>();
        Assert.Equal("op-1", Assert.Single(await store.GetEntriesAsync(TeamsMeeting.Id)).SourceId);
        Assert.Single(_connector.TextsTo(Chat), t => t.StartsWith("✅ 1번 의견 접수", StringComparison.Ordinal));
    }

    [Fact]
    public async Task InputsAlternatingBetweenInstances_AreNumberedInOrder_AndEachAcknowledgedOnce()
    {
        await _a.BindAndStartAsync(Chat, _connector.ServiceUrl);

        await Task.WhenAll(Enumerable.Range(1, 40).Select(i => (i % 2 == 0 ? _a : _b).PostOkAsync(Say($"op-{i}", $"#의견 번갈아 남긴 의견 {i}"))));
        await BothSentAsync();
        await BothSentAsync();

        var entries = await _a.Services.GetRequiredService<IMeetingStore>().GetEntriesAsync(TeamsMeeting.Id);
        Assert.Equal(Enumerable.Range(1, 40), entries.Select(e => e.Number));
        var acknowledged = _connector.TextsTo(Chat).SelectMany(t => t.Split("\n\n")).Where(t => t.StartsWith('✅')).ToList();
        Assert.Equal(40, acknowledged.Count);
        Assert.Equal(40, acknowledged.Distinct().Count());
    }

    [Fact]
    public async Task AWarningBothClocksFindDue_IsSentOnce()
    {
        await _a.BindAndStartAsync(Chat, _connector.ServiceUrl);
        var before = _connector.Sent.Count;

        // Item 1 has 5 minutes; the 2-minute warning is due at 3 minutes. Both instances tick at the same moment.
        _clock.Advance(TimeSpan.FromMinutes(3) + TimeSpan.FromSeconds(10));
        var ticks = await Task.WhenAll(_a.Services.GetRequiredService<MeetingEngine>().TickAsync(), _b.Services.GetRequiredService<MeetingEngine>().TickAsync());

        // The instances' own clocks woke on the same advance too, and one of them may hold the meeting's lease while the
        // two ticks above run: then the warning goes on a later tick. The clocks keep ticking, as they do in service,
        // until it is out; however many ticks it takes, it goes once.
        bool WarningSent() => _connector.Sent.Skip(before).Any(s => s.Text.Contains("2분", StringComparison.Ordinal));
        for (var waited = 0; !WarningSent() && waited < 300; waited++)
        {
            await BothSentAsync();
            await Task.Delay(100);
            await Task.WhenAll(_a.Services.GetRequiredService<MeetingEngine>().TickAsync(), _b.Services.GetRequiredService<MeetingEngine>().TickAsync());
        }

        await BothSentAsync();
        await BothSentAsync();

        // A tick that decides the warning also updates the agenda card: count the warning texts only.
        Assert.True(ticks.Sum(t => t.Count(m => m.Card is null && m.Text.Contains("2분", StringComparison.Ordinal))) <= 1, "both instances decided the same warning");
        var warnings = _connector.Sent.Skip(before).Where(s => s.Text.Contains("2분", StringComparison.Ordinal)).ToList();
        Assert.Single(warnings);
        Assert.Null(warnings[0].ReplyToId);
    }
}
