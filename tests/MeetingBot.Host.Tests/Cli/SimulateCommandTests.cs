using System.Text.Json;
using MeetingBot.Host.Cli;
using MeetingBot.TestSupport;

namespace MeetingBot.Host.Tests.Cli;

/// <summary><c>meetingbot simulate</c> on the shared sample and on bad input (SPEC §5, §7).</summary>
public sealed class SimulateCommandTests : CliTest
{
    [Fact]
    public async Task SharedSample_ReportHoldsAllThirteenTaggedEntriesUnderTheRightItems_AndTheDecision()
    {
        var outDir = Path.Combine(Work, "out");

        var (code, stdout, stderr) = await RunAsync("simulate", SharedSample(), "--out", outDir);

        Assert.True(code == 0, stderr);
        Assert.Contains("report.md", stdout);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(outDir, "report.json")));
        var items = json.RootElement.GetProperty("items").EnumerateArray().ToList();
        int Count(int index) => items.Single(i => i.GetProperty("index").GetInt32() == index).GetProperty("opinions").GetArrayLength();
        Assert.Equal([0, 3, 3, 3, 0, 4, 0], Enumerable.Range(1, 7).Select(Count));
        var decisions = items.SelectMany(i => i.GetProperty("decisions").EnumerateArray().Select(d => (Index: i.GetProperty("index").GetInt32(), Text: d.GetProperty("text").GetString()))).ToList();
        Assert.Equal([(5, "이견 없음")], decisions);
        var kinds = items.SelectMany(i => i.GetProperty("opinions").EnumerateArray()).Select(o => o.GetProperty("kind").GetString()).ToList();
        Assert.Equal(9, kinds.Count(k => k == "opinion"));
        Assert.Equal(3, kinds.Count(k => k == "proposal"));
        Assert.Equal(1, kinds.Count(k => k == "question"));
        Assert.Equal("영등포구협치회의 분과회의(9월) 개최 결과 보고", json.RootElement.GetProperty("title").GetString());
        var meeting = json.RootElement.GetProperty("meetings")[0];
        Assert.Equal((5, 5), (meeting.GetProperty("civilCount").GetInt32(), meeting.GetProperty("adminCount").GetInt32()));
    }

    [Fact]
    public async Task SharedSample_ReportLeavesChatterOutAndEverySourceAppearsOnce()
    {
        var outDir = Path.Combine(Work, "out");
        await RunAsync("simulate", SharedSample(), "--out", outDir);

        var md = await File.ReadAllTextAsync(Path.Combine(outDir, "report.md"));
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(outDir, "report.json")));
        var sources = json.RootElement.GetProperty("items").EnumerateArray()
            .SelectMany(i => i.GetProperty("opinions").EnumerateArray().Concat(i.GetProperty("decisions").EnumerateArray()))
            .SelectMany(o => o.GetProperty("sources").EnumerateArray().Select(s => s.GetString()))
            .ToList();

        Assert.Equal(14, sources.Count);
        Assert.Equal(sources.Count, sources.Distinct().Count());
        Assert.DoesNotContain("소리 잘 들리시나요", md);
        Assert.DoesNotContain("화면 공유 잘 보입니다", md);
        Assert.DoesNotContain("별도 의견 없습니다", md);
        Assert.DoesNotContain("10월 중에 안내드리겠습니다", md);
        Assert.Contains("## Ⅰ 개최 개요", md);
        Assert.Contains("## Ⅱ 주요 회의내용", md);
        Assert.Contains("조영윤 외 4명", md);
        Assert.Contains("❍ 회의결과: 이견 없음", md);
        Assert.DoesNotContain("참석자 소개 및 인사**", md);
    }

    [Fact]
    public async Task SharedSample_BulletsKeepNoPoliteEnding()
    {
        var outDir = Path.Combine(Work, "out");
        await RunAsync("simulate", SharedSample(), "--out", outDir);

        var bullets = (await File.ReadAllLinesAsync(Path.Combine(outDir, "report.md")))
            .Select(l => l.Trim('\u3000', ' '))
            .Where(l => l.StartsWith('▸'))
            .ToList();

        Assert.Equal(13, bullets.Count);
        Assert.All(bullets, b => Assert.False(MeetingBot.Reports.Drafting.PoliteEnding.IsPolite(b), b));
        Assert.All(bullets, b => Assert.DoesNotMatch(@"(니다|어요|아요|해요|세요|까요)[.!?]?$", b));
    }

    [Fact]
    public async Task SharedSample_TranscriptShowsWarningsAtTheirSimulatedTimes_AndTheRefusal()
    {
        var outDir = Path.Combine(Work, "out");
        await RunAsync("simulate", SharedSample(), "--out", outDir);

        var transcript = await File.ReadAllTextAsync(Path.Combine(outDir, "transcript.md"));

        Assert.Contains("**2020-09-15 14:03:05** [전략사업] ⏰ 시계", transcript);
        Assert.Contains("**2020-09-15 14:19:50** [전략사업] ⏰ 시계", transcript);
        Assert.Contains("예정 시간(15분)이 끝났습니다", transcript);
        Assert.Contains("↩ 정다은: /다음\n  > 죄송합니다.", transcript);
        Assert.Contains("🏁", transcript);
    }

    [Fact]
    public async Task SharedSample_TranscriptShowsWhatEachAgendaCardSaid_AtStartAtEachStepAndWarning()
    {
        var outDir = Path.Combine(Work, "out");
        await RunAsync("simulate", SharedSample(), "--out", outDir);

        var transcript = await File.ReadAllTextAsync(Path.Combine(outDir, "transcript.md"));
        var cards = transcript.Split("\n- ").Where(l => l.Contains("🗂 안건 카드", StringComparison.Ordinal)).ToList();

        Assert.Contains(cards, c => c.Contains(": /시작 · 🗂 안건 카드\n  > 🗂 \\[전략사업\\]", StringComparison.Ordinal) && c.Contains("  > ▶ 진행 중: 1. ", StringComparison.Ordinal));
        Assert.Contains(cards, c => c.Contains("⏰ 시계 · 🗂 안건 카드", StringComparison.Ordinal));
        Assert.Contains(cards, c => c.Contains("  > ✔ 1. ", StringComparison.Ordinal) && c.Contains(" · 실제 14:", StringComparison.Ordinal));
        Assert.Contains(@"  > \[다음\] \[이전\] \[5분 연장\] \[일시정지\] \[종료\] \[의견 남기기\]", transcript, StringComparison.Ordinal);
        Assert.Contains(cards, c => c.Contains("회의를 마쳤습니다.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Simulate_RunTwice_GivesTheSameReport()
    {
        var input = SharedSample();
        await RunAsync("simulate", input, "--out", Path.Combine(Work, "a"));
        await RunAsync("simulate", input, "--out", Path.Combine(Work, "b"));

        Assert.Equal(
            await File.ReadAllTextAsync(Path.Combine(Work, "a", "report.json")),
            await File.ReadAllTextAsync(Path.Combine(Work, "b", "report.json")));
    }

    [Fact]
    public async Task MalformedYaml_NamesFileAndLine_ExitsNonZero_WithoutStackTrace()
    {
        var dir = SharedSample();
        await File.WriteAllTextAsync(Path.Combine(dir, "strategy.chat.yaml"), "meeting: ydp-2020-09-strategy\nmessages:\n  - { at: \"14:00\", from: 조영윤, text: [unclosed\n");

        var (code, _, stderr) = await RunAsync("simulate", dir, "--out", Path.Combine(Work, "out"));

        Assert.NotEqual(0, code);
        Assert.Contains("strategy.chat.yaml:", stderr);
        Assert.DoesNotContain("   at ", stderr);
        Assert.False(File.Exists(Path.Combine(Work, "out", "report.md")));
    }

    [Fact]
    public async Task UnknownParticipant_IsAnErrorNamingTheLine()
    {
        var dir = SharedSample();
        var chat = Path.Combine(dir, "strategy.chat.yaml");
        var text = await File.ReadAllTextAsync(chat);
        await File.WriteAllTextAsync(chat, text.Replace("from: 박서연, text: \"화면 공유", "from: 홍길동, text: \"화면 공유", StringComparison.Ordinal));

        var (code, _, stderr) = await RunAsync("simulate", dir, "--out", Path.Combine(Work, "out"));

        Assert.Equal(CommandLine.BadInput, code);
        Assert.Contains("홍길동", stderr);
        Assert.Contains("strategy.chat.yaml:", stderr);
    }

    [Fact]
    public async Task UnknownMeetingId_IsAnError()
    {
        var dir = SharedSample();
        var chat = Path.Combine(dir, "strategy.chat.yaml");
        await File.WriteAllTextAsync(chat, (await File.ReadAllTextAsync(chat)).Replace("meeting: ydp-2020-09-strategy", "meeting: no-such-meeting", StringComparison.Ordinal));

        var (code, _, stderr) = await RunAsync("simulate", dir, "--out", Path.Combine(Work, "out"));

        Assert.Equal(CommandLine.BadInput, code);
        Assert.Contains("no-such-meeting", stderr);
    }

    [Theory]
    [InlineData("simulate")]
    [InlineData("simulate", "does-not-exist", "--out", "x")]
    [InlineData("simulate", ".", "--bogus", "1")]
    [InlineData("simulate", ".")]
    [InlineData("nonsense-verb")]
    public async Task BadCommandLines_ExitNonZeroWithAKoreanMessage(params string[] args)
    {
        var (code, stdout, stderr) = await RunAsync(args);

        Assert.NotEqual(0, code);
        Assert.Matches("[가-힣]", stdout + stderr);
    }

    [Fact]
    public async Task OverlongAndHostileText_IsReportedWholeAndEscaped()
    {
        var dir = SharedSample();
        var chat = Path.Combine(dir, "strategy.chat.yaml");
        var longText = string.Concat(Enumerable.Repeat("가나다라마바사아자차", 800));
        var extra = $"  - {{ at: \"14:39:00\", from: 이준호, text: \"#의견 {longText}\" }}\n  - {{ at: \"14:39:10\", from: 박서연, text: \"#의견 <script>alert(1)</script> & | * 제어\\u0001문자\" }}\n";
        var lines = (await File.ReadAllTextAsync(chat)).Split('\n').ToList();
        var at = lines.FindIndex(l => l.Contains("14:40:10", StringComparison.Ordinal));
        lines.Insert(at, extra.TrimEnd('\n'));
        await File.WriteAllTextAsync(chat, string.Join('\n', lines));
        var outDir = Path.Combine(Work, "out");

        var (code, _, stderr) = await RunAsync("simulate", dir, "--out", outDir);

        Assert.True(code == 0, stderr);
        var md = await File.ReadAllTextAsync(Path.Combine(outDir, "report.md"));
        Assert.Contains(longText[..7000], md);
        Assert.DoesNotContain("<script>", md);
        Assert.Contains("&lt;script&gt;", md);
        Assert.DoesNotContain("\u0001", md, StringComparison.Ordinal);
        var json = await File.ReadAllTextAsync(Path.Combine(outDir, "report.json"));
        Assert.Contains("\\u0001", json);
    }
}
