using MeetingBot.Core;
using MeetingBot.Core.Transcripts;
using MeetingBot.TestSupport;

namespace MeetingBot.Core.Tests.Transcripts;

/// <summary>Cues aligned to the agenda as the bot ran it, on timelines written as the runtime records them.</summary>
public sealed class TranscriptAlignmentTests
{
    private static readonly MeetingDefinition Meeting = TestMeetings.Strategy() with
    {
        Participants = [.. TestMeetings.Strategy().Participants, new Participant("지역협치팀장", Sector.Admin, ParticipantRole.Staff), new Participant("김미순", Sector.Civil, ParticipantRole.Member, "0f3c2a1e-aad-guid")],
    };

    private static DateTimeOffset At(int hour, int minute, int second = 0) => new(2020, 9, 15, hour, minute, second, TimeSpan.FromHours(9));

    /// <summary>Started 14:00:10; item 1 to 14:05, item 2 to 14:20 (paused 14:10~14:12), item 3 to 14:25, ended 14:25.</summary>
    private static AgendaTimeline Timeline()
    {
        var runtime = MeetingRuntime.NotStartedFor(Meeting) with
        {
            Status = MeetingStatus.Ended,
            StartedAt = At(14, 0, 10),
            EndedAt = At(14, 25),
            Visits =
            [
                new ItemVisit(1, At(14, 0, 10), At(14, 5)),
                new ItemVisit(2, At(14, 5), At(14, 20)),
                new ItemVisit(3, At(14, 20), At(14, 25)),
            ],
        };
        return AgendaTimeline.Of(Meeting, runtime);
    }

    private static int _next;

    private static TranscriptCue Cue(string speaker, DateTimeOffset start, string text, string? id = null, string? speakerId = null) =>
        new(id ?? $"c{Interlocked.Increment(ref _next)}", speaker, start, start.AddSeconds(20), text, speakerId);

    private static Entry Typed(string author, int item, string text, string source) => new()
    {
        MeetingId = Meeting.Id, Number = 1, Kind = EntryKind.Opinion, ItemIndex = item, Text = text,
        AuthorName = author, SourceId = source, CapturedAt = At(14, 15),
    };

    private static TranscriptAlignmentResult Align(IReadOnlyList<TranscriptCue> cues, IReadOnlyList<Entry>? entries = null, IReadOnlyList<CaptureStop>? stops = null) =>
        TranscriptAlignment.Align(Meeting, Timeline(), entries ?? [], cues, stops);

    [Fact]
    public void EachCue_GoesToTheItemOpenAtItsStart_AndAPauseDoesNotCloseTheItem()
    {
        var result = Align(
        [
            Cue("박서연", At(14, 3), "동아리 운영비 지원 기준을 먼저 정했으면 합니다", "a"),
            Cue("이준호", At(14, 11), "일시정지 중에도 말씀드리면 사업 예산 감액 폭이 너무 큽니다", "b"),
            Cue("조영윤", At(14, 20), "다음 안건으로 협치동아리 운영 이야기를 해 보겠습니다", "c"),
        ]);

        Assert.Equal([(1, "a"), (2, "b"), (3, "c")], result.Candidates.Select(c => (c.Item, c.Sources.Single())));
        Assert.Empty(result.Dropped);
    }

    [Fact]
    public void CuesBeforeTheStartOrAfterTheEnd_AreDroppedAsOutside()
    {
        var result = Align(
        [
            Cue("박서연", At(13, 58), "회의 시작 전에 잠깐 사업 일정 여쭤봐도 될까요", "early"),
            Cue("박서연", At(14, 25), "회의 끝나고 자료는 메일로 보내 주시면 좋겠습니다", "late"),
        ]);

        Assert.Empty(result.Candidates);
        Assert.Equal([(DropReason.Outside, "early"), (DropReason.Outside, "late")], result.Dropped.Select(d => (d.Reason, d.Sources.Single())));
    }

    [Fact]
    public void CuesWhileCaptureWasStopped_AreDroppedAsPaused_AndCaptureResumesAtTheRestart()
    {
        var result = Align(
            [
                Cue("이준호", At(14, 7), "이 부분은 기록하지 말아 주세요 개인 사정이 있어서요", "off"),
                Cue("이준호", At(14, 9), "이제 다시 말씀드리면 예산 감액은 재검토가 필요합니다", "on"),
            ],
            stops: [new CaptureStop(At(14, 6), At(14, 8))]);

        Assert.Equal(["on"], result.Candidates.Single().Sources);
        Assert.Equal(DropReason.Paused, result.Dropped.Single().Reason);
        Assert.Equal(["off"], result.Dropped.Single().Sources);
    }

    [Theory]
    [InlineData("박 서연", "박서연")]
    [InlineData("박서연 위원", "박서연")]
    [InlineData("박서연님", "박서연")]
    [InlineData("조영윤 위원장", "조영윤")]
    [InlineData("최부장 부위원장", "최부장")]
    [InlineData("박서연(영등포구 마을공동체)", "박서연")]
    [InlineData("[협치지원단] 박서연 위원", "박서연")]
    [InlineData("지역협치팀장", "지역협치팀장")]
    public void Speakers_AreMatchedByName_IgnoringSpacingTitlesAndOrganisation(string spokenAs, string participant)
    {
        var candidate = Align([Cue(spokenAs, At(14, 6), "사업 예산 감액 폭에 대해 다시 검토해 주시면 좋겠습니다")]).Candidates.Single();

        Assert.Equal(participant, candidate.Speaker);
        Assert.Equal(spokenAs, candidate.SpokenAs);
    }

    [Fact]
    public void ATeamsAadId_MatchesTheParticipantsChatUserId_WhateverTheDisplayName()
    {
        var candidate = Align([Cue("Misoon Kim (Guest)", At(14, 6), "동아리 모집 범위를 넓혔으면 합니다", speakerId: "0F3C2A1E-AAD-GUID")]).Candidates.Single();

        Assert.Equal("김미순", candidate.Speaker);
    }

    [Fact]
    public void AnUnknownSpeaker_IsKeptAsUnconfirmed_WithTheNameThePlatformGave()
    {
        var candidate = Align([Cue("홍길동", At(14, 6), "주민 참여 예산과 연계하면 좋겠습니다")]).Candidates.Single();

        Assert.Equal(SpeakerMatcher.Unknown, candidate.Speaker);
        Assert.Equal("홍길동", candidate.SpokenAs);
        Assert.Null(candidate.Participant);
    }

    [Fact]
    public void ConsecutiveCuesOfOneSpeakerInOneItem_FormOneRemark_ButAnItemChangeOrAnotherSpeakerSplitsThem()
    {
        var result = Align(
        [
            Cue("박서연", At(14, 6), "동아리 모집할 때", "p1"),
            Cue("박서연 위원", At(14, 6, 20), "영등포에서 일하는 분들도 포함하면 좋겠어요", "p2"),
            Cue("이준호", At(14, 7), "저도 같은 생각인데 직장인 모임도 지원해 주세요", "j1"),
            Cue("박서연", At(14, 19, 50), "그리고 모집 공고는 일찍 냈으면 합니다", "p3"),
            Cue("박서연", At(14, 20, 10), "동아리 활동 공간도 함께 안내해 주세요", "p4"),
        ]);

        Assert.Equal([["p1", "p2"], ["j1"], ["p3"], ["p4"]], result.Candidates.Select(c => c.Sources));
        var merged = result.Candidates[0];
        Assert.Equal("동아리 모집할 때 영등포에서 일하는 분들도 포함하면 좋겠어요", merged.Text);
        Assert.Equal(At(14, 6), merged.Start);
        Assert.Equal(At(14, 6, 40), merged.End);
    }

    [Fact]
    public void GreetingsAndShortAcknowledgements_AreDroppedAsChatter_AndDoNotSplitARemark()
    {
        var result = Align(
        [
            Cue("조영윤", At(14, 1), "안녕하세요.", "g"),
            Cue("박서연", At(14, 6), "예산 감액 폭이 커서", "p1"),
            Cue("조영윤", At(14, 6, 20), "네, 네.", "ack"),
            Cue("박서연", At(14, 6, 30), "사업 우선순위를 다시 정해야 합니다", "p2"),
        ]);

        Assert.Equal(["p1", "p2"], result.Candidates.Single().Sources);
        Assert.Equal([DropReason.Chatter, DropReason.Chatter], result.Dropped.Select(d => d.Reason));
        Assert.Equal(["g", "ack"], result.Dropped.SelectMany(d => d.Sources));
    }

    [Theory]
    [InlineData("네", true)]
    [InlineData("감사합니다!", true)]
    [InlineData("네 감사합니다", true)]
    [InlineData("수고하셨습니다.", true)]
    [InlineData("음…", true)]
    [InlineData("반대합니다", false)]
    [InlineData("네, 그런데 예산은 어떻게 되나요?", false)]
    public void IsChatter_TellsGreetingsAndAcknowledgementsFromRemarks(string text, bool chatter) =>
        Assert.Equal(chatter, TranscriptAlignment.IsChatter(text));

    [Fact]
    public void ARemarkRepeatingThatSpeakersTypedEntryInTheItem_IsMarkedAsItsDuplicate()
    {
        var entries = new[]
        {
            Typed("박서연", 2, "동아리원 모집할 때 영등포에서 일하는 분들도 포함하면 좋겠어요", "m7"),
            Typed("이준호", 2, "예산 감액 폭 재검토 필요", "m8"),
        };

        var result = Align(
            [
                Cue("박서연 위원", At(14, 8), "제가 채팅에도 썼는데 동아리원 모집할 때 영등포에서 일하는 분들도 포함하면 좋겠어요", "same"),
                Cue("이준호", At(14, 9), "동아리원 모집할 때 영등포에서 일하는 분들도 포함하면 좋겠어요", "other-speaker"),
                Cue("박서연", At(14, 21), "동아리원 모집할 때 영등포에서 일하는 분들도 포함하면 좋겠어요", "other-item"),
            ],
            entries);

        Assert.Equal(["m7", null, null], result.Candidates.Select(c => c.DuplicateOf));
    }

    [Fact]
    public void AWithdrawnEntry_HasNoDuplicates()
    {
        var withdrawn = Typed("박서연", 2, "동아리원 모집 범위 확대 필요", "m7") with { Withdrawn = true };

        var candidate = Align([Cue("박서연", At(14, 8), "동아리원 모집 범위 확대가 필요합니다")], [withdrawn]).Candidates.Single();

        Assert.Null(candidate.DuplicateOf);
    }

    [Fact]
    public void AMeetingThatNeverStarted_DropsEveryCueAsOutside()
    {
        var notStarted = AgendaTimeline.Of(Meeting, MeetingRuntime.NotStartedFor(Meeting));

        var result = TranscriptAlignment.Align(Meeting, notStarted, [], [Cue("박서연", At(14, 6), "예산 감액 폭이 너무 큽니다", "x")]);

        Assert.Empty(result.Candidates);
        Assert.Equal(DropReason.Outside, result.Dropped.Single().Reason);
    }
}
