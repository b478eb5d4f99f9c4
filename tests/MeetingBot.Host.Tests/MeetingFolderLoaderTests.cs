using System.Text.Json;
using MeetingBot.Host.Tests.Staff;
using MeetingBot.TestSupport;

namespace MeetingBot.Host.Tests;

/// <summary>The server at start, with broken meeting files beside good ones in <c>Meetings:Folder</c>.</summary>
public sealed class MeetingFolderLoaderTests : IDisposable
{
    private readonly HostWork _work = new();

    public void Dispose() => _work.Dispose();

    [Theory]
    [InlineData("nested-100000-deep")]
    [InlineData("alias-bomb")]
    [InlineData("unclosed-flow-mapping")]
    public async Task TheServerStarts_LogsTheBrokenFileWithItsLine_AndServesTheOtherMeetings(string name)
    {
        var bad = BadMeetingFiles.Named[name]();
        foreach (var good in new[] { "strategy.meeting.yaml", "foundation.meeting.yaml" })
        {
            File.Copy(Path.Combine(BadMeetingFiles.SampleFolder, good), Path.Combine(_work.Meetings, good));
        }

        var broken = Path.Combine(_work.Meetings, "capacity.meeting.yaml");
        await File.WriteAllBytesAsync(broken, bad.Bytes);
        await using var host = new StaffHost(_work);
        using var client = host.StaffClient();

        using var meetings = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/meetings", UriKind.Relative)));

        Assert.Equal(
            ["ydp-2020-09-foundation", "ydp-2020-09-strategy"],
            meetings.RootElement.EnumerateArray().Select(m => m.GetProperty("id").GetString()).Order(StringComparer.Ordinal));
        var skipped = Assert.Single(host.Logs.GetSnapshot(), r => r.Id.Id == 101);
        Assert.Contains($"{broken}:{bad.Line}: ", skipped.Message, StringComparison.Ordinal);
        Assert.Contains(bad.Says, skipped.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheServerLeavesTemplateFilesOut_ATemplateIsNoMeetingOfItsOwn()
    {
        foreach (var file in new[] { "strategy.meeting.yaml", "foundation.meeting.yaml" })
        {
            File.Copy(Path.Combine(BadMeetingFiles.SampleFolder, file), Path.Combine(_work.Meetings, file));
        }

        var template = Path.Combine(_work.Meetings, "strategy.meeting.yaml");
        await using var host = new StaffHost(_work, settings: new Dictionary<string, string?>
        {
            ["Calendar:Templates:0:Pattern"] = "전략사업.*분과",
            ["Calendar:Templates:0:MeetingFile"] = template,
        });
        using var client = host.StaffClient();

        using var meetings = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/meetings", UriKind.Relative)));

        Assert.Equal(["ydp-2020-09-foundation"], meetings.RootElement.EnumerateArray().Select(m => m.GetProperty("id").GetString()));
    }
}
