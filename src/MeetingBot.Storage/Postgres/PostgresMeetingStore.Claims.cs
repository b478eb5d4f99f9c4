using MeetingBot.Core;
using Npgsql;

namespace MeetingBot.Storage.Postgres;

/// <summary>
/// Work claims (<see cref="IWorkClaims"/>) in the <c>claims</c> table: one row per piece of work, leased by database
/// time like the outbox and the clocks. A claim is taken when the row is free (none, its lease over, or already this
/// instance's); the row's lock (<c>INSERT … ON CONFLICT DO UPDATE … WHERE</c>) decides between two instances claiming
/// at once. The holder renews it every third of the lease and deletes it when done; a killed instance's claim runs out.
/// </summary>
public sealed partial class PostgresMeetingStore : IWorkClaims
{
    public async Task<IAsyncDisposable> ClaimAsync(string kind, string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(kind);
        ArgumentException.ThrowIfNullOrEmpty(key);
        while (!await TryClaimAsync(kind, key, cancellationToken).ConfigureAwait(false))
        {
            await Task.Delay(RenewEvery, cancellationToken).ConfigureAwait(false);
        }

        return new Claim(this, kind, key);
    }

    private TimeSpan RenewEvery => TimeSpan.FromTicks(Math.Max(_lease.Ticks / 3, TimeSpan.FromMilliseconds(50).Ticks));

    private Task<bool> TryClaimAsync(string kind, string key, CancellationToken cancellationToken) =>
        ReadAsync((s, ct) => s.ClaimWorkAsync(_instance, kind, key, _lease, ct), cancellationToken);

    /// <summary>A held claim: renewed in the background until disposed, then handed back.</summary>
    private sealed class Claim : IAsyncDisposable
    {
        private readonly PostgresMeetingStore _store;
        private readonly string _kind;
        private readonly string _key;
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _renewing;

        public Claim(PostgresMeetingStore store, string kind, string key)
        {
            _store = store;
            _kind = kind;
            _key = key;
            _renewing = Task.Run(RenewAsync);
        }

        private async Task RenewAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    await Task.Delay(_store.RenewEvery, _stop.Token).ConfigureAwait(false);
                    await _store.TryClaimAsync(_kind, _key, _stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                catch (NpgsqlException)
                {
                    // The database is unreachable for now: renew at the next turn (the lease may run out meanwhile).
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync().ConfigureAwait(false);
            await _renewing.ConfigureAwait(false);
            _stop.Dispose();
            try
            {
                await _store.ReadAsync((s, ct) => s.ReleaseWorkAsync(_store._instance, _kind, _key, ct), CancellationToken.None).ConfigureAwait(false);
            }
            catch (NpgsqlException)
            {
                // The database is gone: the lease simply runs out.
            }
        }
    }
}
