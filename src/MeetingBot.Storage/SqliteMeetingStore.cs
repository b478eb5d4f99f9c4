using System.Collections.Concurrent;
using System.Globalization;
using MeetingBot.Core;
using Microsoft.Data.Sqlite;
using Microsoft.Win32.SafeHandles;

namespace MeetingBot.Storage;

/// <summary>
/// The embedded default store: one SQLite file in WAL mode, and a commit is on disk before the engine acknowledges the
/// message: <see cref="WalSync"/> fsyncs the log off the store's lock (or, without a log file, SQLite does with
/// <c>synchronous=FULL</c>). The schema is created and migrated here (PRAGMA user_version). One process owns the file:
/// definitions, bindings and clock states are cached in memory and kept current by this store's own writes.
/// </summary>
public sealed partial class SqliteMeetingStore : IMeetingStore, ITurnStore, IScheduleStore, IReportRecordStore, IOutboxStore, ICardPostStore, IStoreHealth, IWorkClaims, IAsyncDisposable, IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly ConcurrentDictionary<string, MeetingDefinition> _definitions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string, string), ConversationBinding?> _bindings = new();
    private readonly ConcurrentDictionary<string, MeetingRuntime?> _runtimes = new(StringComparer.Ordinal);
    private readonly WalSync? _walSync;
    private readonly TaskCompletionSource<StoreUnavailableException> _damaged = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // The statements every chat input runs, prepared once.
    private readonly Statement _isProcessed;
    private readonly Statement _getRuntime;
    private readonly Statement _savepoint;
    private readonly Statement _release;
    private readonly Statement _insertProcessed;
    private readonly Statement _upsertRuntime;
    private readonly Statement _upsertEntry;
    private readonly Statement _insertOutbox;
    private readonly Statement _insertOutboxCard;
    private readonly Statement _insertOutboxAlert;

    // The open group-commit batch: staged changes share one transaction until FlushAsync commits it. The last
    // committed batch completes once it is on disk; batches reach the disk in order.
    private SqliteTransaction? _tx;
    private TaskCompletionSource? _batch;
    private Task _lastCommitted = Task.CompletedTask;
    private int _disposed;

    private SqliteMeetingStore(SqliteConnection connection, WalSync? walSync, long outboxDurable)
    {
        _connection = connection;
        _walSync = walSync;
        _outboxDurable = outboxDurable;
        _insertOutbox = new(connection, InsertOutboxSql);
        _insertOutboxCard = new(connection, InsertOutboxCardSql);
        _insertOutboxAlert = new(connection, InsertOutboxAlertSql);
        _isProcessed = new(connection, "SELECT 1 FROM processed WHERE channel = $c AND conversation_id = $conv AND message_id = $id");
        _getRuntime = new(connection, "SELECT state FROM runtimes WHERE meeting_id = $m");
        _savepoint = new(connection, "SAVEPOINT change");
        _release = new(connection, "RELEASE change");
        _insertProcessed = new(connection, "INSERT INTO processed(channel, conversation_id, message_id, at) VALUES ($c, $conv, $id, $at)");
        _upsertRuntime = new(connection, """
            INSERT INTO runtimes(meeting_id, status, state, next_due_at) VALUES ($m, $s, $json, $due)
            ON CONFLICT(meeting_id) DO UPDATE SET status = excluded.status, state = excluded.state, next_due_at = excluded.next_due_at
            """);
        _upsertEntry = new(connection, $"""
            INSERT INTO entries({EntryColumns}) VALUES ($m, $n, $k, $i, $t, $an, $aid, $src, $cap, $ed, $w)
            ON CONFLICT(meeting_id, number) DO UPDATE SET kind = excluded.kind, item_index = excluded.item_index,
                text = excluded.text, edited_at = excluded.edited_at, withdrawn = excluded.withdrawn
            """);
    }

    public string DataSource => _connection.DataSource;

    /// <summary>
    /// Completes, with the error every later call also meets, the first time SQLite finds the file damaged while it is
    /// in use; never otherwise. The host stops on it: nothing it takes in could be recorded any more.
    /// </summary>
    public Task<StoreUnavailableException> Damaged => _damaged.Task;

    /// <summary>
    /// Opens (creating when needed) the database and brings its schema up to date. A file that is damaged, locked by
    /// another process or out of reach throws <see cref="StoreUnavailableException"/> naming it and what to do.
    /// </summary>
    public static Task<SqliteMeetingStore> OpenAsync(string connectionString, CancellationToken cancellationToken = default) =>
        OpenAsync(connectionString, flushToDisk: null, cancellationToken);

    /// <summary>Tests hold or fail the fsync through <paramref name="flushToDisk"/>; otherwise it is the real one.</summary>
    internal static async Task<SqliteMeetingStore> OpenAsync(string connectionString, Action<SafeFileHandle>? flushToDisk, CancellationToken cancellationToken = default)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource is { Length: > 0 } path && builder.Mode != SqliteOpenMode.Memory && path != ":memory:")
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(path));
            try
            {
                if (!string.IsNullOrEmpty(folder))
                {
                    Directory.CreateDirectory(folder);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new StoreUnavailableException(StorageText.CannotOpen(path), ex);
            }
        }

        builder.Pooling = false;
        var connection = new SqliteConnection(builder.ToString());
        WalSync? walSync;
        long outboxDurable;
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await SqliteSchema.MigrateAsync(connection, cancellationToken).ConfigureAwait(false);
            walSync = await OpenWalSyncAsync(connection, flushToDisk, cancellationToken).ConfigureAwait(false);
            outboxDurable = await LastOutboxIdAsync(connection, cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException ex)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw new StoreUnavailableException(StorageText.Unusable(builder.DataSource, ex), ex);
        }
        catch (StoreUnavailableException)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return new SqliteMeetingStore(connection, walSync, outboxDurable);
    }

    /// <summary>
    /// With a log file on disk, commits only write it (<c>synchronous=NORMAL</c>) and <see cref="WalSync"/> makes them
    /// durable; otherwise (an in-memory database) the connection stays at <c>synchronous=FULL</c>.
    /// </summary>
    private static async Task<WalSync?> OpenWalSyncAsync(SqliteConnection connection, Action<SafeFileHandle>? flushToDisk, CancellationToken cancellationToken)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode";
        var mode = (string?)await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        cmd.CommandText = "SELECT file FROM pragma_database_list WHERE name = 'main'";
        var file = (string?)await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);

        // One write while still at synchronous=FULL: SQLite syncs the log it has just created and, the first time,
        // the folder that holds it, so the log file itself survives a power cut before the first fsync of ours.
        cmd.CommandText = "PRAGMA user_version";
        var version = Convert.ToInt32(await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        cmd.CommandText = $"PRAGMA user_version = {version}";
        await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase) || string.IsNullOrEmpty(file))
        {
            return null;
        }

        WalSync? walSync = null;
        try
        {
            walSync = WalSync.TryOpen(file + "-wal", flushToDisk);
            if (walSync is null)
            {
                return null;
            }

            cmd.CommandText = "PRAGMA synchronous=NORMAL";
            await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            var opened = walSync;
            walSync = null;
            return opened;
        }
        finally
        {
            // Still set only when switching failed: the connection stays at synchronous=FULL without it.
            walSync?.Dispose();
        }
    }

    /// <summary>One process owns the file (see README), so every claim is granted at once and releasing it does nothing.</summary>
    public Task<IAsyncDisposable> ClaimAsync(string kind, string key, CancellationToken cancellationToken = default) =>
        Task.FromResult<IAsyncDisposable>(NoClaim.Instance);

    private sealed class NoClaim : IAsyncDisposable
    {
        public static readonly NoClaim Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    /// <summary>Answers once the file can be read; throws <see cref="StoreUnavailableException"/> when it is damaged or the store stays busy past <paramref name="cancellationToken"/>.</summary>
    public async Task CheckAsync(CancellationToken cancellationToken = default)
    {
        if (Damaged.IsCompletedSuccessfully)
        {
            throw await Damaged.ConfigureAwait(false);
        }

        try
        {
            await WithLockAsync(
                async () =>
                {
                    using var cmd = Command("SELECT COUNT(*) FROM meetings");
                    return await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested)
        {
            throw new StoreUnavailableException(StorageText.TooSlow(DataSource), ex);
        }
    }

    public async Task UpsertDefinitionAsync(MeetingDefinition meeting, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        await WithLockAsync(async () =>
        {
            BeginBatch();
            using var cmd = Command("""
                INSERT INTO meetings(id, definition, updated_at) VALUES ($id, $json, $now)
                ON CONFLICT(id) DO UPDATE SET definition = excluded.definition, updated_at = excluded.updated_at
                """);
            cmd.Parameters.AddWithValue("$id", meeting.Id);
            cmd.Parameters.AddWithValue("$json", StoreJson.Write(meeting));
            cmd.Parameters.AddWithValue("$now", meeting.Start.ToUnixTimeMilliseconds());
            await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            _definitions[meeting.Id] = meeting;
            return 0;
        }, cancellationToken).ConfigureAwait(false);
        await FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<MeetingDefinition?> GetDefinitionAsync(string meetingId, CancellationToken cancellationToken = default)
    {
        if (_definitions.TryGetValue(meetingId, out var cached))
        {
            return cached;
        }

        return await WithLockAsync(async () =>
        {
            using var cmd = Command("SELECT definition FROM meetings WHERE id = $id");
            cmd.Parameters.AddWithValue("$id", meetingId);
            var json = (string?)await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            if (json is null)
            {
                return null;
            }

            var meeting = StoreJson.Read<MeetingDefinition>(json);
            _definitions[meetingId] = meeting;
            return meeting;
        }, cancellationToken).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<MeetingSummary>> ListMeetingsAsync(CancellationToken cancellationToken = default) =>
        WithLockAsync<IReadOnlyList<MeetingSummary>>(async () =>
        {
            using var cmd = Command("""
                SELECT m.definition, r.status,
                       (SELECT COUNT(*) FROM entries e WHERE e.meeting_id = m.id AND e.withdrawn = 0)
                FROM meetings m LEFT JOIN runtimes r ON r.meeting_id = m.id
                """);
            var list = new List<MeetingSummary>();
            using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var meeting = StoreJson.Read<MeetingDefinition>(reader.GetString(0));
                var status = await reader.IsDBNullAsync(1, cancellationToken).ConfigureAwait(false) ? MeetingStatus.NotStarted : Enum.Parse<MeetingStatus>(reader.GetString(1));
                list.Add(new MeetingSummary(meeting.Id, meeting.Subcommittee, meeting.Title, meeting.Start, status, reader.GetInt32(2)));
            }

            return [.. list.OrderBy(m => m.Start).ThenBy(m => m.Id, StringComparer.Ordinal)];
        }, cancellationToken);

    public async Task<ConversationBinding?> FindBindingAsync(string channel, string conversationId, CancellationToken cancellationToken = default)
    {
        if (_bindings.TryGetValue((channel, conversationId), out var cached))
        {
            return cached;
        }

        var binding = await WithLockAsync(async () =>
        {
            using var cmd = Command("SELECT channel, conversation_id, service_url, meeting_id, bound_at FROM bindings WHERE channel = $c AND conversation_id = $id");
            cmd.Parameters.AddWithValue("$c", channel);
            cmd.Parameters.AddWithValue("$id", conversationId);
            using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadBinding(reader) : null;
        }, cancellationToken).ConfigureAwait(false);
        _bindings[(channel, conversationId)] = binding;
        return binding;
    }

    public Task<IReadOnlyList<ConversationBinding>> GetBindingsAsync(string meetingId, CancellationToken cancellationToken = default) =>
        WithLockAsync(
            () => ReadAllAsync("SELECT channel, conversation_id, service_url, meeting_id, bound_at FROM bindings WHERE meeting_id = $m ORDER BY bound_at, channel, conversation_id", meetingId, ReadBinding, cancellationToken),
            cancellationToken);

    public async Task<MeetingRuntime?> GetRuntimeAsync(string meetingId, CancellationToken cancellationToken = default)
    {
        if (_runtimes.TryGetValue(meetingId, out var cached))
        {
            return cached;
        }

        return await WithLockAsync(async () =>
        {
            var json = (string?)await _getRuntime.With(_tx, meetingId).ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            var runtime = json is null ? null : StoreJson.Read<MeetingRuntime>(json);

            // Cached under the lock, so a clock state staged meanwhile is never overwritten by this older read.
            _runtimes[meetingId] = runtime;
            return runtime;
        }, cancellationToken).ConfigureAwait(false);
    }

    public Task<bool> IsProcessedAsync(string channel, string conversationId, string messageId, CancellationToken cancellationToken = default) =>
        WithLockAsync(async () =>
            await _isProcessed.With(_tx, channel, conversationId, messageId).ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null,
            cancellationToken);

    public Task<Entry?> FindEntryAsync(string meetingId, int number, CancellationToken cancellationToken = default) =>
        QueryEntryAsync("meeting_id = $m AND number = $n", meetingId, number, cancellationToken);

    public Task<Entry?> FindEntryBySourceAsync(string meetingId, string sourceId, CancellationToken cancellationToken = default) =>
        QueryEntryAsync("meeting_id = $m AND source_id = $n", meetingId, sourceId, cancellationToken);

    public Task<IReadOnlyList<Entry>> GetEntriesAsync(string meetingId, CancellationToken cancellationToken = default) =>
        WithLockAsync(() => ReadAllAsync($"SELECT {EntryColumns} FROM entries WHERE meeting_id = $m ORDER BY number", meetingId, ReadEntry, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<string>> GetDueMeetingsAsync(DateTimeOffset now, CancellationToken cancellationToken = default) =>
        WithLockAsync<IReadOnlyList<string>>(async () =>
        {
            using var cmd = Command("SELECT meeting_id FROM runtimes WHERE next_due_at IS NOT NULL AND next_due_at <= $now ORDER BY next_due_at");
            cmd.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
            using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var list = new List<string>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                list.Add(reader.GetString(0));
            }

            return list;
        }, cancellationToken);

    public Task<DeliveryRecord?> GetDeliveryAsync(string meetingId, CancellationToken cancellationToken = default) =>
        WithLockAsync(async () =>
        {
            using var cmd = Command("SELECT state FROM deliveries WHERE meeting_id = $m");
            cmd.Parameters.AddWithValue("$m", meetingId);
            var json = (string?)await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return json is null ? null : StoreJson.Read<DeliveryRecord>(json);
        }, cancellationToken);

    public Task<IReadOnlyList<DeliveryRecord>> ListDeliveriesAsync(CancellationToken cancellationToken = default) =>
        WithLockAsync<IReadOnlyList<DeliveryRecord>>(async () =>
        {
            using var cmd = Command("SELECT state FROM deliveries ORDER BY meeting_id");
            using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var list = new List<DeliveryRecord>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                list.Add(StoreJson.Read<DeliveryRecord>(reader.GetString(0)));
            }

            return list;
        }, cancellationToken);

    public Task SaveDeliveryAsync(DeliveryRecord delivery, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        return CommitAsync(new StoreChange { Delivery = delivery }, cancellationToken);
    }

    public async Task CommitAsync(StoreChange change, CancellationToken cancellationToken = default)
    {
        var durable = await StageAsync(change, cancellationToken).ConfigureAwait(false);
        await FlushAsync(cancellationToken).ConfigureAwait(false);
        await durable.ConfigureAwait(false);
    }

    /// <summary>
    /// Group commit, step one: applies the change where this store's own reads already see it, and returns a task that
    /// completes once it is durable (after a <see cref="FlushAsync"/>). Throws <see cref="DuplicateMessageException"/>
    /// at once, having applied nothing, when the processed message id is already stored.
    /// </summary>
    internal Task<Task> StageAsync(StoreChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        return WithLockAsync(async () =>
        {
            BeginBatch();

            // A savepoint per change: a change either lands whole in the batch or not at all. Its outbox rows go with it,
            // and so does the staged mark: a rolled-back row's id is given to the next row, which must not count as durable.
            var outboxStaged = _outboxStaged;
            await _savepoint.With(_tx).ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await ApplyAsync(change, cancellationToken).ConfigureAwait(false);
                await _release.With(_tx).ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                await ExecAsync("ROLLBACK TO change; RELEASE change", CancellationToken.None).ConfigureAwait(false);
                _outboxStaged = outboxStaged;
                if (ex is SqliteException { SqliteErrorCode: 19 } sql && change.Processed is { } dup && sql.Message.Contains("processed", StringComparison.Ordinal))
                {
                    throw new DuplicateMessageException(dup.MessageId);
                }

                throw;
            }

            if (change.Binding is { } bound)
            {
                _bindings[(bound.Address.Channel, bound.Address.ConversationId)] = bound;
            }

            if (change.Runtime is { } runtime)
            {
                _runtimes[runtime.MeetingId] = runtime;
            }

            return (Task)_batch!.Task;
        }, cancellationToken);
    }

    /// <summary>
    /// Group commit, step two: commits the open batch (a write to the log) under the lock, then waits for the disk
    /// outside it, so every staged change is durable with one fsync.
    /// </summary>
    internal async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var durable = await WithLockAsync(async () =>
        {
            if (_tx is not { } tx)
            {
                // Nothing open: wait for the last batch still on its way to the disk. A failure already reported to
                // that batch's own callers is not reported again here.
                return _lastCommitted.IsFaulted ? Task.CompletedTask : _lastCommitted;
            }

            var batch = _batch!;
            _tx = null;
            _batch = null;
            try
            {
                await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                await tx.RollbackAsync(CancellationToken.None).ConfigureAwait(false);

                // What the cache holds from the rolled-back batch is gone from the file: read it again from there.
                _bindings.Clear();
                _runtimes.Clear();
                _definitions.Clear();
                _outboxStaged = 0;
                batch.SetException(new MeetingBotException($"저장소에 기록하지 못했습니다: {ex.Message}", ex));
                throw;
            }
            finally
            {
                await tx.DisposeAsync().ConfigureAwait(false);
            }

            Interlocked.Increment(ref _batchesCommitted);

            // The batch's outbox rows may leave once it is on disk: the mark is raised before its callers hear so.
            var onDisk = OutboxFirst(batch);
            if (_walSync is null)
            {
                onDisk.SetResult();
            }
            else
            {
                _walSync.AfterCommit(onDisk);
            }

            _lastCommitted = batch.Task;
            return batch.Task;
        }, cancellationToken).ConfigureAwait(false);
        await durable.ConfigureAwait(false);
    }

    /// <summary>Opens the group-commit batch unless one is open; every write of this store goes into one.</summary>
    private void BeginBatch()
    {
        if (_tx is null)
        {
            _tx = _connection.BeginTransaction();
            _batch = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    private async Task ApplyAsync(StoreChange change, CancellationToken cancellationToken)
    {
        if (change.Processed is { } p)
        {
            await _insertProcessed.With(_tx, p.Channel, p.ConversationId, p.MessageId, p.At.ToUnixTimeMilliseconds())
                .ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        if (change.Binding is { } b)
        {
            using var cmd = Command("""
                INSERT INTO bindings(channel, conversation_id, service_url, meeting_id, bound_at) VALUES ($c, $conv, $url, $m, $at)
                ON CONFLICT(channel, conversation_id) DO UPDATE SET service_url = excluded.service_url, meeting_id = excluded.meeting_id, bound_at = excluded.bound_at
                """);
            cmd.Parameters.AddWithValue("$c", b.Address.Channel);
            cmd.Parameters.AddWithValue("$conv", b.Address.ConversationId);
            cmd.Parameters.AddWithValue("$url", (object?)b.Address.ServiceUrl ?? DBNull.Value);
            cmd.Parameters.AddWithValue("$m", b.MeetingId);
            cmd.Parameters.AddWithValue("$at", b.BoundAt.ToUnixTimeMilliseconds());
            await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        if (change.Runtime is { } r)
        {
            await _upsertRuntime.With(_tx, r.MeetingId, r.Status.ToString(), StoreJson.Write(r), r.NextDueAt?.ToUnixTimeMilliseconds())
                .ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        foreach (var e in change.Entries)
        {
            await _upsertEntry.With(
                    _tx, e.MeetingId, e.Number, e.Kind.ToString(), e.ItemIndex, e.Text, e.AuthorName, e.AuthorId, e.SourceId,
                    e.CapturedAt.ToUnixTimeMilliseconds(), e.EditedAt?.ToUnixTimeMilliseconds(), e.Withdrawn ? 1 : 0)
                .ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        if (change.Delivery is { } d)
        {
            using var cmd = Command("""
                INSERT INTO deliveries(meeting_id, status, state, updated_at) VALUES ($m, $s, $json, $at)
                ON CONFLICT(meeting_id) DO UPDATE SET status = excluded.status, state = excluded.state, updated_at = excluded.updated_at
                """);
            cmd.Parameters.AddWithValue("$m", d.MeetingId);
            cmd.Parameters.AddWithValue("$s", d.Status.ToString());
            cmd.Parameters.AddWithValue("$json", StoreJson.Write(d));
            cmd.Parameters.AddWithValue("$at", (d.History.Count > 0 ? d.History[^1].At : d.CreatedAt).ToUnixTimeMilliseconds());
            await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        foreach (var scheduled in change.Schedule)
        {
            await WriteScheduledAsync(scheduled, cancellationToken).ConfigureAwait(false);
        }

        await AddToOutboxAsync(change.Outbox, cancellationToken).ConfigureAwait(false);
    }

    private async Task ExecAsync(string sql, CancellationToken cancellationToken)
    {
        using var cmd = Command(sql);
        await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            await FlushAsync().ConfigureAwait(false);
        }
        finally
        {
            Close();
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            FlushAsync().GetAwaiter().GetResult();
        }
        finally
        {
            Close();
        }
    }

    private void Close()
    {
        foreach (var statement in (Statement[])[_isProcessed, _getRuntime, _savepoint, _release, _insertProcessed, _upsertRuntime, _upsertEntry, _insertOutbox, _insertOutboxCard, _insertOutboxAlert])
        {
            statement.Dispose();
        }

        _connection.Dispose();
        _walSync?.Dispose();
        _lock.Dispose();
        _turnGate.Dispose();
    }

    private const string EntryColumns = "meeting_id, number, kind, item_index, text, author_name, author_id, source_id, captured_at, edited_at, withdrawn";

    private Task<Entry?> QueryEntryAsync(string where, string meetingId, object key, CancellationToken cancellationToken) =>
        WithLockAsync(async () =>
        {
            using var cmd = Command($"SELECT {EntryColumns} FROM entries WHERE {where} ORDER BY number LIMIT 1");
            cmd.Parameters.AddWithValue("$m", meetingId);
            cmd.Parameters.AddWithValue("$n", key);
            using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadEntry(reader) : null;
        }, cancellationToken);

    private static Entry ReadEntry(SqliteDataReader r) => StoreRows.ReadEntry(r);

    private static ConversationBinding ReadBinding(SqliteDataReader r) => new(
        new ConversationAddress(r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2)),
        r.GetString(3),
        DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(4)));

    private SqliteCommand Command(string sql)
    {
        var cmd = _connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = _tx;
        return cmd;
    }

    /// <summary>A command prepared on first use and kept; its parameters are numbered <c>$name</c>s in text order.</summary>
    private sealed class Statement : IDisposable
    {
        private readonly SqliteCommand _command;

        public Statement(SqliteConnection connection, string sql)
        {
            _command = connection.CreateCommand();
            _command.CommandText = sql;
            foreach (var name in ParameterNames(sql))
            {
                _command.Parameters.Add(new SqliteParameter { ParameterName = name });
            }
        }

        public SqliteCommand With(SqliteTransaction? transaction, params ReadOnlySpan<object?> values)
        {
            _command.Transaction = transaction;
            for (var i = 0; i < values.Length; i++)
            {
                _command.Parameters[i].Value = values[i] ?? DBNull.Value;
            }

            return _command;
        }

        public void Dispose() => _command.Dispose();

        private static IEnumerable<string> ParameterNames(string sql) =>
            System.Text.RegularExpressions.Regex.Matches(sql, @"\$[a-z]+").Select(m => m.Value).Distinct(StringComparer.Ordinal);
    }

    private async Task<T> WithLockAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await work().ConfigureAwait(false);
        }
        catch (SqliteException ex) when (StorageText.IsDamage(ex))
        {
            var damaged = new StoreUnavailableException(StorageText.Damaged(DataSource), ex);
            _damaged.TrySetResult(damaged);
            throw damaged;
        }
        finally
        {
            _lock.Release();
        }
    }
}
