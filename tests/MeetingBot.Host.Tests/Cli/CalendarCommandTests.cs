using MeetingBot.Calendar;
using MeetingBot.Core;
using MeetingBot.Host.Cli;
using MeetingBot.Host.Tests.Scheduling;
using MeetingBot.Storage;
using MeetingBot.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace MeetingBot.Host.Tests.Cli;

/// <summary><c>meetingbot calendar list</c>: what staff see when they check their calendar setup.</summary>
public sealed class CalendarCommandTests : IAsyncLifetime, IDisposable
{
    private const string BrokenEvent = """
        BEGIN:VEVENT
        UID:broken-0917@ydp.example
        DTSTAMP:20200910T020000Z
        DTSTART;TZID=Asia/Seoul:2020-09-17 오후 2시
        SUMMARY:재정분과 간담회
        END:VEVENT
        """;

    private readonly string _work = Directory.CreateTempSubdirectory("meetingbot-calendar-list-").FullName;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2020, 9, 13, 9, 0, 0, TimeSpan.FromHours(9)));
    private LocalHttpServer _elsewhere = null!;

    public async Task InitializeAsync()
    {
        // Nothing is mapped on this server, so every address answers 404: an ICS feed that is not there.
        _elsewhere = await LocalHttpServer.StartWithRoutesAsync(_ => { });
        Directory.CreateDirectory(Meetings);
        Directory.CreateDirectory(Path.GetDirectoryName(Template)!);
        File.Copy(RepositoryFiles.PathOf("samples", "2020-09", "strategy.meeting.yaml"), Template);
        foreach (var name in new[] { "foundation.meeting.yaml", "capacity.meeting.yaml" })
        {
            File.Copy(RepositoryFiles.PathOf("samples", "2020-09", name), Path.Combine(Meetings, name));
        }

        await File.WriteAllTextAsync(Calendar, SubcommitteeCalendar.Ics(extraEvent: BrokenEvent).ReplaceLineEndings("\r\n"));
    }

    public async Task DisposeAsync() => await _elsewhere.DisposeAsync();

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private string Meetings => Path.Combine(_work, "meetings");

    private string Template => Path.Combine(_work, "templates", "strategy.meeting.yaml");

    private string Calendar => Path.Combine(_work, "calendar.ics");

    private string Database => Path.Combine(_work, "meetingbot.db");

    private string BrokenFeed => _elsewhere.Url("/ydp/basic.ics");

    private IConfiguration Settings(params (string Key, string? Value)[] sources)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = $"Data Source={Database}",
            ["Meetings:Folder"] = Meetings,
            ["Calendar:TimeZone"] = "Asia/Seoul",
            ["Calendar:Templates:0:Pattern"] = "전략사업.*분과",
            ["Calendar:Templates:0:MeetingFile"] = Template,
        };
        foreach (var (key, value) in sources)
        {
            settings[key] = value;
        }

        return new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
    }

    private async Task<(int Code, string[] Out, string[] Err)> ListAsync(IConfiguration settings, string? from = "2020-09-14", string? to = "2020-09-22")
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        // The verb's own host, on these settings alone and the test's clock.
        await using var host = VerbHost.Open([], null, [typeof(CalendarOptions), typeof(MeetingsOptions), typeof(StorageOptions)], builder =>
        {
            builder.Configuration.Sources.Clear();
            builder.Configuration.AddConfiguration(settings);
            builder.Services.AddSingleton<TimeProvider>(_clock);
        });
        var code = await CalendarCommand.ListAsync(host.Services, from, to, stdout, stderr);
        return (code, Lines(stdout), Lines(stderr));
    }

    private static string[] Lines(StringWriter writer) => writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [Fact]
    public async Task Every_occurrence_of_every_source_is_listed_with_its_meeting_and_the_problems_are_named()
    {
        var settings = Settings(
            ("Calendar:Sources:0:Name", "협치 캘린더"), ("Calendar:Sources:0:Type", "ics"), ("Calendar:Sources:0:Path", Calendar),
            ("Calendar:Sources:1:Name", "회의 파일"), ("Calendar:Sources:1:Type", "files"),
            ("Calendar:Sources:2:Name", "고장 난 피드"), ("Calendar:Sources:2:Type", "ics"), ("Calendar:Sources:2:Url", BrokenFeed));

        var (code, stdout, stderr) = await ListAsync(settings);

        Assert.Equal(CommandLine.Ok, code);
        Assert.Equal(
            [
                "시작 | 제목 | 원본 | 참가 링크 | 대화방 | 회의",
                "2020-09-14 14:00 | 협치기반조성 분과회의 | 협치 캘린더 | - | spaces/AAAAfoundation | ydp-2020-09-foundation",
                "2020-09-14 14:00 | [협치기반조성] 영등포구협치회의 분과회의(9월) | 회의 파일 | https://meet.google.com/ydp-fdtn-914 | - | 미연결",
                "2020-09-15 10:30 | 역량강화 분과회의 | 협치 캘린더 | - | spaces/AAAAcapacity | ydp-2020-09-capacity (취소)",
                "2020-09-15 10:30 | [역량강화] 영등포구협치회의 분과회의(9월) | 회의 파일 | https://meet.google.com/ydp-cpct-915 | - | 미연결",
                "2020-09-15 14:00 | 전략사업 분과회의 | 협치 캘린더 | https://meet.google.com/ydp-strt-915 | spaces/AAAAstrategy | ydp-2020-09-strategy-20200915",
                "2020-09-22 14:00 | 전략사업 분과회의 | 협치 캘린더 | https://meet.google.com/ydp-strt-915 | spaces/AAAAstrategy | ydp-2020-09-strategy-20200922",
                "일정 6건 (원본 3개 중 1개 오류)",
            ],
            stdout);
        Assert.Contains(stderr, l => l.StartsWith("미연결 [회의 파일] 2020-09-14 14:00 [협치기반조성]", StringComparison.Ordinal) && l.Contains("ydp-2020-09-foundation", StringComparison.Ordinal));
        Assert.Contains(stderr, l => l.StartsWith("건너뜀 [협치 캘린더]", StringComparison.Ordinal) && l.Contains("DTSTART", StringComparison.Ordinal));
        Assert.Contains(stderr, l => l.StartsWith("오류 [고장 난 피드]: ", StringComparison.Ordinal) && l.Contains("404", StringComparison.Ordinal) && l.Contains(BrokenFeed, StringComparison.Ordinal));
        Assert.False(File.Exists(Database), "listing must not create the server's database");
    }

    [Fact]
    public async Task What_the_server_stored_is_used_its_chat_bindings_shown()
    {
        var store = await SqliteMeetingStore.OpenAsync($"Data Source={Database}");
        await using (store)
        {
            foreach (var file in Directory.GetFiles(Meetings))
            {
                await store.UpsertDefinitionAsync(MeetingBot.Calendar.Files.MeetingFileReader.Read(file));
            }

            var teams = new ConversationAddress("msteams", "19:meeting_Y2FwYWNpdHk@thread.v2", "https://smba.trafficmanager.net/kr/");
            await store.CommitAsync(new StoreChange { Binding = new ConversationBinding(teams, "ydp-2020-09-capacity", _clock.GetUtcNow()) });
        }

        var (code, stdout, _) = await ListAsync(Settings(("Calendar:Sources:0:Name", "회의 파일"), ("Calendar:Sources:0:Type", "files")));

        Assert.Equal(CommandLine.Ok, code);
        Assert.Contains("2020-09-15 10:30 | [역량강화] 영등포구협치회의 분과회의(9월) | 회의 파일 | https://meet.google.com/ydp-cpct-915 | msteams:19:meeting_Y2FwYWNpdHk@thread.v2 | ydp-2020-09-capacity", stdout);
    }

    [Fact]
    public async Task When_no_source_can_be_read_the_exit_code_says_so()
    {
        var (code, _, stderr) = await ListAsync(Settings(("Calendar:Sources:0:Name", "고장 난 피드"), ("Calendar:Sources:0:Type", "ics"), ("Calendar:Sources:0:Url", BrokenFeed)));

        Assert.Equal(CommandLine.BadInput, code);
        Assert.Single(stderr, l => l.StartsWith("오류 [고장 난 피드]: ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_window_defaults_to_thirty_days_from_today()
    {
        var (_, stdout, _) = await ListAsync(Settings(("Calendar:Sources:0:Name", "협치 캘린더"), ("Calendar:Sources:0:Type", "ics"), ("Calendar:Sources:0:Path", Calendar)), from: null, to: null);

        Assert.Equal(["09-14", "09-15", "09-15", "09-22", "09-29"], stdout.Skip(1).SkipLast(1).Select(l => l[5..10]));
    }

    [Theory]
    [InlineData(new[] { "calendar" }, "calendar list")]
    [InlineData(new[] { "calendar", "list", "--from", "2020/09/14" }, "--from")]
    [InlineData(new[] { "calendar", "list", "--when", "today" }, "--when")]
    public async Task Bad_arguments_are_refused_with_a_message_naming_them(string[] args, string named)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var code = await CommandLine.RunAsync(args, stdout, stderr);

        Assert.Equal(CommandLine.BadInput, code);
        Assert.Contains(named, stderr.ToString());
    }

    [Fact]
    public async Task The_usage_text_lists_the_calendar_verb()
    {
        using var stdout = new StringWriter();

        await CommandLine.RunAsync(["help"], stdout, TextWriter.Null);

        Assert.Contains("calendar list [--from 날짜] [--to 날짜]", stdout.ToString());
    }
}
