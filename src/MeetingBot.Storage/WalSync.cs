using MeetingBot.Core;
using Microsoft.Win32.SafeHandles;

namespace MeetingBot.Storage;

/// <summary>
/// Makes commits durable without holding the store while the disk works. The connection runs with
/// <c>synchronous=NORMAL</c>, so a COMMIT only writes its frames to the write-ahead log; this thread then fsyncs the
/// log file and only afterwards completes every commit that was written before that fsync began. While one fsync runs,
/// the next batch is already being applied and written, so the disk wait overlaps the work instead of stopping it.
/// The guarantee is that of <c>synchronous=FULL</c>: nothing is acknowledged before its log frames are on disk, and
/// SQLite's recovery ignores frames after the last complete commit, so a crash mid-write loses only unacknowledged work.
/// </summary>
internal sealed class WalSync : IDisposable
{
    private readonly SafeFileHandle _wal;
    private readonly Action<SafeFileHandle> _flushToDisk;
    private readonly Thread _thread;
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _wake = new(0);
    private List<TaskCompletionSource> _written = [];
    private List<TaskCompletionSource> _spare = [];
    private bool _idle = true;
    private bool _stopping;

    private WalSync(SafeFileHandle wal, Action<SafeFileHandle> flushToDisk)
    {
        _wal = wal;
        _flushToDisk = flushToDisk;
        _thread = new Thread(Run) { IsBackground = true, Name = "MeetingBot WAL fsync" };
        _thread.Start();
    }

    /// <summary>The log of an open WAL database, or null when there is none (then SQLite syncs each commit itself).</summary>
    public static WalSync? TryOpen(string walPath, Action<SafeFileHandle>? flushToDisk = null)
    {
        try
        {
            // Opened once and kept until the connection is closed: the handle only ever fsyncs, it never writes.
            var wal = File.OpenHandle(walPath, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
            return new WalSync(wal, flushToDisk ?? RandomAccess.FlushToDisk);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Called right after a commit has been written: <paramref name="committed"/> completes once it is on disk.</summary>
    public void AfterCommit(TaskCompletionSource committed)
    {
        lock (_gate)
        {
            _written.Add(committed);
            if (_idle)
            {
                _idle = false;
                _wake.Release();
            }
        }
    }

    private void Run()
    {
        while (true)
        {
            _wake.Wait();
            while (true)
            {
                List<TaskCompletionSource> batch;
                lock (_gate)
                {
                    if (_written.Count == 0)
                    {
                        _idle = true;
                        if (_stopping)
                        {
                            return;
                        }

                        break;
                    }

                    // Everything listed was written before this fsync starts, so this fsync covers all of it.
                    batch = _written;
                    _written = _spare;
                }

                Exception? failure = null;
                try
                {
                    _flushToDisk(_wal);
                }
#pragma warning disable CA1031 // Any failure of the fsync is handed to its waiters (they fail their input); the thread must live on.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    // Whatever the fsync threw belongs to the inputs waiting on it; this thread must live on for the next.
                    failure = new MeetingBotException($"저장소를 디스크에 기록하지 못했습니다: {ex.Message}", ex);
                }

                foreach (var committed in batch)
                {
                    if (failure is null)
                    {
                        committed.SetResult();
                    }
                    else
                    {
                        committed.SetException(failure);
                    }
                }

                batch.Clear();
                _spare = batch;
            }
        }
    }

    /// <summary>Waits for every pending fsync, then stops the thread and closes the log handle.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_stopping)
            {
                return;
            }

            _stopping = true;
        }

        _wake.Release();
        _thread.Join();
        _wal.Dispose();
        _wake.Dispose();
    }
}
