using MeetingBot.Core;
using MeetingBot.Core.Engine;
using MeetingBot.TestSupport;
using Microsoft.Data.Sqlite;

namespace MeetingBot.Core.Tests.Engine;

/// <summary><c>/기록중지</c> and <c>/기록재개</c> (SPEC §9): who may, what is not captured meanwhile, and what is kept.</summary>
public sealed class CaptureStopTests
{
    private const string Chair = TestMeetings.ChairId, Member = TestMeetings.MemberId, ViceChair = TestMeetings.ViceChairId, Staff = TestMeetings.StaffId;
    private const string MeetingId = "ydp-2020-09-strategy";

    private static string Text(EngineResult result) => string.Join("\n", result.Messages.Select(m => m.Text));

    [Theory]
    [InlineData(Chair, "/기록중지", "/기록재개")]
    [InlineData(ViceChair, "/pause-capture", "/resume-capture")]
    [InlineData(Staff, "/기록중지", "/기록재개")]
    public async Task StoppingCapture_DropsTagsPolitely_AndTheStretchIsRecordedAcrossARestart(string who, string stop, string resume)
    {
        await using var h = await EngineHarness.CreateAsync();
        h.Clock.SetUtcNow(TestMeetings.Start);
        await h.SayAsync(Chair, "/시작");
        h.Clock.SetUtcNow(TestMeetings.Start.AddMinutes(2));

        Assert.Contains("14:02부터 기록을 중지합니다", Text(await h.SayAsync(who, stop)));
        var dropped = await h.SayAsync(Member, "#의견 이 말은 기록되지 않습니다");
        Assert.Contains("기록이 중지되어 있어", Text(dropped));
        Assert.Contains("이미 기록이 중지되어 있습니다", Text(await h.SayAsync(who, stop)));
        h.Clock.SetUtcNow(TestMeetings.Start.AddMinutes(4));
        Assert.Contains("기록 중지: 14:02~14:04", Text(await h.SayAsync(who, resume)));
        Assert.Contains("1번 의견 접수", Text(await h.SayAsync(Member, "#의견 다시 기록됩니다")));

        await h.RestartAsync();
        var runtime = await h.Store.GetRuntimeAsync(MeetingId);
        Assert.Equal([new CaptureStop(TestMeetings.Start.AddMinutes(2), TestMeetings.Start.AddMinutes(4))], runtime!.CaptureStops);
        Assert.Equal(["다시 기록됩니다"], (await h.Store.GetEntriesAsync(MeetingId)).Select(e => e.Text));
    }

    [Fact]
    public async Task AMember_CannotStopCapture_AndHelpListsItOnlyForThoseWhoCan()
    {
        await using var h = await EngineHarness.CreateAsync();
        Assert.Contains("/기록중지 /기록재개", Text(await h.SayAsync(Chair, "/도움말")));
        Assert.DoesNotContain("/기록중지", Text(await h.SayAsync(Member, "/도움말")));
        await h.SayAsync(Chair, "/시작");

        Assert.Contains("죄송합니다", Text(await h.SayAsync(Member, "/기록중지")));
        Assert.Empty((await h.Store.GetRuntimeAsync(MeetingId))!.CaptureStops);
    }

    [Fact]
    public async Task ResumingWhenNotStopped_OrStoppingBeforeTheStart_SaysSo()
    {
        await using var h = await EngineHarness.CreateAsync();

        Assert.Contains("아직 시작되지 않았습니다", Text(await h.SayAsync(Chair, "/기록중지")));
        await h.SayAsync(Chair, "/시작");
        Assert.Contains("기록이 중지되어 있지 않습니다", Text(await h.SayAsync(Chair, "/기록재개")));
    }

    [Fact]
    public async Task EndingWhileStopped_EndsTheStopWithTheMeeting()
    {
        await using var h = await EngineHarness.CreateAsync();
        h.Clock.SetUtcNow(TestMeetings.Start);
        await h.SayAsync(Chair, "/시작");
        await h.SayAsync(Chair, "/기록중지");
        h.Clock.SetUtcNow(TestMeetings.Start.AddMinutes(30));

        await h.SayAsync(Chair, "/종료");

        var stop = Assert.Single((await h.Store.GetRuntimeAsync(MeetingId))!.CaptureStops);
        Assert.Equal(TestMeetings.Start.AddMinutes(30), stop.End);
    }

    [Fact]
    public async Task AClockStoredBeforeCaptureCouldBeStopped_StillLoads()
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.SayAsync(Chair, "/시작");
        await h.Engine.HandleAsync(new ChatInput { Conversation = h.Chat, MessageId = "x", From = new ChatUser(Chair, Chair), Text = "/기록중지" });
        await h.Store.DisposeAsync();
        await using (var raw = new SqliteConnection($"Data Source={h.DatabasePath}"))
        {
            await raw.OpenAsync();
            using var cmd = raw.CreateCommand();
            cmd.CommandText = "UPDATE runtimes SET state = json_remove(state, '$.captureStops')";
            Assert.Equal(1, await cmd.ExecuteNonQueryAsync());
        }

        await h.RestartAsync();

        var runtime = await h.Store.GetRuntimeAsync(MeetingId);
        Assert.Equal((MeetingStatus.Running, 0), (runtime!.Status, runtime.CaptureStops.Count));
        Assert.Contains("1번 의견 접수", Text(await h.SayAsync(Member, "#의견 기록됩니다")));
    }
}
