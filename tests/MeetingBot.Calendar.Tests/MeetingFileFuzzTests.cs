using System.Text.RegularExpressions;
using MeetingBot.Calendar.Files;
using MeetingBot.Core;
using MeetingBot.TestSupport;

namespace MeetingBot.Calendar.Tests;

/// <summary>
/// Hundreds of variants of the three sample meeting files, from a fixed seed so a failure repeats (the variant's name
/// says which edits made it): the reader reads each or rejects it with a Korean <c>파일:줄: …</c> message, and nothing
/// else — no other exception, no hang, no crash of the test process.
/// </summary>
public sealed partial class MeetingFileFuzzTests
{
    private const int Count = 300;

    /// <summary>Far beyond the milliseconds a variant takes; only a hang reaches it.</summary>
    private static readonly TimeSpan Watchdog = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task EveryVariant_IsReadOrRejectedWithAKoreanFileAndLineMessage()
    {
        using var folder = new TempFolder();
        var rejected = 0;
        foreach (var (name, bytes) in BadMeetingFiles.Mutations(BadMeetingFiles.FuzzSeed, Count))
        {
            var path = folder.Write("variant.meeting.yaml", bytes);
            try
            {
                await Task.Run(() => MeetingFileReader.Read(path)).WaitAsync(Watchdog);
            }
            catch (MeetingBotException ex)
            {
                rejected++;
                Assert.True(ex.File == path && ex.Line >= 1, $"{name}: no file and line in '{ex.Describe()}'");
                Assert.StartsWith($"{path}:{ex.Line}: ", ex.Describe(), StringComparison.Ordinal);
                Assert.True(Hangul().IsMatch(ex.Message), $"{name}: not Korean: '{ex.Message}'");
            }
            catch (TimeoutException)
            {
                Assert.Fail($"{name}: no answer within {Watchdog.TotalSeconds} s");
            }
            catch (Exception ex) when (ex is not Xunit.Sdk.XunitException)
            {
                Assert.Fail($"{name}: {ex}");
            }
        }

        // Most edits break a file; a fuzz that broke few would test little.
        Assert.True(rejected > Count / 2, $"only {rejected} of {Count} variants were rejected");
    }

    [GeneratedRegex(@"\p{IsHangulSyllables}")]
    private static partial Regex Hangul();
}
