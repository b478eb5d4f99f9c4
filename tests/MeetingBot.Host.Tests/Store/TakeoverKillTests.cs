using System.Net;
using System.Text;
using MeetingBot.Host.Tests.Cli;
using MeetingBot.Host.Tests.Teams;
using MeetingBot.TestSupport;
using Npgsql;

namespace MeetingBot.Host.Tests.Store;

/// <summary>
/// Two real server processes on one real PostgreSQL database (SPEC §11), leases of 2 s: the meeting is started through
/// instance 1, which holds its outbox and its clock while the Teams connector refuses every send (429). Instance 1 is
/// killed with SIGKILL; instance 2, running beside it all along, takes the work over: every acknowledged reply is sent
/// once, in order, and the next timebox warning, due after the kill, is decided and sent once.
/// </summary>
public sealed class TakeoverKillTests : IAsyncLifetime
{
    private const string Chat = "19:takeover-kill@thread.v2";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(180);
    private readonly string _work = Directory.CreateTempSubdirectory("meetingbot-takeover-").FullName;
    private PostgresDatabase _database = null!;
    private LocalConnector _connector = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(_work, "meetings"));
        Directory.CreateDirectory(Path.Combine(_work, "one"));
        Directory.CreateDirectory(Path.Combine(_work, "two"));

        // Item 1 has one minute; with a warning 50 s before its end, "soon" is due 10 s after the start, "time up" at 60 s.
        var yaml = TeamsMeeting.Yaml(TimeProvider.System.GetUtcNow()).Replace("참석자 소개 및 인사, minutes: 5", "참석자 소개 및 인사, minutes: 1", StringComparison.Ordinal);
        await File.WriteAllTextAsync(Path.Combine(_work, "meetings", "pilot.meeting.yaml"), yaml);
        _database = await PostgresServer.CreateDatabaseAsync();
        _connector = await LocalConnector.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _connector.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await _database.DisposeAsync();
        try
        {
            Directory.Delete(_work, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private Dictionary<string, string> Settings(string instance) => new(StringComparer.Ordinal)
    {
        ["Storage__Provider"] = "postgres",
        ["Storage__ConnectionString"] = _database.ConnectionString,
        ["Storage__LeaseSeconds"] = "2",
        ["Meetings__Folder"] = Path.Combine(_work, "meetings"),
        ["Reports__Folder"] = Path.Combine(_work, instance, "reports"),
        ["Timebox__WarnBefore"] = "00:00:50",
        ["Timebox__TickInterval"] = "00:00:00.200",
        ["Teams__AllowUnauthenticated"] = "true",
        ["Teams__Connector__RetryBaseDelay"] = "00:00:00.050",
        ["Teams__Connector__RetryMaxDelay"] = "00:00:00.200",
    };

    private MeetingBotProcess Start(string instance) => MeetingBotProcess.Start(Path.Combine(_work, instance), Settings(instance));

    [Fact]
    public async Task AnInstanceKilledWhileItHoldsTheMeeting_LeavesItsRepliesAndItsNextWarningToTheOther_EachSentOnceInOrder()
    {
        _connector.Throttles = _ => true;
        await using var one = Start("one");
        await one.ListeningAsync();
        using (var client = new HttpClient { BaseAddress = one.Address })
        {
            await PostOkAsync(client, Activities.Message("bind", $"/연결 {TeamsMeeting.Id}", Chat, _connector.ServiceUrl, "user-id-0", "Alex Wilber"));
            await PostOkAsync(client, Activities.Message("start", "/시작", Chat, _connector.ServiceUrl));
            for (var i = 1; i <= 3; i++)
            {
                await PostOkAsync(client, Activities.Message($"op-{i}", $"#의견 죽기 전에 남긴 의견 {i}", Chat, _connector.ServiceUrl, "user-id-2", "Adele Vance"));
            }
        }

        // Instance 1, alone so far, has claimed the conversation's replies and been refused, and its clock has decided
        // the "soon" warning: the outbox rows and the meeting's clock carry its lease.
        await Eventually(() => Task.FromResult(_connector.ThrottledCount > 0));
        await Eventually(async () => (await OutboxAsync()).Any(IsSoonWarning));
        var holder = await ScalarAsync("SELECT leased_by FROM runtimes WHERE meeting_id = @m");
        Assert.NotNull(holder);
        Assert.Equal([holder], (await OutboxAsync()).Select(r => r.LeasedBy).Where(l => l is not null).Distinct());

        await using var two = Start("two");
        await two.ListeningAsync();
        await one.KillAsync();

        Assert.Empty(_connector.Sent);
        var owed = await OutboxAsync();
        Assert.All(owed, row => Assert.False(row.Sent));
        Assert.Contains(owed, row => row.Text.Contains("3번 의견 접수", StringComparison.Ordinal));
        Assert.Single(owed, IsSoonWarning);
        Assert.DoesNotContain(owed, IsTimeUpWarning);

        _connector.Throttles = _ => false;
        await Eventually(async () => (await OutboxAsync()) is { } rows && rows.Any(IsTimeUpWarning) && rows.All(row => row.Sent));
        var done = await OutboxAsync();
        Assert.Equal(owed.Select(row => row.Text), done.Take(owed.Count).Select(row => row.Text));
        Assert.Equal(done.Select(row => row.Text), _connector.TextsTo(Chat));
        Assert.Single(_connector.TextsTo(Chat), IsSoonWarning);
        Assert.Single(_connector.TextsTo(Chat), IsTimeUpWarning);
        Assert.NotEqual(holder, await ScalarAsync("SELECT leased_by FROM runtimes WHERE meeting_id = @m"));
    }

    private static bool IsSoonWarning((string Text, bool Sent, string? LeasedBy) row) => IsSoonWarning(row.Text);

    private static bool IsTimeUpWarning((string Text, bool Sent, string? LeasedBy) row) => IsTimeUpWarning(row.Text);

    private static bool IsSoonWarning(string text) => text.StartsWith('⏰') && text.Contains("전입니다", StringComparison.Ordinal);

    private static bool IsTimeUpWarning(string text) => text.StartsWith('⏰') && text.Contains("끝났습니다", StringComparison.Ordinal);

    private static async Task PostOkAsync(HttpClient client, string activity)
    {
        using var content = new StringContent(activity, Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(new Uri("/api/messages", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>The conversation's text messages as the database holds them, oldest first: text, sent, which instance leased it. Agenda card rows (with an <c>outbox_cards</c> row) are left out: they are not text.</summary>
    private async Task<IReadOnlyList<(string Text, bool Sent, string? LeasedBy)>> OutboxAsync()
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT text, sent_at IS NOT NULL, leased_by FROM outbox WHERE conversation_id = @c AND id NOT IN (SELECT outbox_id FROM outbox_cards) ORDER BY id", connection);
        cmd.Parameters.AddWithValue("c", Chat);
        await using var reader = await cmd.ExecuteReaderAsync();
        var rows = new List<(string, bool, string?)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetBoolean(1), await reader.IsDBNullAsync(2) ? null : reader.GetString(2)));
        }

        return rows;
    }

    private async Task<string?> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, connection);
        cmd.Parameters.AddWithValue("m", TeamsMeeting.Id);
        return await cmd.ExecuteScalarAsync() as string;
    }

    private static async Task Eventually(Func<Task<bool>> condition)
    {
        using var guard = new CancellationTokenSource(Patience);
        while (!await condition())
        {
            await Task.Delay(100, guard.Token);
        }
    }
}
