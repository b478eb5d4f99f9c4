using System.Security.Cryptography;
using MeetingBot.Host.Cli;

namespace MeetingBot.Host.Tests.Cli;

/// <summary>
/// The real <c>meetingbot</c> process and its command line: anything it does not know is a Korean error listing what
/// exists, with exit 2, and never starts the server; the verbs that read settings check them as the server does.
/// </summary>
public sealed class CommandLineProcessTests : CliTest
{
    private static readonly Dictionary<string, string> NoSettings = [];

    private Task<ProcessResult> RunAsync(Dictionary<string, string> environment, params string[] args) =>
        MeetingBotProcess.RunAsync(Work, environment, args);

    private static void AssertBadInput(ProcessResult result, params string[] listed)
    {
        Assert.True(result.Code == CommandLine.BadInput, result.ToString());
        Assert.DoesNotContain("Now listening", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Err, StringComparison.Ordinal);
        Assert.StartsWith("오류: ", result.Err, StringComparison.Ordinal);
        foreach (var name in listed)
        {
            Assert.Contains(name, result.Err, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AnUnknownVerb_IsAnError_ListingTheVerbs_AndDoesNotStartTheServer()
    {
        var result = await RunAsync(NoSettings, "frobnicate");

        AssertBadInput(result, "frobnicate", "simulate", "eval-drafting", "calendar", "teams-package", "help");
    }

    [Theory]
    [InlineData("--frobnicate")]
    [InlineData("--out=out")]
    [InlineData("-v")]
    public async Task AnUnknownOptionWithoutAVerb_IsAnError_ListingTheSettingSectionsAndVerbs(string option)
    {
        var result = await RunAsync(NoSettings, option);

        AssertBadInput(result, option, "--구역:이름=값", "Teams", "Storage", "simulate");
    }

    [Fact]
    public async Task AShortOption_IsAnUnknownOption_ListingTheVerbsOptions_NotAStrayFolder()
    {
        var result = await RunAsync(NoSettings, "simulate", SharedSample(), "-o", "out");

        AssertBadInput(result, "알 수 없는 옵션입니다: -o", "--out", "--drafting", "--settings");
    }

    [Fact]
    public async Task AnOptionWithAnEmptyValue_IsAMissingValue()
    {
        var result = await RunAsync(NoSettings, "simulate", SharedSample(), "--out=");

        AssertBadInput(result, "--out에 값이 필요합니다");
    }

    [Fact]
    public async Task AnOptionGivenTwice_IsAnError_NotTheLastOneSilentlyWinning()
    {
        var result = await RunAsync(NoSettings, "simulate", SharedSample(), "--out", Path.Combine(Work, "a"), "--out", Path.Combine(Work, "b"));

        AssertBadInput(result, "--out을(를) 두 번 이상");
        Assert.False(Directory.Exists(Path.Combine(Work, "b")));
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("help")]
    public async Task Help_ListsEveryVerbAndTheExitCodes_InKorean(string help)
    {
        var result = await RunAsync(NoSettings, help);

        Assert.True(result.Code == CommandLine.Ok, result.ToString());
        Assert.Contains("사용법: meetingbot", result.Out, StringComparison.Ordinal);
        foreach (var verb in new[] { "simulate", "eval-drafting", "calendar list", "teams-package" })
        {
            Assert.Contains(verb, result.Out, StringComparison.Ordinal);
        }

        Assert.Contains("종료 코드: 0 성공, 1 실패, 2 잘못된 입력·설정, 3 저장소", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AVerbsHelpOption_ShowsTheUsage_RatherThanAskingForItsValue()
    {
        var result = await RunAsync(NoSettings, "simulate", "--help");

        Assert.True(result.Code == CommandLine.Ok, result.ToString());
        Assert.Contains("simulate DIR --out OUT", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Simulate_WithBadSettings_ListsEachOnItsOwnLine()
    {
        var settings = Path.Combine(Work, "settings.json");
        await File.WriteAllTextAsync(settings, """{ "Timebox": { "OverrunEvery": "00:00:10", "TickInterval": "00:05:00" } }""");

        var result = await RunAsync(NoSettings, "simulate", SharedSample(), "--out", Path.Combine(Work, "out"), "--settings", settings);

        AssertBadInput(result);
        Assert.Contains(result.ErrLines, l => l.StartsWith("오류: Timebox:OverrunEvery", StringComparison.Ordinal));
        Assert.Contains(result.ErrLines, l => l.StartsWith("오류: Timebox:TickInterval", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Simulate_WithAValueOfTheWrongType_NamesItInKorean()
    {
        var result = await RunAsync(new() { ["Timebox__WarnBefore"] = "2분" }, "simulate", SharedSample(), "--out", Path.Combine(Work, "out"));

        AssertBadInput(result, "Timebox:WarnBefore 값 '2분'을(를) 읽을 수 없습니다", "시:분:초");
        Assert.DoesNotContain("Failed to convert", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CalendarList_WithBadCalendarAndMeetingsSettings_ListsThemAll()
    {
        var result = await RunAsync(
            new() { ["Calendar__PollInterval"] = "00:00:00", ["Calendar__Sources__0__Type"] = "ics", ["Calendar__Sources__0__Url"] = "http://calendar.example.go.kr/secret.ics", ["Meetings__TimeZone"] = "Mars/Olympus" },
            "calendar",
            "list");

        AssertBadInput(result, "Calendar:PollInterval", "Calendar:Sources:0:Url", "Meetings:TimeZone");
    }

    [Fact]
    public async Task CalendarList_OnADamagedStore_Exits3_NamingTheFile()
    {
        var db = Path.Combine(Work, "bot.db");
        await File.WriteAllBytesAsync(db, RandomNumberGenerator.GetBytes(8192));

        // The working folder has no appsettings.json: the verb, like the server, then has only what it is given.
        var result = await RunAsync(
            new() { ["Storage__ConnectionString"] = $"Data Source={db}", ["Calendar__Sources__0__Name"] = "회의 파일", ["Calendar__Sources__0__Type"] = "files", ["Meetings__Folder"] = Work },
            "calendar",
            "list");

        Assert.True(result.Code == CommandLine.StoreUnavailable, result.ToString());
        var line = Assert.Single(result.ErrLines);
        Assert.Contains($"저장소 파일 '{db}'이(가) 손상되었습니다", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TeamsPackage_WithAStaffServiceUrlInClearText_RefusesToPackTheBot()
    {
        var zip = Path.Combine(Work, "teams.zip");

        var result = await RunAsync(
            new()
            {
                ["Teams__AppId"] = "3b5e1f0a-7c2d-4e8f-9a1b-0c2d3e4f5a6b",
                ["Staff__PublicBaseUrl"] = "https://meetingbot.example.go.kr",
                ["Staff__ServiceUrl"] = "http://smba.trafficmanager.net/kr/",
            },
            "teams-package",
            "--out",
            zip);

        AssertBadInput(result, "Staff:ServiceUrl", "https://");
        Assert.False(File.Exists(zip));
    }
}
