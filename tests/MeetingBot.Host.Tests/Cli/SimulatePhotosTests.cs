using System.Text.Json;
using MeetingBot.Host.Cli;
using MeetingBot.TestSupport;

namespace MeetingBot.Host.Tests.Cli;

/// <summary><c>simulate</c> takes photos from <c>DIR/photos/{meetingId}[-N].jpg|png</c>, captions from <c>photos/captions.txt</c>.</summary>
public sealed class SimulatePhotosTests : CliTest
{
    private static readonly byte[] Blue = TestPictures.Png(320, 200, (40, 90, 200));
    private static readonly byte[] Green = TestPictures.Png(200, 320, (40, 150, 90));

    private string Photos(string dir) => Directory.CreateDirectory(Path.Combine(dir, "photos")).FullName;

    [Fact]
    public async Task Photos_GoToⅢInMeetingThenNumberOrder_WithTheDefaultOrAGivenCaption_AndBesideTheReport()
    {
        var dir = SharedSample();
        var photos = Photos(dir);
        await File.WriteAllBytesAsync(Path.Combine(photos, "ydp-2020-09-strategy-2.png"), Green);
        await File.WriteAllBytesAsync(Path.Combine(photos, "ydp-2020-09-strategy.png"), Blue);
        await File.WriteAllTextAsync(Path.Combine(photos, "captions.txt"), "# 현장 사진\n\nydp-2020-09-strategy-2.png: 전략사업분과 현장 참석자\n");
        var outDir = Path.Combine(Work, "out");

        var (code, stdout, stderr) = await RunAsync("simulate", dir, "--out", outDir);

        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(outDir, "report.json")));
        Assert.Equal(
            [("ydp-2020-09-strategy.png", "전략사업분과회의"), ("ydp-2020-09-strategy-2.png", "전략사업분과 현장 참석자")],
            json.RootElement.GetProperty("photos").EnumerateArray().Select(p => (p.GetProperty("fileName").GetString(), p.GetProperty("caption").GetString())));
        Assert.Equal(Green, await File.ReadAllBytesAsync(Path.Combine(outDir, "photos", "ydp-2020-09-strategy-2.png")));
        Assert.Contains(Path.Combine(outDir, "photos", "ydp-2020-09-strategy.png"), stdout, StringComparison.Ordinal);
        var md = await File.ReadAllTextAsync(Path.Combine(outDir, "report.md"));
        Assert.True(
            md.IndexOf("](photos/ydp-2020-09-strategy.png)", StringComparison.Ordinal) is > 0 and var first &&
            md.IndexOf("](photos/ydp-2020-09-strategy-2.png)", StringComparison.Ordinal) > first);
    }

    [Theory]
    [InlineData("ydp-2020-09-strategy.gif", "사진 파일 이름은")]
    [InlineData("ydp-2020-09-strateg.png", "사진 파일 이름은")]
    [InlineData("ydp-2020-09-strategy-a.png", "사진 파일 이름은")]
    [InlineData("ydp-2020-09-foundation.png", "재생한 회의: ydp-2020-09-strategy")]
    public async Task PhotoNamedForNoReplayedMeeting_IsAnErrorNamingIt_AndNoReportIsWritten(string file, string expected)
    {
        var dir = SharedSample();
        await File.WriteAllBytesAsync(Path.Combine(Photos(dir), file), Blue);
        var outDir = Path.Combine(Work, "out");

        var (code, _, stderr) = await RunAsync("simulate", dir, "--out", outDir);

        Assert.Equal(CommandLine.BadInput, code);
        Assert.Contains(file, stderr, StringComparison.Ordinal);
        Assert.Contains(expected, stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(outDir, "report.md")));
    }

    [Fact]
    public async Task FileThatIsNoPicture_IsAnErrorNamingIt()
    {
        var dir = SharedSample();
        await File.WriteAllTextAsync(Path.Combine(Photos(dir), "ydp-2020-09-strategy.jpg"), "사진이 아님");

        var (code, _, stderr) = await RunAsync("simulate", dir, "--out", Path.Combine(Work, "out"));

        Assert.Equal(CommandLine.BadInput, code);
        Assert.Contains("ydp-2020-09-strategy.jpg: PNG나 JPEG 그림이 아닙니다.", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("설명만 있는 줄", ":1: '파일이름: 설명' 형식이어야 합니다")]
    [InlineData("ydp-2020-09-strategy.png:", ":1: '파일이름: 설명' 형식이어야 합니다")]
    [InlineData("# 주석\nother.png: 다른 사진", ":2: 'other.png' 사진 파일이 없습니다.")]
    [InlineData("ydp-2020-09-strategy.png: 하나\nydp-2020-09-strategy.png: 둘", ":2: 'ydp-2020-09-strategy.png'의 설명이 두 번 있습니다.")]
    public async Task BadCaptionsLine_IsAnErrorNamingFileAndLine(string captions, string expected)
    {
        var dir = SharedSample();
        var photos = Photos(dir);
        await File.WriteAllBytesAsync(Path.Combine(photos, "ydp-2020-09-strategy.png"), Blue);
        await File.WriteAllTextAsync(Path.Combine(photos, "captions.txt"), captions);

        var (code, _, stderr) = await RunAsync("simulate", dir, "--out", Path.Combine(Work, "out"));

        Assert.Equal(CommandLine.BadInput, code);
        Assert.Contains("captions.txt" + expected, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MarkSubcommitteeSetting_PutsThe분과AfterEveryBulletOfACombinedReport()
    {
        var dir = SharedSample();
        RepositoryFiles.CopySample(dir, "foundation");
        var settings = Path.Combine(Work, "mark.json");
        await File.WriteAllTextAsync(settings, """{ "Reports": { "MarkSubcommittee": true } }""");
        var outDir = Path.Combine(Work, "out");

        var (code, _, stderr) = await RunAsync("simulate", dir, "--out", outDir, "--settings", settings);

        Assert.True(code == 0, stderr);
        var bullets = (await File.ReadAllLinesAsync(Path.Combine(outDir, "report.md"))).Select(l => l.Trim('\u3000')).Where(l => l.StartsWith('▸')).ToList();
        Assert.Equal(19, bullets.Count);
        Assert.Equal(6, bullets.Count(b => b.EndsWith(" (협치기반조성)", StringComparison.Ordinal)));
        Assert.Equal(13, bullets.Count(b => b.EndsWith(" (전략사업)", StringComparison.Ordinal)));
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(outDir, "report.json")));
        Assert.True(json.RootElement.GetProperty("markSubcommittee").GetBoolean());
    }

    [Fact]
    public async Task MarkSubcommitteeThatIsNoBoolean_IsAnErrorNamingTheSetting()
    {
        var settings = Path.Combine(Work, "mark.json");
        await File.WriteAllTextAsync(settings, """{ "Reports": { "MarkSubcommittee": "네" } }""");

        var (code, _, stderr) = await RunAsync("simulate", SharedSample(), "--out", Path.Combine(Work, "out"), "--settings", settings);

        Assert.Equal(CommandLine.BadInput, code);
        Assert.Contains("Reports:MarkSubcommittee 는 true 또는 false여야 합니다.", stderr, StringComparison.Ordinal);
    }
}
