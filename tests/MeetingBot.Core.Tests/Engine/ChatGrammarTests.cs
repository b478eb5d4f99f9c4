using MeetingBot.Core;
using MeetingBot.Core.Engine;

namespace MeetingBot.Core.Tests.Engine;

public sealed class ChatGrammarTests
{
    [Theory]
    [InlineData("/시작", Command.Start)]
    [InlineData("/start", Command.Start)]
    [InlineData("/START", Command.Start)]
    [InlineData("/다음", Command.Next)]
    [InlineData("/next", Command.Next)]
    [InlineData("/이전", Command.Previous)]
    [InlineData("/prev", Command.Previous)]
    [InlineData("/이동 3", Command.Goto)]
    [InlineData("/goto 3", Command.Goto)]
    [InlineData("/연장 5", Command.Extend)]
    [InlineData("/extend 5", Command.Extend)]
    [InlineData("/일시정지", Command.Pause)]
    [InlineData("/pause", Command.Pause)]
    [InlineData("/재개", Command.Resume)]
    [InlineData("/resume", Command.Resume)]
    [InlineData("/종료", Command.End)]
    [InlineData("/end", Command.End)]
    [InlineData("/안건", Command.Agenda)]
    [InlineData("/agenda", Command.Agenda)]
    [InlineData("/상태", Command.Status)]
    [InlineData("/status", Command.Status)]
    [InlineData("/철회 2", Command.Withdraw)]
    [InlineData("/withdraw 2", Command.Withdraw)]
    [InlineData("/연결 abc", Command.Bind)]
    [InlineData("/bind abc", Command.Bind)]
    [InlineData("/도움말", Command.Help)]
    [InlineData("/help", Command.Help)]
    [InlineData("  ／다음  ", Command.Next)]
    [InlineData("/없는명령", Command.Unknown)]
    public void Parse_Command_RecognisesKoreanAndEnglish(string text, Command expected)
    {
        var parsed = Assert.IsType<CommandMessage>(ChatGrammar.Parse(text));
        Assert.Equal(expected, parsed.Command);
    }

    [Fact]
    public void Parse_CommandArgument_IsTheRestOfTheLine()
    {
        var parsed = Assert.IsType<CommandMessage>(ChatGrammar.Parse("/연장   5 "));
        Assert.Equal("5", parsed.Argument);
    }

    [Theory]
    [InlineData("#의견 좋습니다", EntryKind.Opinion, null, "좋습니다")]
    [InlineData("#opinion good", EntryKind.Opinion, null, "good")]
    [InlineData("#질문 언제인가요?", EntryKind.Question, null, "언제인가요?")]
    [InlineData("#question when?", EntryKind.Question, null, "when?")]
    [InlineData("#제안 홍보 강화", EntryKind.Proposal, null, "홍보 강화")]
    [InlineData("#proposal more", EntryKind.Proposal, null, "more")]
    [InlineData("#결정 이견 없음", EntryKind.Decision, null, "이견 없음")]
    [InlineData("#decision ok", EntryKind.Decision, null, "ok")]
    [InlineData("#의견 @3 다른 안건", EntryKind.Opinion, 3, "다른 안건")]
    [InlineData("#의견: 콜론 뒤", EntryKind.Opinion, null, "콜론 뒤")]
    [InlineData("#의견", EntryKind.Opinion, null, "")]
    [InlineData("#의견 @2", EntryKind.Opinion, 2, "")]
    public void Parse_Tag_CapturesKindTargetAndText(string text, EntryKind kind, int? target, string body)
    {
        var parsed = Assert.IsType<TagMessage>(ChatGrammar.Parse(text));
        Assert.Equal(kind, parsed.Kind);
        Assert.Equal(target, parsed.TargetItem);
        Assert.Equal(body, parsed.Text);
    }

    [Theory]
    [InlineData("안녕하세요")]
    [InlineData("오늘 #의견 은 없습니다")]
    [InlineData("#해시태그 잡담")]
    [InlineData("")]
    [InlineData("   ")]
    public void Parse_UntaggedOrUnknownTag_IsChatter(string text) =>
        Assert.IsType<Chatter>(ChatGrammar.Parse(text));

    [Fact]
    public void Parse_TagText_KeepsLineBreaksAndMarkupAsWritten()
    {
        var parsed = Assert.IsType<TagMessage>(ChatGrammar.Parse("#의견 첫 줄\n<b>둘째</b> & \"셋\""));
        Assert.Equal("첫 줄\n<b>둘째</b> & \"셋\"", parsed.Text);
    }
}
