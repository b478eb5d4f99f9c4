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

    private static DeliveryRecord Failed(string meetingId) => new()
    {
        MeetingId = meetingId,
        Status = DeliveryStatus.Failed,
        Folder = "/srv/reports/" + meetingId,
        ReplacedCharacters = 2,
        CreatedAt = At,
        WrittenAt = At.AddSeconds(1),
        History =
        [
            new DeliveryAttempt(1, At, "HttpRequestException: 503 Service Unavailable"),
            new DeliveryAttempt(2, At.AddSeconds(30), "연결 거부"),
        ],
    };

    [Fact]
    public async Task ARecord_ReadsBackWhole_AfterReopening()
    {
        await using (var store = await SqliteMeetingStore.OpenAsync(ConnectionString))
        {
            Assert.Null(await store.GetDeliveryAsync("ydp-2020-09-strategy"));
            await store.SaveDeliveryAsync(Failed("ydp-2020-09-strategy"));
        }

        await using var reopened = await SqliteMeetingStore.OpenAsync(ConnectionString);
        var record = await reopened.GetDeliveryAsync("ydp-2020-09-strategy");

        Assert.NotNull(record);
        Assert.Equal(DeliveryStatus.Failed, record.Status);
        Assert.Equal("/srv/reports/ydp-2020-09-strategy", record.Folder);
        Assert.Equal(2, record.ReplacedCharacters);
        Assert.Equal(At.AddSeconds(1), record.WrittenAt);
        Assert.Null(record.NotifiedAt);
        Assert.Equal(2, record.Attempts);
        Assert.Equal("연결 거부", record.LastError);
        Assert.Equal(Failed("x").History, record.History);
    }

    [Fact]
    public async Task ANotifiedRecordAndItsNotice_LandInOneCommit_AndTheNoticeIsHandedOutAfterReopening()
    {
        var staff = new ConversationAddress("msteams", "staff-room", "https://smba.trafficmanager.net/kr/");
        var notified = Failed("ydp-2020-09-strategy") with { Status = DeliveryStatus.Notified, NotifiedAt = At.AddMinutes(1) };
        await using (var store = await SqliteMeetingStore.OpenAsync(ConnectionString))
        {
            await store.CommitAsync(new StoreChange { Delivery = notified, Outbox = [new OutboundMessage(staff, "📄 결과 보고 초안", At.AddMinutes(1))] });
        }

        await using var reopened = await SqliteMeetingStore.OpenAsync(ConnectionString);
        Assert.Equal(DeliveryStatus.Notified, (await reopened.GetDeliveryAsync("ydp-2020-09-strategy"))!.Status);
        var notice = Assert.Single(await reopened.GetUnsentAsync(10));
        Assert.Equal(staff, notice.Message.To);
        Assert.Equal("📄 결과 보고 초안", notice.Message.Text);
    }

    [Fact]
    public async Task SavingAgain_ReplacesTheRecord_AndTheListHoldsEachMeetingOnce()
    {
        await using var store = await SqliteMeetingStore.OpenAsync(ConnectionString);
        var failed = Failed("b-meeting");
        await store.SaveDeliveryAsync(failed);
        await store.SaveDeliveryAsync(Failed("a-meeting"));

        var notified = failed with
        {
            Status = DeliveryStatus.Notified,
            NotifiedAt = At.AddMinutes(2),
            History = [.. failed.History, new DeliveryAttempt(3, At.AddMinutes(2), null)],
        };
        await store.SaveDeliveryAsync(notified);

        var all = await store.ListDeliveriesAsync();
        Assert.Equal(["a-meeting", "b-meeting"], all.Select(d => d.MeetingId));
        var b = all[1];
        Assert.Equal(DeliveryStatus.Notified, b.Status);
        Assert.Null(b.LastError);
        Assert.Equal(3, b.Attempts);
    }

    [Fact]
    public async Task ASave_IsDurableEvenWhileAGroupCommitBatchIsOpen()
    {
        await using (var store = await SqliteMeetingStore.OpenAsync(ConnectionString))
        {
            // A turn has staged its change and not flushed yet: the delivery record must not wait for it.
            var staged = await store.StageAsync(new StoreChange { Processed = new ProcessedMessage("test", "chat-1", "m1", At) });
            await store.SaveDeliveryAsync(Failed("ydp-2020-09-strategy"));
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
        await store.SaveDeliveryAsync(Failed("ydp-2020-09-strategy"));

        Assert.NotNull(await store.GetDefinitionAsync("ydp-2020-09-strategy"));
        Assert.Single(await store.ListDeliveriesAsync());
    }
}
