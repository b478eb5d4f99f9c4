using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MeetingBot.Calendar.Ics;

/// <summary>
/// An iCalendar file on disk or a published ICS feed (Google "secret address in iCal format", Outlook
/// "publish calendar"). The file is read again on every fetch: exports are small and change under our feet.
/// </summary>
public sealed class IcsCalendarSource : ICalendarSource
{
    private readonly string? _path;
    private readonly Uri? _url;
    private readonly HttpClient? _http;
    private readonly TimeZoneInfo _defaultZone;
    private readonly ILogger _logger;

    private IcsCalendarSource(string name, string? path, Uri? url, HttpClient? http, TimeZoneInfo defaultZone, ILogger? logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(defaultZone);
        Name = name;
        _path = path;
        _url = url;
        _http = http;
        _defaultZone = defaultZone;
        _logger = logger ?? NullLogger.Instance;
    }

    public string Name { get; }

    /// <param name="defaultZone">Zone for floating and all-day times when the file names none (no X-WR-TIMEZONE).</param>
    public static IcsCalendarSource FromFile(string name, string path, TimeZoneInfo defaultZone, ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return new IcsCalendarSource(name, path, null, null, defaultZone, logger);
    }

    /// <param name="http">A client with the resilience the host gives every outgoing call.</param>
    public static IcsCalendarSource FromUrl(string name, Uri url, HttpClient http, TimeZoneInfo defaultZone, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(http);
        return new IcsCalendarSource(name, null, url, http, defaultZone, logger);
    }

    public async Task<CalendarFetch> FetchAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        var where = _path ?? _url!.ToString();
        string text;
        try
        {
            var read = await ReadAsync(cancellationToken);
            if (read.Error is not null)
            {
                CalendarLog.SourceFailed(_logger, Name, read.Error);
                return CalendarFetch.Failed(Name, read.Error);
            }

            text = read.Text!;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or HttpRequestException or DecoderFallbackException
                                       || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            var message = CalendarStrings.IcsReadFailed(where, ex.Message);
            CalendarLog.SourceFailed(_logger, Name, message);
            return CalendarFetch.Failed(Name, message);
        }

        var fetch = IcsReader.Read(Name, where, text, from, to, _defaultZone);
        foreach (var error in fetch.Errors)
        {
            CalendarLog.EntrySkipped(_logger, Name, error.EventRef ?? "-", error.Message);
        }

        return fetch;
    }

    private async Task<(string? Text, string? Error)> ReadAsync(CancellationToken cancellationToken)
    {
        if (_path is not null)
        {
            return File.Exists(_path)
                ? (await File.ReadAllTextAsync(_path, Encoding.UTF8, cancellationToken), null)
                : (null, CalendarStrings.IcsFileMissing(_path));
        }

        using var response = await _http!.GetAsync(_url, HttpCompletionOption.ResponseContentRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return (null, CalendarStrings.IcsDownloadFailed(_url!.ToString(), (int)response.StatusCode));
        }

        // Feeds often omit the charset; iCalendar is UTF-8 by RFC 5545, so never fall back to Latin-1.
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return (new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes).TrimStart('\uFEFF'), null);
    }
}
