using MeetingBot.Core;
using MeetingBot.Storage;
using MeetingBot.TestSupport;
using Microsoft.Data.Sqlite;

namespace MeetingBot.Storage.Tests;

/// <summary>The SQLite store on real files: schema, durability, de-duplication and group commit.</summary>
public sealed class SqliteMeetingStoreTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "meetingbot-store-tests", Guid.NewGuid().ToString("N"));
    private static readonly DateTimeOffset Now = TestMeetings.Start;

    public SqliteMeetingStoreTests() => Directory.CreateDirectory(_folder);

    private string ConnectionString => $"Data Source={Path.Combine(_folder, "sub", "store.db")}";

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static ProcessedMessage Processed(string id) => new("test", "chat-1", id, Now);

    [Fact]
    public async Task Stage_IsVisibleToReadsAtOnce_AndDurableOnlyAfterFlush()
    {
        await using var store = await SqliteMeetingStore.OpenAsync(ConnectionString);
        await store.UpsertDefinitionAsync(TestMeetings.Strategy());

        var first = await store.StageAsync(new StoreChange { Processed = Processed("a"), Entries = [StoreSamples.Entry(1, "a")] });
        var second = await store.StageAsync(new StoreChange { Processed = Processed("b"), Entries = [StoreSamples.Entry(2, "b")] });

        Assert.Equal(2, (await store.GetEntriesAsync("ydp-2020-09-strategy")).Count);
        Assert.False(first.IsCompleted);
        Assert.False(second.IsCompleted);
        await using (var other = new SqliteConnection(ConnectionString))
        {
            await other.OpenAsync();
            using var count = other.CreateCommand();
            count.CommandText = "SELECT COUNT(*) FROM entries";
            Assert.Equal(0L, await count.ExecuteScalarAsync());
        }

        await store.FlushAsync();

        Assert.True(first.IsCompletedSuccessfully && second.IsCompletedSuccessfully);
        await using var reader = new SqliteConnection(ConnectionString);
        await reader.OpenAsync();
        using var committed = reader.CreateCommand();
        committed.CommandText = "SELECT COUNT(*) FROM entries";
        Assert.Equal(2L, await committed.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Stage_ADuplicateInsideAnOpenBatch_LeavesTheOtherStagedChangesIntact()
    {
        await using var store = await SqliteMeetingStore.OpenAsync(ConnectionString);
        await store.UpsertDefinitionAsync(TestMeetings.Strategy());
        var first = await store.StageAsync(new StoreChange { Processed = Processed("a"), Entries = [StoreSamples.Entry(1, "a")] });

        await Assert.ThrowsAsync<DuplicateMessageException>(() => store.StageAsync(new StoreChange { Processed = Processed("a"), Entries = [StoreSamples.Entry(2, "x")] }));
        await store.FlushAsync();

        await first;
        Assert.Equal(["a"], (await store.GetEntriesAsync("ydp-2020-09-strategy")).Select(e => e.SourceId));
    }

    [Fact]
    public async Task Open_AFileFromANewerVersion_IsRefusedWithAClearMessage()
    {
        var path = Path.Combine(_folder, "newer.db");
        await using (var raw = new SqliteConnection($"Data Source={path}"))
        {
            await raw.OpenAsync();
            using var cmd = raw.CreateCommand();
            cmd.CommandText = "PRAGMA user_version = 999";
            await cmd.ExecuteNonQueryAsync();
        }

        var ex = await Assert.ThrowsAsync<StoreUnavailableException>(() => SqliteMeetingStore.OpenAsync($"Data Source={path}"));

        Assert.Contains("999", ex.Message);
        Assert.Contains(path, ex.Message);
    }

    [Fact]
    public async Task Open_AFileThatIsNotADatabase_IsRefusedAndLeftUntouched()
    {
        var path = Path.Combine(_folder, "notes.db");
        await File.WriteAllTextAsync(path, "이것은 데이터베이스가 아닙니다. 이 파일은 그대로 남아야 합니다. ".PadRight(4096, '!'));
        var before = await File.ReadAllBytesAsync(path);

        var ex = await Assert.ThrowsAsync<StoreUnavailableException>(() => SqliteMeetingStore.OpenAsync($"Data Source={path}"));

        Assert.Contains($"'{path}'이(가) 손상되었습니다", ex.Message);
        Assert.Contains("백업에서 복원", ex.Message);
        Assert.Equal(before, await File.ReadAllBytesAsync(path));
    }

    [Fact]
    public async Task AFileDamagedWhileOpen_FailsEveryCallWithOneKoreanLine_AndCompletesDamaged()
    {
        var path = Path.Combine(_folder, "damaged.db");
        await using var store = await SqliteMeetingStore.OpenAsync($"Data Source={path}");
        await store.UpsertDefinitionAsync(TestMeetings.Strategy());
        Assert.False(store.Damaged.IsCompleted);

        // The log and its index too: otherwise SQLite keeps answering from them and never reads the damaged file.
        foreach (var file in new[] { path, path + "-wal", path + "-shm" }.Where(File.Exists))
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
            stream.Write(System.Security.Cryptography.RandomNumberGenerator.GetBytes((int)stream.Length));
        }

        var ex = await Assert.ThrowsAsync<StoreUnavailableException>(() => store.ListMeetingsAsync());

        Assert.Contains($"'{path}'이(가) 손상되었습니다", ex.Message);
        Assert.Same(ex, await store.Damaged.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Open_AFolderWhereTheFileShouldBe_NamesTheSetting()
    {
        var path = Path.Combine(_folder, "folder.db");
        Directory.CreateDirectory(path);

        var ex = await Assert.ThrowsAsync<StoreUnavailableException>(() => SqliteMeetingStore.OpenAsync($"Data Source={path}"));

        Assert.Contains($"'{path}'을(를) 열 수 없습니다", ex.Message);
        Assert.Contains("Storage:ConnectionString", ex.Message);
    }

    [Fact]
    public async Task Flush_AcknowledgesOnlyAfterTheLogFsync_WhileTheNextBatchIsWrittenMeanwhile()
    {
        using var fsync = new HeldFsync();
        await using var store = await SqliteMeetingStore.OpenAsync(ConnectionString, fsync.Flush);
        await store.UpsertDefinitionAsync(TestMeetings.Strategy());
        fsync.Hold();

        var first = await store.StageAsync(new StoreChange { Processed = Processed("a"), Entries = [StoreSamples.Entry(1, "a")] });
        var firstFlush = Task.Run(() => store.FlushAsync());
        await fsync.EnteredAsync();

        // The first batch's fsync is held: the store is not, so the next input is applied and written meanwhile.
        var second = await store.StageAsync(new StoreChange { Processed = Processed("b"), Entries = [StoreSamples.Entry(2, "b")] }).WaitAsync(TimeSpan.FromSeconds(10));
        var secondFlush = store.FlushAsync();
        Assert.Equal(2L, await CountCommittedEntriesAsync());
        Assert.False(firstFlush.IsCompleted || first.IsCompleted || secondFlush.IsCompleted || second.IsCompleted);

        fsync.Release();
        await Task.WhenAll(firstFlush, secondFlush).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(first.IsCompletedSuccessfully && second.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task Flush_WhenTheLogFsyncFails_FailsTheWaitingInputsWithAKoreanMessage()
    {
        var failing = false;
        await using var store = await SqliteMeetingStore.OpenAsync(ConnectionString, wal =>
        {
            if (Volatile.Read(ref failing))
            {
                throw new IOException("장치에 남은 공간이 없습니다");
            }

            RandomAccess.FlushToDisk(wal);
        });
        await store.UpsertDefinitionAsync(TestMeetings.Strategy());
        Volatile.Write(ref failing, true);

        var staged = await store.StageAsync(new StoreChange { Processed = Processed("a"), Entries = [StoreSamples.Entry(1, "a")] });
        var ex = await Assert.ThrowsAsync<MeetingBotException>(() => store.FlushAsync());

        Assert.Contains("디스크에 기록하지 못했습니다", ex.Message);
        Assert.Contains("장치에 남은 공간이 없습니다", ex.Message);
        Assert.True(staged.IsFaulted);

        Volatile.Write(ref failing, false);
        await store.FlushAsync();
        await store.CommitAsync(new StoreChange { Processed = Processed("b"), Entries = [StoreSamples.Entry(2, "b")] });
    }

    [Fact]
    public async Task AnInMemoryDatabase_NeedsNoLogFsync_AndCommitsDurablyAsBefore()
    {
        var fsyncs = 0;
        await using var store = await SqliteMeetingStore.OpenAsync("Data Source=:memory:", _ => Interlocked.Increment(ref fsyncs));
        await store.UpsertDefinitionAsync(TestMeetings.Strategy());

        await store.CommitAsync(new StoreChange { Processed = Processed("a"), Entries = [StoreSamples.Entry(1, "a")] });

        Assert.Single(await store.GetEntriesAsync("ydp-2020-09-strategy"));
        Assert.Equal(0, fsyncs);
    }

    private async Task<long> CountCommittedEntriesAsync()
    {
        await using var other = new SqliteConnection(ConnectionString);
        await other.OpenAsync();
        using var count = other.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM entries";
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
