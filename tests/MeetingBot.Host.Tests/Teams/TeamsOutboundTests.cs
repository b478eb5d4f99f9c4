using MeetingBot.Core.Engine;
using MeetingBot.Host.Tests.Staff;

namespace MeetingBot.Host.Tests.Teams;

/// <summary>
/// Replies leaving the real host for a connector on a real local port, under stress: other conversations throttled
/// with 429, a connector that answers too late. The host runs on the real clock here, as the connector's retries and
/// the outbox's pauses do.
/// </summary>
public sealed class TeamsOutboundTests : IAsyncLifetime, IDisposable
{
    private const string Chat = "19:meeting_pilot@thread.v2";

    private readonly HostWork _work = new();
    private LocalConnector _connector = null!;
    private TeamsHost _host = null!;

    public async Task InitializeAsync()
    {
        _work.AddMeeting(TeamsMeeting.Id, TeamsMeeting.Yaml(TimeProvider.System.GetUtcNow().AddMinutes(10)));
        _connector = await LocalConnector.StartAsync();
        _host = new TeamsHost(_work, new Dictionary<string, string?>
        {
            ["Teams:AllowUnauthenticated"] = "true",
            ["Teams:Connector:AttemptTimeout"] = "00:00:01",
            ["Teams:Connector:TotalTimeout"] = "00:00:30",
        });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _connector.DisposeAsync();
    }

    public void Dispose() => _work.Dispose();

    private string Say(string id, string text, string conversation = Chat, string from = "user-id-1", string name = "Megan Bowen") =>
        Activities.Message(id, text, conversation, _connector.ServiceUrl, from, name);

    private Task BindAndStartAsync() => _host.BindAndStartAsync(Chat, _connector.ServiceUrl);

    private IEnumerable<int> AcknowledgedNumbers() => _connector.TextsTo(Chat)
        .Where(t => t.StartsWith("✅ ", StringComparison.Ordinal))
        .Select(t => int.Parse(t[2..t.IndexOf('번', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public async Task OtherConversationsThrottledWith429_NeitherHoldBackNorDropAHealthyChatsAcknowledgements_AndGetTheirRepliesLater()
    {
        await BindAndStartAsync();
        var throttled = Enumerable.Range(0, 30).Select(i => $"19:throttled-{i}@thread.v2").ToList();
        var released = false;
        _connector.Throttles = conversation => !Volatile.Read(ref released) && conversation.StartsWith("19:throttled-", StringComparison.Ordinal);

        // Each throttled chat addresses the bot, which owes it a reply; their retries pile up 429s on the one host.
        foreach (var (conversation, i) in throttled.Select((c, i) => (c, i)))
        {
            await _host.PostOkAsync(Say($"t{i}", "/시작", conversation));
        }

        // The storm is on: 90 429s already, near the 100 sends after which a breaker that counted them would open.
        await Eventually.ThatAsync(() => Task.FromResult(_connector.ThrottledCount >= 90), "90 throttled sends");

        for (var i = 1; i <= 40; i++)
        {
            await _host.PostOkAsync(Say($"op-{i}", $"#의견 조절 중에 남긴 의견 {i}", from: $"user-id-{2 + (i % 3)}", name: "이름"));
        }

        await Eventually.ThatAsync(() => Task.FromResult(AcknowledgedNumbers().Count() >= 40), "40 acknowledgements in the healthy chat");
        Assert.Equal(Enumerable.Range(1, 40), AcknowledgedNumbers().Order());
        Assert.All(throttled, c => Assert.Empty(_connector.TextsTo(c)));

        Volatile.Write(ref released, true);
        await _host.RepliesSentAsync();

        Assert.All(throttled, c => Assert.Equal([BotText.Unbound], _connector.TextsTo(c)));
        Assert.Equal(Enumerable.Range(1, 40), AcknowledgedNumbers().Order());
    }

    [Fact]
    public async Task AReplyWhoseConnectorAnswerComesTooLate_IsNotSentAgain_SoItShowsOnce_AndTheNextRepliesStillGo()
    {
        await BindAndStartAsync();
        var late = 0;
        _connector.BeforeAnswer = async (sent, aborted) =>
        {
            // The connector creates the activity and then answers after the bot's attempt timeout (1 s).
            if (sent.Text.StartsWith("✅ 1번", StringComparison.Ordinal) && Interlocked.Increment(ref late) == 1)
            {
                await Task.Delay(TimeSpan.FromSeconds(5), aborted);
            }
        };

        await _host.PostOkAsync(Say("slow", "#의견 늦게 답하는 커넥터", from: "user-id-2", name: "Adele Vance"));
        await _host.RepliesSentAsync();
        await _host.PostOkAsync(Say("next", "#의견 그다음 의견", from: "user-id-3", name: "Isaiah Langer"));
        await _host.RepliesSentAsync();

        Assert.Single(_connector.Sent, s => s.Text.StartsWith("✅ 1번", StringComparison.Ordinal));
        Assert.Equal([1, 2], AcknowledgedNumbers());
        Assert.Contains(_host.Logs.GetSnapshot(), r => r.Id.Id == 4112);
    }
}
