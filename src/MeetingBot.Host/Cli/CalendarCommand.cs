using System.Globalization;
using MeetingBot.Calendar;
using MeetingBot.Calendar.Files;
using MeetingBot.Calendar.Scheduling;
using MeetingBot.Channels.GoogleChat;
using MeetingBot.Core;
using MeetingBot.Host.Services;
using MeetingBot.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace MeetingBot.Host.Cli;

/// <summary>
/// <c>meetingbot calendar list [--from DATE] [--to DATE]</c>: every occurrence the configured sources give, with the
/// meeting it matches, so staff can check their setup before a meeting rather than at it. Reads the same settings as
/// the server; source errors are printed, and the exit code is 2 only when no source could be read at all.
/// </summary>
public static class CalendarCommand
{
    public const int DefaultDays = 30;

    public static async Task<int> RunAsync(ParsedArgs args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Positional is not ["list"])
        {
            throw new MeetingBotException(CalendarListText.ListUsage);
        }

        var settings = HostConfiguration.Load(null, typeof(CalendarOptions), typeof(MeetingsOptions), typeof(StorageOptions));
        return await ListAsync(settings.Configuration, args.Option("from"), args.Option("to"), stdout, stderr, TimeProvider.System, cancellationToken).ConfigureAwait(false);
    }

    /// <param name="from">First local date (<c>yyyy-MM-dd</c>); today when null.</param>
    /// <param name="to">Last local date, included; <see cref="DefaultDays"/> days on when null.</param>
    public static async Task<int> ListAsync(
        IConfiguration configuration,
        string? from,
        string? to,
        TextWriter stdout,
        TextWriter stderr,
        TimeProvider time,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        ArgumentNullException.ThrowIfNull(time);

        // The server's own composition: the verb resolves the calendar exactly as the scheduler gets it.
        var services = new ServiceCollection().AddSingleton(configuration).AddSingleton(time).AddLogging();
        await using var provider = services.AddMeetingBot(configuration).BuildServiceProvider();

        CalendarOptions options;
        try
        {
            options = provider.GetRequiredService<IOptions<CalendarOptions>>().Value;
        }
        catch (OptionsValidationException ex)
        {
            throw new MeetingBotException(string.Join("\n", ex.Failures));
        }

        if (options.Sources.Count == 0)
        {
            await stderr.WriteLineAsync(CalendarListText.NoSources).ConfigureAwait(false);
            return CommandLine.BadInput;
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone).DateTime);
        var firstDay = from is null ? today : ParseDate("from", from);
        var lastDay = to is null ? firstDay.AddDays(DefaultDays - 1) : ParseDate("to", to);
        if (lastDay < firstDay)
        {
            throw new MeetingBotException(CalendarListText.EmptyWindow);
        }

        var collector = provider.GetRequiredService<CalendarCollector>();
        var templates = provider.GetRequiredService<CalendarTemplates>();
        var fetch = await collector.FetchAsync(StartOf(firstDay, zone), StartOf(lastDay.AddDays(1), zone), cancellationToken).ConfigureAwait(false);

        var store = await OpenStoreIfPresentAsync(configuration, cancellationToken).ConfigureAwait(false);
        List<EventMatch> unmatched;
        try
        {
            var definitions = await DefinitionsAsync(store, provider.GetRequiredService<IOptions<MeetingsOptions>>().Value.Folder, templates, cancellationToken).ConfigureAwait(false);
            var previous = store is null
                ? new Dictionary<(string, string), string>()
                : (await store.GetScheduleAsync(StartOf(firstDay, zone), cancellationToken).ConfigureAwait(false)).ToDictionary(r => (r.SourceName, r.EventId), r => r.MeetingId);
            var matches = EventPlan.Match(fetch.Events, definitions, templates.Templates, e => previous.GetValueOrDefault((e.SourceName, e.EventId)));

            await stdout.WriteLineAsync(CalendarListText.ListHeader).ConfigureAwait(false);
            foreach (var match in matches)
            {
                await stdout.WriteLineAsync(await LineAsync(match, zone, store, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
            }

            unmatched = matches.Where(m => !m.IsMatched && !m.Event.Cancelled).ToList();
        }
        finally
        {
            if (store is not null)
            {
                await store.DisposeAsync().ConfigureAwait(false);
            }
        }

        foreach (var match in unmatched)
        {
            await stderr.WriteLineAsync(CalendarListText.WhyUnmatched(match.Event.SourceName, TimeZoneInfo.ConvertTime(match.Event.Start, zone), match.Event.Title, match.Reason ?? "")).ConfigureAwait(false);
        }

        foreach (var error in fetch.Errors)
        {
            var line = new CalendarErrorLine(error.SourceName, error.Message, error.EventRef);
            await stderr.WriteLineAsync(error.EventRef is null ? CalendarListText.SourceError(line) : CalendarListText.Skipped(line)).ConfigureAwait(false);
        }

        var failed = fetch.Errors.Where(e => e.EventRef is null).Select(e => e.SourceName).Distinct(StringComparer.Ordinal).Count();
        await stdout.WriteLineAsync(CalendarListText.Count(fetch.Events.Count, collector.Sources.Count, failed)).ConfigureAwait(false);
        return failed >= collector.Sources.Count ? CommandLine.BadInput : CommandLine.Ok;
    }

    private static async Task<string> LineAsync(EventMatch match, TimeZoneInfo zone, SqliteMeetingStore? store, CancellationToken cancellationToken)
    {
        var e = match.Event;
        var start = KoreanTime.DateAndTime(TimeZoneInfo.ConvertTime(e.Start, zone));
        var chat = e.ChatSpace;
        if (chat is null && store is not null && match.MeetingId is { } id)
        {
            var bindings = await store.GetBindingsAsync(id, cancellationToken).ConfigureAwait(false);
            chat = bindings.Count == 0
                ? null
                : string.Join(", ", bindings.Select(b => b.Address.Channel == GoogleChatMapper.Channel ? b.Address.ConversationId : $"{b.Address.Channel}:{b.Address.ConversationId}"));
        }

        var meeting = match.MeetingId ?? CalendarListText.Unmatched;
        if (e.Cancelled)
        {
            meeting += $" ({CalendarListText.CancelledMark})";
        }

        return string.Join(" | ", start, e.Title, e.SourceName, e.JoinUrl ?? CalendarListText.None, chat ?? CalendarListText.None, meeting);
    }

    /// <summary>What the server would match against: the store's meetings (template instances, moved times), then meeting files it has not loaded yet.</summary>
    private static async Task<List<MeetingDefinition>> DefinitionsAsync(SqliteMeetingStore? store, string folder, CalendarTemplates templates, CancellationToken cancellationToken)
    {
        var definitions = new List<MeetingDefinition>();
        if (store is not null)
        {
            foreach (var summary in await store.ListMeetingsAsync(cancellationToken).ConfigureAwait(false))
            {
                if (await store.GetDefinitionAsync(summary.Id, cancellationToken).ConfigureAwait(false) is { } stored)
                {
                    definitions.Add(stored);
                }
            }
        }

        // A file that cannot be read is left out here: the files source reports it as skipped, with its line and field.
        definitions.AddRange(MeetingFileReader.ScanFolder(folder, templates.Files, cancellationToken).Files
            .Select(f => f.Meeting)
            .Where(m => definitions.All(d => d.Id != m.Id))
            .ToList());

        return definitions;
    }

    /// <summary>The server's store when it exists; the listing never creates one.</summary>
    private static async Task<SqliteMeetingStore?> OpenStoreIfPresentAsync(IConfiguration configuration, CancellationToken cancellationToken)
    {
        var connectionString = configuration[$"{StorageOptions.SectionName}:ConnectionString"] ?? new StorageOptions().ConnectionString;
        var path = new SqliteConnectionStringBuilder(connectionString).DataSource;
        return string.IsNullOrEmpty(path) || !File.Exists(path)
            ? null
            : await SqliteMeetingStore.OpenAsync(connectionString, cancellationToken).ConfigureAwait(false);
    }

    private static DateOnly ParseDate(string option, string value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new MeetingBotException(CalendarListText.BadDate(option, value));

    private static DateTimeOffset StartOf(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}
