using System.Text.Json;
using MeetingBot.TestSupport;

namespace MeetingBot.Host.Tests.Cli;

/// <summary><c>simulate</c> with the September sample's transcript and attendance (SPEC §9).</summary>
public sealed class SimulateCandidatesTests : CliTest
{
    /// <summary>The shared sample with the strategy meeting's transcript and attendance beside its chat.</summary>
    private string SampleWithTranscript()
    {
        var dir = SharedSample();
        foreach (var file in new[] { "strategy.transcript.vtt", "strategy.attendance.json" })
        {
            File.Copy(Path.Combine(RepositoryFiles.Samples, file), Path.Combine(dir, file));
        }

        return dir;
    }

    private static JsonElement Strategy(JsonDocument json, string array) =>
        json.RootElement.GetProperty(array).EnumerateArray().Single(m => m.GetProperty("id").GetString() == "ydp-2020-09-strategy");

    [Fact]
    public async Task Simulate_WritesCandidatesPerItem_WithDuplicatesAndDropsNamed_AndLeavesThemOutOfTheReport()
    {
        var outDir = Path.Combine(Work, "out");

        var (code, stdout, stderr) = await RunAsync("simulate", SampleWithTranscript(), "--out", outDir);

        Assert.True(code == 0, stderr);
        Assert.Contains("--accept-candidates", stdout, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(outDir, "candidates.json")));
        var meeting = Strategy(json, "meetings");
        var candidates = meeting.GetProperty("candidates").EnumerateArray().ToList();
        Assert.Equal([2, 3, 4], candidates.Select(c => c.GetProperty("item").GetInt32()));
        Assert.Equal(["최민정", "정다은", "미확인 화자"], candidates.Select(c => c.GetProperty("speaker").GetString()));
        Assert.Equal(["s-3", "s-4"], candidates[0].GetProperty("sources").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(JsonValueKind.Null, candidates[0].GetProperty("duplicateOf").ValueKind);
        Assert.Equal(JsonValueKind.String, candidates[1].GetProperty("duplicateOf").ValueKind);
        Assert.Equal(
            [("outside", "s-1"), ("chatter", "s-2"), ("chatter", "s-5"), ("outside", "s-8")],
            meeting.GetProperty("dropped").EnumerateArray().Select(d => (d.GetProperty("reason").GetString(), d.GetProperty("sources")[0].GetString())));
        var attendance = meeting.GetProperty("attendance");
        Assert.Equal(["담당 주무관2", "협치지원관"], attendance.GetProperty("absent").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal(["홍길동"], attendance.GetProperty("unknown").EnumerateArray().Select(n => n.GetString()));

        var md = await File.ReadAllTextAsync(Path.Combine(outDir, "report.md"));
        Assert.DoesNotContain("연락처", md, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AcceptCandidates_PutsTheNonDuplicatesInTheReport_CitingEveryCue_AndCountsWhoAttended()
    {
        var outDir = Path.Combine(Work, "out");

        var (code, _, stderr) = await RunAsync("simulate", SampleWithTranscript(), "--out", outDir, "--accept-candidates");

        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(outDir, "report.json")));
        var opinions = json.RootElement.GetProperty("items").EnumerateArray()
            .Where(i => i.GetProperty("meetingId").GetString() == "ydp-2020-09-strategy")
            .SelectMany(i => i.GetProperty("opinions").EnumerateArray().Select(o => (Item: i.GetProperty("index").GetInt32(), Sources: o.GetProperty("sources").EnumerateArray().Select(s => s.GetString()!).ToList(), Text: o.GetProperty("text").GetString()!)))
            .ToList();
        var spoken = opinions.Where(o => o.Sources.Any(s => s.StartsWith("s-", StringComparison.Ordinal))).ToList();
        Assert.Equal([(2, "s-3,s-4"), (4, "s-7")], spoken.Select(o => (o.Item, string.Join(",", o.Sources))));
        Assert.EndsWith("요청.", spoken[1].Text, StringComparison.Ordinal);
        Assert.DoesNotContain(opinions, o => o.Sources.Contains("s-6"));

        var meeting = Strategy(json, "meetings");
        Assert.Equal((5, 3), (meeting.GetProperty("civilCount").GetInt32(), meeting.GetProperty("adminCount").GetInt32()));
    }

    [Fact]
    public async Task ABadMinimumPresence_IsAKoreanErrorAndExitsTwo()
    {
        var (code, _, stderr) = await RunAsync("simulate", SampleWithTranscript(), "--out", Path.Combine(Work, "out"), "--min-presence", "다섯");

        Assert.Equal(2, code);
        Assert.Contains("--min-presence", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABrokenTranscriptBesideAChat_NamesTheFileAndLine_AndExitsTwo()
    {
        var dir = SharedSample();
        await File.WriteAllTextAsync(Path.Combine(dir, "strategy.transcript.vtt"), "WEBVTT\n\n1\n00:00:01.000 -> 00:00:02.000\n<v 박서연>말\n");

        var (code, _, stderr) = await RunAsync("simulate", dir, "--out", Path.Combine(Work, "out"));

        Assert.Equal(2, code);
        Assert.Contains("strategy.transcript.vtt:4:", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(8, false)]
    [InlineData(9, true)]
    public async Task AQuorumInTheMeetingFile_GivesAQuorumLine_AndAWarningWhenNotMet(int quorum, bool warned)
    {
        var dir = SampleWithTranscript();
        var meetingFile = Path.Combine(dir, "strategy.meeting.yaml");
        await File.WriteAllTextAsync(meetingFile, (await File.ReadAllTextAsync(meetingFile)).Replace("\nparticipants:", $"\nquorum: {quorum}\nparticipants:", StringComparison.Ordinal));

        var (code, stdout, stderr) = await RunAsync("simulate", dir, "--out", Path.Combine(Work, "out"));

        Assert.True(code == 0, stderr);
        var line = $"정족수: 참석 8명 / 정족수 {quorum}명 — {(warned ? "미달" : "충족")}";
        Assert.Equal(warned, stderr.Contains("주의: [전략사업] " + line, StringComparison.Ordinal));
        Assert.Equal(!warned, stdout.Contains(line, StringComparison.Ordinal));
        Assert.Contains("□ " + line, await File.ReadAllTextAsync(Path.Combine(Work, "out", "report.md")), StringComparison.Ordinal);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(Work, "out", "candidates.json")));
        Assert.Equal(!warned, Strategy(json, "meetings").GetProperty("attendance").GetProperty("quorumMet").GetBoolean());
    }
}
