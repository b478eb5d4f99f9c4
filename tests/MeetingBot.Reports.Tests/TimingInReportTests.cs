using System.Text;
using System.Text.Json;
using MeetingBot.Core;
using MeetingBot.Reports.Drafting;
using MeetingBot.TestSupport;

namespace MeetingBot.Reports.Tests;

/// <summary>붙임 시간 운영 결과 and report.json from the agenda timeline: every figure is what the printed times add up to.</summary>
public sealed class TimingInReportTests
{
    private const string Chair = "user-id-1";

    private static DateTimeOffset At(int hour, int minute, int second = 0) => new(2020, 9, 15, hour, minute, second, TimeSpan.FromHours(9));

    /// <summary>A paused item, an item visited twice, one still open and one never opened; the meeting is not ended.</summary>
    private static async Task<MeetingRecord> RunAsync(IEnumerable<(DateTimeOffset At, string Text)>? tags = null)
    {
        await using var h = await EngineHarness.CreateAsync();
        var script = new List<(DateTimeOffset At, string Text)>
        {
            (At(14, 0, 10), "/시작"),
            (At(14, 1, 30), "/일시정지"),
            (At(14, 4, 50), "/재개"),
            (At(14, 6, 20), "/다음"),
            (At(14, 20, 40), "/다음"),
            (At(14, 22, 10), "/이전"),
            (At(14, 24, 30), "/이동 3"),
        };
        await h.PlayAsync(Chair, script.Concat(tags ?? []).OrderBy(s => s.At));

        var meeting = (await h.Store.GetDefinitionAsync("ydp-2020-09-strategy"))!;
        return new MeetingRecord(meeting, (await h.Store.GetRuntimeAsync(meeting.Id))!, await h.Store.GetEntriesAsync(meeting.Id));
    }

    private static Task<Report> BuildAsync(MeetingRecord record) => new ReportBuilder(new RuleDrafter()).BuildAsync([record]);

    private static List<ReportBlock> Timing(ReportDocument document) =>
        [.. document.Blocks.SkipWhile(b => b is not HeadingBlock { Numeral: "붙임" }).Skip(1)];

    private static List<string[]> Rows(ReportDocument document) =>
        [.. Timing(document).OfType<TableBlock>().Single().Rows.Skip(1).Select(r => r.Cells.Select(c => c.Text).ToArray())];

    [Fact]
    public async Task TimeResults_PrintEachVisit_ThePausedMinutes_AndUsedMinutesThatAreTheirDifference()
    {
        var document = ReportLayout.Build(await BuildAsync(await RunAsync()));

        Assert.Equal(
            [
                ["1. 참석자 소개 및 인사", "14:00~14:05 (5')", "14:00~14:06 (일시정지 3')", "3'", "-2'"],
                ["2. 2021 지역사회혁신계획 최종 수립 보고", "14:05~14:20 (15')", "14:06~14:20, 14:22~14:24", "16'", "+1'"],
                ["3. 2020 협치동아리 운영", "14:20~14:25 (5')", "14:20~14:22, 14:24~", "-", "-"],
                ["4. 향후 협치회의 일정 안내", "14:25~14:35 (10')", "진행 안 함", "-", "-"],
            ],
            Rows(document));
        var timing = Timing(document).OfType<ParagraphBlock>().Select(p => p.Text).ToList();
        Assert.Equal(
            ["전략사업: 계획 14:00~14:35 (35') / 실제 14:00~(종료 기록 없음)", "2. 2021 지역사회혁신계획 최종 수립 보고: 예정보다 1' 초과"],
            timing);
    }

    [Fact]
    public async Task TimeResults_SayWhenCaptureWasStopped_AndReportJsonKeepsIt()
    {
        var report = await BuildAsync(await RunAsync([(At(14, 7, 0), "/기록중지"), (At(14, 9, 30), "/기록재개"), (At(14, 25, 0), "/기록중지")]));

        var notes = Timing(ReportLayout.Build(report)).OfType<ParagraphBlock>().Select(p => p.Text);
        Assert.Contains("기록 중지: 14:07~14:09, 14:25~ (이 동안의 의견·발언은 보고에 담지 않음)", notes);
        var json = ReportJson.Serialize(report);
        var stops = JsonDocument.Parse(json).RootElement.GetProperty("meetings")[0].GetProperty("captureStops");
        Assert.Equal("2020-09-15T14:07:00+09:00", stops[0].GetProperty("start").GetString());
        Assert.Equal(report.Meetings[0].CaptureStops, ReportJson.Read(new MemoryStream(Encoding.UTF8.GetBytes(json))).Meetings[0].CaptureStops);
    }

    [Fact]
    public async Task ReportJson_KeepsTheVisitsOfAnItemOpenedTwice_AndReadsBackTheSameTimes()
    {
        var report = await BuildAsync(await RunAsync());

        var json = ReportJson.Serialize(report);
        Assert.False(JsonDocument.Parse(json).RootElement.GetProperty("meetings")[0].TryGetProperty("captureStops", out _));
        var items = JsonDocument.Parse(json).RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.False(items[0].TryGetProperty("visits", out _));
        Assert.Equal(
            ["2020-09-15T14:06:20+09:00~2020-09-15T14:20:40+09:00", "2020-09-15T14:22:10+09:00~2020-09-15T14:24:30+09:00"],
            items[1].GetProperty("visits").EnumerateArray().Select(v => $"{v.GetProperty("start").GetString()}~{v.GetProperty("end").GetString()}"));
        Assert.Equal(1000.0 / 60, items[1].GetProperty("usedMinutes").GetDouble(), 2);

        var read = ReportJson.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)));
        Assert.Equal(report.Items.Select(i => i.Timing.Visits), read.Items.Select(i => i.Timing.Visits));
        Assert.Equal(report.Items.Select(i => i.Timing.Used), read.Items.Select(i => i.Timing.Used));
        Assert.Equal(Rows(ReportLayout.Build(report)), Rows(ReportLayout.Build(read)));
        Assert.Equal(json, ReportJson.Serialize(read));
    }

    [Fact]
    public async Task ReportJson_NamesEachKindAsTheEnglishTagDoes()
    {
        var record = await RunAsync(
        [
            (At(14, 7), "#의견 예산은 유지해야 합니다"),
            (At(14, 8), "#질문 일정은 언제 나오나요?"),
            (At(14, 9), "#제안 홍보 방안을 마련하면 좋겠습니다"),
        ]);

        var json = JsonDocument.Parse(ReportJson.Serialize(await BuildAsync(record)));

        var kinds = json.RootElement.GetProperty("items").EnumerateArray()
            .SelectMany(i => i.GetProperty("opinions").EnumerateArray())
            .Select(o => o.GetProperty("kind").GetString())
            .ToList();
        Assert.Equal([EntryKind.Opinion, EntryKind.Question, EntryKind.Proposal], record.Entries.Select(e => e.Kind));
        Assert.Equal(record.Entries.Select(e => EntryKinds.English(e.Kind)), kinds);
    }
}
