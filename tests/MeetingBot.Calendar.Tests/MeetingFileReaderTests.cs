using MeetingBot.Calendar.Files;
using MeetingBot.Core;
using MeetingBot.TestSupport;

namespace MeetingBot.Calendar.Tests;

public sealed class MeetingFileReaderTests
{
    private const string FileName = "test.meeting.yaml";

    // Line numbers in the error tests below refer to this text.
    private const string Valid = """
        id: ydp-test
        council: 영등포구협치회의
        subcommittee: 전략사업
        title: 분과회의(9월)
        start: 2020-09-15T14:00:00+09:00
        timeZone: Asia/Seoul
        participants:
          - name: 조영윤
            sector: civil
            role: chair
            chatUserId: u1
          - name: 박서연
            sector: civil
            role: member
            chatUserId: u2
          - { name: 협치조정관, sector: admin, role: staff }
        agenda:
          - section: 안내
            title: 참석자 소개 및 인사
            minutes: 5
          - section: 회의진행
            title: 최종 수립 보고
            minutes: 15
            table:
              columns: [연번, 사업명, 사업비(천원)]
              rows:
                - [1, 구민과 함께하는 민·관 협치 2.0, "280,000"]
                - [2, 영등포형 돌봄 네트워크 추진, "150,000"]

        """;

    private static readonly string SamplesFolder = RepositoryFiles.PathOf("samples", "2020-09");

    [Fact]
    public void Read_StrategySample_ReadsEveryField()
    {
        var meeting = MeetingFileReader.Read(Path.Combine(SamplesFolder, "strategy.meeting.yaml"));

        Assert.Equal("ydp-2020-09-strategy", meeting.Id);
        Assert.Equal("영등포구협치회의", meeting.Council);
        Assert.Equal("전략사업", meeting.Subcommittee);
        Assert.Equal("영등포구협치회의 분과회의(9월)", meeting.Title);
        Assert.Equal(new DateTimeOffset(2020, 9, 15, 14, 0, 0, TimeSpan.FromHours(9)), meeting.Start);
        Assert.Equal(TimeSpan.FromHours(9), meeting.Start.Offset);
        Assert.Equal("Asia/Seoul", meeting.TimeZoneId);
        Assert.Equal("구청 내 '카페틔움' 회의실(민간위원 중 분과 대표자만 오프라인 참석)", meeting.Place);
        Assert.Equal("Google Meet", meeting.Platform);
        Assert.Equal("https://meet.google.com/ydp-strt-915", meeting.JoinUrl);
        Assert.Equal(
            "2021 지역사회혁신계획 최종 제출 전 협치위원들과 주요내용을 공유하고 그밖에 의견 청취를 위한\n"
            + "영등포구협치회의 분과회의를 화상회의 방식으로 개최하고 그 결과를 보고드림.",
            meeting.Purpose);
        Assert.False(meeting.AttributeOpinions);

        Assert.Equal(10, meeting.Participants.Count);
        Assert.Equal(new Participant("조영윤", Sector.Civil, ParticipantRole.Chair, "user-id-1"), meeting.Participants[0]);
        Assert.Equal(new Participant("정다은", Sector.Civil, ParticipantRole.Member, "user-id-5"), meeting.Participants[4]);
        Assert.Equal(new Participant("지역협치팀장", Sector.Admin, ParticipantRole.Staff), meeting.Participants[5]);
        Assert.Equal(new Participant("협치조정관", Sector.Admin, ParticipantRole.Staff, "user-id-0"), meeting.Participants[8]);
        Assert.Equal(5, meeting.Participants.Count(p => p.Sector == Sector.Civil));
        Assert.Equal(5, meeting.Participants.Count(p => p.Sector == Sector.Admin));

        Assert.Equal(7, meeting.Agenda.Count);
        Assert.Equal([1, 2, 3, 4, 5, 6, 7], meeting.Agenda.Select(a => a.Index));
        Assert.Equal([5, 15, 5, 5, 5, 5, 10], meeting.Agenda.Select(a => a.Minutes));
        Assert.Equal(["안내", "회의진행", "회의진행", "회의진행", "회의진행", "회의진행", "마무리"], meeting.Agenda.Select(a => a.Section));
        Assert.Equal(TimeSpan.FromMinutes(50), meeting.PlannedDuration);

        var first = meeting.Agenda[0];
        Assert.Equal("참석자 소개 및 인사", first.Title);
        Assert.Equal("(부)분과장", first.Lead);
        Assert.Null(first.Topic);
        Assert.Empty(first.Content);
        Assert.Null(first.Table);

        var report = meeting.Agenda[1];
        Assert.Equal("2021 지역사회혁신계획 최종 수립 보고", report.Title);
        Assert.Equal("협치조정관", report.Lead);
        Assert.Equal(
            [
                "사업규모: 8.5억(시비, 협치기반조성 2.8억 + 전략사업 2억 + 일반사업 3.7억)",
                "1차 제출안 대비 주요 수정사항",
                "- 전체 사업예산 15% 감액 편성",
                "- 당산골 도로정비 사업 전액 감액 후 사업별 예산 조정",
            ],
            report.Content);
        var table = Assert.IsType<ContentTable>(report.Table);
        Assert.Equal(["연번", "구분", "사업명", "사업비(천원)", "주관부서"], table.Columns);
        Assert.Equal(7, table.Rows.Count);
        Assert.Equal(["1", "기반조성", "구민과 함께하는 민·관 협치 2.0", "280,000", "자치행정과"], table.Rows[0]);
        Assert.Equal(["7", "일반사업", "왁자지껄 나만의 생활상권 만들기", "100,000", "사회적경제과"], table.Rows[6]);
        Assert.All(table.Rows, row => Assert.Equal(5, row.Count));

        Assert.Equal("하반기 주요 협치사업 추진사항 공유", meeting.Agenda[2].Topic);
        Assert.Equal("2020 협치동아리 운영", meeting.Agenda[2].Title);
        Assert.Equal("하반기 주요 협치사업 추진사항 공유", meeting.Agenda[3].Topic);
        Assert.Equal("2020 협치랜선 주민교육 운영", meeting.Agenda[3].Title);
        Assert.Equal("[협치랜선교육] 사이트 구축을 통하여 협치관련 교육 제공", meeting.Agenda[3].Content[0]);
        Assert.Null(meeting.Agenda[4].Topic);
        Assert.Equal("2020 지역사회혁신계획 사업예산 변경 결정", meeting.Agenda[4].Title);
        Assert.Equal(2, meeting.Agenda[4].Content.Count);
        Assert.Empty(meeting.Agenda[5].Content);
        Assert.Equal("향후 협치회의 일정 안내", meeting.Agenda[6].Title);
    }

    [Fact]
    public void ReadFolder_Samples_ReadsTheThreeSubcommitteesOfTheReferenceInPathOrder()
    {
        var meetings = MeetingFileReader.ReadFolder(SamplesFolder);

        Assert.Equal(["ydp-2020-09-capacity", "ydp-2020-09-foundation", "ydp-2020-09-strategy"], meetings.Select(m => m.Id));
        Assert.Equal(["역량강화", "협치기반조성", "전략사업"], meetings.Select(m => m.Subcommittee));
        Assert.Equal(
            [
                new DateTimeOffset(2020, 9, 15, 10, 30, 0, TimeSpan.FromHours(9)),
                new DateTimeOffset(2020, 9, 14, 14, 0, 0, TimeSpan.FromHours(9)),
                new DateTimeOffset(2020, 9, 15, 14, 0, 0, TimeSpan.FromHours(9)),
            ],
            meetings.Select(m => m.Start));

        // The reference's participant line: 민간 "임채휘 외 3명", "김미순 외 6명", "조영윤 외 4명".
        Assert.Equal([4, 7, 5], meetings.Select(m => m.Participants.Count(p => p.Sector == Sector.Civil)));
        Assert.Equal(["임채휘", "김미순", "조영윤"], meetings.Select(m => m.Participants.First(p => p.Sector == Sector.Civil).Name));
        Assert.All(meetings, m => Assert.Equal(ParticipantRole.Chair, m.Participants.First(p => p.Sector == Sector.Civil).Role));
        Assert.All(meetings, m => Assert.Equal(
            ["지역협치팀장", "담당 주무관1", "담당 주무관2", "협치조정관", "협치지원관"],
            m.Participants.Where(p => p.Sector == Sector.Admin).Select(p => p.Name)));

        var strategy = meetings[2];
        Assert.All(meetings, m =>
        {
            Assert.Equal(strategy.Council, m.Council);
            Assert.Equal(strategy.Title, m.Title);
            Assert.Equal(strategy.Place, m.Place);
            Assert.Equal(strategy.Platform, m.Platform);
            Assert.Equal(strategy.Agenda.Select(a => (a.Section, a.Topic, a.Title, a.Minutes)), m.Agenda.Select(a => (a.Section, a.Topic, a.Title, a.Minutes)));
        });
    }

    [Fact]
    public void ReadFolder_SameIdInTwoFiles_NamesBothFiles()
    {
        using var folder = new TempFolder();
        var first = folder.Write("a.meeting.yaml", Valid);
        var second = folder.Write(Path.Combine("sub", "b.meeting.yaml"), "# copy\n" + Valid);
        folder.Write("ignored.yaml", "not: a meeting");

        var ex = Assert.Throws<MeetingBotException>(() => MeetingFileReader.ReadFolder(folder.Path));

        Assert.Equal(second, ex.File);
        Assert.Equal(2, ex.Line);
        Assert.Equal("id", ex.Field);
        Assert.Contains(first, ex.Message, StringComparison.Ordinal);
        Assert.Contains("ydp-test", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadFolder_FindsFilesInSubfoldersAndIgnoresOtherYaml()
    {
        using var folder = new TempFolder();
        folder.Write(Path.Combine("2020", "b.meeting.yaml"), Valid.Replace("id: ydp-test", "id: second", StringComparison.Ordinal));
        folder.Write("a.meeting.yaml", Valid);
        folder.Write("a.chat.yaml", "meeting: ydp-test");

        var meetings = MeetingFileReader.ReadFolder(folder.Path);

        Assert.Equal(["second", "ydp-test"], meetings.Select(m => m.Id));
    }

    [Fact]
    public void ReadFolder_MissingFolder_NamesTheFolder()
    {
        var missing = Path.Combine(Path.GetTempPath(), "meetingbot-missing-" + Guid.NewGuid().ToString("N"));

        var ex = Assert.Throws<MeetingBotException>(() => MeetingFileReader.ReadFolder(missing));

        Assert.Equal(missing, ex.File);
    }

    [Fact]
    public void Read_MissingFile_NamesTheFile()
    {
        var missing = Path.Combine(Path.GetTempPath(), "meetingbot-missing-" + Guid.NewGuid().ToString("N") + ".meeting.yaml");

        var ex = Assert.Throws<MeetingBotException>(() => MeetingFileReader.Read(missing));

        Assert.Equal(missing, ex.File);
        Assert.Null(ex.Line);
    }

    [Fact]
    public void Read_ErrorInFile_NamesThePathGiven()
    {
        using var folder = new TempFolder();
        var path = folder.Write("bad.meeting.yaml", With("    minutes: 15", "    minutes: 0"));

        var ex = Assert.Throws<MeetingBotException>(() => MeetingFileReader.Read(path));

        Assert.Equal(path, ex.File);
        Assert.Equal(23, ex.Line);
        Assert.Equal("agenda[2].minutes", ex.Field);
        Assert.Equal($"{path}:23: 'agenda[2].minutes' {ex.Message}", ex.Describe());
    }

    [Fact]
    public void Parse_MinimalFile_UsesDefaultsForOptionalFields()
    {
        var meeting = MeetingFileReader.Parse(Valid, FileName);

        Assert.Equal("", meeting.Place);
        Assert.Equal("", meeting.Platform);
        Assert.Null(meeting.JoinUrl);
        Assert.Null(meeting.Purpose);
        Assert.False(meeting.AttributeOpinions);
        Assert.Null(meeting.Agenda[0].Lead);
        Assert.Equal(new Participant("협치조정관", Sector.Admin, ParticipantRole.Staff), meeting.Participants[2]);
    }

    [Theory]
    [InlineData("id: ydp-test", "id: YDP_Test", 1, "id")]
    [InlineData("id: ydp-test", "id: ydp test", 1, "id")]
    [InlineData("id: ydp-test\n", "", 1, "id")]
    [InlineData("council: 영등포구협치회의\n", "", 1, "council")]
    [InlineData("subcommittee: 전략사업\n", "", 1, "subcommittee")]
    [InlineData("title: 분과회의(9월)\n", "", 1, "title")]
    [InlineData("title: 분과회의(9월)", "title:", 4, "title")]
    [InlineData("title: 분과회의(9월)", "title: \"  \"", 4, "title")]
    [InlineData("start: 2020-09-15T14:00:00+09:00\n", "", 1, "start")]
    [InlineData("timeZone: Asia/Seoul\n", "", 1, "timeZone")]
    [InlineData("start: 2020-09-15T14:00:00+09:00", "start: 2020-09-15T14:00:00", 5, "start")]
    [InlineData("start: 2020-09-15T14:00:00+09:00", "start: 2020-09-15 14:00:00+09:00", 5, "start")]
    [InlineData("start: 2020-09-15T14:00:00+09:00", "start: 2020-02-30T14:00:00+09:00", 5, "start")]
    [InlineData("start: 2020-09-15T14:00:00+09:00", "start: 9월 15일 오후 2시", 5, "start")]
    [InlineData("timeZone: Asia/Seoul", "timeZone: Asia/Pyeongtaek", 6, "timeZone")]
    [InlineData("timeZone: Asia/Seoul", "timeZone: 서울", 6, "timeZone")]
    [InlineData("timeZone: Asia/Seoul", "timeZone: Asia/Seoul\njoinUrl: meet.google.com/abc-defg-hij", 7, "joinUrl")]
    [InlineData("timeZone: Asia/Seoul", "timeZone: Asia/Seoul\njoinUrl: ftp://meet.google.com/abc", 7, "joinUrl")]
    [InlineData("timeZone: Asia/Seoul", "timeZone: Asia/Seoul\nattributeOpinions: 네", 7, "attributeOpinions")]
    [InlineData("title: 분과회의(9월)", "titel: 분과회의(9월)", 4, "titel")]
    [InlineData("title: 분과회의(9월)", "title: [분과회의, 9월]", 4, "title")]
    [InlineData("  - name: 박서연\n    sector: civil", "  - sector: civil", 12, "participants[2].name")]
    [InlineData("    sector: civil\n    role: member", "    role: member", 12, "participants[2].sector")]
    [InlineData("    role: member\n", "", 12, "participants[2].role")]
    [InlineData("    role: member", "    role: 위원", 14, "participants[2].role")]
    [InlineData("    role: member", "    role: Member", 14, "participants[2].role")]
    [InlineData("    sector: civil\n    role: member", "    sector: private\n    role: member", 13, "participants[2].sector")]
    [InlineData("  - name: 박서연", "  - name: 조영윤", 12, "participants[2].name")]
    [InlineData("chatUserId: u2", "chatUserId: u1", 15, "participants[2].chatUserId")]
    [InlineData("    chatUserId: u1", "    chatUserID: u1", 11, "participants[1].chatUserID")]
    [InlineData("  - { name: 협치조정관, sector: admin, role: staff }", "  - 협치조정관", 16, "participants[3]")]
    [InlineData("    minutes: 15", "    minutes: 0", 23, "agenda[2].minutes")]
    [InlineData("    minutes: 15", "    minutes: -5", 23, "agenda[2].minutes")]
    [InlineData("    minutes: 15", "    minutes: 1.5", 23, "agenda[2].minutes")]
    [InlineData("    minutes: 15", "    minutes: 열다섯", 23, "agenda[2].minutes")]
    [InlineData("    minutes: 15", "    minutes: 99999999999", 23, "agenda[2].minutes")]
    [InlineData("    minutes: 15", "    minutes: 1441", 23, "agenda[2].minutes")]
    [InlineData("    minutes: 15\n", "", 21, "agenda[2].minutes")]
    [InlineData("    title: 최종 수립 보고\n", "", 21, "agenda[2].title")]
    [InlineData("  - section: 회의진행\n    title", "  - title", 21, "agenda[2].section")]
    [InlineData("    minutes: 5", "    minutes: 5\n    leed: (부)분과장", 21, "agenda[1].leed")]
    [InlineData("    minutes: 5", "    minutes: 5\n    content: 한 줄짜리", 21, "agenda[1].content")]
    [InlineData("    minutes: 5", "    minutes: 5\n    content:\n      - 첫 줄\n      -\n", 23, "agenda[1].content[2]")]
    [InlineData("- [2, 영등포형 돌봄 네트워크 추진, \"150,000\"]", "- [2, 영등포형 돌봄 네트워크 추진]", 28, "agenda[2].table.rows[2]")]
    [InlineData("- [2, 영등포형 돌봄 네트워크 추진, \"150,000\"]", "- [2, 영등포형, 돌봄, \"150,000\"]", 28, "agenda[2].table.rows[2]")]
    [InlineData("- [2, 영등포형 돌봄 네트워크 추진, \"150,000\"]", "- 영등포형 돌봄 네트워크 추진", 28, "agenda[2].table.rows[2]")]
    [InlineData("      rows:", "      row:", 26, "agenda[2].table.row")]
    [InlineData("      columns: [연번, 사업명, 사업비(천원)]", "      columns: []", 25, "agenda[2].table.columns")]
    public void Parse_InvalidField_NamesFileLineAndField(string find, string replace, int line, string field)
    {
        var ex = Fails(With(find, replace));

        Assert.Equal(FileName, ex.File);
        Assert.Equal(line, ex.Line);
        Assert.Equal(field, ex.Field);
        Assert.False(string.IsNullOrWhiteSpace(ex.Message));
    }

    [Fact]
    public void Parse_MissingParticipantsOrAgenda_IsAnError()
    {
        var participantsAt = Valid.IndexOf("participants:", StringComparison.Ordinal);
        var agendaAt = Valid.IndexOf("agenda:", StringComparison.Ordinal);

        var noParticipants = Fails(Valid[..participantsAt] + Valid[agendaAt..]);
        var noAgenda = Fails(Valid[..agendaAt]);

        Assert.Equal((FileName, 1, "participants"), (noParticipants.File, noParticipants.Line, noParticipants.Field));
        Assert.Equal((FileName, 1, "agenda"), (noAgenda.File, noAgenda.Line, noAgenda.Field));
        Assert.Contains("'agenda'", noAgenda.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_EmptyAgenda_IsAnError()
    {
        var ex = Fails(Valid[..Valid.IndexOf("agenda:", StringComparison.Ordinal)] + "agenda: []\n");

        Assert.Equal((FileName, 17, "agenda"), (ex.File, ex.Line, ex.Field));
        Assert.Contains("안건", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_EmptyParticipants_IsAnError()
    {
        var ex = Fails(Valid[..Valid.IndexOf("participants:", StringComparison.Ordinal)]
            + "participants: []\nagenda: [{ section: 안내, title: 인사, minutes: 5 }]\n");

        Assert.Equal((FileName, 7, "participants"), (ex.File, ex.Line, ex.Field));
    }

    [Fact]
    public void Parse_UnknownRole_ListsTheAllowedRoles()
    {
        var ex = Fails(With("    role: member", "    role: 위원"));

        Assert.Contains("'위원'", ex.Message, StringComparison.Ordinal);
        foreach (var role in new[] { "chair", "vice-chair", "member", "staff", "observer" })
        {
            Assert.Contains(role, ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Parse_UnknownSector_ListsTheAllowedSectors()
    {
        var ex = Fails(With("    sector: civil\n    role: member", "    sector: 민간\n    role: member"));

        Assert.Contains("civil", ex.Message, StringComparison.Ordinal);
        Assert.Contains("admin", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MisspelledField_SuggestsTheFieldMeant()
    {
        var ex = Fails(With("timeZone: Asia/Seoul", "timezone: Asia/Seoul"));

        Assert.Equal((6, "timezone"), (ex.Line, ex.Field));
        Assert.Contains("'timeZone'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DuplicateParticipant_NamesTheFirstOne()
    {
        var ex = Fails(With("  - name: 박서연", "  - name: 조영윤"));

        Assert.Contains("participants[1]", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("council: 영등포구협치회의", "council: 영등포구: 협치회의", 2)]
    [InlineData("council: 영등포구협치회의", "council: \"영등포구협치회의", 2)]
    [InlineData("council: 영등포구협치회의", "council: 영등포구협치회의\ncouncil: 다른 회의", 3)]
    [InlineData("    sector: civil\n    role: member", "    sector: civil\n   role: member", 14)]
    public void Parse_MalformedYaml_NamesFileAndLine(string find, string replace, int line)
    {
        var ex = Fails(With(find, replace));

        Assert.Equal(FileName, ex.File);
        Assert.Equal(line, ex.Line);
        Assert.StartsWith("YAML 형식이 올바르지 않습니다", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("# 주석만 있음\n")]
    [InlineData("~\n")]
    public void Parse_EmptyFile_IsAnError(string yaml)
    {
        var ex = Fails(yaml);

        Assert.Equal((FileName, 1), (ex.File, ex.Line));
        Assert.Equal("파일이 비어 있습니다.", ex.Message);
    }

    [Fact]
    public void Parse_RootIsAList_IsAnError()
    {
        var ex = Fails("- id: ydp-test\n");

        Assert.Equal((FileName, 1, null), (ex.File, ex.Line, ex.Field));
    }

    [Fact]
    public void Parse_TwoDocuments_IsAnError()
    {
        var ex = Fails(Valid + "---\n" + Valid);

        Assert.Equal((FileName, 30), (ex.File, ex.Line));
    }

    [Fact]
    public void Parse_OptionalFields_AreRead()
    {
        var yaml = With("timeZone: Asia/Seoul", """
            timeZone: Asia/Seoul
            place: 구청 내 '카페틔움' 회의실
            platform: Google Meet
            joinUrl: https://meet.google.com/abc-defg-hij
            attributeOpinions: true
            purpose: |
              첫 줄
              둘째 줄


            """);
        yaml = With(yaml, "    minutes: 5", """
                minutes: 5
                lead: (부)분과장
                topic: 하반기 주요 협치사업 추진사항 공유
                content:
                  - 주민을 통해 발굴된 문제
                  - "- 하위 항목"
                  - 2021
            """);

        var meeting = MeetingFileReader.Parse(yaml, FileName);

        Assert.Equal("구청 내 '카페틔움' 회의실", meeting.Place);
        Assert.Equal("Google Meet", meeting.Platform);
        Assert.Equal("https://meet.google.com/abc-defg-hij", meeting.JoinUrl);
        Assert.True(meeting.AttributeOpinions);
        Assert.Equal("첫 줄\n둘째 줄", meeting.Purpose);
        Assert.Equal("(부)분과장", meeting.Agenda[0].Lead);
        Assert.Equal("하반기 주요 협치사업 추진사항 공유", meeting.Agenda[0].Topic);
        Assert.Equal(["주민을 통해 발굴된 문제", "- 하위 항목", "2021"], meeting.Agenda[0].Content);
    }

    [Fact]
    public void Parse_FoldedPurpose_JoinsLinesAsYamlDoes()
    {
        var meeting = MeetingFileReader.Parse(With("timeZone: Asia/Seoul", "timeZone: Asia/Seoul\npurpose: >\n  첫 줄\n  이어지는 줄\n"), FileName);

        Assert.Equal("첫 줄 이어지는 줄", meeting.Purpose);
    }

    [Fact]
    public void Parse_TableCells_BecomeTextAsWritten()
    {
        var meeting = MeetingFileReader.Parse(With("- [2, 영등포형 돌봄 네트워크 추진, \"150,000\"]", "- [02, ~, 150000]"), FileName);

        var table = Assert.IsType<ContentTable>(meeting.Agenda[1].Table);
        Assert.Equal(["1", "구민과 함께하는 민·관 협치 2.0", "280,000"], table.Rows[0]);
        Assert.Equal(["02", "", "150000"], table.Rows[1]);
    }

    [Fact]
    public void Parse_StartInAnotherOffset_KeepsTheInstantAndOffset()
    {
        var meeting = MeetingFileReader.Parse(With("start: 2020-09-15T14:00:00+09:00", "start: 2020-09-15T05:00:00Z"), FileName);

        Assert.Equal(new DateTimeOffset(2020, 9, 15, 14, 0, 0, TimeSpan.FromHours(9)), meeting.Start);
        Assert.Equal(TimeSpan.Zero, meeting.Start.Offset);
    }

    [Fact]
    public void Parse_OverLongText_IsKeptWhole()
    {
        var longText = string.Concat(Enumerable.Repeat("협치회의 의견 ", 1000));
        Assert.Equal(8000, longText.Length);

        var meeting = MeetingFileReader.Parse(With("timeZone: Asia/Seoul", $"timeZone: Asia/Seoul\npurpose: \"{longText}\""), FileName);

        Assert.Equal(longText, meeting.Purpose);
    }

    [Fact]
    public void Parse_MarkupXmlSpecialAndControlCharacters_AreKeptAsWritten()
    {
        var yaml = With("    title: 최종 수립 보고", "    title: \"<b>보고</b> & 'A' < \\\"B\\\" ]]> \\u0007\\u0000\\t끝\"");
        yaml = With(yaml, "    minutes: 5", "    minutes: 5\n    content: [\"<script>alert('x')</script>\", \"&amp; &lt;\"]");

        var meeting = MeetingFileReader.Parse(yaml, FileName);

        Assert.Equal("<b>보고</b> & 'A' < \"B\" ]]> \u0007\0\t끝", meeting.Agenda[1].Title);
        Assert.Equal(["<script>alert('x')</script>", "&amp; &lt;"], meeting.Agenda[0].Content);
    }

    [Fact]
    public void WithStart_MakesAnOccurrenceOfATemplate()
    {
        var template = MeetingFileReader.Parse(Valid, FileName);
        var start = new DateTimeOffset(2020, 10, 13, 14, 0, 0, TimeSpan.FromHours(9));

        var occurrence = MeetingFileReader.WithStart(template, start, "ydp-2020-10-strategy");

        Assert.Equal("ydp-2020-10-strategy", occurrence.Id);
        Assert.Equal(start, occurrence.Start);
        Assert.Same(template.Agenda, occurrence.Agenda);
        Assert.Same(template.Participants, occurrence.Participants);
    }

    [Fact]
    public void WithStart_BadId_IsAnError()
    {
        var template = MeetingFileReader.Parse(Valid, FileName);

        var ex = Assert.Throws<MeetingBotException>(() => MeetingFileReader.WithStart(template, template.Start, "Strategy 10월"));

        Assert.Equal("id", ex.Field);
    }

    private static MeetingBotException Fails(string yaml) =>
        Assert.Throws<MeetingBotException>(() => MeetingFileReader.Parse(yaml, FileName));

    private static string With(string find, string replace) => With(Valid, find, replace);

    private static string With(string yaml, string find, string replace)
    {
        var at = yaml.IndexOf(find, StringComparison.Ordinal);
        Assert.True(at >= 0 && yaml.IndexOf(find, at + 1, StringComparison.Ordinal) < 0, $"'{find}' must occur exactly once");
        return string.Concat(yaml.AsSpan(0, at), replace, yaml.AsSpan(at + find.Length));
    }
}
