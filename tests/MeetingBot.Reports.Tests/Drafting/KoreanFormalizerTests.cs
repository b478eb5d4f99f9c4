using MeetingBot.Core;
using MeetingBot.Reports.Drafting;

namespace MeetingBot.Reports.Tests.Drafting;

public sealed class KoreanFormalizerTests
{
    // The 13 tagged entries of samples/2020-09/strategy.chat.yaml, in chat order, with the bullet each
    // should become. Each stays close to the reference's ▸ bullet without inventing its rewording.
    public static TheoryData<EntryKind, string, string> SampleEntries => new()
    {
        {
            EntryKind.Opinion,
            "서울시 전체로 보면 예산이 20% 정도 깎인다고 들었는데 우리 협치사업은 15%만 깎여서 그나마 다행이라고 생각합니다",
            "서울시 전체로 보면 예산이 20% 정도 깎인다고 들었는데 우리 협치사업은 15%만 깎여서 그나마 다행이라고 생각함."
        },
        {
            EntryKind.Opinion,
            "도로정비 사업 예산 삭감은 아쉽지만 받아들여야 할 것 같고요, 바뀐 예산에 맞춰서 내실 있게 잘 준비해서 추진해야 할 것 같습니다",
            "도로정비 사업 예산 삭감은 아쉽지만 받아들여야 할 것 같고, 바뀐 예산에 맞춰서 내실 있게 잘 준비하여 추진해야 할 것 같음."
        },
        {
            EntryKind.Opinion,
            "기반조성 예산이 조금 줄었지만 협치지원관 인건비 예산은 삭감되면 안 됩니다",
            "기반조성 예산이 조금 줄었지만 협치지원관 인건비 예산은 삭감되지 않아야 함."
        },
        {
            EntryKind.Opinion,
            "동아리원 모집할 때 영등포 주민뿐 아니라 영등포에서 일하는 분들처럼 지역 기반 관련자도 포함되게 모집 범위를 넓혔으면 합니다",
            "동아리원 모집할 때 영등포 주민뿐 아니라 영등포에서 일하는 분들처럼 지역 기반 관련자도 포함되게 모집 범위를 넓히면 좋겠다는 의견."
        },
        {
            EntryKind.Proposal,
            "동아리 참여자들한테 협치 사업에 대한 기본적인 이해를 먼저 시키고, 한계를 명확하게 정해서 참여시키는 식으로 확실한 가이드라인이 필요해요",
            "동아리 참여자들에게 협치 사업에 대한 기본적인 이해를 먼저 시키고, 한계를 명확하게 정하여 참여시키는 식으로 확실한 가이드라인이 필요."
        },
        {
            EntryKind.Opinion,
            "우리가 말하는 협치는 민관이 함께하는 사업이니까 동아리 운영도 처음부터 민관이 같이 참여하는 게 좋겠습니다",
            "우리가 말하는 협치는 민관이 함께하는 사업이므로 동아리 운영도 처음부터 민관이 함께 참여하는 것이 좋겠음."
        },
        {
            EntryKind.Opinion,
            "온라인 교육 플랫폼을 만드는 건 아주 바람직하다고 보고요, 그 안에 채울 내용과 과정이 중요하다고 생각합니다",
            "온라인 교육 플랫폼을 만드는 것은 아주 바람직하다고 보며, 그 안에 채울 내용과 과정이 중요하다고 생각함."
        },
        {
            EntryKind.Proposal,
            "피드백 주고받기 쉽게 일방적인 소통 말고 양방향 소통이 되도록 구성하면 좋겠어요",
            "피드백 주고받기 쉽게 일방적인 소통 말고 양방향 소통이 되도록 구성하면 좋겠다는 의견."
        },
        {
            EntryKind.Opinion,
            "동아리 운영이랑 연계해서 운영하면 서로 시너지가 날 것 같습니다",
            "동아리 운영과 연계하여 운영하면 서로 시너지가 날 것 같음."
        },
        {
            EntryKind.Proposal,
            "협치라는 말이 어려우니까 쉽게 다가갈 수 있도록 더 쉽고 다양한 홍보 방안을 마련했으면 좋겠습니다",
            "협치라는 말이 어려우므로 쉽게 다가갈 수 있도록 더 쉽고 다양한 홍보 방안을 마련하면 좋겠다는 의견."
        },
        {
            EntryKind.Opinion,
            "온라인 소통이 활성화돼야 하는 상황인데 기기 사용이 어려운 분들과는 어떻게 소통할지 고민해야 하고, 소규모로라도 대면 활동은 계속 이어가야 합니다",
            "온라인 소통이 활성화되어야 하는 상황인데 기기 사용이 어려운 분들과는 어떻게 소통할지 고민해야 하고, 소규모로라도 대면 활동은 계속 이어가야 함."
        },
        {
            EntryKind.Opinion,
            "코로나19 상황에서 가까운 사람들끼리라도 협치가 되도록 도보권 안에서 협치를 만들면 다른 구보다 경쟁력이 있지 않을까 싶어요",
            "코로나19 상황에서 가까운 사람들끼리라도 협치가 되도록 도보권 안에서 협치를 만들면 다른 구보다 경쟁력이 있지 않을까 하는 의견."
        },
        {
            EntryKind.Question,
            "코로나19로 대면회의가 계속 어려우면 협치 사업 방향이랑 진행 현안을 홈페이지나 SNS로 공유해 주실 수 있을까요?",
            "코로나19로 대면회의가 계속 어려우면 협치 사업 방향과 진행 현안을 홈페이지나 SNS로 공유 요청."
        },
    };

    // Varied chat remarks: questions, emoji, filler, laughter, English, markup, line breaks, already formal text.
    public static TheoryData<EntryKind, string> ColloquialRemarks => new()
    {
        { EntryKind.Opinion, "음... 저는 좋다고 생각해요ㅎㅎ" },
        { EntryKind.Opinion, "아 그거 좋네요!!" },
        { EntryKind.Opinion, "어, 예산이 좀 부족한 것 같아요 ㅠㅠ" },
        { EntryKind.Proposal, "그, 회의 자료를 미리 받았으면 좋겠어요~~" },
        { EntryKind.Question, "다음 회의는 언제예요?" },
        { EntryKind.Question, "회의록은 언제 공유되나요" },
        { EntryKind.Question, "예산 집행 현황이 궁금합니다" },
        { EntryKind.Question, "이거 가능할까요??" },
        { EntryKind.Question, "참석 가능합니까?" },
        { EntryKind.Question, "질문드립니다. 예산이 언제 확정되나요? 그리고 인건비는요?" },
        { EntryKind.Question, "Can you share the slides?" },
        { EntryKind.Question, "이 예산은 구비인가요 시비인가요?" },
        { EntryKind.Question, "이거 맞죠?" },
        { EntryKind.Opinion, "좋아요 👍🎉" },
        { EntryKind.Opinion, "반대예요" },
        { EntryKind.Opinion, "이 사업은 주민 참여가 핵심이에요. 홍보가 더 필요해요!" },
        { EntryKind.Proposal, "협치 용어를 쉽게 바꿉시다" },
        { EntryKind.Proposal, "다음 회의는 대면으로 하면 어떨까요?" },
        { EntryKind.Opinion, "사업 설명이 너무 어려워요" },
        { EntryKind.Opinion, "주민들이 잘 몰라요" },
        { EntryKind.Opinion, "그래요" },
        { EntryKind.Opinion, "We need more budget for this" },
        { EntryKind.Opinion, "<b>중요</b>합니다 & 꼭 반영해 주세요" },
        { EntryKind.Opinion, "첫째 줄 의견입니다\n둘째 줄도 확인 부탁드려요" },
        { EntryKind.Opinion, "이번 사업은 예산이 많이 들 거예요" },
        { EntryKind.Opinion, "담당자한테 물어봤는데 아직 결정 안 됐대요" },
        { EntryKind.Opinion, "이미 정리된 내용임" },
        { EntryKind.Opinion, "어려운 분들이랑 같이 할 수 있으면 좋겠네요" },
        { EntryKind.Opinion, "나중에 다시 얘기할게요" },
        { EntryKind.Opinion, "근데 이건 좀 다른 문제인 것 같은데요" },
        { EntryKind.Opinion, "홍보물을 만들어야 돼요" },
        { EntryKind.Opinion, "다들 고생 많으셨습니다" },
        { EntryKind.Opinion, "일정이 너무 빠듯하네요;;" },
        { EntryKind.Question, "혹시 작년 자료 보내 주실 수 있나요?" },
        { EntryKind.Opinion, "결과가 나오면 알려 주세요" },
        { EntryKind.Opinion, "^^ 네 알겠습니다" },
        { EntryKind.Opinion, "감사합니다~" },
        { EntryKind.Opinion, "저도 같은 생각이에요\r\n그런데 예산이 걱정돼요…" },
        { EntryKind.Opinion, "진짜요?!" },
        { EntryKind.Opinion, "예산이   부족하고요,,  인력도 부족해요!!!!" },
        { EntryKind.Opinion, "주민 참여를 늘려 주세요 🙏" },
        { EntryKind.Opinion, "그 부분은 다음에 말씀드릴게요" },
        { EntryKind.Opinion, "어때요" },
    };

    [Theory]
    [MemberData(nameof(SampleEntries))]
    public void Formalize_SampleEntry_BecomesItsReportBullet(EntryKind kind, string remark, string expected)
    {
        Assert.Equal(expected, KoreanFormalizer.Formalize(remark, kind));
    }

    [Fact]
    public void SampleEntries_AreTheTaggedEntriesOfTheSampleChat()
    {
        var fromChat = SampleMeeting.TaggedEntries().Select(source => (source.Kind, source.Text)).ToList();
        var table = SampleEntries.Select(row => ((EntryKind)row[0], (string)row[1])).ToList();

        Assert.Equal(table, fromChat);
    }

    [Theory]
    [MemberData(nameof(ColloquialRemarks))]
    public void Formalize_ColloquialRemark_EndsInOnePeriodWithoutPoliteEnding(EntryKind kind, string remark)
    {
        var bullet = KoreanFormalizer.Formalize(remark, kind);

        Assert.False(PoliteEnding.IsPolite(bullet), bullet);
        Assert.EndsWith(".", bullet, StringComparison.Ordinal);
        Assert.False(bullet.EndsWith("..", StringComparison.Ordinal), bullet);
        Assert.DoesNotContain("\n", bullet, StringComparison.Ordinal);
        Assert.DoesNotContain("  ", bullet, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("동의합니다", "동의함.")]
    [InlineData("문제가 있습니다", "문제가 있음.")]
    [InlineData("사업 설명이 너무 어렵습니다", "사업 설명이 너무 어려움.")]
    [InlineData("추가 예산이 필요합니다", "추가 예산이 필요.")]
    [InlineData("추가 예산이 필요해요", "추가 예산이 필요.")]
    [InlineData("일정이 빠듯한 것 같아요", "일정이 빠듯한 것 같음.")]
    [InlineData("홍보를 강화해야 합니다", "홍보를 강화해야 함.")]
    [InlineData("홍보물을 만들어야 돼요", "홍보물을 만들어야 함.")]
    [InlineData("예산을 줄이면 안 됩니다", "예산을 줄이지 않아야 함.")]
    [InlineData("예산을 줄이면 안 될 것 같아요", "예산을 줄이지 않아야 할 것 같음.")]
    [InlineData("효과가 있지 않을까 싶어요", "효과가 있지 않을까 하는 의견.")]
    [InlineData("주민 참여가 핵심이에요", "주민 참여가 핵심임.")]
    [InlineData("그건 제 의견이 아니에요", "그것은 제 의견이 아님.")]
    [InlineData("반대예요", "반대임.")]
    [InlineData("중요한 사업입니다", "중요한 사업임.")]
    [InlineData("회의를 자주 했으면 합니다", "회의를 자주 하면 좋겠다는 의견.")]
    [InlineData("시간을 지켰으면 합니다", "시간을 지키면 좋겠다는 의견.")]
    [InlineData("주민들이 많이 왔으면 좋겠어요", "주민들이 많이 오면 좋겠다는 의견.")]
    [InlineData("일정을 미리 알았으면 좋겠어요", "일정을 미리 알면 좋겠다는 의견.")]
    [InlineData("자료를 미리 받으면 좋겠어요", "자료를 미리 받으면 좋겠음.")]
    [InlineData("주민들이 잘 몰라요", "주민들이 잘 모름.")]
    [InlineData("다들 바빠요", "다들 바쁨.")]
    [InlineData("시너지가 기대돼요", "시너지가 기대됨.")]
    [InlineData("그렇습니다", "그러함.")]
    [InlineData("나중에 다시 얘기할게요", "나중에 다시 이야기하겠음.")]
    [InlineData("아직 결정 안 됐대요", "아직 결정 안 되었다고 함.")]
    [InlineData("사업을 추진한다", "사업을 추진함.")]
    [InlineData("인력이 필요하다", "인력이 필요.")]
    [InlineData("이미 정리된 내용임", "이미 정리된 내용임.")]
    [InlineData("이견 없음.", "이견 없음.")]
    [InlineData("예산 확보 필요", "예산 확보 필요.")]
    [InlineData("We need more budget for this!", "We need more budget for this.")]
    [InlineData("그래요", "‘그래요’라는 의견.")]
    public void Formalize_OpinionEnding_BecomesReportEnding(string remark, string expected)
    {
        Assert.Equal(expected, KoreanFormalizer.Formalize(remark, EntryKind.Opinion));
    }

    [Theory]
    [InlineData("예산 증액이 필요해요", "예산 증액이 필요.")]
    [InlineData("주민 설명회를 열면 좋겠습니다", "주민 설명회를 열면 좋겠다는 의견.")]
    [InlineData("협치 용어를 쉽게 바꿉시다", "협치 용어를 쉽게 바꾸자는 의견.")]
    [InlineData("다음 회의는 대면으로 하면 어떨까요?", "다음 회의는 대면으로 하면 어떨까 하는 의견.")]
    [InlineData("안내문을 쉽게 써 주세요", "안내문을 쉽게 써 줄 것을 요청.")]
    public void Formalize_Proposal_GetsProposalEnding(string remark, string expected)
    {
        Assert.Equal(expected, KoreanFormalizer.Formalize(remark, EntryKind.Proposal));
    }

    [Theory]
    [InlineData("자료를 공유해 주실 수 있을까요?", "자료 공유 요청.")]
    [InlineData("이 부분 설명 좀 해 주시겠어요?", "이 부분 설명 요청.")]
    [InlineData("혹시 작년 자료 보내 주실 수 있나요?", "혹시 작년 자료 보내 줄 것을 요청.")]
    [InlineData("협조 부탁드립니다", "협조 요청.")]
    [InlineData("결과를 말해 주세요", "결과를 말해 줄 것을 요청.")]
    [InlineData("다음 회의는 언제예요?", "다음 회의는 언제인지 문의.")]
    [InlineData("회의록은 언제 공유되나요", "회의록은 언제 공유되는지 문의.")]
    [InlineData("이거 가능할까요??", "이것 가능할지 문의.")]
    [InlineData("참석 가능합니까?", "참석 가능한지 문의.")]
    [InlineData("다른 구는 어떻게 하고 있나요?", "다른 구는 어떻게 하고 있는지 문의.")]
    [InlineData("예산은 얼마인가요?", "예산은 얼마인지 문의.")]
    [InlineData("이거 맞죠?", "이것 맞는지 문의.")]
    [InlineData("예산 집행 현황이 궁금합니다", "예산 집행 현황 문의.")]
    [InlineData("왜 삭감됐는지 알고 싶어요", "왜 삭감되었는지 문의.")]
    [InlineData("사업 예산 집행 현황", "사업 예산 집행 현황 문의.")]
    [InlineData("예산은?", "예산 문의.")]
    [InlineData("Can you share the slides?", "‘Can you share the slides?’ 문의.")]
    public void Formalize_Question_BecomesRequestOrInquiry(string remark, string expected)
    {
        Assert.Equal(expected, KoreanFormalizer.Formalize(remark, EntryKind.Question));
    }

    [Fact]
    public void Formalize_OpinionEndingInQuestionMark_IsAnInquiry()
    {
        Assert.Equal("회의록은 언제 공유되는지 문의.", KoreanFormalizer.Formalize("회의록은 언제 공유되나요?", EntryKind.Opinion));
    }

    [Theory]
    [InlineData("담당자한테 물어봤어요", "담당자에게 물어봤음.")]
    [InlineData("운영이랑 연계해요", "운영과 연계함.")]
    [InlineData("학교랑 협력해요", "학교와 협력함.")]
    [InlineData("아이랑 함께 와요", "아이와 함께 옴.")]
    [InlineData("이웃사랑 캠페인이 좋아요", "이웃사랑 캠페인이 좋음.")]
    [InlineData("신랑 측 의견도 좋아요", "신랑 측 의견도 좋음.")]
    [InlineData("저랑 같은 생각이에요", "저와 같은 생각임.")]
    [InlineData("온라인 소통이 활성화돼야 해요", "온라인 소통이 활성화되어야 함.")]
    [InlineData("예산이 좀 부족해요", "예산이 부족함.")]
    [InlineData("만드는 게 좋겠어요", "만드는 것이 좋겠음.")]
    [InlineData("다음과 같이 정리하면 좋겠습니다", "다음과 같이 정리하면 좋겠음.")]
    [InlineData("좋다고 보고요, 내용이 중요해요", "좋다고 보며, 내용이 중요함.")]
    [InlineData("아쉽긴 하고요, 그래도 받아들여야죠", "아쉽긴 하고, 그래도 받아들여야 함.")]
    [InlineData("사업비가 부족합니다, 추가 확보가 필요합니다", "사업비가 부족함, 추가 확보가 필요.")]
    public void Formalize_ColloquialWords_BecomeWrittenForms(string remark, string expected)
    {
        Assert.Equal(expected, KoreanFormalizer.Formalize(remark, EntryKind.Opinion));
    }

    [Theory]
    [InlineData("음... 저는 좋다고 생각해요ㅎㅎ", "저는 좋다고 생각함.")]
    [InlineData("아 그거 좋네요!!", "그것 좋음.")]
    [InlineData("어, 예산이 부족한 것 같아요 ㅠㅠ", "예산이 부족한 것 같음.")]
    [InlineData("그, 자료가 늦어요~~", "자료가 늦음.")]
    [InlineData("좋아요 👍🎉", "좋음.")]
    [InlineData("일정이 너무 빠듯하네요;;", "일정이 너무 빠듯함.")]
    [InlineData("예산이   부족하고요,,  인력도 부족해요!!!!", "예산이 부족하고, 인력도 부족함.")]
    [InlineData("그 안에 채울 내용이 중요합니다", "그 안에 채울 내용이 중요함.")]
    [InlineData("시간은 14:00~14:20이에요~", "시간은 14:00~14:20임.")]
    [InlineData("예산은 8.5억 원이에요", "예산은 8.5억 원임.")]
    [InlineData("2020. 9. 15. 회의에서 논의한 내용입니다", "2020. 9. 15. 회의에서 논의한 내용임.")]
    public void Formalize_Filler_IsTrimmed(string remark, string expected)
    {
        Assert.Equal(expected, KoreanFormalizer.Formalize(remark, EntryKind.Opinion));
    }

    [Fact]
    public void Formalize_Markup_IsKeptAsWritten()
    {
        Assert.Equal("예산 <b>확보</b> & 집행이 중요함.", KoreanFormalizer.Formalize("예산 <b>확보</b> & 집행이 중요합니다", EntryKind.Opinion));
    }

    [Fact]
    public void Formalize_Lines_BecomeSentencesOfOneBullet()
    {
        Assert.Equal(
            "첫째 줄 의견임. 둘째 줄도 확인 요청.",
            KoreanFormalizer.Formalize("첫째 줄 의견입니다\n둘째 줄도 확인 부탁드려요", EntryKind.Opinion));
    }

    [Fact]
    public void Formalize_OnlyEmoji_KeepsWhatWasWritten()
    {
        Assert.Equal("👍.", KoreanFormalizer.Formalize("👍", EntryKind.Opinion));
        Assert.Equal("", KoreanFormalizer.Formalize("   ", EntryKind.Opinion));
    }

    [Fact]
    public void Formalize_VeryLongRemark_KeepsEveryWordAndChangesOnlyTheEnding()
    {
        const string Clause = "협치 사업 예산을 충분히 확보하고 주민 참여를 넓히며 ";
        var body = string.Concat(Enumerable.Repeat(Clause, 8_000 / Clause.Length)) + "추진해야";

        var bullet = KoreanFormalizer.Formalize(body + " 합니다", EntryKind.Opinion);

        Assert.True(body.Length > 7_900);
        Assert.Equal(body + " 함.", bullet);
    }

    [Fact]
    public void Formalize_VeryLongRemarkOfManySentences_ChangesEachEnding()
    {
        var remark = string.Join(' ', Enumerable.Repeat("예산 확보가 중요합니다.", 600));

        var bullet = KoreanFormalizer.Formalize(remark, EntryKind.Opinion);

        Assert.Equal(string.Join(' ', Enumerable.Repeat("예산 확보가 중요함.", 600)), bullet);
    }

    [Theory]
    [InlineData("15% 감액은 사업마다 똑같이 줄인 건가요, 아니면 도로정비 사업만 빼고 조정한 건가요?", "15% 감액은 사업마다 똑같이 줄인 건지, 아니면 도로정비 사업만 빼고 조정한 건지 문의.")]
    [InlineData("예산이 남아 있나요, 아니면 다 썼나요?", "예산이 남아 있는지, 아니면 다 썼는지 문의.")]
    public void Formalize_QuestionClauseBeforeAComma_BecomesAnIndirectQuestion(string remark, string expected) =>
        Assert.Equal(expected, KoreanFormalizer.Formalize(remark, EntryKind.Question));
}
