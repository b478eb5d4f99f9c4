using System.Globalization;
using MeetingBot.Core;

namespace MeetingBot.Reports;

/// <summary>
/// Lays the report out in the reference's structure (SPEC §6): Ⅰ 개최 개요 with one column per 분과 and the
/// run-of-show, Ⅱ 주요 회의내용 with each item the meetings share printed once, Ⅲ 회의 사진, and the planned
/// against actual times as 붙임.
/// </summary>
public static class ReportLayout
{
    public static ReportDocument Build(Report report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var blocks = new List<ReportBlock>();
        Overview(report, blocks);
        Discussion(report, blocks);
        Photos(report, blocks);
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

        foreach (var meeting in report.Meetings.Where(m => m.Quorum is not null))
        {
            blocks.Add(new ParagraphBlock(0, "□", report.Meetings.Count > 1 ? $"[{meeting.Subcommittee}] {meeting.Quorum}" : meeting.Quorum!));
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
        var marked = report.MarkSubcommittee && report.Meetings.Count > 1;
        var subcommittees = report.Meetings.ToDictionary(m => m.Id, m => m.Subcommittee, StringComparer.Ordinal);
        var outline = Outline(report, g => g.Items.Any(i => i.IsDiscussed)).ToList();
        if (outline.Count == 0)
        {
            blocks.Add(new ParagraphBlock(0, "※", ReportText.NothingDiscussed, ParagraphStyle.Note));
            return;
        }

        foreach (var (group, level, heading) in outline)
        {
            blocks.AddRange(heading);
            Item(group, level, id => subcommittees.GetValueOrDefault(id, id), marked, blocks);
        }
    }

    /// <summary>
    /// The items Ⅱ prints, each with its heading (a topic's <c>□</c> the first time it comes, then <c>1.</c>, <c>2.</c>… per
    /// topic; an item without a topic is its own <c>□</c>) and the level its <c>❍</c> lines take. <paramref name="shown"/>
    /// picks the items (the report prints those that were discussed; the staff workspace also those with any bullet).
    /// </summary>
    public static IEnumerable<(SharedItem Group, int Level, IReadOnlyList<ReportBlock> Heading)> Outline(Report report, Func<SharedItem, bool> shown)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(shown);
        string? topic = null;
        var number = 0;
        foreach (var group in SharedItems.Group(report).Where(shown))
        {
            var heading = new List<ReportBlock>();
            if (group.Topic is not null)
            {
                if (group.Topic != topic)
                {
                    topic = group.Topic;
                    number = 0;
                    heading.Add(new ParagraphBlock(0, "□", group.Topic, ParagraphStyle.Subheading));
                }

                number++;
                heading.Add(new ParagraphBlock(1, string.Create(CultureInfo.InvariantCulture, $"{number}."), group.Title, ParagraphStyle.Subheading));
                yield return (group, 2, heading);
            }
            else
            {
                topic = null;
                heading.Add(new ParagraphBlock(0, "□", group.Title, ParagraphStyle.Subheading));
                yield return (group, 1, heading);
            }
        }
    }

    /// <summary>
    /// One item, shared or not: its pre-written content once (each differing version named by its 분과), every 분과's
    /// bullets in the order of Ⅰ, and each decision once, named by its 분과 unless every 분과 of the item took it.
    /// </summary>
    private static void Item(SharedItem group, int level, Func<string, string> subcommittee, bool marked, List<ReportBlock> blocks)
    {
        blocks.AddRange(Content(group, level, subcommittee));
        if (group.Items.Any(i => i.Opinions.Count > 0))
        {
            blocks.Add(new ParagraphBlock(level, "❍", "주요의견"));
            foreach (var item in group.Items)
            {
                var marker = marked ? ReportText.Marker(subcommittee(item.MeetingId)) : "";
                foreach (var opinion in item.Opinions)
                {
                    var by = opinion.Authors.Count > 0 ? $" ({string.Join(", ", opinion.Authors)})" : "";
                    blocks.Add(new ParagraphBlock(level + 1, "▸", opinion.Text + by + marker));
                }
            }
        }

        var decisions = group.Items
            .SelectMany(i => i.Decisions.Select(d => (d.Text, i.MeetingId)))
            .GroupBy(d => d.Text, StringComparer.Ordinal)
            .Select(d =>
            {
                var by = d.Select(x => x.MeetingId).Distinct(StringComparer.Ordinal).ToList();
                return by.Count == group.Items.Count ? d.Key : ReportText.Subcommittees(by.Select(subcommittee)) + d.Key;
            })
            .ToList();
        if (decisions.Count == 1)
        {
            blocks.Add(new ParagraphBlock(level, "❍", $"회의결과: {decisions[0]}"));
        }
        else if (decisions.Count > 1)
        {
            blocks.Add(new ParagraphBlock(level, "❍", "회의결과"));
            blocks.AddRange(decisions.Select(d => new ParagraphBlock(level + 1, "-", d)));
        }
    }

    /// <summary>An item's pre-written 주요내용 and table, once; when the 분과 wrote different ones, each version named by its 분과.</summary>
    public static IReadOnlyList<ReportBlock> Content(SharedItem group, int level, Func<string, string> subcommittee)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(subcommittee);
        var blocks = new List<ReportBlock>();
        var versions = group.Items.Where(i => i.Content.Count > 0 || i.Table is not null).GroupBy(ContentKey, StringComparer.Ordinal).ToList();
        foreach (var version in versions)
        {
            var item = version.First();
            var names = versions.Count > 1 ? ReportText.Subcommittees(version.Select(i => subcommittee(i.MeetingId))) : "";
            blocks.Add(new ParagraphBlock(level, "❍", names + "주요내용"));
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

        return blocks;
    }

    /// <summary>Two items print the same 주요내용 when their lines and table cells are the same.</summary>
    private static string ContentKey(ReportItem item) => string.Join('\u001F',
        item.Content.Concat(item.Table is { } t ? t.Columns.Concat(t.Rows.SelectMany(r => r.Prepend("\u001E"))) : []));

    private static TableBlock ContentTable(ContentTable table)
    {
        var rows = new List<TableRow> { new(table.Columns.Select(c => new TableCell(c, Header: true)).ToList()) };
        rows.AddRange(table.Rows.Select(r => new TableRow(r.Select(c => new TableCell(c)).ToList())));
        var weights = table.Columns.Select((c, i) => Math.Clamp(
            Math.Max(c.Length, table.Rows.Select(r => i < r.Count ? r[i].Length : 0).DefaultIfEmpty(0).Max()), 2, 14)).ToList();
        return new TableBlock(rows, weights);
    }

    /// <summary>Ⅲ 회의 사진: each photo with its caption, in the order of the meetings in Ⅰ.</summary>
    private static void Photos(Report report, List<ReportBlock> blocks)
    {
        // The photos get a page of their own, as in the reference.
        blocks.Add(new HeadingBlock("Ⅲ", ReportText.PhotosHeading, NewPage: report.Photos.Count > 0));
        if (report.Photos.Count == 0)
        {
            blocks.Add(new ParagraphBlock(0, "※", ReportText.NoPhotos, ParagraphStyle.Note));
            return;
        }

        var order = report.Meetings.Select((m, i) => (m.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        foreach (var photo in report.Photos.OrderBy(p => order.GetValueOrDefault(p.MeetingId, int.MaxValue)))
        {
            if (ImageInfo.Read(photo.Data.Span) is { } info)
            {
                blocks.Add(new PictureBlock(photo.FileName, info.ContentType, photo.Data, info.Width, info.Height, photo.Caption));
            }
            else
            {
                blocks.Add(new ParagraphBlock(0, "※", ReportText.PhotoMissing(photo.FileName), ParagraphStyle.Note));
                blocks.Add(new ParagraphBlock(0, null, photo.Caption, ParagraphStyle.Note));
            }
        }
    }

    /// <summary>붙임 시간 운영 결과: planned against actual times of every meeting, after Ⅲ.</summary>
    private static void Timing(Report report, List<ReportBlock> blocks)
    {
        blocks.Add(new HeadingBlock(ReportText.AppendixNumeral, ReportText.TimingHeading, NewPage: true));
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

            if (meeting.CaptureStops.Count > 0)
            {
                var stops = string.Join(", ", meeting.CaptureStops.Select(c => KoreanTime.Range(Local(meeting, c.Start), c.End is { } end ? Local(meeting, end) : null)));
                blocks.Add(new ParagraphBlock(0, "※", ReportText.CaptureStopped(stops), ParagraphStyle.Note));
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
