using Microsoft.Win32.SafeHandles;

namespace MeetingBot.Storage.Tests;

/// <summary>The store's log fsync, really done, that a test can hold open (as a slow disk holds it) and let go.</summary>
internal sealed class HeldFsync : IDisposable
{
    private readonly SemaphoreSlim _entered = new(0);
    private readonly ManualResetEventSlim _release = new(initialState: true);
    private bool _holding;

    /// <summary>What the store calls to make its log durable.</summary>
    public void Flush(SafeFileHandle wal)
    {
        if (Volatile.Read(ref _holding))
        {
            _entered.Release();
            _release.Wait();
        }

        RandomAccess.FlushToDisk(wal);
    }

    /// <summary>The fsyncs from now on wait for <see cref="Release"/>.</summary>
    public void Hold()
    {
        Volatile.Write(ref _holding, true);
        _release.Reset();
    }

    /// <summary>Waits (at most 10 s) until a held fsync has begun.</summary>
    public async Task EnteredAsync() =>
        Assert.True(await _entered.WaitAsync(TimeSpan.FromSeconds(10)), "묶음의 fsync가 시작되지 않았습니다.");

    public void Release()
    {
        Volatile.Write(ref _holding, false);
        _release.Set();
    }

    public void Dispose()
    {
        _entered.Dispose();
        _release.Dispose();
    }
}
