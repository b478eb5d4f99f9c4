using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using MeetingBot.Core;
using MeetingBot.Host.Services;
using Microsoft.Extensions.DependencyInjection;

namespace MeetingBot.Host.Tests.Staff;

/// <summary>
/// SPEC §6: a minute figure always matches the times printed beside it, with one rule in the chat's <c>/안건</c>, the
/// report and the staff page. A meeting that starts late, pauses and goes back to an item, played through the host.
/// </summary>
public sealed partial class SameMinutesEverywhereTests : IDisposable
{
    private readonly HostWork _work = HostWork.WithSharedSample();

    public void Dispose() => _work.Dispose();

    /// <summary>One agenda item's times as one surface prints them.</summary>
    private sealed record Printed(int Index, string Planned, string? Actual, int? Used, int Paused);

    private static DateTimeOffset At(int hour, int minute, int second) => new(2020, 9, 15, hour, minute, second, TimeSpan.FromHours(9));

    [Fact]
    public async Task TheChatTheReportAndTheStaffPage_PrintTheSameMinutesForTheSameTimes()
    {
        await using var host = new StaffHost(_work);
        await host.ReplaySampleAsync(until: m => m.Text == "/시작");
        var processor = host.Services.GetRequiredService<ChatInputProcessor>();
        var script = new (DateTimeOffset At, string Text)[]
        {
            (At(14, 2, 40), "/시작"),
            (At(14, 6, 30), "/다음"),
            (At(14, 9, 10), "/일시정지"),
            (At(14, 12, 50), "/재개"),
            (At(14, 20, 20), "/다음"),
            (At(14, 22, 45), "/이전"),
            (At(14, 25, 5), "/이동 4"),
            (At(14, 31, 30), "/종료"),
            (At(14, 31, 40), "/안건"),
        };
        EngineResult? last = null;
        for (var i = 0; i < script.Length; i++)
        {
            host.Clock.SetUtcNow(script[i].At);
            last = await processor.ProcessAsync(host.Say(script[i].Text, $"same-{i}"), CancellationToken.None);
        }

        await host.WaitForDeliveryAsync(d => d.Status == DeliveryStatus.Notified);
        using var client = host.StaffClient();
        var markdown = await client.GetStringAsync(new Uri($"/api/meetings/{StaffHost.MeetingId}/report?format=md", UriKind.Relative));
        var page = await client.GetStringAsync(new Uri($"/staff/meetings/{StaffHost.MeetingId}", UriKind.Relative));

        var chat = FromChat(Assert.Single(last!.Messages).Text);
        var report = FromReport(Regex.Matches(markdown.Replace("\\", "", StringComparison.Ordinal), @"^\|(.*)\|$", RegexOptions.Multiline)
            .Select(m => m.Groups[1].Value.Split('|').Select(c => c.Trim()).ToArray()));
        var staff = FromReport(HtmlRow().Matches(page)
            .Select(m => HtmlCell().Matches(m.Value).Select(c => WebUtility.HtmlDecode(c.Groups[1].Value)).ToArray()));

        Assert.Equal(7, chat.Count);
        Assert.Equal(chat, report);
        Assert.Equal(chat, staff);

        // The plan is the meeting's (14:00), not the late start's; item 2 was paused 3:40 and visited twice.
        Assert.Equal(new Printed(1, "14:00~14:05 (5')", "14:02~14:06", 4, 0), chat[0]);
        Assert.Equal(new Printed(2, "14:05~14:20 (15')", "14:06~14:20, 14:22~14:25", 14, 3), chat[1]);
        Assert.Equal(new Printed(3, "14:20~14:25 (5')", "14:20~14:22", 2, 0), chat[2]);
        Assert.Equal(new Printed(4, "14:25~14:30 (5')", "14:25~14:31", 6, 0), chat[3]);
        Assert.Equal(new Printed(5, "14:30~14:35 (5')", null, null, 0), chat[4]);
        foreach (var item in chat)
        {
            Assert.Equal(Minutes(item.Planned[..11]), int.Parse(item.Planned[13..^2], CultureInfo.InvariantCulture));
            if (item.Actual is not null)
            {
                Assert.Equal(item.Actual.Split(", ").Sum(Minutes) - item.Paused, item.Used);
            }
        }

        // The one overrun (item 4: 6' of 5') carries the same figure in the report and in the notice to staff.
        Assert.Contains("※ 4. 2020 협치랜선 주민교육 운영: 예정보다 1' 초과", markdown.Replace("\\", "", StringComparison.Ordinal));
        Assert.Contains("시간 초과: 4. 2020 협치랜선 주민교육 운영 1' 초과", Assert.Single(host.StaffGateway.Sent).Text);
    }

    /// <summary>Minutes between the printed times of <c>HH:mm~HH:mm</c>.</summary>
    private static int Minutes(string range)
    {
        var from = TimeSpan.ParseExact(range[..5], @"hh\:mm", CultureInfo.InvariantCulture);
        var to = TimeSpan.ParseExact(range[6..11], @"hh\:mm", CultureInfo.InvariantCulture);
        return (int)(to - from).TotalMinutes;
    }

    /// <summary><c>✔ 2. [회의진행] 제목 — 14:05~14:20 (15') 진행 · 실제 14:06~14:20, 14:22~14:25 (14', 일시정지 3')</c></summary>
    private static List<Printed> FromChat(string agenda) =>
    [
        .. ChatLine().Matches(agenda).Select(m => new Printed(
            int.Parse(m.Groups["index"].Value, CultureInfo.InvariantCulture),
            m.Groups["planned"].Value,
            m.Groups["actual"].Success ? m.Groups["actual"].Value : null,
            m.Groups["used"].Success ? int.Parse(m.Groups["used"].Value, CultureInfo.InvariantCulture) : null,
            m.Groups["paused"].Success ? int.Parse(m.Groups["paused"].Value, CultureInfo.InvariantCulture) : 0)),
    ];

    /// <summary>The rows of 붙임 시간 운영 결과: <c>2. 제목 | 14:05~14:20 (15') | 14:06~14:20, 14:22~14:25 (일시정지 3') | 14' | -1'</c></summary>
    private static List<Printed> FromReport(IEnumerable<string[]> rows) =>
    [
        .. rows.Where(r => r.Length == 5 && ItemTitle().IsMatch(r[0])).Select(r =>
        {
            var actual = ActualCell().Match(r[2]);
            return new Printed(
                int.Parse(ItemTitle().Match(r[0]).Groups[1].Value, CultureInfo.InvariantCulture),
                r[1],
                r[2] == "진행 안 함" ? null : actual.Groups["actual"].Value,
                r[3] == "-" ? null : int.Parse(r[3].TrimEnd('\''), CultureInfo.InvariantCulture),
                actual.Groups["paused"].Success ? int.Parse(actual.Groups["paused"].Value, CultureInfo.InvariantCulture) : 0);
        }),
    ];

    [GeneratedRegex(@"^(?:[▶✔] )?(?<index>\d+)\. \[[^\]]+\] .+? — (?<planned>\d\d:\d\d~\d\d:\d\d \(\d+'\))[^·\n]*(?: · 실제 (?<actual>[0-9:~, ]+?)(?: \((?<used>\d+)'(?:, 일시정지 (?<paused>\d+)')?\))?)?(?: \(연장 \d+분\))?$", RegexOptions.Multiline)]
    private static partial Regex ChatLine();

    [GeneratedRegex(@"^(?<actual>[0-9:~, ]+?)(?: \(일시정지 (?<paused>\d+)'\))?$")]
    private static partial Regex ActualCell();

    [GeneratedRegex(@"^(\d+)\. ")]
    private static partial Regex ItemTitle();

    [GeneratedRegex("<tr>.*?</tr>", RegexOptions.Singleline)]
    private static partial Regex HtmlRow();

    [GeneratedRegex("<t[dh][^>]*>(.*?)</t[dh]>", RegexOptions.Singleline)]
    private static partial Regex HtmlCell();
}
