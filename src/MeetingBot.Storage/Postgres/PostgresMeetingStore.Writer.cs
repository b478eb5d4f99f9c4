using MeetingBot.Core;
using Npgsql;

namespace MeetingBot.Storage.Postgres;

/// <summary>
/// The writer: one loop per instance takes every write waiting (up to <see cref="MaxBatch"/>) into one transaction, a
/// savepoint each, and commits them together. A write that fails is rolled back to its savepoint and fails alone; a
/// lost connection or a failed commit fails the whole batch (nothing of it is acknowledged); a deadlock or
/// serialisation failure runs the batch again. A turn's lock is taken before its savepoint and, past the first of a
/// batch, only tried: when another instance holds it, the batch commits without that turn and it goes first next time,
/// where it may wait, holding nothing else, so two instances never wait on each other.
/// </summary>
public sealed partial class PostgresMeetingStore
{
    private const int MaxAttempts = 5;

    private Task WriteAsync(Func<PostgresSession, CancellationToken, Task> write, CancellationToken cancellationToken) =>
        WriteAsync<object?>(async (s, ct) =>
        {
            await write(s, ct).ConfigureAwait(false);
            return null;
        }, null, cancellationToken);

    private Task<T> WriteAsync<T>(Func<PostgresSession, CancellationToken, Task<T>> write, CancellationToken cancellationToken) =>
        WriteAsync(write, null, cancellationToken);

    /// <summary>Queues the write and returns its value once its batch is committed.</summary>
    private async Task<T> WriteAsync<T>(Func<PostgresSession, CancellationToken, Task<T>> write, Func<PostgresSession, CancellationToken, Task<bool>>? lockFirst, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var work = new Work(async (s, ct) => await write(s, ct).ConfigureAwait(false), lockFirst);
        if (!_queue.Writer.TryWrite(work))
        {
            throw new StoreUnavailableException(PostgresText.Stopped);
        }

        // Not cancelled while waiting: once queued the write may be committed, and the caller must hear how it ended.
        return (T)(await work.Done.Task.ConfigureAwait(false))!;
    }

    private async Task WriteLoopAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<Work>(MaxBatch);
        while (_carried.Count > 0 || await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            batch.AddRange(_carried);
            _carried.Clear();
            while (batch.Count < MaxBatch && reader.TryRead(out var work))
            {
                batch.Add(work);
            }

            await RunBatchAsync(batch).ConfigureAwait(false);
        }
    }

    private async Task RunBatchAsync(List<Work> batch)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await CommitBatchAsync(batch).ConfigureAwait(false);
                return;
            }
            catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure && attempt < MaxAttempts)
            {
                // Rolled back whole; the turns are decisions over state, so deciding them again is safe.
            }
#pragma warning disable CA1031 // Whatever failed the batch, its callers must hear it and the writer must go on with the next.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                var failed = new MeetingBotException(PostgresText.NotWritten(ex), ex);
                foreach (var work in batch)
                {
                    work.Done.TrySetException(failed);
                }

                return;
            }
        }
    }

    private async Task CommitBatchAsync(List<Work> batch)
    {
        var connection = await _db.OpenConnectionAsync().ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var tx = await connection.BeginTransactionAsync().ConfigureAwait(false);
            await using (tx.ConfigureAwait(false))
            {
                var session = new PostgresSession(connection, tx);
                var outcomes = new (object? Value, Exception? Error)[batch.Count];
                var taken = batch.Count;
                for (var i = 0; i < batch.Count; i++)
                {
                    var work = batch[i];
                    if (work.LockFirst is { } lockFirst && !await lockFirst(session, CancellationToken.None).ConfigureAwait(false))
                    {
                        taken = i;
                        break;
                    }

                    await session.ExecAsync("SAVEPOINT work", CancellationToken.None).ConfigureAwait(false);
                    try
                    {
                        outcomes[i] = (await work.Run(session, CancellationToken.None).ConfigureAwait(false), null);
                        await session.ExecAsync("RELEASE SAVEPOINT work", CancellationToken.None).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ex is not NpgsqlException || ex is PostgresException { SqlState: not (PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure) })
                    {
                        await session.ExecAsync("ROLLBACK TO SAVEPOINT work", CancellationToken.None).ConfigureAwait(false);
                        outcomes[i] = (null, ex);
                    }
                }

                if (session.OutboxAdded > 0)
                {
                    await session.ExecAsync("SELECT pg_notify('meetingbot_outbox', '')", CancellationToken.None).ConfigureAwait(false);
                }

                await tx.CommitAsync().ConfigureAwait(false);
                Interlocked.Increment(ref _batchesCommitted);

                // Drains are woken before callers hear "committed", so a caller always finds its messages handed out.
                if (session.OutboxAdded > 0)
                {
                    WakeDrain();
                }

                for (var i = 0; i < taken; i++)
                {
                    if (outcomes[i].Error is { } error)
                    {
                        batch[i].Done.TrySetException(error);
                    }
                    else
                    {
                        batch[i].Done.TrySetResult(outcomes[i].Value);
                    }
                }

                _carried.AddRange(batch.Skip(taken));
            }
        }
    }

    private sealed class Work(Func<PostgresSession, CancellationToken, Task<object?>> run, Func<PostgresSession, CancellationToken, Task<bool>>? lockFirst)
    {
        public Func<PostgresSession, CancellationToken, Task<object?>> Run { get; } = run;

        /// <summary>A turn's lock, taken before its savepoint (a savepoint rolled back would release it); false: held elsewhere.</summary>
        public Func<PostgresSession, CancellationToken, Task<bool>>? LockFirst { get; } = lockFirst;

        public TaskCompletionSource<object?> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
