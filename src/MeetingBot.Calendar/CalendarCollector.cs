using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MeetingBot.Calendar;

/// <summary>Reads all sources at once; a source that fails, even by throwing, becomes an error next to the others' events.</summary>
public sealed class CalendarCollector : IDisposable
{
    private readonly ILogger _logger;

    public CalendarCollector(IEnumerable<ICalendarSource> sources, ILogger<CalendarCollector>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(sources);
        Sources = sources.ToList();
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    public IReadOnlyList<ICalendarSource> Sources { get; }

    public async Task<CalendarFetch> FetchAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        var results = await Task.WhenAll(Sources.Select(source => FetchOneAsync(source, from, to, cancellationToken)));
        return new CalendarFetch(
            results.SelectMany(r => r.Events).OrderBy(e => e.Start).ThenBy(e => e.SourceName, StringComparer.Ordinal).ToList(),
            results.SelectMany(r => r.Errors).ToList());
    }

    public void Dispose()
    {
        foreach (var source in Sources.OfType<IDisposable>())
        {
            source.Dispose();
        }
    }

    private async Task<CalendarFetch> FetchOneAsync(ICalendarSource source, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        try
        {
            return await source.FetchAsync(from, to, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var message = CalendarStrings.Unexpected(ex.Message);
            CalendarLog.SourceFailed(_logger, source.Name, message);
            return CalendarFetch.Failed(source.Name, message);
        }
    }
}
