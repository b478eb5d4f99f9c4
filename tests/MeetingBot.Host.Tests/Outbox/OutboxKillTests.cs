using System.Net;
using System.Text;
using MeetingBot.Host.Tests.Cli;
using MeetingBot.Host.Tests.Teams;
using Microsoft.Data.Sqlite;

namespace MeetingBot.Host.Tests.Outbox;

/// <summary>
/// The real server process, killed with SIGKILL mid-meeting while the Teams connector refuses every send (429): the
/// replies it acknowledged are in the outbox, and the next start sends each of them exactly once, in order.
/// </summary>
public sealed class OutboxKillTests : IAsyncLifetime
{
    private const string Chat = "19:outbox-kill@thread.v2";
    private readonly string _work = Directory.CreateTempSubdirectory("meetingbot-outbox-kill-").FullName;
    private LocalConnector _connector = null!;

    private string Db => Path.Combine(_work, "bot.db");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(_work, "meetings"));
        await File.WriteAllTextAsync(Path.Combine(_work, "meetings", "pilot.meeting.yaml"), TeamsMeeting.Yaml(TimeProvider.System.GetUtcNow()));
        _connector = await LocalConnector.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _connector.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_work, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private Dictionary<string, string> Settings() => new(StringComparer.Ordinal)
    {
        ["Storage__ConnectionString"] = $"Data Source={Db}",
        ["Meetings__Folder"] = Path.Combine(_work, "meetings"),
        ["Reports__Folder"] = Path.Combine(_work, "reports"),
        ["Teams__AllowUnauthenticated"] = "true",
        ["Teams__Connector__RetryBaseDelay"] = "00:00:00.050",
        ["Teams__Connector__RetryMaxDelay"] = "00:00:00.200",
    };

    [Fact]
    public async Task RepliesNotSentWhenTheServerIsKilled_AreSentOnceEach_InOrder_AfterItStartsAgain()
    {
        _connector.Throttles = _ => true;
        await using (var server = MeetingBotProcess.Start(_work, Settings()))
        {
            await server.ListeningAsync();
            using var client = new HttpClient { BaseAddress = server.Address };
            await PostOkAsync(client, Activities.Message("bind", $"/연결 {TeamsMeeting.Id}", Chat, _connector.ServiceUrl, "user-id-0", "Alex Wilber"));
            await PostOkAsync(client, Activities.Message("start", "/시작", Chat, _connector.ServiceUrl));
            for (var i = 1; i <= 3; i++)
            {
                await PostOkAsync(client, Activities.Message($"op-{i}", $"#의견 죽기 전에 남긴 의견 {i}", Chat, _connector.ServiceUrl, "user-id-2", "Adele Vance"));
            }

            // The drain has tried and been refused: what is owed is only in the store when the process dies.
            await Eventually(() => Task.FromResult(_connector.ThrottledCount > 0));
            await server.KillAsync();
        }

        Assert.Empty(_connector.Sent);
        var owed = await OutboxAsync();
        Assert.True(owed.Count >= 7, string.Join("\n", owed));
        Assert.All(owed, row => Assert.False(row.Sent));
        Assert.Contains(owed, row => row.Text.Contains("3번 의견 접수", StringComparison.Ordinal));

        _connector.Throttles = _ => false;
        await using (var server = MeetingBotProcess.Start(_work, Settings()))
        {
            await server.ListeningAsync();
            await Eventually(async () => (await OutboxAsync()).All(row => row.Sent));
            await server.KillAsync();
        }

        Assert.Equal(owed.Select(row => row.Text), _connector.TextsTo(Chat));
    }

    private static async Task PostOkAsync(HttpClient client, string activity)
    {
        using var content = new StringContent(activity, Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(new Uri("/api/messages", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>
    /// The outbox's text messages as the file holds them, oldest first, read by a second connection as the server runs
    /// or after it died. Agenda card updates (rows with an <c>outbox_cards</c> row) are left out: they are not text.
    /// </summary>
    private async Task<IReadOnlyList<(string Text, bool Sent)>> OutboxAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={Db};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT text, sent_at IS NOT NULL FROM outbox WHERE conversation_id = $c AND id NOT IN (SELECT outbox_id FROM outbox_cards) ORDER BY id";
        cmd.Parameters.AddWithValue("$c", Chat);
        using var reader = await cmd.ExecuteReaderAsync();
        var rows = new List<(string, bool)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetBoolean(1)));
        }

        return rows;
    }

    private static async Task Eventually(Func<Task<bool>> condition)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!await condition())
        {
            await Task.Delay(50, guard.Token);
        }
    }
}
