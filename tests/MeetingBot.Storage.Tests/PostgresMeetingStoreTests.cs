using MeetingBot.Core;
using MeetingBot.Storage.Postgres;
using MeetingBot.TestSupport;
using Npgsql;

namespace MeetingBot.Storage.Tests;

/// <summary>
/// Several instances on one PostgreSQL database (SPEC §11), as two stores in one process on a real server: migrated
/// once, each message applied once whichever instance gets it, a meeting's entries numbered without gaps.
/// </summary>
public sealed class PostgresMeetingStoreTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = TestMeetings.Start;
    private PostgresDatabase _database = null!;

    public async Task InitializeAsync() => _database = await PostgresServer.CreateDatabaseAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private static Func<IStateReader, CancellationToken, ValueTask<TurnResult<int>>> AddEntry(string meetingId, string messageId) => async (state, ct) =>
    {
        var number = (await state.GetEntriesAsync(meetingId, ct)).Count + 1;
        var entry = StoreSamples.Entry(number, messageId, "의견 " + messageId, meetingId);
        return new TurnResult<int>(new StoreChange { Processed = new ProcessedMessage("test", "chat-" + meetingId, messageId, Now), Entries = [entry] }, number);
    };

    private static TurnKey Key(string meetingId, string messageId) => new() { Channel = "test", ConversationId = "chat-" + meetingId, MessageId = messageId, MeetingId = meetingId };

    [Fact]
    public async Task TwoInstancesStartingTogether_MigrateOnce_AndBothServe()
    {
        var stores = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() => PostgresMeetingStore.OpenAsync(_database.ConnectionString))));
        try
        {
            await stores[0].UpsertDefinitionAsync(TestMeetings.Strategy());
            Assert.NotNull(await stores[1].GetDefinitionAsync("ydp-2020-09-strategy"));
        }
        finally
        {
            foreach (var store in stores)
            {
                await store.DisposeAsync();
            }
        }

        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var versions = new NpgsqlCommand("SELECT COUNT(*), MAX(version) FROM schema_version", connection);
        await using var reader = await versions.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.Equal((1L, PostgresSchema.Version), (reader.GetInt64(0), reader.GetInt32(1)));
    }

    [Fact]
    public async Task ARedeliveryToTwoInstancesAtTheSameMoment_IsAppliedOnce()
    {
        await using var a = await PostgresMeetingStore.OpenAsync(_database.ConnectionString);
        await using var b = await PostgresMeetingStore.OpenAsync(_database.ConnectionString);

        // Every message reaches both instances at once; one applies it, the other answers it as a redelivery.
        var answers = await Task.WhenAll(Enumerable.Range(1, 100).SelectMany(i => new[] { a, b }.Select(store =>
            Task.Run(() => store.TransactAsync(Key("m", $"msg-{i}"), AddEntry("m", $"msg-{i}"), redelivered: -1)))));

        Assert.Equal(100, answers.Count(n => n == -1));
        Assert.Equal(Enumerable.Range(1, 100), answers.Where(n => n > 0).Order());
        var entries = await a.GetEntriesAsync("m");
        Assert.Equal(Enumerable.Range(1, 100), entries.Select(e => e.Number));
        Assert.Equal(100, entries.Select(e => e.SourceId).Distinct().Count());
    }

    [Fact]
    public async Task TurnsOfSeveralMeetingsSpreadOverTwoInstances_AllApply_InOrderPerMeeting()
    {
        await using var a = await PostgresMeetingStore.OpenAsync(_database.ConnectionString);
        await using var b = await PostgresMeetingStore.OpenAsync(_database.ConnectionString);
        string[] meetings = ["m1", "m2", "m3"];

        // Batches on both instances take the meetings' locks in different orders: none may wait on the other for ever.
        await Task.WhenAll(Enumerable.Range(1, 60).SelectMany(i => meetings.Select(m =>
        {
            var store = (i + m[1]) % 2 == 0 ? a : b;
            return Task.Run(() => store.TransactAsync(Key(m, $"{m}-{i}"), AddEntry(m, $"{m}-{i}"), redelivered: -1));
        }))).WaitAsync(TimeSpan.FromMinutes(2));

        foreach (var m in meetings)
        {
            Assert.Equal(Enumerable.Range(1, 60), (await b.GetEntriesAsync(m)).Select(e => e.Number));
        }
    }

    [Fact]
    public async Task ConcurrentInputs_ShareTransactions()
    {
        await using var store = await PostgresMeetingStore.OpenAsync(_database.ConnectionString);

        await Task.WhenAll(Enumerable.Range(1, 200).Select(i => Task.Run(() => store.TransactAsync(Key("m", $"g-{i}"), AddEntry("m", $"g-{i}"), redelivered: -1))));

        Assert.Equal(200, (await store.GetEntriesAsync("m")).Count);
        Assert.InRange(store.BatchesCommitted, 1, 199);
    }

    [Fact]
    public async Task AServerThatDoesNotAnswer_IsNamedInOneKoreanLine()
    {
        var closed = new NpgsqlConnectionStringBuilder(_database.ConnectionString) { Port = FreePort(), Timeout = 3 }.ConnectionString;

        var ex = await Assert.ThrowsAsync<StoreUnavailableException>(() => PostgresMeetingStore.OpenAsync(closed));

        Assert.Contains("PostgreSQL 저장소", ex.Message);
        Assert.Contains("Storage:ConnectionString", ex.Message);
        Assert.DoesNotContain("Password", ex.Message);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static OutboundMessage To(string conversation, string text) => new(new ConversationAddress("test", conversation, null), text, Now);

    [Fact]
    public async Task TwoInstancesDraining_GetEachMessageOnce_AndAConversationStaysWithTheInstanceSendingIt()
    {
        await using var a = await PostgresMeetingStore.OpenAsync(_database.ConnectionString);
        await using var b = await PostgresMeetingStore.OpenAsync(_database.ConnectionString);
        await a.CommitAsync(new StoreChange { Outbox = [To("chat-1", "1-가"), To("chat-2", "2-가"), To("chat-1", "1-나"), To("chat-2", "2-나")] });

        var first = await a.GetUnsentAsync(1);
        var other = await b.GetUnsentAsync(10);
        var rest = await a.GetUnsentAsync(10);

        Assert.Equal(["1-가"], first.Select(m => m.Message.Text));
        Assert.Equal(["2-가", "2-나"], other.Select(m => m.Message.Text));
        Assert.Equal(["1-가", "1-나"], rest.Select(m => m.Message.Text));
        await b.MarkSentAsync([.. other.Select(m => m.Id)], Now);
        await a.CommitAsync(new StoreChange { Outbox = [To("chat-2", "2-다")] });
        Assert.Equal(["1-가", "1-나", "2-다"], (await a.GetUnsentAsync(10)).Select(m => m.Message.Text));
        Assert.Empty(await b.GetUnsentAsync(10));
    }

    [Fact]
    public async Task AnInstanceWhoseLeaseHasEnded_LosesItsConversation_ToTheNextInstanceThatAsks()
    {
        // A lease of nothing: as if the instance that claimed the messages died long enough ago.
        await using var dead = await PostgresMeetingStore.OpenAsync(_database.ConnectionString, TimeSpan.Zero);
        await using var alive = await PostgresMeetingStore.OpenAsync(_database.ConnectionString);
        await dead.CommitAsync(new StoreChange { Outbox = [To("chat-1", "하나"), To("chat-1", "둘")] });
        Assert.Equal(2, (await dead.GetUnsentAsync(10)).Count);

        var takenOver = await alive.GetUnsentAsync(10);

        Assert.Equal(["하나", "둘"], takenOver.Select(m => m.Message.Text));
        Assert.Empty(await dead.GetUnsentAsync(10));
    }

    [Fact]
    public async Task ACleanStop_HandsBackWhatTheInstanceClaimed_SoAnotherSendsItAtOnce()
    {
        await using var b = await PostgresMeetingStore.OpenAsync(_database.ConnectionString);
        await using (var a = await PostgresMeetingStore.OpenAsync(_database.ConnectionString))
        {
            await a.CommitAsync(new StoreChange { Outbox = [To("chat-1", "하나")] });
            Assert.Single(await a.GetUnsentAsync(10));
            Assert.Empty(await b.GetUnsentAsync(10));
        }

        Assert.Equal(["하나"], (await b.GetUnsentAsync(10)).Select(m => m.Message.Text));
    }

    [Fact]
    public async Task AMessageCommittedByOneInstance_WakesTheOthersDrain()
    {
        await using var a = await PostgresMeetingStore.OpenAsync(_database.ConnectionString);
        await using var b = await PostgresMeetingStore.OpenAsync(_database.ConnectionString);
        await b.Listening.WaitAsync(TimeSpan.FromSeconds(30));
        var added = b.WhenAddedAsync();
        Assert.False(added.IsCompleted);

        await a.CommitAsync(new StoreChange { Outbox = [To("chat-1", "다른 인스턴스에서")] });

        await added.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(["다른 인스턴스에서"], (await b.GetUnsentAsync(10)).Select(m => m.Message.Text));
    }

    private static async Task DueAsync(PostgresMeetingStore store, string meetingId)
    {
        var meeting = TestMeetings.Strategy(meetingId);
        await store.UpsertDefinitionAsync(meeting);
        await store.CommitAsync(new StoreChange { Runtime = MeetingRuntime.NotStartedFor(meeting) with { Status = MeetingStatus.Running, NextDueAt = Now } });
    }

    [Fact]
    public async Task ADueClock_IsTickedByOneInstance_UntilItsLeaseEndsOrItStops_ThenByAnother()
    {
        await using var dead = await PostgresMeetingStore.OpenAsync(_database.ConnectionString, TimeSpan.Zero);
        await using var b = await PostgresMeetingStore.OpenAsync(_database.ConnectionString);
        await DueAsync(b, "m1");
        await DueAsync(b, "m2");
        Assert.Equal(["m1", "m2"], await dead.GetDueMeetingsAsync(Now));

        await using (var a = await PostgresMeetingStore.OpenAsync(_database.ConnectionString))
        {
            // The dead instance's lease is over: a takes both clocks, and keeps them while it lives.
            Assert.Equal(["m1", "m2"], await a.GetDueMeetingsAsync(Now));
            Assert.Empty(await b.GetDueMeetingsAsync(Now));
            Assert.Equal(["m1", "m2"], await a.GetDueMeetingsAsync(Now));
        }

        Assert.Empty(await b.GetDueMeetingsAsync(Now.AddMinutes(-1)));
        Assert.Equal(["m1", "m2"], await b.GetDueMeetingsAsync(Now));
    }

    private async Task<(string By, long Until)?> ClaimRowAsync(string kind, string key)
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT leased_by, leased_until FROM claims WHERE kind = @k AND key = @key", connection);
        cmd.Parameters.AddWithValue("k", kind);
        cmd.Parameters.AddWithValue("key", key);
        await using var reader = await cmd.ExecuteReaderAsync();
        return await reader.ReadAsync() ? (reader.GetString(0), reader.GetInt64(1)) : null;
    }

    [Fact]
    public async Task WorkClaimedByOneInstance_IsRenewedWhileItWorks_AndTheOtherGetsItOnlyWhenHandedBack()
    {
        await using var a = await PostgresMeetingStore.OpenAsync(_database.ConnectionString, TimeSpan.FromSeconds(1));
        await using var b = await PostgresMeetingStore.OpenAsync(_database.ConnectionString, TimeSpan.FromSeconds(1));
        var held = await a.ClaimAsync("report-delivery", "m1");
        var first = await ClaimRowAsync("report-delivery", "m1");
        Assert.NotNull(first);

        var waiting = b.ClaimAsync("report-delivery", "m1");

        // a renews its lease twice, each time past where the last one ended: b still waits, though a lease has ended meanwhile.
        var renewed = first.Value.Until;
        for (var i = 0; i < 2; i++)
        {
            var before = renewed;
            using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            while ((await ClaimRowAsync("report-delivery", "m1"))?.Until <= before)
            {
                await Task.Delay(50, guard.Token);
            }

            renewed = (await ClaimRowAsync("report-delivery", "m1"))!.Value.Until;
        }

        Assert.False(waiting.IsCompleted);
        Assert.Equal(first.Value.By, (await ClaimRowAsync("report-delivery", "m1"))?.By);

        await held.DisposeAsync();
        await using var taken = await waiting.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.NotEqual(first.Value.By, (await ClaimRowAsync("report-delivery", "m1"))?.By);
        await using var other = await a.ClaimAsync("report-delivery", "m2");
    }

    [Fact]
    public async Task WorkClaimedByAKilledInstance_IsTakenOverOnceItsLeaseRunsOut()
    {
        await using var b = await PostgresMeetingStore.OpenAsync(_database.ConnectionString, TimeSpan.FromSeconds(1));
        await using (var connection = new NpgsqlConnection(_database.ConnectionString))
        {
            // What a killed instance leaves: its claim, never renewed nor handed back.
            await connection.OpenAsync();
            await using var cmd = new NpgsqlCommand(
                "INSERT INTO claims VALUES ('report-delivery', 'm1', (extract(epoch FROM clock_timestamp()) * 1000)::bigint + 1500, 'killed')", connection);
            await cmd.ExecuteNonQueryAsync();
        }

        await using var taken = await b.ClaimAsync("report-delivery", "m1").WaitAsync(TimeSpan.FromSeconds(30));

        Assert.NotEqual("killed", (await ClaimRowAsync("report-delivery", "m1"))?.By);
    }
}
