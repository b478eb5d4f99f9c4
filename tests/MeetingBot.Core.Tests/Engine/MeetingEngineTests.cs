using MeetingBot.Core;
using MeetingBot.Core.Engine;
using MeetingBot.TestSupport;

namespace MeetingBot.Core.Tests.Engine;

/// <summary>The chat vocabulary of SPEC §2 against the real engine and a real SQLite file.</summary>
public sealed class MeetingEngineTests
{
    private const string Chair = "user-id-1";
    private const string Member = "user-id-2";
    private const string OtherMember = "user-id-3";
    private const string ViceChair = "user-id-4";
    private const string Staff = "user-id-0";

    private static async Task<string> SnapshotAsync(EngineHarness h) =>
        System.Text.Json.JsonSerializer.Serialize(await h.Store.GetRuntimeAsync("ydp-2020-09-strategy"));

    private static string Text(EngineResult result) => string.Join("\n", result.Messages.Select(m => m.Text));

    [Fact]
    public async Task Start_ByChair_PostsAgendaWithTimeboxesAndOpensItemOne()
    {
        await using var h = await EngineHarness.CreateAsync();
        h.Clock.SetUtcNow(TestMeetings.Start.AddSeconds(5));

        var result = await h.SayAsync(Chair, "/시작");

        var text = Text(result);
        Assert.Contains("1. [안내] 참석자 소개 및 인사 — 14:00~14:05 (5')", text);
        Assert.Contains("2. [회의진행] 2021 지역사회혁신계획 최종 수립 보고 — 14:05~14:20 (15')", text);
        Assert.Contains("▶ 1. 참석자 소개 및 인사", text);
        var runtime = await h.Store.GetRuntimeAsync("ydp-2020-09-strategy");
        Assert.Equal(MeetingStatus.Running, runtime!.Status);
        Assert.Equal(1, runtime.CurrentItem);
    }

    [Theory]
    [InlineData(Member, "/시작")]
    [InlineData(Member, "/다음")]
    [InlineData(Member, "/이전")]
    [InlineData(Member, "/이동 3")]
    [InlineData(Member, "/연장 5")]
    [InlineData(Member, "/일시정지")]
    [InlineData(Member, "/재개")]
    [InlineData(Member, "/종료")]
    [InlineData("user-id-9", "/다음")]
    [InlineData("stranger", "/다음")]
    public async Task RunningCommands_FromSomeoneNotAllowed_AreRefusedPolitelyAndChangeNothing(string user, string command)
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.SayAsync(Chair, "/시작");
        var before = await SnapshotAsync(h);

        var result = await h.SayAsync(user, command);

        Assert.Contains("죄송합니다", Text(result));
        Assert.Equal(before, await SnapshotAsync(h));
    }

    [Theory]
    [InlineData(Chair)]
    [InlineData(ViceChair)]
    [InlineData(Staff)]
    public async Task Next_ByChairViceChairOrStaff_OpensTheNextItem(string user)
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.SayAsync(Chair, "/시작");
        h.Clock.Advance(TimeSpan.FromMinutes(4));

        var result = await h.SayAsync(user, "/next");

        Assert.Contains("▶ 2. 2021 지역사회혁신계획 최종 수립 보고 · 진행 협치조정관", Text(result));
        var runtime = await h.Store.GetRuntimeAsync("ydp-2020-09-strategy");
        Assert.Equal(2, runtime!.CurrentItem);
        Assert.Equal(TimeSpan.FromMinutes(4), runtime.Timing(1).Used);
        Assert.NotNull(runtime.Timing(1).ActualEnd);
    }

    [Fact]
    public async Task Next_OnTheLastItem_SaysHowToEnd()
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.SayAsync(Chair, "/시작");
        await h.SayAsync(Chair, "/이동 4");

        Assert.Contains("/종료", Text(await h.SayAsync(Chair, "/다음")));
    }

    [Fact]
    public async Task AReopenedItemsTimebox_PrintsTheMinutesBetweenItsPrintedTimes()
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.PlayAsync(Chair, [(TestMeetings.Start, "/시작"), (TestMeetings.Start.AddSeconds(100), "/다음")]);
        h.Clock.SetUtcNow(TestMeetings.Start.AddSeconds(170));

        var result = await h.SayAsync(Chair, "/이전");

        // 3:20 left from 14:02:50 ends at 14:06:10: the times print 14:02~14:06, so the figure is 4'.
        Assert.Contains("⏱ 14:02~14:06 (4')", Text(result));
    }

    [Fact]
    public async Task Agenda_AfterALateStart_KeepsThePlan_AndGivesEachRunItemItsActualTimesAndMinutes()
    {
        await using var h = await EngineHarness.CreateAsync();
        var start = TestMeetings.Start;
        await h.PlayAsync(
            Chair,
            [
                (start.AddSeconds((7 * 60) + 40), "/시작"),
                (start.AddSeconds((12 * 60) + 10), "/다음"),
                (start.AddMinutes(13), "/일시정지"),
                (start.AddSeconds((16 * 60) + 30), "/재개"),
                (start.AddMinutes(18), "/연장 3"),
                (start.AddMinutes(18), "/다음"),
            ]);

        var text = Text(await h.SayAsync(Member, "/안건"));

        Assert.Contains("✔ 1. [안내] 참석자 소개 및 인사 — 14:00~14:05 (5') (부)분과장 · 실제 14:07~14:12 (5')\n", text);
        Assert.Contains("✔ 2. [회의진행] 2021 지역사회혁신계획 최종 수립 보고 — 14:05~14:20 (15') 협치조정관 · 실제 14:12~14:18 (3', 일시정지 3') (연장 3분)\n", text);
        Assert.Contains("▶ 3. [회의진행] 2020 협치동아리 운영 — 14:20~14:25 (5') (부)분과장 · 실제 14:18~\n", text);
        Assert.Contains("4. [마무리] 향후 협치회의 일정 안내 — 14:25~14:35 (10') (부)분과장", text);
    }

    [Fact]
    public async Task Previous_ReopensThePreviousItemKeepingItsUsedTime()
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.SayAsync(Chair, "/시작");
        h.Clock.Advance(TimeSpan.FromMinutes(3));
        await h.SayAsync(Chair, "/다음");
        h.Clock.Advance(TimeSpan.FromMinutes(1));

        var result = await h.SayAsync(Chair, "/이전");

        Assert.Contains("▶ 1. 참석자 소개 및 인사", Text(result));
        Assert.Contains("(2')", Text(result));
        Assert.Contains("첫 번째 안건", Text(await h.SayAsync(Chair, "/prev")));
    }

    [Theory]
    [InlineData("/이동 9", "1부터 4까지")]
    [InlineData("/이동 셋", "/이동 3")]
    [InlineData("/연장 0", "/연장 5")]
    [InlineData("/연장 abc", "/연장 5")]
    [InlineData("/연장 500", "/연장 5")]
    public async Task BadArguments_GetUsageHelpAndChangeNothing(string command, string expected)
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.SayAsync(Chair, "/시작");
        var before = await SnapshotAsync(h);

        Assert.Contains(expected, Text(await h.SayAsync(Chair, command)));
        Assert.Equal(before, await SnapshotAsync(h));
    }

    [Fact]
    public async Task Goto_JumpsToTheItem()
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.SayAsync(Chair, "/시작");

        var result = await h.SayAsync(Staff, "/goto 3");

        Assert.Contains("▶ 3. 2020 협치동아리 운영", Text(result));
        Assert.Equal(3, (await h.Store.GetRuntimeAsync("ydp-2020-09-strategy"))!.CurrentItem);
    }

    [Fact]
    public async Task CommandsBeforeStart_SayTheMeetingHasNotStarted()
    {
        await using var h = await EngineHarness.CreateAsync();

        Assert.Contains("시작되지 않았습니다", Text(await h.SayAsync(Chair, "/다음")));
        Assert.Contains("시작되지 않았습니다", Text(await h.SayAsync(Chair, "/일시정지")));
        Assert.Contains("시작되지 않았습니다", Text(await h.SayAsync(Chair, "/종료")));
    }

    [Fact]
    public async Task Start_Twice_SaysAlreadyRunning()
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.SayAsync(Chair, "/시작");

        Assert.Contains("이미 진행 중", Text(await h.SayAsync(Chair, "/시작")));
    }

    [Fact]
    public async Task Tags_AreCapturedNumberedAndAcknowledged()
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.SayAsync(Chair, "/시작");
        await h.SayAsync(Chair, "/다음");

        var first = await h.SayAsync(Member, "#의견 예산 삭감은 아쉽습니다", "a1");
        var second = await h.SayAsync(OtherMember, "#질문 일정은 언제인가요?", "a2");
        var third = await h.SayAsync(Member, "#제안 홍보를 늘리면 좋겠어요", "a3");
        var fourth = await h.SayAsync(Chair, "#결정 이견 없음", "a4");

        Assert.Contains("✅ 1번 의견 접수 — 2. 2021 지역사회혁신계획 최종 수립 보고 (철회: /철회 1)", Text(first));
        Assert.Contains("2번 질문", Text(second));
        Assert.Contains("3번 제안", Text(third));
        Assert.Contains("4번 결정", Text(fourth));
        var entries = await h.Store.GetEntriesAsync("ydp-2020-09-strategy");
        Assert.Equal([1, 2, 3, 4], entries.Select(e => e.Number));
        Assert.Equal([EntryKind.Opinion, EntryKind.Question, EntryKind.Proposal, EntryKind.Decision], entries.Select(e => e.Kind));
        Assert.All(entries, e => Assert.Equal(2, e.ItemIndex));
        Assert.Equal(["a1", "a2", "a3", "a4"], entries.Select(e => e.SourceId));
        Assert.Equal("박서연", entries[0].AuthorName);
    }

    [Fact]
    public async Task Tag_WithItemTarget_IsFiledUnderThatItem()
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.SayAsync(Chair, "/시작");

        var result = await h.SayAsync(Member, "#의견 @3 동아리 얘기입니다");

        Assert.Contains("3. 2020 협치동아리 운영", Text(result));
        Assert.Equal(3, (await h.Store.GetEntriesAsync("ydp-2020-09-strategy")).Single().ItemIndex);
        Assert.Contains("1부터 4까지", Text(await h.SayAsync(Member, "#의견 @7 없는 안건")));
    }

    [Fact]
    public async Task EmptyTag_IsNotCapturedAndTheAuthorIsToldWhy()
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.SayAsync(Chair, "/시작");

        var result = await h.SayAsync(Member, "#의견");

        Assert.Contains("#의견 뒤에 내용을", Text(result));
        Assert.Empty(await h.Store.GetEntriesAsync("ydp-2020-09-strategy"));
    }

    [Fact]
    public async Task Decision_FromAMember_IsRefused()
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.SayAsync(Chair, "/시작");

        Assert.Contains("#결정 은 분과장", Text(await h.SayAsync(Member, "#결정 통과")));
        Assert.Empty(await h.Store.GetEntriesAsync("ydp-2020-09-strategy"));
    }

    [Fact]
    public async Task UntaggedChatter_IsNeitherAnsweredNorStored()
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.SayAsync(Chair, "/시작");

        var result = await h.SayAsync(Member, "화면 공유 잘 보입니다");

        Assert.Empty(result.Messages);
        Assert.Empty(await h.Store.GetEntriesAsync("ydp-2020-09-strategy"));
    }

    [Fact]
    public async Task TagBeforeStart_WithoutTarget_IsRefusedButWithTargetIsCaptured()
    {
        await using var h = await EngineHarness.CreateAsync();

        Assert.Contains("회의가 시작된 뒤에", Text(await h.SayAsync(Member, "#의견 미리 남깁니다")));
        Assert.Contains("1번 의견", Text(await h.SayAsync(Member, "#의견 @2 미리 남깁니다")));
    }

    [Fact]
    public async Task Redelivery_OfTheSameMessage_IsStoredOnceAndNotAnswered()
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.SayAsync(Chair, "/시작");

        await h.SayAsync(Member, "#의견 한 번만", "dup-1");
        var again = await h.SayAsync(Member, "#의견 한 번만", "dup-1");

        Assert.True(again.Duplicate);
        Assert.Empty(again.Messages);
        Assert.Single(await h.Store.GetEntriesAsync("ydp-2020-09-strategy"));
    }

    [Fact]
    public async Task Redelivery_OfACommand_DoesNotAdvanceTwice()
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.SayAsync(Chair, "/시작");

        await h.SayAsync(Chair, "/다음", "next-1");
        await h.SayAsync(Chair, "/다음", "next-1");

        Assert.Equal(2, (await h.Store.GetRuntimeAsync("ydp-2020-09-strategy"))!.CurrentItem);
    }

    [Fact]
    public async Task Edit_UpdatesTheEntryKeepingItsNumberAndSource()
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.SayAsync(Chair, "/시작");
        await h.SayAsync(Member, "#의견 초안", "e1");

        var result = await h.SendAsync(new ChatInput
        {
            Conversation = h.Chat, MessageId = "e1-edit", Kind = ChatInputKind.Edit, TargetMessageId = "e1",
            From = new ChatUser(Member, "박서연"), Text = "#제안 고친 내용",
        });

        Assert.Contains("1번 제안을(를) 수정했습니다", Text(result));
        var entry = Assert.Single(await h.Store.GetEntriesAsync("ydp-2020-09-strategy"));
        Assert.Equal(("고친 내용", EntryKind.Proposal, "e1", 1), (entry.Text, entry.Kind, entry.SourceId, entry.Number));
        Assert.NotNull(entry.EditedAt);
    }

    [Fact]
    public async Task Edit_RemovingTheTag_WithdrawsTheEntry_AndEditingChatterIntoATag_CapturesIt()
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.SayAsync(Chair, "/시작");
        await h.SayAsync(Member, "#의견 있어요", "e1");
        await h.SayAsync(Member, "그냥 잡담", "e2");

        await h.SendAsync(new ChatInput { Conversation = h.Chat, MessageId = "x1", Kind = ChatInputKind.Edit, TargetMessageId = "e1", From = new ChatUser(Member, "박서연"), Text = "없던 걸로" });
        await h.SendAsync(new ChatInput { Conversation = h.Chat, MessageId = "x2", Kind = ChatInputKind.Edit, TargetMessageId = "e2", From = new ChatUser(Member, "박서연"), Text = "#의견 이제 의견" });

        var entries = await h.Store.GetEntriesAsync("ydp-2020-09-strategy");
        Assert.True(entries.Single(e => e.SourceId == "e1").Withdrawn);
        var captured = entries.Single(e => e.SourceId == "e2");
        Assert.False(captured.Withdrawn);
        Assert.Equal("이제 의견", captured.Text);
    }

    [Fact]
    public async Task Delete_WithdrawsTheEntry()
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.SayAsync(Chair, "/시작");
        await h.SayAsync(Member, "#의견 지울 것", "d1");

        var result = await h.SendAsync(new ChatInput { Conversation = h.Chat, MessageId = "d1-del", Kind = ChatInputKind.Delete, TargetMessageId = "d1", From = new ChatUser(Member, "박서연") });

        Assert.Contains("철회했습니다", Text(result));
        Assert.True((await h.Store.GetEntriesAsync("ydp-2020-09-strategy")).Single().Withdrawn);
    }

    [Fact]
    public async Task Withdraw_ByAuthorOrStaff_Works_ByAnotherMember_IsRefused()
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.SayAsync(Chair, "/시작");
        await h.SayAsync(Member, "#의견 하나");
        await h.SayAsync(Member, "#의견 둘");

        Assert.Contains("본인이 남긴 항목만", Text(await h.SayAsync(OtherMember, "/철회 1")));
        Assert.Contains("1번 의견을(를) 철회했습니다", Text(await h.SayAsync(Member, "/철회 1")));
        Assert.Contains("이미 철회", Text(await h.SayAsync(Member, "/withdraw 1")));
        Assert.Contains("2번 의견을(를) 철회했습니다", Text(await h.SayAsync(Staff, "/withdraw 2")));
        Assert.Contains("찾을 수 없습니다", Text(await h.SayAsync(Staff, "/철회 99")));
        Assert.Contains("/철회 3", Text(await h.SayAsync(Staff, "/철회")));
        Assert.All(await h.Store.GetEntriesAsync("ydp-2020-09-strategy"), e => Assert.True(e.Withdrawn));
    }

    [Fact]
    public async Task AgendaAndStatus_AreAvailableToAnyone()
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.SayAsync(Chair, "/시작");
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        await h.SayAsync(Member, "#의견 하나");

        var agenda = Text(await h.SayAsync("user-id-9", "/안건"));
        var status = Text(await h.SayAsync(Member, "/status"));

        Assert.Contains("▶ 1. [안내] 참석자 소개 및 인사", agenda);
        Assert.Contains("실제 13:", agenda.Replace("14:", "13:", StringComparison.Ordinal));
        Assert.Contains("현재 안건: 1. 참석자 소개 및 인사", status);
        Assert.Contains("남은 시간 4분", status);
        Assert.Contains("이 안건 접수 1건", status);
    }

    [Fact]
    public async Task Help_ListsOnlyWhatTheUserMayUse_AndUnknownCommandsGetHelp()
    {
        await using var h = await EngineHarness.CreateAsync();

        var memberHelp = Text(await h.SayAsync(Member, "/도움말"));
        var chairHelp = Text(await h.SayAsync(Chair, "/help"));
        var unknown = Text(await h.SayAsync(Member, "/모르는명령"));

        Assert.DoesNotContain("/시작", memberHelp);
        Assert.DoesNotContain("#결정", memberHelp);
        Assert.Contains("/시작", chairHelp);
        Assert.Contains("#결정", chairHelp);
        Assert.Contains("알 수 없는 명령입니다: /모르는명령", unknown);
        Assert.Contains("#의견", unknown);
        Assert.Equal(MeetingStatus.NotStarted, (await h.Store.GetRuntimeAsync("ydp-2020-09-strategy"))?.Status ?? MeetingStatus.NotStarted);
    }

    [Fact]
    public async Task End_ClosesTheMeetingAndReportsItForDrafting()
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.SayAsync(Chair, "/시작");
        await h.SayAsync(Member, "#의견 하나");
        h.Clock.Advance(TimeSpan.FromMinutes(3));

        var result = await h.SayAsync(Chair, "/종료");

        Assert.Equal("ydp-2020-09-strategy", result.EndedMeetingId);
        Assert.Contains("1건으로 결과 보고 초안을", Text(result));
        var runtime = await h.Store.GetRuntimeAsync("ydp-2020-09-strategy");
        Assert.Equal(MeetingStatus.Ended, runtime!.Status);
        Assert.Null(runtime.NextDueAt);
        Assert.Contains("종료된 회의", Text(await h.SayAsync(Member, "#의견 늦은 의견")));
        Assert.Contains("이미 종료된", Text(await h.SayAsync(Chair, "/시작")));
    }

    [Fact]
    public async Task PlatformMeetingEvents_StartAndEndTheMeeting()
    {
        await using var h = await EngineHarness.CreateAsync();
        var system = new ChatUser("system", "Teams");

        var started = await h.SendAsync(new ChatInput { Conversation = h.Chat, MessageId = "ev1", Kind = ChatInputKind.MeetingStarted, From = system });
        var ended = await h.SendAsync(new ChatInput { Conversation = h.Chat, MessageId = "ev2", Kind = ChatInputKind.MeetingEnded, From = system });

        Assert.Contains("📋", Text(started));
        Assert.Equal("ydp-2020-09-strategy", ended.EndedMeetingId);
    }

    [Fact]
    public async Task UnboundChat_ExplainsBind_AndStaffCanBindIt()
    {
        await using var h = await EngineHarness.CreateAsync(bind: false);
        var other = new ConversationAddress("test", "other-chat", "https://service.example/");

        Assert.Contains("/연결 회의ID", Text(await h.SayAsync(Member, "#의견 들리나요", chat: other)));
        Assert.Empty((await h.SayAsync(Member, "잡담", chat: other)).Messages);
        Assert.Contains("담당 직원만", Text(await h.SayAsync(Member, "/연결 ydp-2020-09-strategy", chat: other)));
        Assert.Contains("찾을 수 없습니다", Text(await h.SayAsync(Staff, "/연결 no-such-meeting", chat: other)));
        Assert.Contains("연결했습니다", Text(await h.SayAsync(Staff, "/bind ydp-2020-09-strategy", chat: other)));

        var binding = await h.Store.FindBindingAsync("test", "other-chat");
        Assert.Equal("ydp-2020-09-strategy", binding!.MeetingId);
        Assert.Equal("https://service.example/", binding.Address.ServiceUrl);
        Assert.Contains("📋", Text(await h.SayAsync(Chair, "/시작", chat: other)));
    }

    [Fact]
    public async Task UnboundChat_AnswersChatterAddressedToTheBot_ButNotChatterToEachOther()
    {
        await using var h = await EngineHarness.CreateAsync(bind: false);
        var other = new ConversationAddress("test", "other-chat");
        ChatInput Chatter(string id, bool addressed) => new() { Conversation = other, MessageId = id, From = new ChatUser(Member, "위원"), Text = "안녕하세요", AddressedToBot = addressed };

        var addressed = Assert.Single((await h.SendAsync(Chatter("m1", addressed: true))).Messages);
        Assert.Equal(BotText.Unbound, addressed.Text);
        Assert.Equal("m1", addressed.ReplyToMessageId);
        Assert.Empty((await h.SendAsync(Chatter("m2", addressed: false))).Messages);
        Assert.Empty((await h.SendAsync(Chatter("m1", addressed: true))).Messages);
    }

    [Fact]
    public async Task BotAdded_GreetsWithHelp()
    {
        await using var h = await EngineHarness.CreateAsync(bind: false);

        var result = await h.SendAsync(new ChatInput { Conversation = h.Chat, MessageId = "add", Kind = ChatInputKind.BotAdded, From = new ChatUser("x", "x") });

        Assert.Contains("MeetingBot", Text(result));
        Assert.Contains("/연결", Text(result));
    }

    [Fact]
    public async Task MeetingHint_BindsTheChatAutomatically()
    {
        await using var h = await EngineHarness.CreateAsync(bind: false);

        var result = await h.SendAsync(new ChatInput { Conversation = h.Chat, MessageId = "s", From = new ChatUser(Chair, "조영윤"), Text = "/시작", MeetingHint = "ydp-2020-09-strategy" });

        Assert.Contains("📋", Text(result));
        Assert.NotNull(await h.Store.FindBindingAsync("test", "chat-1"));
    }

    [Fact]
    public async Task LongTextAndControlCharacters_AreStoredWhole()
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.SayAsync(Chair, "/시작");
        var text = string.Concat(Enumerable.Repeat("가나다라마바사아자차", 800)) + "\u0001<&>";

        await h.SayAsync(Member, "#의견 " + text);

        Assert.Equal(text, (await h.Store.GetEntriesAsync("ydp-2020-09-strategy")).Single().Text);
    }
}
