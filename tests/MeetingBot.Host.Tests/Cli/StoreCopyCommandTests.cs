using System.Text;
using System.Text.Json;
using MeetingBot.Core;
using MeetingBot.Host.Cli;
using MeetingBot.Storage;
using MeetingBot.Storage.Postgres;
using MeetingBot.TestSupport;

namespace MeetingBot.Host.Tests.Cli;

/// <summary>
/// <c>meetingbot store copy</c> through the real command line: a SQLite file filled by <c>meetingbot import</c> moved
/// into a real PostgreSQL database, the counts checked, a filled target refused unless <c>--force</c>.
/// </summary>
public sealed class StoreCopyCommandTests : CliTest, IAsyncLifetime
{
    private readonly HostWork _server = new();
    private PostgresDatabase _database = null!;

    public StoreCopyCommandTests() => File.WriteAllText(Settings, $$"""{ "Storage": { "ConnectionString": "Data Source={{_server.Database.Replace("\\", "\\\\", StringComparison.Ordinal)}}" } }""", Encoding.UTF8);

    private string Settings => Path.Combine(Work, "settings.json");

    public async Task InitializeAsync()
    {
        _database = await PostgresServer.CreateDatabaseAsync();
        var dir = SharedSample();
        RepositoryFiles.CopySample(dir, "foundation");
        var (code, _, stderr) = await RunAsync("import", dir, "--settings", Settings);
        Assert.True(code == CommandLine.Ok, stderr);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    protected override void Dispose(bool disposing)
    {
        _server.Dispose();
        base.Dispose(disposing);
    }

    private Task<(int Code, string Out, string Err)> CopyAsync(params string[] more) =>
        RunAsync(["store", "copy", "--to", _database.ConnectionString, "--settings", Settings, .. more]);

    [Fact]
    public async Task Copy_MovesEveryRow_ChecksTheCounts_AndThePostgresStoreServesWhatTheFileHeld()
    {
        var (code, stdout, stderr) = await CopyAsync();

        Assert.True(code == CommandLine.Ok, stderr);
        Assert.Contains("  entries: ", stdout);
        Assert.Contains("행 수가 같음을 확인했습니다", stdout);
        await using var sqlite = await SqliteMeetingStore.OpenAsync($"Data Source={_server.Database}");
        await using var postgres = await PostgresMeetingStore.OpenAsync(_database.ConnectionString);
        var meetings = await sqlite.ListMeetingsAsync();
        Assert.Equal(2, meetings.Count);
        Assert.Equal(meetings, await postgres.ListMeetingsAsync());
        foreach (var meeting in meetings)
        {
            Assert.Equal(await sqlite.GetEntriesAsync(meeting.Id), await postgres.GetEntriesAsync(meeting.Id));
            Assert.Equal(JsonSerializer.Serialize(await sqlite.GetRuntimeAsync(meeting.Id)), JsonSerializer.Serialize(await postgres.GetRuntimeAsync(meeting.Id)));
            Assert.Equal(JsonSerializer.Serialize(await sqlite.GetDefinitionAsync(meeting.Id)), JsonSerializer.Serialize(await postgres.GetDefinitionAsync(meeting.Id)));
        }

        // New outbox rows follow the copied ones in send order.
        var to = new ConversationAddress("test", "chat-1", null);
        await sqlite.CommitAsync(new StoreChange { Outbox = [new OutboundMessage(to, "파일에만", TestMeetings.Start)] });
        await postgres.CommitAsync(new StoreChange { Outbox = [new OutboundMessage(to, "복사 뒤", TestMeetings.Start)] });
        var last = Assert.Single(await postgres.GetUnsentAsync(10));
        Assert.True(last.Id >= (await sqlite.GetUnsentAsync(10)).Single().Id, "outbox ids restart after a copy");
    }

    [Fact]
    public async Task ATargetThatHoldsAnything_IsRefused_UnlessForced()
    {
        Assert.Equal(CommandLine.Ok, (await CopyAsync()).Code);

        var (refused, _, stderr) = await CopyAsync();
        var (forced, stdout, forcedErr) = await CopyAsync("--force");

        Assert.Equal(CommandLine.BadInput, refused);
        Assert.Contains("비어 있지 않습니다", stderr);
        Assert.Contains("--force", stderr);
        Assert.Contains(_database.Name, stderr);
        Assert.True(forced == CommandLine.Ok, forcedErr);
        Assert.Contains("행 수가 같음을 확인했습니다", stdout);
        await using var postgres = await PostgresMeetingStore.OpenAsync(_database.ConnectionString);
        Assert.Equal(2, (await postgres.ListMeetingsAsync()).Count);
    }

    [Theory]
    [InlineData("Data Source=elsewhere.db", "--to")]
    [InlineData("Database=meetingbot", "Host=")]
    public async Task ATargetThatIsNotAPostgresConnectionString_IsRefusedNamingTheOption(string to, string named)
    {
        var (code, _, stderr) = await RunAsync("store", "copy", "--to", to, "--settings", Settings);

        Assert.Equal(CommandLine.BadInput, code);
        Assert.Contains(named, stderr);
    }

    [Fact]
    public async Task WithoutCopy_OrWithoutTo_TheUsageIsShown()
    {
        var (code, _, stderr) = await RunAsync("store", "--to", _database.ConnectionString);
        var (missing, _, missingErr) = await RunAsync("store", "copy");

        Assert.Equal((CommandLine.BadInput, CommandLine.BadInput), (code, missing));
        Assert.Contains("meetingbot store copy --to", stderr);
        Assert.Contains("--to", missingErr);
    }
}
