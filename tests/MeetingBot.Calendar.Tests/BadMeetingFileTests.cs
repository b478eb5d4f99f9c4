using System.Text;
using MeetingBot.Calendar.Files;
using MeetingBot.Core;
using MeetingBot.TestSupport;

namespace MeetingBot.Calendar.Tests;

/// <summary>
/// Files that used to crash or quietly mislead the reader (issue 11): each is now a Korean <c>파일:줄: …</c> error
/// naming the line, and nothing else escapes — no YamlDotNet exception, no stack overflow, no memory blow-up.
/// </summary>
public sealed class BadMeetingFileTests
{
    [Theory]
    [MemberData(nameof(BadMeetingFiles.Names), MemberType = typeof(BadMeetingFiles))]
    public void ABrokenSample_IsAKoreanErrorNamingFileAndLine(string name)
    {
        var bad = BadMeetingFiles.Named[name]();
        using var folder = new TempFolder();
        var path = folder.Write("capacity.meeting.yaml", bad.Bytes);

        var ex = Assert.Throws<MeetingBotException>(() => MeetingFileReader.Read(path));

        Assert.Equal(path, ex.File);
        Assert.Equal(bad.Line, ex.Line);
        Assert.Contains(bad.Says, ex.Message, StringComparison.Ordinal);
        Assert.StartsWith($"{path}:{bad.Line}: ", ex.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnclosedBracket_ThatYamlDotNetCannotReport_IsNamedWhereItWasOpened()
    {
        const string Columns = "      columns: [연번, 구분, 사업명, 사업비(천원), 주관부서]";

        var ex = Assert.Throws<MeetingBotException>(() => MeetingFileReader.Parse(BadMeetingFiles.Sample.Replace(Columns, Columns.TrimEnd(']'), StringComparison.Ordinal), "t.meeting.yaml"));

        Assert.Equal(42, ex.Line);
        Assert.Contains("연 '['이(가) 닫히지 않았습니다", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NestingOneLevelPastTheLimit_IsRefused_AtTheLimit_ItIsReadOn()
    {
        // The root mapping is the first level: a list 31 deep under it makes 32, the limit.
        var over = Assert.Throws<MeetingBotException>(() => MeetingFileReader.Parse(Encoding.UTF8.GetString(BadMeetingFiles.Deep(32).Bytes), "deep.meeting.yaml"));
        var at = Assert.Throws<MeetingBotException>(() => MeetingFileReader.Parse(Encoding.UTF8.GetString(BadMeetingFiles.Deep(31).Bytes), "deep.meeting.yaml"));

        Assert.Contains("32단계", over.Message, StringComparison.Ordinal);
        Assert.Equal("platform", at.Field);
    }

    [Theory]
    [InlineData("platform: Google Meet", "platform: !!str Google Meet", 12, "태그 '!!str'")]
    [InlineData("platform: Google Meet", "platform: ! Google Meet", 12, "태그 '!'")]
    [InlineData("platform: Google Meet", "platform: !<tag:example.com,2020:x> Google Meet", 12, "태그 'tag:example.com,2020:x'")]
    [InlineData("place: 구청", "place: *nowhere\nx: 구청", 11, "'*nowhere'")]
    [InlineData("place: 구청", "place: &self [ *self ]\nx: 구청", 11, "'*self'")]
    public void EveryTag_AndAnAliasWithoutAFinishedAnchor_AreRefusedAtTheirLine(string find, string replace, int line, string says)
    {
        var ex = Assert.Throws<MeetingBotException>(() => MeetingFileReader.Parse(BadMeetingFiles.Sample.Replace(find, replace, StringComparison.Ordinal), "t.meeting.yaml"));

        Assert.Equal(line, ex.Line);
        Assert.Contains(says, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AThousandAliases_AreRead_OneMore_IsRefusedWhereItStands()
    {
        static string WithAliases(int count) => BadMeetingFiles.Sample.Replace(
            "      - \"1차 제출안 대비 주요 수정사항\"",
            "      - &bullet \"1차 제출안 대비 주요 수정사항\"\n" + string.Join("\n", Enumerable.Repeat("      - *bullet", count)),
            StringComparison.Ordinal);

        var read = MeetingFileReader.Parse(WithAliases(1000), "a.meeting.yaml");
        var ex = Assert.Throws<MeetingBotException>(() => MeetingFileReader.Parse(WithAliases(1001), "a.meeting.yaml"));

        Assert.Equal(1001, read.Agenda[1].Content.Count(c => c == "1차 제출안 대비 주요 수정사항"));
        Assert.Equal(38 + 1001, ex.Line);
        Assert.Contains("1000개", ex.Message, StringComparison.Ordinal);
    }
}
