using MeetingBot.Calendar;
using MeetingBot.Calendar.Files;
using MeetingBot.Calendar.Ics;
using MeetingBot.Calendar.Scheduling;
using MeetingBot.Core.Engine;
using MeetingBot.Host.Services;
using MeetingBot.Storage.Postgres;
using MeetingBot.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static MeetingBot.Host.Tests.Scheduling.SchedulerWorld;
using static MeetingBot.Host.Tests.Scheduling.SubcommitteeCalendar;

namespace MeetingBot.Host.Tests.Scheduling;

/// <summary>
/// Two schedulers, each with its own store instance, engine and outbox drain, on one real PostgreSQL database and one
/// calendar (SPEC §11): every round runs on both at the same moment, and each reminder and each start is posted once.
/// </summary>
public sealed class TwoInstancesSchedulerTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("meetingbot-scheduler-two-").FullName;
    private readonly WatchedClock _clock = new(Kst(9, 13, 9));
    private readonly RecordingChatGateway _chat = new("googlechat");
    private readonly List<Instance> _instances = [];
    private PostgresDatabase _database = null!;

    private string TemplatePath => Path.Combine(_folder, "strategy.meeting.yaml");

    private string CalendarPath => Path.Combine(_folder, "calendar.ics");

    public async Task InitializeAsync()
    {
        File.Copy(RepositoryFiles.PathOf("samples", "2020-09", "strategy.meeting.yaml"), TemplatePath);
        await File.WriteAllTextAsync(CalendarPath, Ics(withFoundation: false, withCapacity: false).ReplaceLineEndings("\r\n"));
        _database = await PostgresServer.CreateDatabaseAsync();
        for (var i = 0; i < 2; i++)
        {
            _instances.Add(await Instance.StartAsync(_database.ConnectionString, _clock, _chat, CalendarPath, TemplatePath));
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var instance in _instances)
        {
            await instance.DisposeAsync();
        }

        await _database.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task BothRunAsync()
    {
        await Task.WhenAll(_instances.Select(i => Task.Run(() => i.Scheduler.RunOnceAsync())));
        foreach (var instance in _instances)
        {
            await instance.Drain.IdleAsync();
        }
    }

    [Fact]
    public async Task BothInstancesRunningEveryRoundAtOnce_PostEachReminderAndEachStartOnce()
    {
        await BothRunAsync();
        Assert.Empty(_chat.Sent);

        _clock.SetUtcNow(Kst(9, 15, 13, 50));
        await BothRunAsync();
        _clock.SetUtcNow(Kst(9, 15, 14));
        await BothRunAsync();
        await BothRunAsync();

        var posts = _chat.Sent.SelectMany(m => m.Text.Split("\n\n")).Select(t => t.Split('\n')[0]).ToList();
        Assert.Single(posts, p => p.StartsWith("⏰ 10분 뒤(14:00) [전략사업]", StringComparison.Ordinal));
        Assert.Single(posts, p => p.StartsWith("📋 [전략사업]", StringComparison.Ordinal));
        Assert.Single(posts, p => p.StartsWith("▶ 1. 참석자 소개 및 인사", StringComparison.Ordinal));
        Assert.All(_chat.Sent, m => Assert.Equal(StrategySpace, m.To.ConversationId));
    }

    /// <summary>One instance: its own store on the shared database, engine, drain (to the shared chat) and scheduler.</summary>
    private sealed class Instance : IAsyncDisposable
    {
        private PostgresMeetingStore _store = null!;
        private MeetingEngine _engine = null!;
        private CalendarCollector _collector = null!;

        public OutboxDrain Drain { get; private set; } = null!;

        public MeetingScheduler Scheduler { get; private set; } = null!;

        public static async Task<Instance> StartAsync(string connectionString, WatchedClock clock, RecordingChatGateway chat, string calendar, string template)
        {
            var instance = new Instance { _store = await PostgresMeetingStore.OpenAsync(connectionString) };
            instance._engine = new MeetingEngine(instance._store, clock);
            instance.Drain = new OutboxDrain(instance._store, [chat], clock, NullLogger<OutboxDrain>.Instance);
            await instance.Drain.StartAsync(CancellationToken.None);
            instance._collector = new CalendarCollector([IcsCalendarSource.FromFile(CalendarName, calendar, Seoul)]);
            instance.Scheduler = new MeetingScheduler(
                instance._collector,
                new CalendarTemplates([new TitleTemplate("전략사업.*분과", MeetingFileReader.Read(template))], [template]),
                instance._store,
                instance._store,
                instance._store,
                instance._engine,
                new CalendarStatus(),
                Options.Create(new CalendarOptions { PollInterval = TimeSpan.FromMinutes(30), ReminderBefore = TimeSpan.FromMinutes(10) }),
                clock,
                NullLogger<MeetingScheduler>.Instance);
            return instance;
        }

        public async ValueTask DisposeAsync()
        {
            await Drain.StopAsync(CancellationToken.None);
            Drain.Dispose();
            Scheduler.Dispose();
            _collector.Dispose();
            _engine.Dispose();
            await _store.DisposeAsync();
        }
    }
}
