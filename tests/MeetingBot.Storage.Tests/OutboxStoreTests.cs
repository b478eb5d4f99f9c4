using MeetingBot.Core;
using MeetingBot.Storage;
using MeetingBot.TestSupport;
using Microsoft.Data.Sqlite;

namespace MeetingBot.Storage.Tests;

/// <summary>The outbox on a real file: a message is stored with its change, handed out once durable, in order, until marked sent.</summary>
public sealed class OutboxStoreTests : IDisposable
{
    private static readonly DateTimeOffset Now = TestMeetings.Start;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "meetingbot-outbox-tests", Guid.NewGuid().ToString("N"));

    public OutboxStoreTests() => Directory.CreateDirectory(_folder);

    private string Db => Path.Combine(_folder, "store.db");

    private string ConnectionString => $"Data Source={Db}";

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

    private static OutboundMessage To(string conversation, string text, string? replyTo = null) =>
        new(new ConversationAddress("test", conversation, "https://svc/"), text, Now, replyTo);

    private static Entry Entry(int number, string source) => new()
    {
        MeetingId = "ydp-2020-09-strategy",
        Number = number,
        Kind = EntryKind.Opinion,
        ItemIndex = 1,
        Text = "의견 " + number,
        AuthorName = "박서연",
        SourceId = source,
        CapturedAt = Now,
    };

    private static StoreChange Input(string id, int entry, params OutboundMessage[] replies) => new()
    {
        Processed = new ProcessedMessage("test", "chat-1", id, Now),
        Entries = [Entry(entry, id)],
        Outbox = replies,
    };

    [Fact]
    public async Task MessagesCommittedWithTheirChange_AreHandedOutInCommitOrder_WithEverythingToSendThem()
    {
        await using var store = await SqliteMeetingStore.OpenAsync(ConnectionString);
        await store.CommitAsync(Input("m1", 1, To("chat-1", "접수 1", "m1"), To("chat-2", "알림")));
        await store.CommitAsync(Input("m2", 2, To("chat-1", "접수 2", "m2")));

        var unsent = await store.GetUnsentAsync(10);

        Assert.Equal(["접수 1", "알림", "접수 2"], unsent.Select(u => u.Message.Text));
        Assert.True(unsent[0].Id < unsent[1].Id && unsent[1].Id < unsent[2].Id);
        Assert.Equal(To("chat-1", "접수 1", "m1"), unsent[0].Message);
        Assert.Equal(["접수 1"], (await store.GetUnsentAsync(1)).Select(u => u.Message.Text));
    }

    [Fact]
    public async Task AStagedMessage_IsNotHandedOutUntilItsBatchIsOnDisk()
    {
        using var fsync = new HeldFsync();
        await using var store = await SqliteMeetingStore.OpenAsync(ConnectionString, fsync.Flush);
        var added = store.WhenAddedAsync();
        fsync.Hold();
        var durable = await store.StageAsync(Input("m1", 1, To("chat-1", "접수", "m1")));
        Assert.Empty(await store.GetUnsentAsync(10));
        var flush = Task.Run(() => store.FlushAsync());
        await fsync.EnteredAsync();

        // Committed to the log but not yet on disk: a crash now could lose it, so it must not leave yet.
        Assert.Empty(await store.GetUnsentAsync(10));
        Assert.False(added.IsCompleted);

        fsync.Release();
        await Task.WhenAll(flush, durable, added).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(["접수"], (await store.GetUnsentAsync(10)).Select(u => u.Message.Text));
    }

    [Fact]
    public async Task AChangeThatFails_LeavesNoMessageBehind()
    {
        await using var store = await SqliteMeetingStore.OpenAsync(ConnectionString);
        await store.CommitAsync(Input("m1", 1, To("chat-1", "접수 1", "m1")));

        await Assert.ThrowsAsync<DuplicateMessageException>(() => store.CommitAsync(Input("m1", 2, To("chat-1", "두 번째 접수", "m1"))));

        Assert.Equal(["접수 1"], (await store.GetUnsentAsync(10)).Select(u => u.Message.Text));
    }

    [Fact]
    public async Task ARowRolledBackWithItsChange_DoesNotLetTheNextRowWithItsIdLeaveBeforeItIsOnDisk()
    {
        using var fsync = new HeldFsync();
        await using var store = await SqliteMeetingStore.OpenAsync(ConnectionString, fsync.Flush);

        // The second message breaks a column rule, so the whole change rolls back after its first row was written.
        var broken = To("chat-1", "깨진 메시지") with { To = new ConversationAddress("test", null!, "https://svc/") };
        await Assert.ThrowsAsync<SqliteException>(() => store.CommitAsync(Input("m1", 1, To("chat-1", "되돌려질 접수", "m1"), broken)));
        await store.CommitAsync(new StoreChange { Processed = new ProcessedMessage("test", "chat-1", "m0", Now) });

        // SQLite gives the rolled-back row's id to the next row; staged but not on disk, it must not leave.
        fsync.Hold();
        var durable = await store.StageAsync(Input("m2", 2, To("chat-1", "접수 2", "m2")));
        var flush = Task.Run(() => store.FlushAsync());
        await fsync.EnteredAsync();
        Assert.Empty(await store.GetUnsentAsync(10));

        fsync.Release();
        await Task.WhenAll(flush, durable).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(["접수 2"], (await store.GetUnsentAsync(10)).Select(u => u.Message.Text));
    }

    [Fact]
    public async Task AReminderAndItsScheduleRow_AreOneCommit_BothAfterACrash_OrNeitherWhenTheChangeFails()
    {
        var row = new ScheduledMeeting("캘린더", "evt-1", "ydp-2020-09-strategy", "전략사업 분과회의", Now, false, "spaces/A", Now, null, null, Now);
        var image = Path.Combine(_folder, "after-crash.db");
        await using (var store = await SqliteMeetingStore.OpenAsync(ConnectionString))
        {
            await store.CommitAsync(new StoreChange { Schedule = [row], Outbox = [To("spaces/A", "⏰ 10분 뒤")] });
            await store.CommitAsync(Input("m1", 1));
            await Assert.ThrowsAsync<DuplicateMessageException>(() => store.CommitAsync(Input("m1", 2, To("spaces/A", "두 번째")) with
            {
                Schedule = [row with { EventId = "evt-2" }],
            }));

            File.Copy(Db, image);
            File.Copy(Db + "-wal", image + "-wal");
        }

        await using var reopened = await SqliteMeetingStore.OpenAsync($"Data Source={image}");

        Assert.Equal([row], await reopened.GetScheduleAsync(Now.AddDays(-1)));
        Assert.Equal(["⏰ 10분 뒤"], (await reopened.GetUnsentAsync(10)).Select(u => u.Message.Text));
    }

    [Fact]
    public async Task ACrashBetweenCommitAndSend_StillHandsTheMessageOutAfterReopening()
    {
        var image = Path.Combine(_folder, "after-crash.db");
        await using (var store = await SqliteMeetingStore.OpenAsync(ConnectionString))
        {
            await store.CommitAsync(Input("m1", 1, To("chat-1", "접수 1", "m1")));
            await store.CommitAsync(Input("m2", 2, To("chat-1", "접수 2", "m2")));
            await store.MarkSentAsync([(await store.GetUnsentAsync(1))[0].Id], Now);

            // What a kill -9 leaves on disk at this moment: the file and its log, never checkpointed or closed.
            File.Copy(Db, image);
            File.Copy(Db + "-wal", image + "-wal");
        }

        await using var reopened = await SqliteMeetingStore.OpenAsync($"Data Source={image}");

        Assert.Equal(["접수 2"], (await reopened.GetUnsentAsync(10)).Select(u => u.Message.Text));
        Assert.Equal(2, (await reopened.GetEntriesAsync("ydp-2020-09-strategy")).Count);
    }

    [Fact]
    public async Task MarkedSent_IsNeverHandedOutAgain_EvenAfterReopening()
    {
        await using (var store = await SqliteMeetingStore.OpenAsync(ConnectionString))
        {
            await store.CommitAsync(new StoreChange { Outbox = [To("chat-1", "하나"), To("chat-1", "둘"), To("chat-2", "셋")] });
            var unsent = await store.GetUnsentAsync(10);
            await store.MarkSentAsync([unsent[0].Id, unsent[2].Id], Now);
            Assert.Equal(["둘"], (await store.GetUnsentAsync(10)).Select(u => u.Message.Text));
        }

        await using var reopened = await SqliteMeetingStore.OpenAsync(ConnectionString);
        Assert.Equal(["둘"], (await reopened.GetUnsentAsync(10)).Select(u => u.Message.Text));
        await reopened.CommitAsync(new StoreChange { Outbox = [To("chat-1", "넷")] });
        Assert.Equal(["둘", "넷"], (await reopened.GetUnsentAsync(10)).Select(u => u.Message.Text));
    }

    [Fact]
    public async Task AFileFromBeforeTheOutbox_GainsTheTable_AndKeepsItsData()
    {
        await using (var old = await SqliteMeetingStore.OpenAsync(ConnectionString))
        {
            await old.UpsertDefinitionAsync(TestMeetings.Strategy());
        }

        using (var raw = new SqliteConnection(ConnectionString + ";Pooling=False"))
        {
            await raw.OpenAsync();
            using var cmd = raw.CreateCommand();
            cmd.CommandText = "DROP TABLE outbox; PRAGMA user_version = 3;";
            await cmd.ExecuteNonQueryAsync();
        }

        await using var store = await SqliteMeetingStore.OpenAsync(ConnectionString);
        await store.CommitAsync(new StoreChange { Outbox = [To("chat-1", "이전 파일에도")] });

        Assert.NotNull(await store.GetDefinitionAsync("ydp-2020-09-strategy"));
        Assert.Single(await store.GetUnsentAsync(10));
    }

    [Fact]
    public async Task ACardMessage_KeepsItsCard_BesideItsText_AcrossARestart()
    {
        var meeting = TestMeetings.Strategy();
        var runtime = MeetingRuntime.NotStartedFor(meeting) with { Status = MeetingStatus.Running, CurrentItem = 1, StartedAt = Now, SegmentStart = Now };
        var card = MeetingBot.Core.Cards.AgendaCard.Of(meeting, runtime, Now.AddMinutes(2));
        await using (var store = await SqliteMeetingStore.OpenAsync(ConnectionString))
        {
            await store.CommitAsync(Input("m1", 1, To("chat-1", "접수 1", "m1"), To("chat-1", card.Text()) with { Card = card }));
        }

        await using var reopened = await SqliteMeetingStore.OpenAsync(ConnectionString);
        var unsent = await reopened.GetUnsentAsync(10);

        Assert.Null(unsent[0].Message.Card);
        var stored = unsent[1].Message.Card!;
        Assert.Equal((card.Key, card.StatusLine, card.Status, card.OpenItem), (stored.Key, stored.StatusLine, stored.Status, stored.OpenItem));
        Assert.Equal(card.Items, stored.Items);
        Assert.Equal(card.Text(), stored.Text());
    }

    [Fact]
    public async Task ACardPost_IsFoundPerChatAndCard_AndReplacedWhenPostedAgain()
    {
        var chat = new ConversationAddress("test", "chat-1");
        await using (var store = await SqliteMeetingStore.OpenAsync(ConnectionString))
        {
            Assert.Null(await store.FindCardPostAsync(chat, "agenda:m"));
            await store.SaveCardPostAsync(chat, "agenda:m", "act-1");
            await store.SaveCardPostAsync(chat, "agenda:m", "act-2");
            await store.SaveCardPostAsync(chat with { ConversationId = "chat-2" }, "agenda:m", "act-9");
        }

        await using var reopened = await SqliteMeetingStore.OpenAsync(ConnectionString);
        Assert.Equal("act-2", await reopened.FindCardPostAsync(chat, "agenda:m"));
        Assert.Equal("act-9", await reopened.FindCardPostAsync(chat with { ConversationId = "chat-2" }, "agenda:m"));
        Assert.Null(await reopened.FindCardPostAsync(chat, "agenda:other"));
    }
}
