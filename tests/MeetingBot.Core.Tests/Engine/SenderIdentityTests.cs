using MeetingBot.Core;
using MeetingBot.Core.Engine;
using MeetingBot.TestSupport;

namespace MeetingBot.Core.Tests.Engine;

/// <summary>
/// Who a sender is (src/MeetingBot.Core/README.md): a participant with a <c>chatUserId</c> only by that id; one
/// without it by name only where the meeting file says <c>matchByName: true</c> or a replay vouches for the name. A
/// display name anyone can type never carries a chair's or staff member's role.
/// </summary>
public sealed class SenderIdentityTests
{
    private const string MeetingId = "ydp-2020-09-strategy";

    /// <summary>Someone whose display name is the chair's (조영윤, <c>user-id-1</c> in the file), on another account.</summary>
    private static readonly ChatUser ChairLookalike = new("29:intruder", "조영윤");

    private static string Text(EngineResult result) => string.Join("\n", result.Messages.Select(m => m.Text));

    /// <summary>The test meeting plus a staff member the file gives no <c>chatUserId</c>, as the samples do.</summary>
    private static MeetingDefinition WithStaffWithoutId(bool matchByName)
    {
        var meeting = TestMeetings.Strategy();
        return meeting with { MatchByName = matchByName, Participants = [.. meeting.Participants, new("지역협치팀장", Sector.Admin, ParticipantRole.Staff)] };
    }

    [Fact]
    public async Task TheChairsDisplayName_OnAnotherAccount_CannotStartTheMeeting_AndIsToldWhichAccountToRegister()
    {
        await using var h = await EngineHarness.CreateAsync();

        var result = await h.SayAsync(ChairLookalike, "/시작");

        Assert.StartsWith(BotText.Refused(Command.Start), Text(result), StringComparison.Ordinal);
        Assert.Contains(BotText.NotRecognised("조영윤", "29:intruder"), Text(result), StringComparison.Ordinal);
        Assert.Null(await h.Store.GetRuntimeAsync(MeetingId));
    }

    [Fact]
    public async Task TheChairsDisplayName_OnAnotherAccount_CannotMoveOnOrRecordADecision_ButMayGiveAnOpinion()
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.SayAsync("user-id-1", "/시작");
        var before = await h.Store.GetRuntimeAsync(MeetingId);

        var next = await h.SayAsync(ChairLookalike, "/다음");
        var decision = await h.SayAsync(ChairLookalike, "#결정 원안대로 가결");
        var opinion = await h.SayAsync(ChairLookalike, "#의견 누구나 남길 수 있는 의견");

        Assert.StartsWith(BotText.Refused(Command.Next), Text(next), StringComparison.Ordinal);
        Assert.StartsWith(BotText.DecisionRefused, Text(decision), StringComparison.Ordinal);
        Assert.Contains("1번 의견 접수", Text(opinion), StringComparison.Ordinal);
        Assert.Equal(before!.CurrentItem, (await h.Store.GetRuntimeAsync(MeetingId))!.CurrentItem);
        var entry = Assert.Single(await h.Store.GetEntriesAsync(MeetingId));
        Assert.Equal((EntryKind.Opinion, "29:intruder"), (entry.Kind, entry.AuthorId));
    }

    [Fact]
    public async Task TheStaffsDisplayName_OnAnotherAccount_CannotBindAChat()
    {
        await using var h = await EngineHarness.CreateAsync(bind: false);

        var result = await h.SayAsync(new ChatUser("29:intruder", "협치조정관"), $"/연결 {MeetingId}");

        Assert.StartsWith(BotText.Refused(Command.Bind), Text(result), StringComparison.Ordinal);
        Assert.Null(await h.Store.FindBindingAsync(h.Chat.Channel, h.Chat.ConversationId));
    }

    [Fact]
    public async Task MatchByName_NeverReachesAParticipantWhoHasAChatUserId()
    {
        await using var h = await EngineHarness.CreateAsync(WithStaffWithoutId(matchByName: true));

        var result = await h.SayAsync(ChairLookalike, "/시작");

        Assert.StartsWith(BotText.Refused(Command.Start), Text(result), StringComparison.Ordinal);
        Assert.Null(await h.Store.GetRuntimeAsync(MeetingId));
    }

    [Theory]
    [InlineData(false, false, false)]
    [InlineData(true, false, true)]
    [InlineData(false, true, true)]
    public async Task AParticipantWithoutChatUserId_IsKnownByName_OnlyWhereTheFileAllowsIt_OrAReplayVouches(bool matchByName, bool vouched, bool recognised)
    {
        await using var h = await EngineHarness.CreateAsync(WithStaffWithoutId(matchByName), bind: false);
        var staff = new ChatUser("29:team-lead", "지역협치팀장") { NameVouched = vouched };

        var bind = await h.SayAsync(staff, $"/연결 {MeetingId}");
        await h.SayAsync("user-id-0", $"/연결 {MeetingId}");
        var start = await h.SayAsync(staff, "/시작");

        Assert.Equal(recognised, Text(bind).Contains("연결했습니다", StringComparison.Ordinal));
        Assert.Equal(recognised, (await h.Store.GetRuntimeAsync(MeetingId))?.Status == MeetingStatus.Running);
        Assert.Equal(!recognised, Text(start).Contains(BotText.NotRecognised("지역협치팀장", "29:team-lead"), StringComparison.Ordinal));
    }
}
