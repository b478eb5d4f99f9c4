using Microsoft.IdentityModel.Protocols;

namespace MeetingBot.Channels.Teams;

/// <summary>
/// Caches one issuer's <see cref="SigningMetadata"/>: refreshed every <see cref="AutomaticRefreshInterval"/>, and at once
/// (at most every <see cref="MinimumRefreshInterval"/>) when a token names a key we do not have. The library's
/// ConfigurationManager (8.x) refreshes in the background after RequestRefresh, so the very activity that first
/// carries a rotated key would be refused; here that request waits for the new keys instead. Stale keys are kept when a
/// refresh fails.
/// </summary>
internal sealed class SigningKeyCache : IDisposable
{
    public static readonly TimeSpan AutomaticRefreshInterval = TimeSpan.FromHours(12);
    public static readonly TimeSpan MinimumRefreshInterval = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(10);

    private readonly string _metadataUrl;
    private readonly IConfigurationRetriever<SigningMetadata> _retriever;
    private readonly IDocumentRetriever _documents;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private Snapshot? _current;
    private DateTimeOffset _failedAt = DateTimeOffset.MinValue;
    private Exception? _failure;

    public SigningKeyCache(string metadataUrl, IConfigurationRetriever<SigningMetadata> retriever, IDocumentRetriever documents, TimeProvider time)
    {
        _metadataUrl = metadataUrl;
        _retriever = retriever;
        _documents = documents;
        _time = time;
    }

    public async Task<SigningMetadata> GetAsync(CancellationToken cancellationToken)
    {
        var current = Volatile.Read(ref _current);
        if (current is not null && _time.GetUtcNow() - current.FetchedAt < AutomaticRefreshInterval)
            return current.Metadata;
        return await RefreshAsync(seen: current?.Metadata, force: false, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Fetches again because a token's key was missing from <paramref name="seen"/>, unless that was just done.</summary>
    public Task<SigningMetadata> RefreshForUnknownKeyAsync(SigningMetadata seen, CancellationToken cancellationToken) =>
        RefreshAsync(seen, force: true, cancellationToken);

    public void Dispose() => _lock.Dispose();

    private async Task<SigningMetadata> RefreshAsync(SigningMetadata? seen, bool force, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = _time.GetUtcNow();
            var current = _current;
            // Someone else refreshed while we waited for the lock.
            if (current is not null && !ReferenceEquals(current.Metadata, seen))
                return current.Metadata;
            if (current is not null && now - current.FetchedAt < (force ? MinimumRefreshInterval : AutomaticRefreshInterval))
                return current.Metadata;
            if (now - _failedAt < RetryAfterFailure)
                return current?.Metadata ?? throw Unavailable(_failure);

            try
            {
                var fresh = await _retriever.GetConfigurationAsync(_metadataUrl, _documents, cancellationToken).ConfigureAwait(false);
                Volatile.Write(ref _current, new Snapshot(fresh, now));
                return fresh;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _failedAt = now;
                _failure = ex;
                return current?.Metadata ?? throw Unavailable(ex);
            }
        }
        finally
        {
            _lock.Release();
        }
    }

    private sealed record Snapshot(SigningMetadata Metadata, DateTimeOffset FetchedAt);

    private InvalidOperationException Unavailable(Exception? cause) =>
        new(TeamsStrings.MetadataFetchFailed(_metadataUrl), cause);
}
