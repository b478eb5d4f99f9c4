using MeetingBot.TestSupport;
using MeetingBot.Core.Engine;

namespace MeetingBot.Core.Tests.Engine;

/// <summary>The engine's decisions as pure functions: a state snapshot in, the change and the messages out, no store.</summary>
public sealed class DecideTests
{
    private const string Chair = TestMeetings.ChairId, Member = TestMeetings.MemberId;
    private static readonly ConversationAddress Chat = new("test", "chat-1");
    private static readonly ConversationAddress OtherChat = new("test", "chat-2");
    private static readonly MeetingDefinition Meeting = TestMeetings.Strategy();
    private static readonly DateTimeOffset Now = TestMeetings.Start.AddMinutes(1);

    private static ChatInput Say(string user, string text, string id = "m1") => new()
    {
        Conversation = Chat,
        MessageId = id,
        From = new ChatUser(user, user),
        Text = text,
    };

    private static TurnState State(ChatInput input, MeetingRuntime? runtime = null) => new()
    {
        Input = input,
        Now = Now,
        Binding = new ConversationBinding(Chat, Meeting.Id, TestMeetings.Start),
        Meeting = Meeting,
        Runtime = runtime ?? MeetingRuntime.NotStartedFor(Meeting),
        Bindings = [new ConversationBinding(Chat, Meeting.Id, TestMeetings.Start), new ConversationBinding(OtherChat, Meeting.Id, TestMeetings.Start)],
    };

    private static MeetingRuntime Running() =>
        Decider.Decide(State(Say(Chair, "/시작"))).Runtime!;

    [Fact]
    public void Start_OpensItemOne_AnnouncesToEveryBoundChat_AndSaysWhatIsRecorded()
    {
        var decision = Decider.Decide(State(Say(Chair, "/시작")));

        Assert.Equal((MeetingStatus.Running, 1, Now), (decision.Runtime!.Status, decision.Runtime.CurrentItem, decision.Runtime.StartedAt));
        Assert.Equal(3, decision.Messages.Count(m => m.To == Chat && m.Card is null));
        Assert.Equal(3, decision.Messages.Count(m => m.To == OtherChat && m.Card is null));
        Assert.All([Chat, OtherChat], chat => Assert.Equal(1, Assert.Single(decision.Messages, m => m.To == chat && m.Card is not null).Card!.OpenItem));
        Assert.Contains(decision.Messages, m => m.Text.Contains("기록 안내", StringComparison.Ordinal) && m.Text.Contains("/기록중지", StringComparison.Ordinal));
        Assert.NotNull(decision.Runtime.NextDueAt);
    }

    [Fact]
    public void ATag_IsCapturedWithTheNextNumber_AndAnsweredOnlyHere()
    {
        var decision = Decider.Decide(State(Say(Member, "#의견 홍보를 늘렸으면 합니다"), Running()));

        var entry = Assert.Single(decision.Entries);
        Assert.Equal((1, EntryKind.Opinion, 1, "홍보를 늘렸으면 합니다"), (entry.Number, entry.Kind, entry.ItemIndex, entry.Text));
        Assert.Equal(2, decision.Runtime!.NextEntryNumber);
        var reply = Assert.Single(decision.Messages);
        Assert.Equal((Chat, "m1"), (reply.To, reply.ReplyToMessageId));
    }

    [Fact]
    public void Chatter_ChangesNothing_AndSaysNothing()
    {
        var decision = Decider.Decide(State(Say(Member, "잘 들립니다")) with { Runtime = null });

        Assert.Null(decision.Runtime);
        Assert.Empty(decision.Entries);
        Assert.Empty(decision.Messages);
        Assert.False(Decider.Query(Say(Member, "잘 들립니다")).ReadsClock);
    }

    [Fact]
    public void Query_AsksOnlyForWhatTheCommandReads()
    {
        Assert.Equal(StateNeeds.Bindings | StateNeeds.Entries, Decider.Query(Say(Chair, "/종료")).Needs);
        Assert.Equal(3, Decider.Query(Say(Member, "/철회 #3")).EntryNumber);
        Assert.Equal("ydp-2020-09-strategy", Decider.Query(Say(Member, "/연결  ydp-2020-09-strategy ")).BindTarget);
        Assert.Equal("m0", Decider.Query(Say(Member, "#의견 고침") with { Kind = ChatInputKind.Edit, TargetMessageId = "m0" }).EntrySource);
        Assert.Equal(StateNeeds.None, Decider.Query(Say(Member, "#의견 내용")).Needs);
    }

    [Fact]
    public void Withdraw_ByAnotherMember_IsRefused_AndChangesNothing()
    {
        var entry = new Entry
        {
            MeetingId = Meeting.Id, Number = 1, Kind = EntryKind.Opinion, ItemIndex = 1, Text = "의견", AuthorName = "이준호",
            AuthorId = "user-id-3", SourceId = "m0", CapturedAt = Now,
        };

        var decision = Decider.Decide(State(Say(Member, "/철회 1"), Running()) with { Target = entry });

        Assert.Empty(decision.Entries);
        Assert.Contains("본인이 남긴 항목만", Assert.Single(decision.Messages).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnboundChatWithAHint_IsBound_AndItsCommandRuns()
    {
        var input = Say(Chair, "/시작") with { MeetingHint = Meeting.Id };

        var decision = Decider.Decide(State(input) with { Binding = null, Bindings = [] });

        Assert.Equal((Chat, Meeting.Id), (decision.Binding!.Address, decision.Binding.MeetingId));
        Assert.Equal(MeetingStatus.Running, decision.Runtime!.Status);
        Assert.All(decision.Messages, m => Assert.Equal(Chat, m.To));
    }

    [Fact]
    public void Tick_PastTheSoonThreshold_WarnsEveryBoundChatOnce()
    {
        var runtime = Running();
        var bindings = State(Say(Chair, "/상태")).Bindings;
        var late = Now + TimeSpan.FromMinutes(4.5);

        var first = Decider.Tick(Meeting, runtime, bindings, new TimeboxSettings(), late);
        var second = Decider.Tick(Meeting, first.Runtime!, bindings, new TimeboxSettings(), late);

        Assert.Equal(2, first.Messages.Count(m => m.Card is null));
        Assert.Equal(2, first.Messages.Count(m => m.Card is not null));
        Assert.Empty(second.Messages);
    }

    [Fact]
    public void BindConversation_ToTheMeetingItIsAlreadyBoundTo_ChangesNothing()
    {
        var existing = new ConversationBinding(Chat, Meeting.Id, TestMeetings.Start);

        Assert.Null(Decider.BindConversation(existing, Chat, Meeting.Id, Now).Binding);
        Assert.Equal("other", Decider.BindConversation(existing, Chat, "other", Now).Binding!.MeetingId);
    }
}
