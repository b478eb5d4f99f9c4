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

        await using var host = VerbHost.Open(args, typeof(CalendarOptions), typeof(MeetingsOptions), typeof(StorageOptions));
        return await ListAsync(host.Services, args.Option("from"), args.Option("to"), stdout, stderr, cancellationToken).ConfigureAwait(false);
    }

    /// <param name="provider">The server's own composition (<see cref="VerbHost"/>): the calendar, on its clock, exactly as the scheduler gets it.</param>
    /// <param name="from">First local date (<c>yyyy-MM-dd</c>); today when null.</param>
    /// <param name="to">Last local date, included; <see cref="DefaultDays"/> days on when null.</param>
    public static async Task<int> ListAsync(
        IServiceProvider provider,
        string? from,
        string? to,
        TextWriter stdout,
        TextWriter stderr,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var time = provider.GetRequiredService<TimeProvider>();
        var options = provider.GetRequiredService<IOptions<CalendarOptions>>().Value;

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

        var store = StoreIfPresent(provider);
        var definitions = await DefinitionsAsync(store, provider.GetRequiredService<IOptions<MeetingsOptions>>().Value.Folder, templates, cancellationToken).ConfigureAwait(false);
        var previous = store is null
            ? new Dictionary<(string, string), string>()
            : (await provider.GetRequiredService<IScheduleStore>().GetScheduleAsync(StartOf(firstDay, zone), cancellationToken).ConfigureAwait(false)).ToDictionary(r => (r.SourceName, r.EventId), r => r.MeetingId);
        var matches = EventPlan.Match(fetch.Events, definitions, templates.Templates, e => previous.GetValueOrDefault((e.SourceName, e.EventId)));

        await stdout.WriteLineAsync(CalendarListText.ListHeader).ConfigureAwait(false);
        foreach (var match in matches)
        {
            await stdout.WriteLineAsync(await LineAsync(match, zone, store, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        }

        var unmatched = matches.Where(m => !m.IsMatched && !m.Event.Cancelled).ToList();

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

    private static async Task<string> LineAsync(EventMatch match, TimeZoneInfo zone, IMeetingStore? store, CancellationToken cancellationToken)
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
    private static async Task<List<MeetingDefinition>> DefinitionsAsync(IMeetingStore? store, string folder, CalendarTemplates templates, CancellationToken cancellationToken)
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

    /// <summary>The server's store (from its composition) when its file exists; the listing never creates one.</summary>
    private static IMeetingStore? StoreIfPresent(IServiceProvider provider)
    {
        var path = new SqliteConnectionStringBuilder(provider.GetRequiredService<IOptions<StorageOptions>>().Value.ConnectionString).DataSource;
        return string.IsNullOrEmpty(path) || !File.Exists(path) ? null : provider.GetRequiredService<IMeetingStore>();
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
