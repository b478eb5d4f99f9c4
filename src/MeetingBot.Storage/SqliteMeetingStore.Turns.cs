using MeetingBot.Core;

namespace MeetingBot.Storage;

/// <summary>
/// The engine's turns (<see cref="ITurnStore"/>) with group commit: turns run one at a time, each staging its change in
/// the open transaction, where the next turn's reads see it; the last turn of a burst flushes the batch with one fsync
/// (done off the lock by <see cref="WalSync"/>). Every caller still returns only once its own change is durable, so
/// nothing is acknowledged that a crash could lose. Chatter, which records nothing but its message id, neither waits
/// for the disk nor, when nothing else in the batch does, makes the others wait on an fsync.
/// </summary>
public sealed partial class SqliteMeetingStore
{
    /// <summary>No-op turns staged before their batch is flushed anyway, so an hour of chatter is not one open transaction.</summary>
    private const int MaxIdleInBatch = 1024;

    /// <summary>Waiting changes in a batch past which the last turn flushes at once instead of letting late arrivals join.</summary>
    private const int MaxWaitingInBatch = 256;

    // One turn at a time: a turn's reads and its staged change are not interleaved with another turn's.
    private readonly SemaphoreSlim _turnGate = new(1, 1);
    private int _pendingTurns;

    // The open batch: staged changes whose callers wait for the disk, and no-op ones (chatter) nobody waits for.
    private int _waitingInBatch;
    private int _idleInBatch;
    private int _batchesCommitted;

    /// <summary>How many batches have been committed (tests count the flushes a burst shares).</summary>
    internal int BatchesCommitted => Volatile.Read(ref _batchesCommitted);

    public async Task<T> TransactAsync<T>(TurnKey key, Func<IStateReader, CancellationToken, ValueTask<TurnResult<T>>> turn, T redelivered, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(turn);
        Interlocked.Increment(ref _pendingTurns);
        var gateHeld = false;
        var waitForDisk = true;
        Task durable = Task.CompletedTask;
        T value;
        try
        {
            await _turnGate.WaitAsync(cancellationToken).ConfigureAwait(false);
            gateHeld = true;
            if (key is { Channel: { } channel, ConversationId: { } conversation, MessageId: { } messageId }
                && await IsProcessedAsync(channel, conversation, messageId, cancellationToken).ConfigureAwait(false))
            {
                waitForDisk = false;
                return redelivered;
            }

            TurnResult<T> result;
            try
            {
                result = await turn(this, cancellationToken).ConfigureAwait(false);
                durable = await StageAsync(result.Change, cancellationToken).ConfigureAwait(false);
            }
            catch (DuplicateMessageException)
            {
                // The change carried a message id already stored: nothing of it was applied.
                waitForDisk = false;
                return redelivered;
            }
            catch
            {
                waitForDisk = false;
                throw;
            }

            // A change that records nothing but its message id has nothing a crash could lose: the id only spares a
            // redelivery a second look, and a redelivered chatter is chatter again. It does not wait for the disk; the
            // next turn sees its id at once and it lands with the batch.
            waitForDisk = RecordsState(result.Change);
            Interlocked.Increment(ref waitForDisk ? ref _waitingInBatch : ref _idleInBatch);
            value = result.Value;
        }
        finally
        {
            if (gateHeld)
            {
                _turnGate.Release();
            }

            if (Interlocked.Decrement(ref _pendingTurns) == 0
                && (waitForDisk || Volatile.Read(ref _waitingInBatch) > 0 || Volatile.Read(ref _idleInBatch) >= MaxIdleInBatch)
                && !await OthersJoinAsync().ConfigureAwait(false))
            {
                // Counted changes were staged before they were counted, so this flush holds every one of them.
                Interlocked.Exchange(ref _waitingInBatch, 0);
                Interlocked.Exchange(ref _idleInBatch, 0);
                var flush = FlushAsync(CancellationToken.None);
                if (waitForDisk)
                {
                    await flush.ConfigureAwait(false);
                }
                else
                {
                    // Whoever waits on the batch sees a failure through its own task; this only keeps it observed.
                    KeepObserved(flush);
                }
            }
        }

        if (waitForDisk)
        {
            await durable.ConfigureAwait(false);
        }
        else
        {
            KeepObserved(durable);
        }

        return value;
    }

    private static bool RecordsState(StoreChange change) =>
        change.Runtime is not null || change.Entries.Count > 0 || change.Binding is not null || change.Delivery is not null || change.Outbox.Count > 0;

    private static void KeepObserved(Task task) =>
        _ = task.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    /// <summary>
    /// Under load more inputs are already on their way (being read and authenticated); a few turns of the thread pool
    /// let them join the batch, so one fsync covers more of them. True when one did: the last of them flushes instead.
    /// At rest nothing arrives and the turns cost microseconds.
    /// </summary>
    private async ValueTask<bool> OthersJoinAsync()
    {
        if (Volatile.Read(ref _waitingInBatch) >= MaxWaitingInBatch)
        {
            return false;
        }

        for (var i = 0; i < 3; i++)
        {
            await Task.Yield();
            if (Volatile.Read(ref _pendingTurns) > 0)
            {
                return true;
            }
        }

        return false;
    }
}
