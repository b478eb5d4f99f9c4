using System.Data.Common;
using MeetingBot.Core;
using MeetingBot.Core.Transcripts;
using MeetingBot.Storage.Postgres;
using MeetingBot.TestSupport;

namespace MeetingBot.Storage.Tests;

/// <summary>
/// What every store promises, whichever database it keeps: run once on a real SQLite file
/// (<see cref="SqliteStoreContractTests"/>) and once on a real PostgreSQL server (<see cref="PostgresStoreContractTests"/>).
/// "Reopening" opens the same file or database again, as a restart does.
/// </summary>
public abstract class StoreContract<TStore> : IAsyncLifetime
    where TStore : class, IMeetingStore, ITurnStore, IOutboxStore, ICardPostStore, IScheduleStore, IReportRecordStore, ITranscriptStore, IAsyncDisposable
{
    protected static readonly DateTimeOffset Now = TestMeetings.Start;
    private const string MeetingId = StoreSamples.MeetingId;

    /// <summary>Opens (creating when needed) this test's own database.</summary>
    protected abstract Task<TStore> OpenAsync();

    public abstract Task InitializeAsync();

    public abstract Task DisposeAsync();

    private static ProcessedMessage Processed(string id) => new("test", "chat-1", id, Now);

    private static OutboundMessage To(string conversation, string text, string? replyTo = null) =>
        new(new ConversationAddress("test", conversation, "https://svc/"), text, Now, replyTo);

    private static StoreChange Input(string id, int entry, params OutboundMessage[] replies) => new()
    {
        Processed = Processed(id),
        Entries = [StoreSamples.Entry(entry, id)],
        Outbox = replies,
    };

    // ---- meetings, entries, processed ids ----

    [Fact]
    public async Task Reopening_KeepsTheDefinitionEntriesClockBindingAndProcessedIds()
    {
        var meeting = TestMeetings.Strategy();
        await using (var store = await OpenAsync())
        {
            await store.UpsertDefinitionAsync(meeting);
            await store.CommitAsync(new StoreChange
            {
                Processed = Processed("m1"),
                Entries = [StoreSamples.Entry(1, "m1", "첫 의견 <&> \u0001")],
                Runtime = MeetingRuntime.NotStartedFor(meeting) with { Status = MeetingStatus.Running, CurrentItem = 2, NextDueAt = Now.AddMinutes(3), NextEntryNumber = 2 },
                Binding = new ConversationBinding(new ConversationAddress("test", "chat-1", "https://svc/"), meeting.Id, Now),
            });
        }

        await using var reopened = await OpenAsync();
        Assert.Equal(meeting.Agenda.Count, (await reopened.GetDefinitionAsync(meeting.Id))!.Agenda.Count);
        Assert.Equal("첫 의견 <&> \u0001", (await reopened.GetEntriesAsync(meeting.Id)).Single().Text);
        var runtime = await reopened.GetRuntimeAsync(meeting.Id);
        Assert.Equal((MeetingStatus.Running, 2, 2), (runtime!.Status, runtime.CurrentItem, runtime.NextEntryNumber));
        Assert.Equal("https://svc/", (await reopened.FindBindingAsync("test", "chat-1"))!.Address.ServiceUrl);
        Assert.Equal([meeting.Id], (await reopened.GetBindingsAsync(meeting.Id)).Select(b => b.MeetingId));
        Assert.Equal([meeting.Id], await reopened.GetDueMeetingsAsync(Now.AddMinutes(3)));
        Assert.Empty(await reopened.GetDueMeetingsAsync(Now.AddMinutes(2)));
        var summary = Assert.Single(await reopened.ListMeetingsAsync());
        Assert.Equal((MeetingStatus.Running, 1), (summary.Status, summary.EntryCount));
        Assert.True(await reopened.TransactAsync(
            new TurnKey { Channel = "test", ConversationId = "chat-1", MessageId = "m1" },
            (_, _) => ValueTask.FromResult(new TurnResult<bool>(new StoreChange(), false)),
            redelivered: true));
    }

    [Fact]
    public async Task Commit_WithAProcessedIdAlreadyStored_ThrowsAndAppliesNothing()
    {
        await using var store = await OpenAsync();
        await store.UpsertDefinitionAsync(TestMeetings.Strategy());
        await store.CommitAsync(new StoreChange { Processed = Processed("m1"), Entries = [StoreSamples.Entry(1, "m1")] });

        await Assert.ThrowsAsync<DuplicateMessageException>(() =>
            store.CommitAsync(new StoreChange { Processed = Processed("m1"), Entries = [StoreSamples.Entry(2, "m1-again")] }));

        Assert.Single(await store.GetEntriesAsync(MeetingId));
    }

    [Fact]
    public async Task Commit_UpdatesAnEntryInPlace()
    {
        await using var store = await OpenAsync();
        await store.UpsertDefinitionAsync(TestMeetings.Strategy());
        await store.CommitAsync(new StoreChange { Entries = [StoreSamples.Entry(1, "a", "처음")] });

        await store.CommitAsync(new StoreChange { Entries = [StoreSamples.Entry(1, "a", "고침") with { Withdrawn = true, EditedAt = Now.AddMinutes(1) }] });

        var entry = Assert.Single(await store.GetEntriesAsync(MeetingId));
        Assert.Equal(("고침", true), (entry.Text, entry.Withdrawn));
        Assert.Equal(entry, await store.FindEntryAsync(MeetingId, 1));
        Assert.Equal(entry, await store.FindEntryBySourceAsync(MeetingId, "a"));
        Assert.Null(await store.FindEntryAsync(MeetingId, 2));
    }

    // ---- turns ----

    /// <summary>A turn that numbers its entry after what it reads, as the engine does.</summary>
    private static Func<IStateReader, CancellationToken, ValueTask<TurnResult<int>>> AddEntry(string messageId) => async (state, ct) =>
    {
        var number = (await state.GetEntriesAsync(MeetingId, ct)).Count + 1;
        var change = new StoreChange { Processed = Processed(messageId), Entries = [StoreSamples.Entry(number, messageId)], Outbox = [To("chat-1", $"접수 {number}", messageId)] };
        return new TurnResult<int>(change, number);
    };

    private static TurnKey Key(string messageId) => new() { Channel = "test", ConversationId = "chat-1", MessageId = messageId, MeetingId = MeetingId };

    [Fact]
    public async Task ManyTurnsAtOnce_EachSeesTheOneBefore_SoEntryNumbersHaveNoGapsOrDuplicates()
    {
        await using var store = await OpenAsync();
        await store.UpsertDefinitionAsync(TestMeetings.Strategy());

        var numbers = await Task.WhenAll(Enumerable.Range(1, 200).Select(i =>
            Task.Run(() => store.TransactAsync(Key($"m{i}"), AddEntry($"m{i}"), redelivered: -1))));

        Assert.Equal(Enumerable.Range(1, 200), numbers.Order());
        Assert.Equal(Enumerable.Range(1, 200), (await store.GetEntriesAsync(MeetingId)).Select(e => e.Number));
        Assert.Equal(200, (await store.GetUnsentAsync(500)).Count);
    }

    [Fact]
    public async Task ATurnForAMessageAlreadyStored_IsNotRun_AndAnswersAsARedelivery()
    {
        await using var store = await OpenAsync();
        Assert.Equal(1, await store.TransactAsync(Key("m1"), AddEntry("m1"), redelivered: -1));
        var ran = false;

        var again = await store.TransactAsync(Key("m1"), (s, ct) =>
        {
            ran = true;
            return AddEntry("m1")(s, ct);
        }, redelivered: -1);

        Assert.Equal((-1, false), (again, ran));
        Assert.Single(await store.GetEntriesAsync(MeetingId));
    }

    [Fact]
    public async Task ATurnThatFails_AppliesNothing_AndTheNextTurnRuns()
    {
        await using var store = await OpenAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.TransactAsync<int>(Key("bad-1"), (_, _) => throw new InvalidOperationException("결정 실패"), redelivered: 0));

        Assert.Equal(1, await store.TransactAsync(Key("m1"), AddEntry("m1"), redelivered: -1));
        Assert.Equal(2, await store.TransactAsync(Key("bad-1"), AddEntry("bad-1"), redelivered: -1));
    }

    // ---- outbox ----

    [Fact]
    public async Task MessagesCommittedWithTheirChange_AreHandedOutInCommitOrder_WithEverythingToSendThem()
    {
        await using var store = await OpenAsync();
        await store.CommitAsync(Input("m1", 1, To("chat-1", "접수 1", "m1"), To("chat-2", "알림")));
        await store.CommitAsync(Input("m2", 2, To("chat-1", "접수 2", "m2")));

        var unsent = await store.GetUnsentAsync(10);

        Assert.Equal(["접수 1", "알림", "접수 2"], unsent.Select(u => u.Message.Text));
        Assert.True(unsent[0].Id < unsent[1].Id && unsent[1].Id < unsent[2].Id);
        Assert.Equal(To("chat-1", "접수 1", "m1"), unsent[0].Message);
        Assert.Equal(["접수 1"], (await store.GetUnsentAsync(1)).Select(u => u.Message.Text));
    }

    [Fact]
    public async Task AChangeThatFails_LeavesNoMessageBehind()
    {
        await using var store = await OpenAsync();
        await store.CommitAsync(Input("m1", 1, To("chat-1", "접수 1", "m1")));

        await Assert.ThrowsAsync<DuplicateMessageException>(() => store.CommitAsync(Input("m1", 2, To("chat-1", "두 번째 접수", "m1"))));

        Assert.Equal(["접수 1"], (await store.GetUnsentAsync(10)).Select(u => u.Message.Text));
    }

    [Fact]
    public async Task MarkedSent_IsNeverHandedOutAgain_EvenAfterReopening()
    {
        await using (var store = await OpenAsync())
        {
            var added = store.WhenAddedAsync();
            await store.CommitAsync(new StoreChange { Outbox = [To("chat-1", "하나"), To("chat-1", "둘"), To("chat-2", "셋")] });
            Assert.True(added.IsCompletedSuccessfully);
            var unsent = await store.GetUnsentAsync(10);
            await store.MarkSentAsync([unsent[0].Id, unsent[2].Id], Now);
            Assert.Equal(["둘"], (await store.GetUnsentAsync(10)).Select(u => u.Message.Text));
        }

        await using var reopened = await OpenAsync();
        Assert.Equal(["둘"], (await reopened.GetUnsentAsync(10)).Select(u => u.Message.Text));
        await reopened.CommitAsync(new StoreChange { Outbox = [To("chat-1", "넷")] });
        Assert.Equal(["둘", "넷"], (await reopened.GetUnsentAsync(10)).Select(u => u.Message.Text));
    }

    [Fact]
    public async Task ACardMessage_KeepsItsCard_BesideItsText_AcrossAReopening()
    {
        var meeting = TestMeetings.Strategy();
        var runtime = MeetingRuntime.NotStartedFor(meeting) with { Status = MeetingStatus.Running, CurrentItem = 1, StartedAt = Now, SegmentStart = Now };
        var card = MeetingBot.Core.Cards.AgendaCard.Of(meeting, runtime, Now.AddMinutes(2));
        await using (var store = await OpenAsync())
        {
            await store.UpsertDefinitionAsync(meeting);
            await store.CommitAsync(Input("m1", 1, To("chat-1", "접수 1", "m1"), To("chat-1", card.Text()) with { Card = card }));
        }

        await using var reopened = await OpenAsync();
        var unsent = await reopened.GetUnsentAsync(10);

        Assert.Null(unsent[0].Message.Card);
        var stored = unsent[1].Message.Card!;
        Assert.Equal((card.Key, card.StatusLine, card.Status, card.OpenItem), (stored.Key, stored.StatusLine, stored.Status, stored.OpenItem));
        Assert.Equal(card.Items, stored.Items);
        Assert.Equal(card.Text(), stored.Text());
    }

    [Fact]
    public async Task ATimeboxWarning_KeepsItsInMeetingAlertMark_AcrossAReopening()
    {
        await using (var store = await OpenAsync())
        {
            await store.CommitAsync(new StoreChange
            {
                Outbox = [To("chat-1", "하나"), To("chat-1", "둘") with { AlertInMeeting = true }, To("chat-1", "셋", "m1")],
            });
        }

        await using var reopened = await OpenAsync();
        var unsent = await reopened.GetUnsentAsync(10);

        Assert.Equal([false, true, false], unsent.Select(u => u.Message.AlertInMeeting));
        Assert.Equal(["하나", "둘", "셋"], unsent.Select(u => u.Message.Text));
    }

    [Fact]
    public async Task ACardPost_IsFoundPerChatAndCard_AndReplacedWhenPostedAgain()
    {
        var chat = new ConversationAddress("test", "chat-1");
        await using (var store = await OpenAsync())
        {
            Assert.Null(await store.FindCardPostAsync(chat, "agenda:m"));
            await store.SaveCardPostAsync(chat, "agenda:m", "act-1");
            await store.SaveCardPostAsync(chat, "agenda:m", "act-2");
            await store.SaveCardPostAsync(chat with { ConversationId = "chat-2" }, "agenda:m", "act-9");
        }

        await using var reopened = await OpenAsync();
        Assert.Equal("act-2", await reopened.FindCardPostAsync(chat, "agenda:m"));
        Assert.Equal("act-9", await reopened.FindCardPostAsync(chat with { ConversationId = "chat-2" }, "agenda:m"));
        Assert.Null(await reopened.FindCardPostAsync(chat, "agenda:other"));
    }

    [Fact]
    public async Task AReminderAndItsScheduleRow_AreOneCommit_OrNeitherWhenTheChangeFails()
    {
        var row = new ScheduledMeeting("캘린더", "evt-1", MeetingId, "전략사업 분과회의", Now, false, "spaces/A", Now, null, null, Now);
        await using (var store = await OpenAsync())
        {
            await store.CommitAsync(new StoreChange { Schedule = [row], Outbox = [To("spaces/A", "⏰ 10분 뒤")] });
            await store.CommitAsync(Input("m1", 1));
            await Assert.ThrowsAsync<DuplicateMessageException>(() => store.CommitAsync(Input("m1", 2, To("spaces/A", "두 번째")) with
            {
                Schedule = [row with { EventId = "evt-2" }],
            }));
            await store.SaveScheduleAsync(row with { EventId = "evt-3", Start = Now.AddDays(-2) });
        }

        await using var reopened = await OpenAsync();

        Assert.Equal([row], await reopened.GetScheduleAsync(Now.AddDays(-1)));
        Assert.Equal(2, (await reopened.GetScheduleAsync(Now.AddDays(-3))).Count);
        Assert.Equal(["⏰ 10분 뒤"], (await reopened.GetUnsentAsync(10)).Select(u => u.Message.Text));
    }

    // ---- deliveries ----

    [Fact]
    public async Task ADeliveryRecord_ReadsBackWhole_AfterReopening()
    {
        await using (var store = await OpenAsync())
        {
            Assert.Null(await store.GetDeliveryAsync(MeetingId));
            await store.SaveDeliveryAsync(StoreSamples.FailedDelivery(MeetingId, Now));
        }

        await using var reopened = await OpenAsync();
        var record = await reopened.GetDeliveryAsync(MeetingId);

        Assert.NotNull(record);
        Assert.Equal(DeliveryStatus.Failed, record.Status);
        Assert.Equal("/srv/reports/" + MeetingId, record.Folder);
        Assert.Equal(2, record.ReplacedCharacters);
        Assert.Equal(Now.AddSeconds(1), record.WrittenAt);
        Assert.Null(record.NotifiedAt);
        Assert.Equal(2, record.Attempts);
        Assert.Equal("연결 거부", record.LastError);
        Assert.Equal(StoreSamples.FailedDelivery("x", Now).History, record.History);
    }

    [Fact]
    public async Task ANotifiedRecordAndItsNotice_LandInOneCommit_AndTheNoticeIsHandedOutAfterReopening()
    {
        var staff = new ConversationAddress("msteams", "staff-room", "https://smba.trafficmanager.net/kr/");
        var notified = StoreSamples.FailedDelivery(MeetingId, Now) with { Status = DeliveryStatus.Notified, NotifiedAt = Now.AddMinutes(1) };
        await using (var store = await OpenAsync())
        {
            await store.CommitAsync(new StoreChange { Delivery = notified, Outbox = [new OutboundMessage(staff, "📄 결과 보고 초안", Now.AddMinutes(1))] });
        }

        await using var reopened = await OpenAsync();
        Assert.Equal(DeliveryStatus.Notified, (await reopened.GetDeliveryAsync(MeetingId))!.Status);
        var notice = Assert.Single(await reopened.GetUnsentAsync(10));
        Assert.Equal(staff, notice.Message.To);
        Assert.Equal("📄 결과 보고 초안", notice.Message.Text);
    }

    [Fact]
    public async Task SavingADeliveryAgain_ReplacesTheRecord_AndTheListHoldsEachMeetingOnce()
    {
        await using var store = await OpenAsync();
        var failed = StoreSamples.FailedDelivery("b-meeting", Now);
        await store.SaveDeliveryAsync(failed);
        await store.SaveDeliveryAsync(StoreSamples.FailedDelivery("a-meeting", Now));

        var notified = failed with
        {
            Status = DeliveryStatus.Notified,
            NotifiedAt = Now.AddMinutes(2),
            History = [.. failed.History, new DeliveryAttempt(3, Now.AddMinutes(2), null)],
        };
        await store.SaveDeliveryAsync(notified);

        var all = await store.ListDeliveriesAsync();
        Assert.Equal(["a-meeting", "b-meeting"], all.Select(d => d.MeetingId));
        var b = all[1];
        Assert.Equal(DeliveryStatus.Notified, b.Status);
        Assert.Null(b.LastError);
        Assert.Equal(3, b.Attempts);
    }

    // ---- reports ----

    private static StoredReport Report(int revision, string state) => new("r1", "9월 결과 보고", revision, state, Now.AddMinutes(revision));

    private static StoredReportChange Change(string kind, string who) => new(0, 0, kind, "b2", "전", "후", who, Now.AddMinutes(1));

    [Fact]
    public async Task AReport_ItsChangesPhotosAndVersions_SurviveReopening()
    {
        await using (var store = await OpenAsync())
        {
            Assert.True(await store.CreateReportAsync(Report(0, "{\"s\":0}")));
            Assert.True(await store.SaveReportAsync(Report(1, "{\"s\":1}"), 0, new ReportWrite([Change("edit", "김직원"), Change("move", "김직원")])
            {
                Photo = ("p1", [1, 2, 3]),
            }));
            Assert.True(await store.SaveReportAsync(Report(2, "{\"s\":2}"), 1, new ReportWrite([Change("approve", "박주무관")])
            {
                Version = (1, new Dictionary<string, byte[]> { ["md"] = [7], ["docx"] = [8, 9] }),
                Outbox = [To("staff", "승인되었습니다")],
            }));
        }

        await using var reopened = await OpenAsync();
        Assert.Equal(Report(2, "{\"s\":2}"), await reopened.GetReportAsync("r1"));
        Assert.Equal([(1, 1, "edit", "김직원"), (2, 1, "move", "김직원"), (3, 2, "approve", "박주무관")],
            (await reopened.GetReportHistoryAsync("r1")).Select(c => (c.Number, c.Revision, c.Kind, c.Who)));
        Assert.Equal([1, 2, 3], await reopened.GetReportPhotoAsync("r1", "p1"));
        Assert.Equal([8, 9], await reopened.GetReportVersionFileAsync("r1", 1, "docx"));
        Assert.Null(await reopened.GetReportVersionFileAsync("r1", 2, "docx"));
        Assert.Single(await reopened.ListReportsAsync());
        Assert.Equal(["승인되었습니다"], (await reopened.GetUnsentAsync(10)).Select(u => u.Message.Text));
    }

    [Fact]
    public async Task AReportSaveFromAStaleRevision_WritesNothing()
    {
        await using var store = await OpenAsync();
        await store.CreateReportAsync(Report(0, "a"));
        Assert.True(await store.SaveReportAsync(Report(1, "b"), 0, new ReportWrite([Change("edit", "김직원")])));

        var stale = await store.SaveReportAsync(Report(1, "c"), 0, new ReportWrite([Change("edit", "박주무관")]) { Photo = ("p9", [1]), Outbox = [To("staff", "보내면 안 됨")] });

        Assert.False(stale);
        Assert.Equal("b", (await store.GetReportAsync("r1"))!.State);
        Assert.Single(await store.GetReportHistoryAsync("r1"));
        Assert.Null(await store.GetReportPhotoAsync("r1", "p9"));
        Assert.Empty(await store.GetUnsentAsync(10));
    }

    [Fact]
    public async Task AnApprovedVersion_IsFrozen_WritingItAgainFailsTheWholeSave()
    {
        await using var store = await OpenAsync();
        await store.CreateReportAsync(Report(0, "a"));
        await store.SaveReportAsync(Report(1, "b"), 0, new ReportWrite([Change("approve", "김직원")]) { Version = (1, new Dictionary<string, byte[]> { ["md"] = [1] }) });

        await Assert.ThrowsAnyAsync<DbException>(() => store.SaveReportAsync(Report(2, "c"), 1, new ReportWrite([Change("approve", "김직원")])
        {
            Version = (1, new Dictionary<string, byte[]> { ["md"] = [2] }),
        }));

        Assert.Equal([1], await store.GetReportVersionFileAsync("r1", 1, "md"));
        Assert.Equal(("b", 1), ((await store.GetReportAsync("r1"))!.State, (await store.GetReportHistoryAsync("r1")).Count));
        Assert.True(await store.SaveReportAsync(Report(2, "c"), 1, new ReportWrite([Change("edit", "김직원")])));
    }

    [Fact]
    public async Task CreatingAReportIdTwice_KeepsTheFirst()
    {
        await using var store = await OpenAsync();

        Assert.True(await store.CreateReportAsync(Report(0, "first")));
        Assert.False(await store.CreateReportAsync(Report(0, "second")));
        Assert.Equal("first", (await store.GetReportAsync("r1"))!.State);
    }

    // ---- transcripts ----

    [Fact]
    public async Task Cues_attendance_and_attempts_survive_reopening_in_their_order()
    {
        var collected = StoreSamples.PendingTranscript(Now, new TranscriptAttempt(Now.AddMinutes(15), TranscriptAttemptOutcome.NotReady, "아직 없음")) with
        {
            Status = TranscriptStatus.Collected,
            NextAttemptAt = null,
            AcceptCandidates = true,
            Cues =
            [
                new TranscriptCue("T1/0002", "김위원", Now.AddMinutes(9), Now.AddMinutes(10), "둘째 <말>"),
                new TranscriptCue("T1/0001", "박 위원장", Now.AddMinutes(5), Now.AddMinutes(6).AddMilliseconds(250), "첫째", "aad-park"),
            ],
            Attendance = [new AttendanceRecord("김위원", TimeSpan.FromSeconds(3599.5)), new AttendanceRecord("박 위원장", TimeSpan.FromHours(1), "aad-park")],
            Attempts =
            [
                new TranscriptAttempt(Now.AddMinutes(15), TranscriptAttemptOutcome.NotReady, "아직 없음"),
                new TranscriptAttempt(Now.AddMinutes(25), TranscriptAttemptOutcome.Collected, "발언 2건"),
            ],
        };
        await using (var store = await OpenAsync())
        {
            await store.SaveTranscriptAsync(StoreSamples.PendingTranscript(Now, collected.Attempts[0]));
            await store.SaveTranscriptAsync(collected, [To("staff", "발언 기록을 가져왔습니다")]);
        }

        await using var reopened = await OpenAsync();
        var read = await reopened.GetTranscriptAsync("m1");

        Assert.NotNull(read);
        Assert.Equal((TranscriptStatus.Collected, null, "graph", true), (read.Status, read.NextAttemptAt, read.Source, read.AcceptCandidates));
        Assert.Equal(collected.Cues, read.Cues);
        Assert.Equal(collected.Attendance, read.Attendance);
        Assert.Equal(collected.Attempts, read.Attempts);
        Assert.Null(await reopened.GetTranscriptAsync("m2"));
        Assert.Equal(["발언 기록을 가져왔습니다"], (await reopened.GetUnsentAsync(10)).Select(u => u.Message.Text));
    }

    [Fact]
    public async Task A_transcript_save_replaces_what_was_there()
    {
        await using var store = await OpenAsync();
        await store.SaveTranscriptAsync(StoreSamples.PendingTranscript(Now) with { Cues = [new TranscriptCue("a", "김", Now, Now, "하나"), new TranscriptCue("b", "김", Now, Now, "둘")] });

        await store.SaveTranscriptAsync(StoreSamples.PendingTranscript(Now) with { Source = "upload", Cues = [new TranscriptCue("c", "박", Now, Now, "셋")] });

        var read = await store.GetTranscriptAsync("m1");
        Assert.Equal(["c"], read!.Cues.Select(c => c.Id));
        Assert.Equal("upload", read.Source);
    }
}

/// <summary>The store contract on a real SQLite file (in a folder the store creates).</summary>
public sealed class SqliteStoreContractTests : StoreContract<SqliteMeetingStore>
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "meetingbot-contract-" + Guid.NewGuid().ToString("N"));

    protected override Task<SqliteMeetingStore> OpenAsync() =>
        SqliteMeetingStore.OpenAsync($"Data Source={Path.Combine(_folder, "sub", "store.db")}");

    public override Task InitializeAsync() => Task.CompletedTask;

    public override Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }

        return Task.CompletedTask;
    }
}

/// <summary>The store contract on a real PostgreSQL server, each test on a database of its own.</summary>
public sealed class PostgresStoreContractTests : StoreContract<PostgresMeetingStore>
{
    private PostgresDatabase? _database;

    protected override Task<PostgresMeetingStore> OpenAsync() => PostgresMeetingStore.OpenAsync(_database!.ConnectionString);

    public override async Task InitializeAsync() => _database = await PostgresServer.CreateDatabaseAsync();

    public override async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
