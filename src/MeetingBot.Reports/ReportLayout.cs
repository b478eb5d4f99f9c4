using System.Globalization;
using MeetingBot.Core;

namespace MeetingBot.Reports;

/// <summary>
/// Lays the report out in the reference's structure (SPEC §6): Ⅰ 개최 개요 with the overview and run-of-show
/// tables, Ⅱ 주요 회의내용 per discussed item, Ⅲ 시간 운영 결과 with planned against actual times.
/// </summary>
public static class ReportLayout
{
    public static ReportDocument Build(Report report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var blocks = new List<ReportBlock>();
        Overview(report, blocks);
        Discussion(report, blocks);
        Timing(report, blocks);
        return new ReportDocument(report.Title, blocks);
    }

    private static void Overview(Report report, List<ReportBlock> blocks)
    {
        blocks.Add(new HeadingBlock("Ⅰ", "개최 개요"));
        var platforms = report.Meetings.Select(m => m.Platform).Where(p => p.Length > 0).Distinct().ToList();
        var how = platforms.Count > 0 ? "화상회의 방식으로 개최" : "회의 개최";
        blocks.Add(new ParagraphBlock(0, "□", report.Meetings.Count > 1 ? "분과별 " + how : how));

        var local = report.Meetings.Select(m => Local(m, m.Start)).ToList();
        var header = new List<TableCell> { new("분  과", ColSpan: 2, Header: true) };
        header.AddRange(report.Meetings.Select(m => new TableCell(m.Subcommittee, Header: true)));
        var when = new List<TableCell> { new("일  시", ColSpan: 2, Header: true) };
        when.AddRange(local.Select(l => new TableCell($"{KoreanTime.ShortDate(l)} {KoreanTime.Time(l)}")));
        var civil = new List<TableCell> { new("참여자", RowSpan: 2, Header: true), new("민간", Header: true) };
        civil.AddRange(report.Meetings.Select(m => new TableCell(KoreanFormat.NameAndOthers(m.CivilNames))));
        var admin = new List<TableCell> { new("행정", Header: true) };
        var titles = report.Meetings.Select(m => KoreanFormat.Titles(m.AdminNames)).ToList();
        if (titles.Distinct().Count() == 1 && titles.Count > 1)
        {
            admin.Add(new TableCell(titles[0], ColSpan: titles.Count));
        }
        else
        {
            admin.AddRange(titles.Select(t => new TableCell(t)));
        }

        blocks.Add(new TableBlock(
            [new TableRow(header), new TableRow(when), new TableRow(civil), new TableRow(admin)],
            [2, 2, .. report.Meetings.Select(_ => 5)],
            HeaderRows: 1));

        foreach (var place in report.Meetings.Select(m => m.Place).Where(p => p.Length > 0).Distinct())
        {
            blocks.Add(new ParagraphBlock(0, "□", $"장  소: {place}"));
        }

        var topics = report.Items.Where(i => i.IsDiscussed).Select(i => i.Topic ?? i.Title).Distinct().ToList();
        if (topics.Count > 0)
        {
            blocks.Add(new ParagraphBlock(0, "□", "주요내용"));
            blocks.AddRange(topics.Select(t => new ParagraphBlock(1, "-", t)));
        }

        foreach (var platform in platforms)
        {
            blocks.Add(new ParagraphBlock(0, "□", $"화상회의 프로그램: {platform}"));
        }

        // Meetings with the same agenda share one run-of-show, timed from the first one's start, as the reference's
        // three subcommittees (14:00 and 10:30) share one table "※ 14:00 회의 시작 기준".
        foreach (var group in report.Meetings.GroupBy(m => AgendaShape(report, m.Id)))
        {
            var first = group.First();
            var start = Local(first, first.Start);
            var names = report.Meetings.Count > 1 && report.Meetings.Count != group.Count()
                ? $"[{string.Join(", ", group.Select(m => m.Subcommittee))}] "
                : "";
            blocks.Add(new ParagraphBlock(0, "□", $"{names}진행순서(※ {KoreanTime.Time(start)} 회의 시작 기준)"));
            blocks.Add(RunOfShow(first, report.Items.Where(i => i.MeetingId == first.Id).ToList()));
        }

        foreach (var purpose in report.Meetings.Select(m => m.Purpose?.Trim()).Where(p => !string.IsNullOrEmpty(p)).Distinct())
        {
            blocks.Add(new ParagraphBlock(0, null, Unwrap(purpose!)));
        }
    }

    private static TableBlock RunOfShow(ReportMeeting meeting, IReadOnlyList<ReportItem> items)
    {
        var rows = new List<TableRow>
        {
            new([new("구분", Header: true), new("시 간", ColSpan: 2, Header: true), new("주 요 내 용", Header: true), new("진 행", Header: true)]),
        };
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var cells = new List<TableCell>();
            if (i == 0 || items[i - 1].Section != item.Section)
            {
                var span = 1;
                while (i + span < items.Count && items[i + span].Section == item.Section)
                {
                    span++;
                }

                cells.Add(new TableCell(item.Section, RowSpan: span, Header: true));
            }

            var start = Local(meeting, item.Timing.PlannedStart);
            var end = Local(meeting, item.Timing.PlannedEnd);
            cells.Add(new TableCell(KoreanTime.Range(start, end)));
            cells.Add(new TableCell(KoreanTime.Minutes(KoreanTime.MinutesBetween(start, end))));
            cells.Add(new TableCell(item.Topic is null ? $"‣ {item.Title}" : $"‣ {item.Topic}\n ‧ {item.Title}"));
            cells.Add(new TableCell(item.Lead ?? ""));
            rows.Add(new TableRow(cells));
        }

        return new TableBlock(rows, [2, 3, 1, 8, 3]);
    }

    private static void Discussion(Report report, List<ReportBlock> blocks)
    {
        blocks.Add(new HeadingBlock("Ⅱ", "주요 회의내용"));
        foreach (var meeting in report.Meetings)
        {
            var items = report.Items.Where(i => i.MeetingId == meeting.Id && i.IsDiscussed).ToList();
            if (report.Meetings.Count > 1)
            {
                blocks.Add(new ParagraphBlock(0, null, $"【{meeting.Subcommittee} 분과】", ParagraphStyle.Subheading));
            }

            if (items.Count == 0)
            {
                blocks.Add(new ParagraphBlock(0, "※", "기록된 논의 내용이 없습니다.", ParagraphStyle.Note));
                continue;
            }

            string? topic = null;
            var number = 0;
            foreach (var item in items)
            {
                var level = 0;
                if (item.Topic is not null)
                {
                    if (item.Topic != topic)
                    {
                        topic = item.Topic;
                        number = 0;
                        blocks.Add(new ParagraphBlock(0, "□", item.Topic, ParagraphStyle.Subheading));
                    }

                    number++;
                    blocks.Add(new ParagraphBlock(1, string.Create(CultureInfo.InvariantCulture, $"{number}."), item.Title, ParagraphStyle.Subheading));
                    level = 1;
                }
                else
                {
                    topic = null;
                    blocks.Add(new ParagraphBlock(0, "□", item.Title, ParagraphStyle.Subheading));
                }

                Item(item, level + 1, blocks);
            }
        }
    }

    private static void Item(ReportItem item, int level, List<ReportBlock> blocks)
    {
        if (item.Content.Count > 0 || item.Table is not null)
        {
            blocks.Add(new ParagraphBlock(level, "❍", "주요내용"));
            foreach (var line in item.Content)
            {
                blocks.Add(line.StartsWith("- ", StringComparison.Ordinal)
                    ? new ParagraphBlock(level + 2, "·", line[2..].Trim())
                    : new ParagraphBlock(level + 1, "-", line.Trim()));
            }

            if (item.Table is { } table)
            {
                blocks.Add(ContentTable(table));
            }
        }

        if (item.Opinions.Count > 0)
        {
            blocks.Add(new ParagraphBlock(level, "❍", "주요의견"));
            foreach (var opinion in item.Opinions)
            {
                var by = opinion.Authors.Count > 0 ? $" ({string.Join(", ", opinion.Authors)})" : "";
                blocks.Add(new ParagraphBlock(level + 1, "▸", opinion.Text + by));
            }
        }

        if (item.Decisions.Count == 1)
        {
            blocks.Add(new ParagraphBlock(level, "❍", $"회의결과: {item.Decisions[0].Text}"));
        }
        else if (item.Decisions.Count > 1)
        {
            blocks.Add(new ParagraphBlock(level, "❍", "회의결과"));
            blocks.AddRange(item.Decisions.Select(d => new ParagraphBlock(level + 1, "-", d.Text)));
        }
    }

    private static TableBlock ContentTable(ContentTable table)
    {
        var rows = new List<TableRow> { new(table.Columns.Select(c => new TableCell(c, Header: true)).ToList()) };
        rows.AddRange(table.Rows.Select(r => new TableRow(r.Select(c => new TableCell(c)).ToList())));
        var weights = table.Columns.Select((c, i) => Math.Clamp(
            Math.Max(c.Length, table.Rows.Select(r => i < r.Count ? r[i].Length : 0).DefaultIfEmpty(0).Max()), 2, 14)).ToList();
        return new TableBlock(rows, weights);
    }

    private static void Timing(Report report, List<ReportBlock> blocks)
    {
        blocks.Add(new HeadingBlock("Ⅲ", "시간 운영 결과"));
        foreach (var meeting in report.Meetings)
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(meeting.TimeZoneId);
            var timeline = report.Timeline(meeting);
            var actual = timeline.ActualStart is { } s
                ? $"실제 {KoreanTime.Time(Local(meeting, s))}~{(timeline.ActualEnd is { } e ? KoreanTime.Time(Local(meeting, e)) : "(종료 기록 없음)")}"
                : "실제 진행 기록 없음";
            blocks.Add(new ParagraphBlock(0, "□",
                $"{meeting.Subcommittee}: 계획 {KoreanTime.RangeWithMinutes(Local(meeting, timeline.PlannedStart), Local(meeting, timeline.PlannedEnd))} / {actual}"));

            var rows = new List<TableRow>
            {
                new([new("안건", Header: true), new("계획", Header: true), new("실제", Header: true), new("소요", Header: true), new("차이", Header: true)]),
            };
            var items = report.Items.Where(i => i.MeetingId == meeting.Id).ToList();
            foreach (var item in items)
            {
                var timing = item.Timing;
                var extra = timing.ExtraMinutes > 0 ? $" (+{KoreanTime.Minutes(timing.ExtraMinutes)} 연장)" : "";
                var actualRange = !timing.WasOpened
                    ? "진행 안 함"
                    : KoreanTime.Visits(timing.Visits, zone) + (timing.PausedMinutes is > 0 and var paused ? $" ({KoreanTime.Paused(paused)})" : "");
                rows.Add(new TableRow(
                [
                    new TableCell($"{item.Index}. {item.Title}"),
                    new TableCell(KoreanTime.RangeWithMinutes(Local(meeting, timing.PlannedStart), Local(meeting, timing.PlannedEnd)) + extra),
                    new TableCell(actualRange),
                    new TableCell(timing.UsedMinutes is { } used ? KoreanTime.Minutes(used) : "-"),
                    new TableCell(timing.UsedMinutes is { } u ? Difference(u - timing.PlannedMinutes) : "-"),
                ]));
            }

            blocks.Add(new TableBlock(rows, [8, 5, 3, 2, 2]));
            foreach (var over in items.Where(i => i.Timing.OverrunMinutes >= 1))
            {
                blocks.Add(new ParagraphBlock(0, "※", $"{over.Index}. {over.Title}: 예정보다 {KoreanTime.Minutes(over.Timing.OverrunMinutes!.Value)} 초과", ParagraphStyle.Note));
            }
        }
    }

    /// <summary>The 차이 column: printed used minutes less planned minutes.</summary>
    private static string Difference(int delta) => delta switch
    {
        0 => "계획대로",
        > 0 => "+" + KoreanTime.Minutes(delta),
        _ => KoreanTime.Minutes(delta),
    };

    private static string AgendaShape(Report report, string meetingId) => string.Join("|", report.Items
        .Where(i => i.MeetingId == meetingId)
        .Select(i => string.Create(CultureInfo.InvariantCulture, $"{i.Section}/{i.Topic}/{i.Title}/{i.Timing.PlannedMinutes}/{i.Lead}")));

    private static DateTimeOffset Local(ReportMeeting meeting, DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, TimeZoneInfo.FindSystemTimeZoneById(meeting.TimeZoneId));

    /// <summary>A YAML block scalar keeps the author's line breaks; the report reflows them into one paragraph.</summary>
    private static string Unwrap(string text) => string.Join(" ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
