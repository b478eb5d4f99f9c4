using MeetingBot.Core;

namespace MeetingBot.Reports.Tests.Layout;

/// <summary>Reports of several 분과 meetings, written out as data, for what the layout makes of them.</summary>
internal static class CombinedReports
{
    public static readonly ContentTable Budget = new(["연번", "사업명", "사업비(천원)"], [["1", "구민과 함께하는 민·관 협치 2.0", "280,000"]]);

    public static ReportMeeting Meeting(string id, string subcommittee, int day) => new()
    {
        Id = id,
        Council = "영등포구협치회의",
        Subcommittee = subcommittee,
        Title = "영등포구협치회의 분과회의(9월)",
        TimeZoneId = "Asia/Seoul",
        Start = new DateTimeOffset(2020, 9, day, 14, 0, 0, TimeSpan.FromHours(9)),
        Place = "구청 내 '카페틔움' 회의실",
        Platform = "Google Meet",
        CivilNames = ["위원1", "위원2"],
        AdminNames = ["협치조정관"],
    };

    public static ReportItem Item(
        ReportMeeting meeting, int index, string title, string? topic = null, string[]? content = null, ContentTable? table = null,
        string[]? opinions = null, string[]? decisions = null) => new()
        {
            MeetingId = meeting.Id,
            Index = index,
            Section = "회의진행",
            Title = title,
            Topic = topic,
            Lead = "(부)분과장",
            Timing = new TimelineItem { Index = index, PlannedStart = meeting.Start.AddMinutes(5 * (index - 1)), PlannedMinutes = 5 },
            Content = content ?? [],
            Table = table,
            Opinions = [.. (opinions ?? []).Select((text, i) => new ReportOpinion
            {
                Text = text,
                Kind = EntryKind.Opinion,
                Sources = [$"{meeting.Id}-m{index}-{i + 1}"],
            })],
            Decisions = [.. (decisions ?? []).Select((text, i) => new ReportDecision { Text = text, Sources = [$"{meeting.Id}-d{index}-{i + 1}"] })],
        };

    public static Report Of(IReadOnlyList<ReportMeeting> meetings, IEnumerable<ReportItem> items) => new()
    {
        Title = "영등포구협치회의 분과회의(9월) 개최 결과 보고",
        Meetings = meetings,
        Items = [.. items],
    };

    /// <summary>The blocks of Ⅱ, each as the line it prints: symbol and text.</summary>
    public static List<string> Discussion(ReportDocument document) =>
    [
        .. document.Blocks
            .SkipWhile(b => b is not HeadingBlock { Numeral: "Ⅱ" }).Skip(1)
            .TakeWhile(b => b is not HeadingBlock)
            .Select(b => b switch
            {
                ParagraphBlock p => p.Symbol is null ? p.Text : $"{p.Symbol} {p.Text}",
                TableBlock t => $"[표 {t.Rows.Count}행]",
                _ => b.GetType().Name,
            }),
    ];
}
