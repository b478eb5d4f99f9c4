using MeetingBot.Calendar.Google;
using MeetingBot.Calendar.Ics;
using MeetingBot.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MeetingBot.Calendar;

/// <summary>
/// Builds the <c>files</c> source: the host owns the meeting-file folder and its reader, so it plugs them in here.
/// </summary>
public delegate ICalendarSource FilesCalendarSourceFactory(CalendarSourceOptions source);

/// <summary>Builds the configured sources (<see cref="CalendarOptions.Sources"/>), each ready to be polled.</summary>
public sealed class CalendarSourceFactory
{
    /// <summary>The named HttpClient ICS feeds are downloaded with (the host gives it the standard resilience handler).</summary>
    public const string IcsHttpClientName = "MeetingBot.Calendar.Ics";

    private readonly CalendarOptions _options;
    private readonly IHttpClientFactory _httpClientFactory;
    private readonly TimeProvider _timeProvider;
    private readonly ILoggerFactory _loggerFactory;
    private readonly FilesCalendarSourceFactory? _files;

    public CalendarSourceFactory(
        IOptions<CalendarOptions> options,
        IHttpClientFactory httpClientFactory,
        TimeProvider timeProvider,
        ILoggerFactory loggerFactory,
        FilesCalendarSourceFactory? files = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(httpClientFactory);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _options = options.Value;
        _httpClientFactory = httpClientFactory;
        _timeProvider = timeProvider;
        _loggerFactory = loggerFactory;
        _files = files;
    }

    public IReadOnlyList<ICalendarSource> CreateAll() =>
        _options.Sources.Select((source, index) => Create(source, $"{CalendarOptions.SectionName}:Sources:{index}")).ToList();

    /// <param name="setting">Where the source is configured, for error messages (e.g. <c>Calendar:Sources:0</c>).</param>
    /// <exception cref="MeetingBotException">The source cannot be built; the message names the setting.</exception>
    public ICalendarSource Create(CalendarSourceOptions source, string setting)
    {
        ArgumentNullException.ThrowIfNull(source);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(_options.TimeZone);
        if (source.Type == CalendarSourceType.Google)
        {
            // The caller owns the source (CalendarCollector disposes it with the others).
            return CreateGoogle(source, setting, zone);
        }

        return source.Type switch
        {
            CalendarSourceType.Ics when !string.IsNullOrWhiteSpace(source.Url) => IcsCalendarSource.FromUrl(
                source.Name,
                new Uri(source.Url),
                _httpClientFactory.CreateClient(IcsHttpClientName),
                zone,
                _loggerFactory.CreateLogger<IcsCalendarSource>()),
            CalendarSourceType.Ics => IcsCalendarSource.FromFile(source.Name, source.Path ?? "", zone, _loggerFactory.CreateLogger<IcsCalendarSource>()),
            CalendarSourceType.Files => _files?.Invoke(source)
                                        ?? throw new MeetingBotException(CalendarStrings.FilesNotConnected(source.Name), field: $"{setting}:Type"),
            _ => throw new MeetingBotException(CalendarStrings.UnknownType($"{setting}:Type", source.Type.ToString()), field: $"{setting}:Type"),
        };
    }

    private GoogleCalendarSource CreateGoogle(CalendarSourceOptions source, string setting, TimeZoneInfo zone)
    {
        global::Google.Apis.Auth.OAuth2.GoogleCredential? credential = null;
        if (!string.IsNullOrWhiteSpace(source.CredentialsFile))
        {
            try
            {
                credential = GoogleCalendarService.LoadServiceAccount(source.CredentialsFile);
            }
            catch (Exception ex) when (MeetingBot.GoogleAuth.GoogleServiceAccount.IsUnreadable(ex))
            {
                var field = $"{setting}:CredentialsFile";
                throw new MeetingBotException(CalendarStrings.CredentialsUnreadable(field, ex.Message), source.CredentialsFile, field: field);
            }
        }

        var logger = _loggerFactory.CreateLogger<GoogleCalendarSource>();
        var service = GoogleCalendarService.Create(new Uri(source.BaseUrl), credential, GoogleCalendarResilience.CreatePipeline(_timeProvider, logger));
        return new GoogleCalendarSource(source.Name, source.CalendarId!, service, zone, logger);
    }
}
