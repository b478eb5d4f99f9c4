using MeetingBot.Channels.Transcripts;
using MeetingBot.Core;
using MeetingBot.TestSupport;

namespace MeetingBot.Channels.Tests.Transcripts;

public sealed class TranscriptFilesTests
{
    [Fact]
    public void TheSeptemberSample_HasATranscriptAndAttendanceBesideTheStrategyChat()
    {
        var transcript = TranscriptFiles.ReadBeside(Path.Combine(RepositoryFiles.Samples, "strategy.chat.yaml"), null);

        Assert.NotNull(transcript);
        Assert.Equal(8, transcript.Cues.Count);
        Assert.Equal(new DateTimeOffset(2020, 9, 15, 14, 9, 40, TimeSpan.FromHours(9)), transcript.Cues.Single(c => c.Id == "s-3").Start);
        Assert.Equal(10, transcript.Attendance.Count);
    }

    [Fact]
    public void AChatWithoutFilesBesideIt_HasNoTranscript() =>
        Assert.Null(TranscriptFiles.ReadBeside(Path.Combine(RepositoryFiles.Samples, "capacity.chat.yaml"), null));

    [Fact]
    public void BothAVttAndAJsonTranscript_IsAnError()
    {
        using var folder = new TempFolder();
        File.WriteAllText(Path.Combine(folder.Path, "m.transcript.vtt"), "WEBVTT\n");
        File.WriteAllText(Path.Combine(folder.Path, "m.transcript.json"), """{ "transcriptEntries": [] }""");

        var error = Assert.Throws<MeetingBotException>(() => TranscriptFiles.ReadBeside(Path.Combine(folder.Path, "m.chat.yaml"), null));

        Assert.Contains("하나만", error.Message, StringComparison.Ordinal);
    }
}
