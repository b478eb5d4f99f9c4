using MeetingBot.Core;
using MeetingBot.Storage;
using Microsoft.Data.Sqlite;

namespace MeetingBot.Storage.Tests;

/// <summary>Report delivery records in SQLite: kept whole, across reopening, beside a group-commit batch, and added to old files.</summary>
public sealed class DeliveryStoreTests : IDisposable
{
    private static readonly DateTimeOffset At = new(2020, 9, 15, 14, 49, 30, TimeSpan.FromHours(9));
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("meetingbot-delivery-");

    private string Database => Path.Combine(_folder.FullName, "meetingbot.db");

    private string ConnectionString => $"Data Source={Database}";

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task ASave_IsDurableEvenWhileAGroupCommitBatchIsOpen()
    {
        await using (var store = await SqliteMeetingStore.OpenAsync(ConnectionString))
        {
            // A turn has staged its change and not flushed yet: the delivery record must not wait for it.
            var staged = await store.StageAsync(new StoreChange { Processed = new ProcessedMessage("test", "chat-1", "m1", At) });
            await store.SaveDeliveryAsync(StoreSamples.FailedDelivery("ydp-2020-09-strategy", At));
            Assert.True(staged.IsCompleted);
        }

        await using var reopened = await SqliteMeetingStore.OpenAsync(ConnectionString);
        Assert.NotNull(await reopened.GetDeliveryAsync("ydp-2020-09-strategy"));
        Assert.True(await reopened.IsProcessedAsync("test", "chat-1", "m1"));
    }

    [Fact]
    public async Task AFileFromBeforeDeliveries_GainsTheTable_AndKeepsItsData()
    {
        // Schema version 1, as the first release wrote it: a meeting, no deliveries table.
        await using (var old = await SqliteMeetingStore.OpenAsync(ConnectionString))
        {
            await old.UpsertDefinitionAsync(MeetingBot.TestSupport.TestMeetings.Strategy());
        }

        using (var raw = new SqliteConnection(ConnectionString + ";Pooling=False"))
        {
            await raw.OpenAsync();
            using var cmd = raw.CreateCommand();
            cmd.CommandText = "DROP TABLE deliveries; DROP TABLE schedule; DROP TABLE outbox; PRAGMA user_version = 1;";
            await cmd.ExecuteNonQueryAsync();
        }

        await using var store = await SqliteMeetingStore.OpenAsync(ConnectionString);
        await store.SaveDeliveryAsync(StoreSamples.FailedDelivery("ydp-2020-09-strategy", At));

        Assert.NotNull(await store.GetDefinitionAsync("ydp-2020-09-strategy"));
        Assert.Single(await store.ListDeliveriesAsync());
    }
}
