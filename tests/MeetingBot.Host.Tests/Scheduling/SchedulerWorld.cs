using System.Globalization;
using MeetingBot.Calendar;
using MeetingBot.Calendar.Files;
using MeetingBot.Calendar.Ics;
using MeetingBot.Calendar.Scheduling;
using MeetingBot.Core;
using MeetingBot.Core.Engine;
using MeetingBot.Host.Services;
using MeetingBot.Storage;
using MeetingBot.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MeetingBot.Host.Tests.Scheduling;

/// <summary>
/// The scheduler as the host runs it — a real ICS file, the real SQLite store, the engine, the dispatcher — on a fake
/// clock that jumps to each time the scheduler says it next has work, as its hosted loop would sleep. The sample
/// meetings of September 2020 are there: 협치기반조성 and 역량강화 as meeting files, 전략사업 as a title template.
/// </summary>
internal sealed class SchedulerWorld : IAsyncDisposable
{
    public const string CalendarName = "협치 캘린더";
    public static readonly TimeZoneInfo Seoul = TimeZoneInfo.FindSystemTimeZoneById("Asia/Seoul");

    private readonly string _folder;
    private readonly Func<SchedulerWorld, IEnumerable<ICalendarSource>> _sources;
    private readonly CalendarOptions _options;

    private SchedulerWorld(string folder, DateTimeOffset now, Func<SchedulerWorld, IEnumerable<ICalendarSource>>? sources, TimeSpan pollInterval)
    {
        _folder = folder;
        Clock = new WatchedClock(now);
        _sources = sources ?? (w => [w.Ics()]);
        _options = new CalendarOptions { PollInterval = pollInterval, ReminderBefore = TimeSpan.FromMinutes(10) };
    }

    public WatchedClock Clock { get; }

    public RecordingChatGateway Chat { get; } = new("googlechat");

    public CalendarStatus Status { get; private set; } = new();

    public SqliteMeetingStore Store { get; private set; } = null!;

    public MeetingScheduler Scheduler { get; private set; } = null!;

    /// <summary>The outbox drain the scheduler's posts leave through, to <see cref="Chat"/>.</summary>
    public OutboxDrain Drain { get; private set; } = null!;

    public string CalendarPath => Path.Combine(_folder, "calendar.ics");

    public string TemplatePath => Path.Combine(_folder, "templates", "strategy.meeting.yaml");

    public string MeetingsFolder => Path.Combine(_folder, "meetings");

    private string Database => Path.Combine(_folder, "meetingbot.db");

    private MeetingEngine Engine { get; set; } = null!;

    private CalendarCollector Collector { get; set; } = null!;

    public static async Task<SchedulerWorld> CreateAsync(
        string calendar,
        DateTimeOffset now,
        Func<SchedulerWorld, IEnumerable<ICalendarSource>>? sources = null,
        TimeSpan? pollInterval = null)
    {
        var world = new SchedulerWorld(Directory.CreateTempSubdirectory("meetingbot-scheduler-").FullName, now, sources, pollInterval ?? TimeSpan.FromMinutes(30));
        Directory.CreateDirectory(world.MeetingsFolder);
        Directory.CreateDirectory(Path.GetDirectoryName(world.TemplatePath)!);
        File.Copy(RepositoryFiles.PathOf("samples", "2020-09", "strategy.meeting.yaml"), world.TemplatePath);
        foreach (var name in new[] { "foundation.meeting.yaml", "capacity.meeting.yaml" })
        {
            File.Copy(RepositoryFiles.PathOf("samples", "2020-09", name), Path.Combine(world.MeetingsFolder, name));
        }

        world.WriteCalendar(calendar);
        await world.OpenAsync();

        // What MeetingFolderLoader does at start.
        foreach (var meeting in MeetingFileReader.ReadFolder(world.MeetingsFolder))
        {
            await world.Store.UpsertDefinitionAsync(meeting);
        }

        return world;
    }

    public IcsCalendarSource Ics() => IcsCalendarSource.FromFile(CalendarName, CalendarPath, Seoul);

    public void WriteCalendar(string calendar) => File.WriteAllText(CalendarPath, calendar.ReplaceLineEndings("\r\n"));

    /// <summary>Drops scheduler, engine and store, as a process exit would, and opens them again on the same file.</summary>
    public async Task RestartAsync()
    {
        await CloseAsync();
        Status = new CalendarStatus();
        await OpenAsync();
    }

    /// <summary>Lets the scheduler run until <paramref name="until"/>, the clock jumping to each time it asks to wake at.</summary>
    public async Task RunUntilAsync(DateTimeOffset until)
    {
        for (var rounds = 0; rounds < 10_000; rounds++)
        {
            var next = await Scheduler.RunOnceAsync();
            await Drain.IdleAsync();
            var now = Clock.GetUtcNow();
            if (next > until)
            {
                if (now < until)
                {
                    Clock.SetUtcNow(until);
                    await Scheduler.RunOnceAsync();
                    await Drain.IdleAsync();
                }

                return;
            }

            Assert.True(next > now, $"the scheduler asked to wake at {next:O}, not after now ({now:O})");
            Clock.SetUtcNow(next);
        }

        Assert.Fail("the scheduler kept asking to wake up");
    }

    /// <summary>
    /// What was posted, as <c>MM-dd HH:mm space first-line</c> in Seoul time, in order; a group send (messages the
    /// outbox joined into one post) counts as the messages it joined.
    /// </summary>
    public IReadOnlyList<string> Posts() =>
        Chat.Sent.SelectMany(m => m.Text.Split("\n\n").Select(text => string.Create(
            CultureInfo.InvariantCulture,
            $"{TimeZoneInfo.ConvertTime(m.At, Seoul):MM-dd HH:mm} {m.To.ConversationId} {text.Split('\n')[0]}"))).ToList();

    public static DateTimeOffset Kst(int month, int day, int hour, int minute = 0) => new(2020, month, day, hour, minute, 0, TimeSpan.FromHours(9));

    public async ValueTask DisposeAsync()
    {
        await CloseAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    private async Task OpenAsync()
    {
        Store = await SqliteMeetingStore.OpenAsync($"Data Source={Database}");
        Engine = new MeetingEngine(Store, Clock);
        Drain = new OutboxDrain(Store, [Chat], Clock, NullLogger<OutboxDrain>.Instance);
        await Drain.StartAsync(CancellationToken.None);
        Collector = new CalendarCollector(_sources(this));
        var template = new TitleTemplate("전략사업.*분과", MeetingFileReader.Read(TemplatePath));
        Scheduler = new MeetingScheduler(
            Collector,
            new CalendarTemplates([template], [TemplatePath]),
            Store,
            Store,
            Store,
            Engine,
            Status,
            Options.Create(_options),
            Clock,
            NullLogger<MeetingScheduler>.Instance);
    }

    private async Task CloseAsync()
    {
        await Drain.StopAsync(CancellationToken.None);
        Drain.Dispose();
        Scheduler.Dispose();
        Collector.Dispose();
        Engine.Dispose();
        await Store.DisposeAsync();
    }
}
