namespace MeetingBot.Reports;

/// <summary>An agenda item as Ⅱ prints it: the items of every meeting that had it, in the order of the meetings in Ⅰ.</summary>
public sealed record SharedItem(string? Topic, string Title, IReadOnlyList<ReportItem> Items);

/// <summary>
/// Groups the report's items into what Ⅱ prints once (SPEC §6): items of different meetings with the same
/// <c>topic</c> and <c>title</c> are one item. An item only some meetings had goes right after the item its own
/// meeting had before it, so each meeting's agenda order holds. A title repeated within one agenda stays two items.
/// </summary>
public static class SharedItems
{
    public static List<SharedItem> Group(Report report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var groups = new List<SharedItem>();
        var keys = new List<(string? Topic, string Title, int Occurrence)>();
        foreach (var meeting in report.Meetings)
        {
            var previous = -1;
            var seen = new Dictionary<(string?, string), int>();
            foreach (var item in report.Items.Where(i => i.MeetingId == meeting.Id))
            {
                var occurrence = seen[(item.Topic, item.Title)] = seen.GetValueOrDefault((item.Topic, item.Title)) + 1;
                var key = (item.Topic, item.Title, occurrence);
                var at = keys.IndexOf(key);
                if (at < 0)
                {
                    at = previous + 1;
                    keys.Insert(at, key);
                    groups.Insert(at, new SharedItem(item.Topic, item.Title, new List<ReportItem>()));
                }

                ((List<ReportItem>)groups[at].Items).Add(item);
                previous = at;
            }
        }

        return groups;
    }
}
