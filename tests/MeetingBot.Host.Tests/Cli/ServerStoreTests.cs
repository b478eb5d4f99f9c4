using System.Security.Cryptography;
using MeetingBot.Calendar.Files;
using MeetingBot.Host.Cli;
using MeetingBot.Storage;
using MeetingBot.TestSupport;
using Microsoft.Data.Sqlite;

namespace MeetingBot.Host.Tests.Cli;

/// <summary>
/// The real server process on a store file it cannot use: it exits 3 (so a supervisor with <c>Restart=on-failure</c>
/// notices, and <c>RestartPreventExitStatus=2 3</c> keeps it from looping) with one Korean line naming the file and
/// what to do, whether the file is bad at start or goes bad while the server runs.
/// </summary>
public sealed class ServerStoreTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("meetingbot-server-store-").FullName;

    public ServerStoreTests() => Directory.CreateDirectory(Meetings);

    private string Db => Path.Combine(_work, "bot.db");

    private string Meetings => Path.Combine(_work, "meetings");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_work, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private Dictionary<string, string> Settings(string? connectionString = null) => new(StringComparer.Ordinal)
    {
        ["Storage__ConnectionString"] = connectionString ?? $"Data Source={Db}",
        ["Meetings__Folder"] = Meetings,
        ["Timebox__TickInterval"] = "00:00:01",
    };

    /// <summary>Exit 3 and exactly one line on standard error, in Korean, naming <paramref name="file"/> and a way out.</summary>
    private static void AssertStoreUnusable(ProcessResult result, string file, string whatToDo)
    {
        Assert.True(result.Code == CommandLine.StoreUnavailable, result.ToString());
        var line = Assert.Single(result.ErrLines);
        Assert.StartsWith("오류: 저장소 파일 ", line, StringComparison.Ordinal);
        Assert.Contains($"'{file}'", line, StringComparison.Ordinal);
        Assert.Contains(whatToDo, line, StringComparison.Ordinal);
    }

    /// <summary>A store with the sample meetings in it, closed as a stopped server leaves it (the log folded into the file).</summary>
    private async Task MakeStoreAsync()
    {
        await using var store = await SqliteMeetingStore.OpenAsync($"Data Source={Db}");
        foreach (var meeting in MeetingFileReader.ReadFolder(RepositoryFiles.PathOf("samples", "2020-09")))
        {
            await store.UpsertDefinitionAsync(meeting);
        }
    }

    private static void Overwrite(string file, long offset, int length)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
        stream.Position = offset;
        stream.Write(RandomNumberGenerator.GetBytes(length));
    }

    [Fact]
    public async Task AFileOfGarbage_AtStart_Exits3_NamingTheFile_AndTheBackup()
    {
        await File.WriteAllBytesAsync(Db, RandomNumberGenerator.GetBytes(8192));

        var result = await MeetingBotProcess.RunAsync(_work, Settings());

        AssertStoreUnusable(result, Db, "백업에서 복원");
    }

    /// <summary>The header reads, the tables do not: this stopped the server with exit code 0.</summary>
    [Fact]
    public async Task DamagedPages_FoundByAServiceAtStart_Exit3_NotZero()
    {
        await MakeStoreAsync();
        Overwrite(Db, 4096, (int)new FileInfo(Db).Length - 4096);

        var result = await MeetingBotProcess.RunAsync(_work, Settings());

        AssertStoreUnusable(result, Db, "다른 곳으로 옮겨");
    }

    [Fact]
    public async Task AStoreDamagedWhileTheServerRuns_StopsIt_WithExit3()
    {
        await using var server = MeetingBotProcess.Start(_work, Settings());
        await server.ListeningAsync();

        // The log and its index too: otherwise SQLite keeps answering from them and never reads the damaged file.
        foreach (var file in new[] { Db, Db + "-wal", Db + "-shm" }.Where(File.Exists))
        {
            Overwrite(file, 0, (int)new FileInfo(file).Length);
        }

        var result = await server.ExitAsync();

        AssertStoreUnusable(result, Db, "백업에서 복원");
    }

    [Fact]
    public async Task AStoreLockedByAnotherProgram_AtStart_Exits3_SayingWhatHoldsIt()
    {
        await MakeStoreAsync();
        await using var other = new SqliteConnection($"Data Source={Db};Pooling=False");
        await other.OpenAsync();
        await using (var command = other.CreateCommand())
        {
            command.CommandText = "BEGIN EXCLUSIVE";
            await command.ExecuteNonQueryAsync();
        }

        var result = await MeetingBotProcess.RunAsync(_work, Settings($"Data Source={Db};Default Timeout=1"));

        AssertStoreUnusable(result, Db, "다른 meetingbot 서버나 프로그램을 끈 뒤");
    }

    [Fact]
    public async Task AStorePathThatIsAFolder_AtStart_Exits3_NamingTheSetting()
    {
        Directory.CreateDirectory(Db);

        var result = await MeetingBotProcess.RunAsync(_work, Settings());

        AssertStoreUnusable(result, Db, "Storage:ConnectionString");
    }
}
