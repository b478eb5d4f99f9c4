using MeetingBot.Calendar.Files;
using MeetingBot.Core;
using MeetingBot.Host.Cli;
using MeetingBot.TestSupport;
using MeetingBot.TestSupport.Documents;

namespace MeetingBot.Host.Tests.Cli;

/// <summary>
/// <c>meetingbot simulate</c> as its own process, on the repository's sample with one meeting file broken: exit code 2
/// and the Korean <c>오류: 파일:줄: …</c> line, no stack trace and no report. In-process runs cannot show this: a stack
/// overflow or an out-of-memory ends the process before any handler runs.
/// </summary>
public sealed class SimulateProcessTests : CliTest
{
    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromMinutes(2);

    [Theory]
    [MemberData(nameof(BadMeetingFiles.Names), MemberType = typeof(BadMeetingFiles))]
    public void ABrokenMeetingFile_Exits2_WithOneKoreanFileAndLineError(string name)
    {
        var bad = BadMeetingFiles.Named[name]();
        var (dir, meetingFile) = SampleWithCapacity(bad.Bytes);

        var (code, stdout, stderr) = Simulate(dir);

        Assert.True(code == CommandLine.BadInput, $"exit {code}\n{stdout}\n{stderr}");
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"오류: {meetingFile}:{bad.Line}: ", line, StringComparison.Ordinal);
        Assert.Contains(bad.Says, line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(Work, "out")));
    }

    [Fact]
    public void FuzzedMeetingFilesTheReaderRejects_Exit2_WithTheReadersError()
    {
        var checkedRuns = 0;
        foreach (var (name, bytes) in BadMeetingFiles.Mutations(BadMeetingFiles.FuzzSeed, 40))
        {
            var (dir, meetingFile) = SampleWithCapacity(bytes);
            MeetingBotException expected;
            try
            {
                MeetingFileReader.Read(meetingFile);
                continue;
            }
            catch (MeetingBotException ex)
            {
                expected = ex;
            }

            var (code, _, stderr) = Simulate(dir);

            Assert.True(code == CommandLine.BadInput, $"{name}: exit {code}\n{stderr}");
            Assert.Equal($"오류: {expected.Describe()}", stderr.TrimEnd('\n'));
            if (++checkedRuns == 3)
            {
                return;
            }
        }

        Assert.Fail($"only {checkedRuns} of 40 variants were rejected");
    }

    /// <summary>A fresh copy of samples/2020-09 whose 역량강화 meeting file is <paramref name="meetingFile"/>.</summary>
    private (string Dir, string MeetingFile) SampleWithCapacity(byte[] meetingFile)
    {
        var dir = Path.Combine(Work, "in-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        foreach (var file in Directory.GetFiles(BadMeetingFiles.SampleFolder))
        {
            File.Copy(file, Path.Combine(dir, Path.GetFileName(file)));
        }

        var path = Path.Combine(dir, "capacity.meeting.yaml");
        File.WriteAllBytes(path, meetingFile);
        return (dir, path);
    }

    /// <summary>The built <c>meetingbot</c> run by the same <c>dotnet</c> that runs the tests.</summary>
    private (int Code, string Stdout, string Stderr) Simulate(string dir) => ExternalTool.Execute(
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet",
        [typeof(CommandLine).Assembly.Location, "simulate", dir, "--out", Path.Combine(Work, "out")],
        ProcessTimeout);
}
