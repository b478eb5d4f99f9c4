using System.Threading.Channels;
using MeetingBot.Core;
using MeetingBot.Core.Transcripts;
using Npgsql;

namespace MeetingBot.Storage.Postgres;

/// <summary>
/// The store for several instances on one PostgreSQL database (SPEC §11). The schema is created and migrated by the
/// program under an advisory lock. Writes go through one writer per instance that groups whatever is waiting into one
/// transaction (group commit, a savepoint per write, so one failure spoils no other) and answers each caller once the
/// transaction is committed. A turn first takes its meeting's transaction-scoped advisory lock, so a meeting's inputs
/// apply in order whichever instance receives them; the processed message id is a primary key, so a redelivery to two
/// instances at once is applied once. Nothing is cached: another instance may have changed anything.
/// </summary>
public sealed partial class PostgresMeetingStore
    : IMeetingStore, ITurnStore, IScheduleStore, IReportRecordStore, IOutboxStore, ICardPostStore, ITranscriptStore, IStoreHealth, IAsyncDisposable, IDisposable
{
    /// <summary>Writes that share one transaction at most; more wait for the next.</summary>
    private const int MaxBatch = 256;

    private readonly NpgsqlDataSource _db;
    private readonly Channel<Work> _queue = Channel.CreateUnbounded<Work>(new UnboundedChannelOptions { SingleReader = true });
    private readonly List<Work> _carried = [];
    private readonly Task _writer;
    private readonly Task _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly string _instance = Guid.NewGuid().ToString("N");
    private readonly TimeSpan _lease;
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _outboxAdded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _batchesCommitted;
    private int _disposed;

    private PostgresMeetingStore(NpgsqlDataSource db, string where, TimeSpan lease)
    {
        _db = db;
        Where = where;
        _lease = lease;
        _writer = Task.Run(WriteLoopAsync);
        _listener = Task.Run(ListenAsync);
    }

    /// <summary>How long an instance holds the outbox messages it claimed before another may take them over (<c>Storage:LeaseSeconds</c>).</summary>
    public static readonly TimeSpan DefaultLease = TimeSpan.FromSeconds(10);

    /// <summary>The server and database, for messages (no password).</summary>
    public string Where { get; }

    /// <summary>Completes once this instance first listens for other instances' outbox rows (tests wait on it).</summary>
    internal Task Listening => _listening.Task;

    /// <summary>How many batches have been committed (tests count the transactions a burst shares).</summary>
    internal int BatchesCommitted => Volatile.Read(ref _batchesCommitted);

    /// <summary>
    /// Connects and brings the schema up to date (once, whichever instance gets the migration lock first). A server
    /// that cannot be reached or refuses the login throws <see cref="StoreUnavailableException"/> naming it.
    /// </summary>
    public static Task<PostgresMeetingStore> OpenAsync(string connectionString, CancellationToken cancellationToken = default) =>
        OpenAsync(connectionString, DefaultLease, cancellationToken);

    /// <param name="lease">How long claimed outbox messages stay this instance's (by database time) before another instance may send them.</param>
    public static async Task<PostgresMeetingStore> OpenAsync(string connectionString, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        var where = PostgresText.Where(connectionString);
        var db = NpgsqlDataSource.Create(connectionString);
        try
        {
            await PostgresSchema.MigrateAsync(db, where, cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException ex)
        {
            await db.DisposeAsync().ConfigureAwait(false);
            throw new StoreUnavailableException(PostgresText.Unreachable(where, ex), ex);
        }
        catch
        {
            await db.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return new PostgresMeetingStore(db, where, lease);
    }

    // ---- the engine's turns ----

    public async Task<T> TransactAsync<T>(TurnKey key, Func<IStateReader, CancellationToken, ValueTask<TurnResult<T>>> turn, T redelivered, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(turn);
        try
        {
            return await WriteAsync(
                async (session, ct) =>
                {
                    if (key is { Channel: { } channel, ConversationId: { } conversation, MessageId: { } messageId }
                        && await session.IsProcessedAsync(channel, conversation, messageId, ct).ConfigureAwait(false))
                    {
                        return redelivered;
                    }

                    var result = await turn(session, ct).ConfigureAwait(false);
                    await session.ApplyAsync(result.Change, ct).ConfigureAwait(false);
                    return result.Value;
                },
                (session, ct) => session.LockTurnAsync(key, ct),
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsDuplicate(ex))
        {
            // Another instance recorded the same message id first: nothing of this turn was applied.
            return redelivered;
        }
    }

    /// <summary>The due meetings this instance may tick (see <see cref="PostgresSession.ClaimDueMeetingsAsync"/>).</summary>
    public Task<IReadOnlyList<string>> GetDueMeetingsAsync(DateTimeOffset now, CancellationToken cancellationToken = default) =>
        ReadAsync((s, ct) => s.ClaimDueMeetingsAsync(_instance, now, _lease, ct), cancellationToken);

    // ---- meetings, bindings, entries, deliveries ----

    public Task UpsertDefinitionAsync(MeetingDefinition meeting, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        return WriteAsync((s, ct) => s.UpsertDefinitionAsync(meeting, ct), cancellationToken);
    }

    public Task<MeetingDefinition?> GetDefinitionAsync(string meetingId, CancellationToken cancellationToken = default) =>
        ReadAsync((s, ct) => s.GetDefinitionAsync(meetingId, ct), cancellationToken);

    public Task<IReadOnlyList<MeetingSummary>> ListMeetingsAsync(CancellationToken cancellationToken = default) =>
        ReadAsync((s, ct) => s.ListMeetingsAsync(ct), cancellationToken);

    public Task<ConversationBinding?> FindBindingAsync(string channel, string conversationId, CancellationToken cancellationToken = default) =>
        ReadAsync((s, ct) => s.FindBindingAsync(channel, conversationId, ct), cancellationToken);

    public Task<IReadOnlyList<ConversationBinding>> GetBindingsAsync(string meetingId, CancellationToken cancellationToken = default) =>
        ReadAsync((s, ct) => s.GetBindingsAsync(meetingId, ct), cancellationToken);

    public Task<MeetingRuntime?> GetRuntimeAsync(string meetingId, CancellationToken cancellationToken = default) =>
        ReadAsync((s, ct) => s.GetRuntimeAsync(meetingId, ct), cancellationToken);

    public Task<bool> IsProcessedAsync(string channel, string conversationId, string messageId, CancellationToken cancellationToken = default) =>
        ReadAsync((s, ct) => s.IsProcessedAsync(channel, conversationId, messageId, ct), cancellationToken);

    public Task<Entry?> FindEntryAsync(string meetingId, int number, CancellationToken cancellationToken = default) =>
        ReadAsync((s, ct) => s.FindEntryAsync(meetingId, number, ct), cancellationToken);

    public Task<Entry?> FindEntryBySourceAsync(string meetingId, string sourceId, CancellationToken cancellationToken = default) =>
        ReadAsync((s, ct) => s.FindEntryBySourceAsync(meetingId, sourceId, ct), cancellationToken);

    public Task<IReadOnlyList<Entry>> GetEntriesAsync(string meetingId, CancellationToken cancellationToken = default) =>
        ReadAsync((s, ct) => s.GetEntriesAsync(meetingId, ct), cancellationToken);

    public Task<DeliveryRecord?> GetDeliveryAsync(string meetingId, CancellationToken cancellationToken = default) =>
        ReadAsync((s, ct) => s.GetDeliveryAsync(meetingId, ct), cancellationToken);

    public Task<IReadOnlyList<DeliveryRecord>> ListDeliveriesAsync(CancellationToken cancellationToken = default) =>
        ReadAsync((s, ct) => s.ListDeliveriesAsync(ct), cancellationToken);

    public Task SaveDeliveryAsync(DeliveryRecord delivery, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        return CommitAsync(new StoreChange { Delivery = delivery }, cancellationToken);
    }

    public async Task CommitAsync(StoreChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        try
        {
            await WriteAsync((s, ct) => s.ApplyAsync(change, ct), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsDuplicate(ex) && change.Processed is { } processed)
        {
            throw new DuplicateMessageException(processed.MessageId);
        }
    }

    // ---- schedule ----

    public Task<IReadOnlyList<ScheduledMeeting>> GetScheduleAsync(DateTimeOffset since, CancellationToken cancellationToken = default) =>
        ReadAsync((s, ct) => s.GetScheduleAsync(since, ct), cancellationToken);

    public Task SaveScheduleAsync(ScheduledMeeting entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return WriteAsync((s, ct) => s.WriteScheduledAsync(entry, ct), cancellationToken);
    }

    // ---- outbox ----

    /// <summary>
    /// Unsent messages this instance may send, claimed for it (see <see cref="PostgresSession.ClaimUnsentAsync"/>):
    /// another instance's conversations are left to it until its lease ends, when this instance is woken to take them over.
    /// </summary>
    public async Task<IReadOnlyList<OutboxMessage>> GetUnsentAsync(int max, CancellationToken cancellationToken = default)
    {
        var connection = await _db.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (tx.ConfigureAwait(false))
            {
                var session = new PostgresSession(connection, tx);
                var claimed = await session.ClaimUnsentAsync(_instance, max, _lease, cancellationToken).ConfigureAwait(false);
                var leaseEnds = await session.NextLeaseEndAsync(_instance, cancellationToken).ConfigureAwait(false);
                await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
                if (leaseEnds is { } wait)
                {
                    _ = WakeAfterAsync(wait);
                }

                return claimed;
            }
        }
    }

    public Task MarkSentAsync(IReadOnlyCollection<long> ids, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        return ids.Count == 0 ? Task.CompletedTask : WriteAsync((s, ct) => s.MarkSentAsync(ids, at, ct), cancellationToken);
    }

    public Task<string?> FindCardPostAsync(ConversationAddress chat, string cardKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chat);
        return ReadAsync((s, ct) => s.FindCardPostAsync(chat, cardKey, ct), cancellationToken);
    }

    public Task SaveCardPostAsync(ConversationAddress chat, string cardKey, string messageId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chat);
        return WriteAsync((s, ct) => s.SaveCardPostAsync(chat, cardKey, messageId, ct), cancellationToken);
    }

    public Task WhenAddedAsync(CancellationToken cancellationToken = default) =>
        Volatile.Read(ref _outboxAdded).Task.WaitAsync(cancellationToken);

    // ---- reports ----

    public Task<bool> CreateReportAsync(StoredReport report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        return WriteAsync((s, ct) => s.CreateReportAsync(report, ct), cancellationToken);
    }

    public Task<StoredReport?> GetReportAsync(string id, CancellationToken cancellationToken = default) =>
        ReadAsync((s, ct) => s.GetReportAsync(id, ct), cancellationToken);

    public Task<IReadOnlyList<StoredReport>> ListReportsAsync(CancellationToken cancellationToken = default) =>
        ReadAsync((s, ct) => s.ListReportsAsync(ct), cancellationToken);

    public Task<bool> SaveReportAsync(StoredReport report, int expectedRevision, ReportWrite write, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(write);
        return WriteAsync((s, ct) => s.SaveReportAsync(report, expectedRevision, write, ct), cancellationToken);
    }

    public Task<IReadOnlyList<StoredReportChange>> GetReportHistoryAsync(string id, CancellationToken cancellationToken = default) =>
        ReadAsync((s, ct) => s.GetReportHistoryAsync(id, ct), cancellationToken);

    public Task<byte[]?> GetReportPhotoAsync(string id, string photoId, CancellationToken cancellationToken = default) =>
        ReadAsync((s, ct) => s.BlobAsync("SELECT data FROM report_photos WHERE report_id = $1 AND photo_id = $2", ct, id, photoId), cancellationToken);

    public Task<byte[]?> GetReportVersionFileAsync(string id, int version, string format, CancellationToken cancellationToken = default) =>
        ReadAsync((s, ct) => s.BlobAsync("SELECT content FROM report_versions WHERE report_id = $1 AND version = $2 AND format = $3", ct, id, version, format), cancellationToken);

    // ---- transcripts ----

    public Task<StoredTranscript?> GetTranscriptAsync(string meetingId, CancellationToken cancellationToken = default) =>
        ReadAsync((s, ct) => s.GetTranscriptAsync(meetingId, ct), cancellationToken);

    public Task SaveTranscriptAsync(StoredTranscript transcript, IReadOnlyList<OutboundMessage>? outbox = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transcript);
        return WriteAsync((s, ct) => s.SaveTranscriptAsync(transcript, outbox ?? [], ct), cancellationToken);
    }

    // ---- health ----

    /// <summary>Throws <see cref="StoreUnavailableException"/> unless the database answers before <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task CheckAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await ReadAsync(async (s, ct) => await s.ExecAsync("SELECT 1", ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException ex)
        {
            throw new StoreUnavailableException(PostgresText.Unreachable(Where, ex), ex);
        }
        catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested)
        {
            throw new StoreUnavailableException(PostgresText.TooSlow(Where), ex);
        }
    }

    /// <summary>What a PostgreSQL connection string for this store looks like.</summary>
    public const string ExampleConnectionString = "Host=db.example.go.kr;Database=meetingbot;Username=meetingbot;Password=…";

    /// <summary>Why <paramref name="connectionString"/> cannot name a PostgreSQL database (one Korean line), or null.</summary>
    public static string? ConnectionStringProblem(string connectionString)
    {
        try
        {
            return string.IsNullOrWhiteSpace(new NpgsqlConnectionStringBuilder(connectionString).Host)
                ? $"Storage:ConnectionString 에 PostgreSQL 서버(Host=…)가 없습니다. 예: {ExampleConnectionString}"
                : null;
        }
        catch (ArgumentException)
        {
            return $"Storage:ConnectionString 은(는) PostgreSQL 연결 문자열이 아닙니다(Storage:Provider=postgres). 예: {ExampleConnectionString}";
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _queue.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
        await _stop.CancelAsync().ConfigureAwait(false);
        await _listener.ConfigureAwait(false);
        await ReleaseLeasesAsync().ConfigureAwait(false);
        await _db.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>
    /// Listens for <c>pg_notify('meetingbot_outbox')</c>, which every commit with outbox rows sends, so this instance's
    /// drain wakes for messages another instance committed. A lost connection wakes it too (anything may have landed
    /// meanwhile), and listening resumes a second later.
    /// </summary>
    private async Task ListenAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var connection = await _db.OpenConnectionAsync(_stop.Token).ConfigureAwait(false);
                await using (connection.ConfigureAwait(false))
                {
                    connection.Notification += (_, _) => WakeDrain();
                    await using (var listen = new NpgsqlCommand("LISTEN meetingbot_outbox", connection))
                    {
                        await listen.ExecuteNonQueryAsync(_stop.Token).ConfigureAwait(false);
                    }

                    WakeDrain();
                    _listening.TrySetResult();
                    while (true)
                    {
                        await connection.WaitAsync(_stop.Token).ConfigureAwait(false);
                    }
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or IOException or TimeoutException)
            {
                WakeDrain();
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), _stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task WakeAfterAsync(TimeSpan wait)
    {
        try
        {
            // Measured by the database's clock; a little after, so the lease is surely over when the drain asks.
            await Task.Delay(wait + TimeSpan.FromMilliseconds(50), _stop.Token).ConfigureAwait(false);
            WakeDrain();
        }
        catch (OperationCanceledException)
        {
            // Closing: nobody is waiting.
        }
    }

    private void WakeDrain() =>
        Interlocked.Exchange(ref _outboxAdded, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>On a clean stop, hands back the messages this instance claimed and did not send and the clocks it ticked, so another takes them at once.</summary>
    private async Task ReleaseLeasesAsync()
    {
        try
        {
            await ReadAsync(
                async (s, ct) =>
                {
                    await s.ExecAsync("UPDATE outbox SET leased_until = NULL, leased_by = NULL WHERE leased_by = $1 AND sent_at IS NULL", ct, _instance).ConfigureAwait(false);
                    await s.ExecAsync("UPDATE runtimes SET leased_until = NULL, leased_by = NULL WHERE leased_by = $1", ct, _instance).ConfigureAwait(false);
                    return await s.ExecAsync("DELETE FROM claims WHERE leased_by = $1", ct, _instance).ConfigureAwait(false);
                },
                CancellationToken.None).ConfigureAwait(false);
        }
        catch (NpgsqlException)
        {
            // The database is gone: the leases simply run out.
        }
    }

    private static bool IsDuplicate(Exception ex) =>
        ex is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "processed_pkey" };

    private async Task<T> ReadAsync<T>(Func<PostgresSession, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        var connection = await _db.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await read(new PostgresSession(connection, null), cancellationToken).ConfigureAwait(false);
        }
    }
}
