using System.Text;
using MeetingBot.Calendar.Files;
using MeetingBot.Channels.Replay;
using MeetingBot.Core;
using MeetingBot.TestSupport;

namespace MeetingBot.Channels.Tests;

public sealed class ChatScriptReaderTests
{
    private const string FileName = "test.chat.yaml";

    private static readonly TimeSpan Kst = TimeSpan.FromHours(9);

    private static readonly MeetingDefinition Meeting = new()
    {
        Id = "ydp-test",
        Council = "영등포구협치회의",
        Subcommittee = "전략사업",
        Title = "분과회의(9월)",
        Start = new DateTimeOffset(2020, 9, 15, 14, 0, 0, Kst),
        TimeZoneId = "Asia/Seoul",
        Participants =
        [
            new("조영윤", Sector.Civil, ParticipantRole.Chair, "user-secret-1"),
            new("박서연", Sector.Civil, ParticipantRole.Member, "user-secret-2"),
            new("협치조정관", Sector.Admin, ParticipantRole.Staff),
        ],
        Agenda = [new AgendaItem { Index = 1, Section = "안내", Title = "참석자 소개 및 인사", Minutes = 5 }],
    };

    // Line numbers in the error tests below refer to this text.
    private const string Valid = """
        meeting: ydp-test
        messages:
          - { at: "14:00:05", from: 조영윤, text: /시작 }
          - id: m2
            at: "14:01"
            from: user-secret-2
            text: "#의견 첫 의견"
          - { id: m3, at: "2020-09-15T05:02:00Z", from: 박서연, edit: m2, text: "#의견 고친 의견" }
          - { id: m2, at: "14:02:30", from: 박서연, text: "#의견 첫 의견" }
          - { at: "14:03:00", from: 박서연, delete: m2 }
          - { at: "14:03:00", from: 협치조정관, text: 안녕하세요 }

        """;

    private static readonly string SamplesFolder = RepositoryFiles.PathOf("samples", "2020-09");

    [Fact]
    public void Parse_ValidScript_ReadsEveryMessageInOrder()
    {
        var script = Parse(Valid);

        Assert.Equal(FileName, script.FileName);
        Assert.Equal("ydp-test", script.MeetingId);
        Assert.Equal(["1", "m2", "m3", "m2", "5", "6"], script.Messages.Select(m => m.Id));
        Assert.Equal([3, 4, 8, 9, 10, 11], script.Messages.Select(m => m.Line));
        Assert.Equal(
            [
                new DateTimeOffset(2020, 9, 15, 14, 0, 5, Kst),
                new DateTimeOffset(2020, 9, 15, 14, 1, 0, Kst),
                new DateTimeOffset(2020, 9, 15, 14, 2, 0, Kst),
                new DateTimeOffset(2020, 9, 15, 14, 2, 30, Kst),
                new DateTimeOffset(2020, 9, 15, 14, 3, 0, Kst),
                new DateTimeOffset(2020, 9, 15, 14, 3, 0, Kst),
            ],
            script.Messages.Select(m => m.At));
        Assert.Equal(["조영윤", "박서연", "박서연", "박서연", "박서연", "협치조정관"], script.Messages.Select(m => m.From.Name));
        Assert.Same(Meeting.Participants[1], script.Messages[1].From);

        Assert.Equal(new ScriptMessage("1", new DateTimeOffset(2020, 9, 15, 14, 0, 5, Kst), Meeting.Participants[0], "/시작", null, null, 3), script.Messages[0]);
        Assert.Equal(("#의견 고친 의견", "m2", (string?)null), (script.Messages[2].Text, script.Messages[2].Edit, script.Messages[2].Delete));
        Assert.Equal(("", (string?)null, "m2"), (script.Messages[4].Text, script.Messages[4].Edit, script.Messages[4].Delete));
    }

    [Fact]
    public void Parse_RepeatedId_IsKeptAsARedelivery()
    {
        var script = Parse(Valid);

        var deliveries = script.Messages.Where(m => m.Id == "m2").ToList();
        Assert.Equal(2, deliveries.Count);
        Assert.Equal(deliveries[0].Text, deliveries[1].Text);
    }

    [Fact]
    public void Parse_LocalTime_IsOnTheMeetingsDateInTheMeetingsZone()
    {
        // 2020-09-14T23:30Z is already 09-15 08:30 in Seoul: "09:00" means 09-15, not the UTC date.
        var meeting = Meeting with { Start = new DateTimeOffset(2020, 9, 14, 23, 30, 0, TimeSpan.Zero) };

        var script = ChatScriptReader.Parse("meeting: ydp-test\nmessages:\n  - { at: \"09:00\", from: 조영윤, text: /시작 }\n", FileName, Find(meeting));

        Assert.Equal(new DateTimeOffset(2020, 9, 15, 9, 0, 0, Kst), script.Messages[0].At);
        Assert.Equal(Kst, script.Messages[0].At.Offset);
    }

    [Fact]
    public void Parse_LocalTimeInADaylightSavingZone_UsesThatDaysOffset()
    {
        var meeting = Meeting with { TimeZoneId = "Europe/Berlin", Start = new DateTimeOffset(2020, 10, 25, 9, 0, 0, TimeSpan.FromHours(1)) };

        var script = ChatScriptReader.Parse("meeting: ydp-test\nmessages:\n  - { at: \"09:00:00\", from: 조영윤, text: /시작 }\n", FileName, Find(meeting));

        Assert.Equal(new DateTimeOffset(2020, 10, 25, 9, 0, 0, TimeSpan.FromHours(1)), script.Messages[0].At);
    }

    [Fact]
    public void Parse_LocalTimeSkippedByDaylightSaving_IsAnError()
    {
        var meeting = Meeting with { TimeZoneId = "Europe/Berlin", Start = new DateTimeOffset(2021, 3, 28, 1, 0, 0, TimeSpan.FromHours(1)) };

        var ex = Assert.Throws<MeetingBotException>(() =>
            ChatScriptReader.Parse("meeting: ydp-test\nmessages:\n  - { at: \"02:30\", from: 조영윤, text: /시작 }\n", FileName, Find(meeting)));

        Assert.Equal((FileName, 3, "messages[1].at"), (ex.File, ex.Line, ex.Field));
    }

    [Theory]
    [InlineData("meeting: ydp-test", "meeting: ydp-unknown", 1, "meeting")]
    [InlineData("meeting: ydp-test\n", "", 1, "meeting")]
    [InlineData("meeting: ydp-test", "meeting: ydp-test\nmesages: []", 2, "mesages")]
    [InlineData("from: 조영윤, text: /시작", "from: 김철수, text: /시작", 3, "messages[1].from")]
    [InlineData("    from: user-secret-2", "    from: user-secret-9", 6, "messages[2].from")]
    [InlineData("    from: user-secret-2\n", "", 4, "messages[2].from")]
    [InlineData("    text: \"#의견 첫 의견\"\n", "", 4, "messages[2].text")]
    [InlineData("    text: \"#의견 첫 의견\"", "    text:", 7, "messages[2].text")]
    [InlineData("    text: \"#의견 첫 의견\"", "    txt: \"#의견 첫 의견\"", 7, "messages[2].txt")]
    [InlineData("    at: \"14:01\"\n", "", 4, "messages[2].at")]
    [InlineData("    at: \"14:01\"", "    at: \"오후 2시 1분\"", 5, "messages[2].at")]
    [InlineData("    at: \"14:01\"", "    at: \"25:01\"", 5, "messages[2].at")]
    [InlineData("    at: \"14:01\"", "    at: \"2020-09-15T14:01:00\"", 5, "messages[2].at")]
    [InlineData("    at: \"14:01\"", "    at: \"13:59\"", 5, "messages[2].at")]
    [InlineData("at: \"14:02:30\"", "at: \"14:01:59\"", 9, "messages[4].at")]
    [InlineData("edit: m2", "edit: m9", 8, "messages[3].edit")]
    [InlineData("edit: m2", "edit: m3", 8, "messages[3].edit")]
    [InlineData("edit: m2", "edit: m2, delete: m2", 8, "messages[3].delete")]
    [InlineData("delete: m2", "delete: m4", 10, "messages[5].delete")]
    [InlineData("  - id: m2\n", "  - id: \"\"\n", 4, "messages[2].id")]
    [InlineData("  - { at: \"14:03:00\", from: 협치조정관, text: 안녕하세요 }", "  - 안녕하세요", 11, "messages[6]")]
    public void Parse_InvalidMessage_NamesFileLineAndField(string find, string replace, int line, string field)
    {
        var ex = Assert.Throws<MeetingBotException>(() => Parse(With(find, replace)));

        Assert.Equal(FileName, ex.File);
        Assert.Equal(line, ex.Line);
        Assert.Equal(field, ex.Field);
        Assert.False(string.IsNullOrWhiteSpace(ex.Message));
    }

    [Fact]
    public void Parse_UnknownParticipant_NamesTheSenderButNoParticipantIds()
    {
        var ex = Assert.Throws<MeetingBotException>(() => Parse(With("from: 조영윤, text: /시작", "from: 김철수, text: /시작")));

        Assert.Contains("'김철수'", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("user-secret", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("박서연", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MessageEarlierThanThePreviousOne_NamesBothLines()
    {
        var ex = Assert.Throws<MeetingBotException>(() => Parse(With("at: \"14:02:30\"", "at: \"14:01:59\"")));

        Assert.Equal(9, ex.Line);
        Assert.Contains("8번째 줄", ex.Message, StringComparison.Ordinal);
        Assert.Contains("14:01:59", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MalformedYaml_NamesFileAndLine()
    {
        var ex = Assert.Throws<MeetingBotException>(() => Parse(With("text: \"#의견 고친 의견\" }", "text: \"#의견 고친 의견\"")));

        Assert.Equal(FileName, ex.File);
        Assert.Equal(9, ex.Line);
        Assert.StartsWith("YAML 형식이 올바르지 않습니다", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnquotedTag_IsAYamlCommentSoTheTextIsMissing()
    {
        var ex = Assert.Throws<MeetingBotException>(() => Parse(With("    text: \"#의견 첫 의견\"", "    text: #의견 첫 의견")));

        Assert.Equal((7, "messages[2].text"), (ex.Line, ex.Field));
    }

    [Fact]
    public void Parse_OverLongText_IsKeptWhole()
    {
        var longText = string.Concat(Enumerable.Repeat("협치회의 의견 ", 1000));
        Assert.Equal(8000, longText.Length);

        var script = Parse(With("text: 안녕하세요", $"text: \"{longText}\""));

        Assert.Equal(longText, script.Messages[^1].Text);
    }

    [Fact]
    public void Parse_MarkupXmlSpecialAndControlCharacters_AreKeptAsWritten()
    {
        var script = Parse(With("text: 안녕하세요", "text: \"#의견 <b>굵게</b> & <script>x</script> ]]> &amp; \\\"따옴표\\\" \\u0007\\u001b[31m\\t끝\""));

        Assert.Equal("#의견 <b>굵게</b> & <script>x</script> ]]> &amp; \"따옴표\" \u0007\u001b[31m\t끝", script.Messages[^1].Text);
    }

    [Fact]
    public void Read_MissingFile_NamesTheFile()
    {
        var missing = Path.Combine(Path.GetTempPath(), "meetingbot-missing-" + Guid.NewGuid().ToString("N") + ".chat.yaml");

        var ex = Assert.Throws<MeetingBotException>(() => ChatScriptReader.Read(missing, Find(Meeting)));

        Assert.Equal(missing, ex.File);
    }

    [Fact]
    public void Read_SamplesFolder_EveryReplayMatchesItsMeeting()
    {
        var meetings = MeetingFileReader.ReadFolder(SamplesFolder).ToDictionary(m => m.Id);
        var files = Directory.GetFiles(SamplesFolder, ChatScriptReader.FilePattern).Order(StringComparer.Ordinal).ToList();

        var scripts = files.Select(f => ChatScriptReader.Read(f, id => meetings.GetValueOrDefault(id))).ToList();

        Assert.Equal(["ydp-2020-09-capacity", "ydp-2020-09-foundation", "ydp-2020-09-strategy"], scripts.Select(s => s.MeetingId));
        Assert.Equal(files, scripts.Select(s => s.FileName));
        Assert.All(scripts, script =>
        {
            var meeting = meetings[script.MeetingId];
            Assert.Equal("/시작", script.Messages.First(m => m.Text.StartsWith('/')).Text);
            Assert.Equal("/종료", script.Messages[^1].Text);
            Assert.Equal(meeting.Agenda.Count - 1, script.Messages.Count(m => m.Text == "/다음" && m.From.CanRunMeeting));
            Assert.Contains(script.Messages, m => m.Text == "#결정 이견 없음");
            Assert.All(script.Messages, m => Assert.Equal(meeting.Start.Date, m.At.Date));
        });
    }

    public static TheoryData<string, byte[], string> BadLines => new()
    {
        { "\"/시작\"", Encoding.UTF8.GetBytes("!evil \"/시작\""), "태그 '!evil'" },
        { "\"/시작\"", Encoding.UTF8.GetBytes(new string('[', 100_000) + new string(']', 100_000)), "단계보다 깊게" },

        // Bytes no UTF-8 text holds, where the chair's name was.
        { "임채휘", [0xC0, 0xC1], "UTF-8" },
    };

    [Theory]
    [MemberData(nameof(BadLines))]
    public void Read_ASampleChatWithABadLine_IsRefusedAtThatLine_AsAMeetingFileWouldBe(string find, byte[] replacement, string says)
    {
        var meetings = MeetingFileReader.ReadFolder(SamplesFolder).ToDictionary(m => m.Id);
        var sample = File.ReadAllBytes(Path.Combine(SamplesFolder, "capacity.chat.yaml"));
        var at = sample.AsSpan().IndexOf(Encoding.UTF8.GetBytes(find));
        using var folder = new TempFolder();
        var path = folder.Write("capacity.chat.yaml", [.. sample[..at], .. replacement, .. sample[(at + Encoding.UTF8.GetByteCount(find))..]]);

        var ex = Assert.Throws<MeetingBotException>(() => ChatScriptReader.Read(path, id => meetings.GetValueOrDefault(id)));

        Assert.Equal(path, ex.File);
        Assert.Equal(10, ex.Line);
        Assert.Contains(says, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("foundation.chat.yaml", "김미순")]
    [InlineData("capacity.chat.yaml", "임채휘")]
    public void Read_AddedSample_HasTheChatQuirksAReplayMustExercise(string file, string chair)
    {
        var meetings = MeetingFileReader.ReadFolder(SamplesFolder).ToDictionary(m => m.Id);

        var script = ChatScriptReader.Read(Path.Combine(SamplesFolder, file), id => meetings.GetValueOrDefault(id));
        var messages = script.Messages;

        var tagged = messages.Where(m => m.Edit is null && (m.Text.StartsWith("#의견 ", StringComparison.Ordinal) || m.Text.StartsWith("#제안 ", StringComparison.Ordinal) || m.Text.StartsWith("#질문 ", StringComparison.Ordinal)));
        Assert.InRange(tagged.Select(m => m.Id).Distinct().Count(), 4, 6);
        Assert.Single(messages, m => m.Edit is not null);
        Assert.Single(messages.GroupBy(m => m.Id), g => g.Count() == 2);
        Assert.Single(messages, m => m.Text == "/연장 3");
        Assert.Contains(messages, m => !m.Text.StartsWith('/') && !m.Text.StartsWith('#'));

        // The decision falls under the budget-change item: after the fourth /다음, before the fifth.
        var steps = messages.Select((m, i) => (m, i)).Where(x => x.m.Text == "/다음").Select(x => x.i).ToList();
        var decision = messages.ToList().FindIndex(m => m.Text == "#결정 이견 없음");
        Assert.InRange(decision, steps[3] + 1, steps[4] - 1);
        Assert.Equal("2020 지역사회혁신계획 사업예산 변경 결정", meetings[script.MeetingId].Agenda[4].Title);

        Assert.All(messages.Where(m => m.Text.StartsWith('/')), m => Assert.Equal(chair, m.From.Name));
    }

    private static ChatScript Parse(string yaml) => ChatScriptReader.Parse(yaml, FileName, Find(Meeting));

    private static Func<string, MeetingDefinition?> Find(MeetingDefinition meeting) => id => id == meeting.Id ? meeting : null;

    private static string With(string find, string replace)
    {
        var at = Valid.IndexOf(find, StringComparison.Ordinal);
        Assert.True(at >= 0 && Valid.IndexOf(find, at + 1, StringComparison.Ordinal) < 0, $"'{find}' must occur exactly once");
        return string.Concat(Valid.AsSpan(0, at), replace, Valid.AsSpan(at + find.Length));
    }
}
