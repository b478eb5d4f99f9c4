using MeetingBot.Channels.Transcripts;
using MeetingBot.Core;

namespace MeetingBot.Channels.Tests.Transcripts;

/// <summary>WebVTT as Teams, Meet exports and hand-made files write it.</summary>
public sealed class WebVttReaderTests
{
    private static readonly DateTimeOffset MeetingStart = new(2020, 9, 15, 14, 0, 10, TimeSpan.FromHours(9));

    [Fact]
    public void ATeamsTranscript_GivesCueIdsSpeakersAndInstantsFromTheMeetingStart()
    {
        const string vtt = "\uFEFFWEBVTT\r\n\r\n"
            + "4f5c1a2b-1/18-0\r\n00:05:01.250 --> 00:05:04.900\r\n<v 박서연 위원>동아리원 모집할 때</v>\r\n\r\n"
            + "4f5c1a2b-1/19-0\r\n00:05:05.000 --> 00:05:09.000\r\n<v 박서연 위원>영등포에서 일하는 분들도 &amp; 직장인도</v>\r\n";

        var cues = WebVttReader.Read(vtt, "strategy.transcript.vtt", MeetingStart);

        Assert.Equal(["4f5c1a2b-1/18-0", "4f5c1a2b-1/19-0"], cues.Select(c => c.Id));
        Assert.All(cues, c => Assert.Equal("박서연 위원", c.SpeakerName));
        Assert.Equal(MeetingStart.AddMinutes(5).AddSeconds(1.25), cues[0].Start);
        Assert.Equal(MeetingStart.AddMinutes(5).AddSeconds(4.9), cues[0].End);
        Assert.Equal("영등포에서 일하는 분들도 & 직장인도", cues[1].Text);
    }

    [Fact]
    public void ANoteStartLine_IsTheInstantCueTimesCountFrom_AndOtherNotesAreSkipped()
    {
        const string vtt = """
            WEBVTT - 전략사업 분과

            NOTE
            녹취: 협치지원관
            start=2020-09-15T14:00:00+09:00

            NOTE 두 번째 메모는
            cue가 아닙니다 --> 정말로

            0:6:2.5 --> 0:6:4.0
            <v.loud 이준호>예산 감액 폭이
            너무 큽니다
            """;

        var cue = WebVttReader.Read(vtt, "a.vtt", MeetingStart).Single();

        Assert.Equal(new DateTimeOffset(2020, 9, 15, 14, 6, 2, 500, TimeSpan.FromHours(9)), cue.Start);
        Assert.Equal("이준호", cue.SpeakerName);
        Assert.Equal("예산 감액 폭이 너무 큽니다", cue.Text);
        Assert.Equal("vtt-1", cue.Id);
    }

    [Fact]
    public void MinuteSecondTimes_AndCuesWithoutAVoiceTag_AreRead()
    {
        const string vtt = "WEBVTT\n\nSTYLE\n::cue { color: yellow }\n\n01:02.000 --> 01:03,500 align:start\n<c.blue>말만</c> 있는 cue\n";

        var cue = WebVttReader.Read(vtt, "a.vtt", MeetingStart).Single();

        Assert.Equal("", cue.SpeakerName);
        Assert.Equal("말만 있는 cue", cue.Text);
        Assert.Equal(MeetingStart.AddSeconds(62), cue.Start);
        Assert.Equal(MeetingStart.AddSeconds(63.5), cue.End);
    }

    [Theory]
    [InlineData("WEBVT\n\n00:00.000 --> 00:01.000\n<v 가>말\n", 1, "WEBVTT")]
    [InlineData("WEBVTT\n\n1\n00:00.000 -> 00:01.000\n<v 가>말\n", 4, "cue 시각 줄")]
    [InlineData("WEBVTT\n\n00:00:09.000 --> 00:00:01.000\n<v 가>말\n", 3, "끝 시각")]
    [InlineData("WEBVTT\n\nNOTE start=2020-09-15T14:00:00\n\n00:00.000 --> 00:01.000\n<v 가>말\n", 3, "시차")]
    [InlineData("WEBVTT\n\nx\n00:00.000 --> 00:01.000\n<v 가>말\n\nx\n00:02.000 --> 00:03.000\n<v 가>말\n", 7, "두 번")]
    [InlineData("WEBVTT\n\n00:00.000 --> 00:01.000\n<v 가></v>\n", 3, "말이 없습니다")]
    public void ABadFile_IsAKoreanErrorNamingTheFileAndLine(string vtt, int line, string says)
    {
        var error = Assert.Throws<MeetingBotException>(() => WebVttReader.Read(vtt, "strategy.transcript.vtt", MeetingStart));

        Assert.Equal("strategy.transcript.vtt", error.File);
        Assert.Equal(line, error.Line);
        Assert.Contains(says, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutANoteStartOrAMeetingStart_TheFileSaysWhatIsMissing()
    {
        var error = Assert.Throws<MeetingBotException>(() => WebVttReader.Read("WEBVTT\n\n00:00.000 --> 00:01.000\n<v 가>말\n", "a.vtt", null));

        Assert.Contains("NOTE start=", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, error.Line);
    }
}
