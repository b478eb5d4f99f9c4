using System.Reflection;
using MeetingBot.TestSupport;
using Microsoft.Extensions.Logging;

namespace MeetingBot.Host.Tests;

/// <summary>
/// Each project logs within its own range of event ids, written in its README, so a log line's id says where it came
/// from and two classes never share one (the scheduler and the report delivery once both used 400–408).
/// </summary>
public sealed class EventIdTests
{
    /// <summary>The ranges, as each project's README states them.</summary>
    public static TheoryData<string, int, int> Ranges => new()
    {
        { "MeetingBot.Host", 100, 699 },
        { "MeetingBot.Reports", 700, 999 },
        { "MeetingBot.Core", 1000, 1099 },
        { "MeetingBot.Storage", 1100, 1199 },
        { "MeetingBot.Calendar", 3000, 3999 },
        { "MeetingBot.Channels", 4000, 4999 },
    };

    [Theory]
    [MemberData(nameof(Ranges))]
    public void EveryLoggerMessage_HasAnIdInItsProjectsRange(string project, int first, int last)
    {
        var outside = LoggerMessages(AssemblyOf(project))
            .Where(m => m.Id < first || m.Id > last)
            .Select(m => $"{m.Where}: {m.Id}")
            .ToList();

        Assert.True(outside.Count == 0, $"{project} logs within {first}–{last}; outside it:\n" + string.Join('\n', outside));
    }

    [Theory]
    [MemberData(nameof(Ranges))]
    public void EachProjectReadme_WritesDownItsRange(string project, int first, int last)
    {
        var readme = File.ReadAllText(RepositoryFiles.PathOf("src", project, "README.md"));

        Assert.Contains($"이벤트 ID {first}–{last}", readme, StringComparison.Ordinal);
    }

    [Fact]
    public void NoTwoLoggerMessages_ShareAnId_AcrossAllProjects()
    {
        var all = Ranges.Select(r => (string)r[0]).SelectMany(p => LoggerMessages(AssemblyOf(p))).ToList();
        var shared = all
            .GroupBy(m => m.Id)
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(m => m.Where))}")
            .ToList();

        Assert.NotEmpty(all);
        Assert.True(shared.Count == 0, "event ids used twice:\n" + string.Join('\n', shared));
    }

    [Fact]
    public void TheRanges_DoNotOverlap()
    {
        var ranges = Ranges.Select(r => (First: (int)r[1], Last: (int)r[2])).OrderBy(r => r.First).ToList();

        Assert.All(ranges.Zip(ranges.Skip(1)), pair => Assert.True(pair.First.Last < pair.Second.First, $"{pair.First} overlaps {pair.Second}"));
    }

    // The host's assembly is named after its command (meetingbot), so each project is found by a type of its own.
    private static Assembly AssemblyOf(string project) => project switch
    {
        "MeetingBot.Host" => typeof(Program).Assembly,
        "MeetingBot.Reports" => typeof(Reports.ReportBuilder).Assembly,
        "MeetingBot.Core" => typeof(Core.MeetingDefinition).Assembly,
        "MeetingBot.Storage" => typeof(Storage.SqliteMeetingStore).Assembly,
        "MeetingBot.Calendar" => typeof(Calendar.CalendarOptions).Assembly,
        "MeetingBot.Channels" => typeof(Channels.GoogleChat.GoogleChatMapper).Assembly,
        _ => throw new ArgumentOutOfRangeException(nameof(project), project, null),
    };

    private static IEnumerable<(int Id, string Where)> LoggerMessages(Assembly assembly) =>
        assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Select(m => (Method: m, Attribute: m.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(x => x.Attribute is not null)
            .Select(x => (x.Attribute!.EventId, $"{x.Method.DeclaringType!.FullName}.{x.Method.Name}"));
}
