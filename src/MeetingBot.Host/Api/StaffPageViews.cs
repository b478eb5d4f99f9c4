using System.Globalization;
using System.Text;
using MeetingBot.Core;
using MeetingBot.Host.Services;
using MeetingBot.Reports;
using T = MeetingBot.Host.Api.StaffPageText;

namespace MeetingBot.Host.Api;

/// <summary>The staff page's HTML. Every text that came from a meeting file or a chat goes through <see cref="HtmlText"/>.</summary>
public static class StaffPageViews
{
    public sealed record MeetingRow(MeetingSummary Summary, TimeZoneInfo TimeZone, DeliveryRecord? Delivery);

    /// <summary>The key form; <paramref name="token"/> null means staff access is closed (no key configured).</summary>
    public static string Login(string returnUrl, string? error, FormToken? token)
    {
        var h = new HtmlText();
        var sb = new StringBuilder();
        sb.Append("<form class=\"login\" method=\"post\" action=\"/staff/login\">");
        sb.Append("<h1>").Append(T.LoginTitle).Append("</h1>");
        if (token is null)
        {
            sb.Append("<p class=\"error\">").Append(T.LoginClosed).Append("</p></form>");
            return Layout(T.LoginTitle, sb.ToString(), logout: null);
        }

        sb.Append("<p class=\"note\">").Append(T.LoginHelp).Append("</p>");
        if (error is not null)
        {
            sb.Append("<p class=\"error\" role=\"alert\">").Append(h.Encode(error)).Append("</p>");
        }

        Hidden(sb, h, token);
        sb.Append("<input type=\"hidden\" name=\"return\" value=\"").Append(h.Encode(returnUrl)).Append("\">");
        sb.Append("<label for=\"key\">").Append(T.LoginKeyLabel).Append("</label>");
        sb.Append("<input id=\"key\" name=\"key\" type=\"password\" autocomplete=\"current-password\" required autofocus>");
        sb.Append("<button class=\"button\" type=\"submit\">").Append(T.LoginButton).Append("</button></form>");
        return Layout(T.LoginTitle, sb.ToString(), logout: null);
    }

    /// <summary>A refused form post: what went wrong, and the way back.</summary>
    public static string Refused(string title, string message)
    {
        var h = new HtmlText();
        var body = $"<a class=\"back\" href=\"/staff\">{T.BackToStaff}</a><h1 class=\"page\">{h.Encode(title)}</h1><p class=\"error\" role=\"alert\">{h.Encode(message)}</p>";
        return Layout(title, body, logout: null);
    }

    public static string NotFound(string id, FormToken token)
    {
        var h = new HtmlText();
        var body = $"<a class=\"back\" href=\"/staff\">{T.BackToList}</a><h1 class=\"page\">{T.NotFoundTitle}</h1><p class=\"meta\">{h.Encode(T.NotFound(id))}</p>";
        return Layout(T.NotFoundTitle, body, logout: token);
    }

    /// <summary>
    /// The reports under review, then the meetings; ended meetings can be ticked and made into one report (the month's
    /// 분과 together), through a form that posts to the workspace (<see cref="WorkspacePage"/>).
    /// </summary>
    public static string List(IReadOnlyList<MeetingRow> meetings, IReadOnlyList<WorkspaceViews.ReportRow> reports, FormToken token)
    {
        ArgumentNullException.ThrowIfNull(meetings);
        var h = new HtmlText();
        var sb = new StringBuilder();
        WorkspaceViews.Reports(sb, h, reports);
        sb.Append("<h1 class=\"page\">").Append(T.MeetingsTitle).Append("</h1>");
        sb.Append("<section class=\"card\">");
        if (meetings.Count == 0)
        {
            sb.Append("<p class=\"note\">").Append(T.MeetingsEmpty).Append("</p></section>");
            return Layout(T.MeetingsTitle, sb.ToString(), logout: token);
        }

        var pickable = meetings.Any(m => m.Summary.Status == MeetingStatus.Ended);
        if (pickable)
        {
            sb.Append("<form class=\"combine\" method=\"post\" action=\"").Append(WorkspacePage.Root).Append("\">");
            Hidden(sb, h, token);
            sb.Append("<p class=\"note\" id=\"pick-help\">").Append(WorkspaceText.PickHelp).Append("</p>");
        }

        sb.Append("<table class=\"grid meetings\"><thead><tr>");
        foreach (var column in new[] { WorkspaceText.ColumnPick, T.ColumnWhen, T.ColumnSubcommittee, T.ColumnTitle, T.ColumnStatus, T.ColumnEntries, T.ColumnDelivery })
        {
            sb.Append("<th>").Append(column).Append("</th>");
        }

        sb.Append("</tr></thead><tbody>");
        foreach (var (m, zone, delivery) in meetings)
        {
            var link = MeetingLink(m.Id);
            sb.Append("<tr><td class=\"pick\">");
            if (m.Status == MeetingStatus.Ended)
            {
                sb.Append("<input type=\"checkbox\" name=\"meetingIds\" value=\"").Append(h.Encode(m.Id)).Append("\" aria-label=\"")
                    .Append(h.Encode(WorkspaceText.PickMeeting(m.Subcommittee, m.Title))).Append("\" aria-describedby=\"pick-help\">");
            }

            sb.Append("</td>");
            sb.Append("<td class=\"nowrap\">").Append(h.Encode(When(TimeZoneInfo.ConvertTime(m.Start, zone)))).Append("</td>");
            sb.Append("<td class=\"nowrap\">").Append(h.Encode(m.Subcommittee)).Append("</td>");
            sb.Append("<td><a href=\"").Append(link).Append("\">").Append(h.Encode(m.Title)).Append("</a></td>");
            sb.Append("<td>").Append(StatusBadge(m.Status)).Append("</td>");
            sb.Append("<td class=\"num\">").Append(T.EntriesCount(m.EntryCount)).Append("</td>");
            sb.Append("<td>").Append(DeliveryBadge(delivery)).Append("</td>");
            sb.Append("</tr>");
        }

        sb.Append("</tbody></table>");
        if (pickable)
        {
            sb.Append("<div class=\"field\"><label for=\"report-title\">").Append(WorkspaceText.TitleLabel).Append("</label>")
                .Append("<input id=\"report-title\" name=\"title\" type=\"text\" maxlength=\"200\" aria-describedby=\"title-help\">")
                .Append("<p class=\"note\" id=\"title-help\">").Append(WorkspaceText.TitleHelp).Append("</p></div>");
            sb.Append("<button class=\"button\" type=\"submit\">").Append(WorkspaceText.Combine).Append("</button></form>");
        }

        sb.Append("</section>");
        return Layout(T.MeetingsTitle, sb.ToString(), logout: token);
    }

    /// <summary>One meeting: <paramref name="view"/> is the delivered report or a preview; <paramref name="drafter"/> is what delivery drafts with.</summary>
    public static string Meeting(MeetingRecord record, StaffReport view, string drafter, DeliveryRecord? delivery, bool redeliveryRequested, FormToken token)
    {
        ArgumentNullException.ThrowIfNull(view);
        var report = view.Report;
        var h = new HtmlText();
        var meeting = record.Definition;
        var zone = meeting.TimeZone;
        var sb = new StringBuilder();
        sb.Append("<a class=\"back\" href=\"/staff\">").Append(T.BackToList).Append("</a>");
        sb.Append("<h1 class=\"page\">[").Append(h.Encode(meeting.Subcommittee)).Append("] ").Append(h.Encode(meeting.Title)).Append("</h1>");
        var facts = new List<string> { h.Encode(When(meeting.ToLocal(meeting.Start))) };
        facts.AddRange(new[] { meeting.Place, meeting.Platform }.Where(x => x.Length > 0).Select(h.Encode));
        sb.Append("<p class=\"meta\">").Append(string.Join(" · ", facts)).Append(" · ").Append(StatusBadge(record.Runtime.Status))
            .Append(" · ").Append(T.ColumnEntries).Append(' ').Append(T.EntriesCount(record.Entries.Count(e => !e.Withdrawn))).Append("</p>");

        sb.Append("<div class=\"layout\"><div>");
        Origin(sb, h, view, drafter, delivery, zone);
        sb.Append(HtmlReportRenderer.Render(ReportLayout.Build(report), out _));
        sb.Append("</div><aside class=\"side\">");
        Downloads(sb, meeting.Id);
        Delivery(sb, h, record, delivery, zone, redeliveryRequested, token);
        sb.Append("</aside></div>");
        Entries(sb, h, record);
        Drafting(sb, h, record, report);
        return Layout($"{meeting.Subcommittee} · {meeting.Title}", sb.ToString(), logout: token);
    }

    /// <summary>Says whether the report shown is the delivered one or a preview, and why a preview.</summary>
    private static void Origin(StringBuilder sb, HtmlText h, StaffReport view, string drafter, DeliveryRecord? delivery, TimeZoneInfo zone)
    {
        var (css, text) = view.Origin switch
        {
            ReportOrigin.Delivered => ("origin delivered", T.OriginDelivered(delivery?.WrittenAt is { } at ? Stamp(TimeZoneInfo.ConvertTime(at, zone)) : null)),
            ReportOrigin.DeliveredUnreadable => ("origin error", T.OriginUnreadable),
            _ => ("origin preview", T.OriginPreview(drafter)),
        };
        sb.Append("<p class=\"").Append(css).Append("\" role=\"note\">").Append(h.Encode(text)).Append("</p>");
    }

    private static void Downloads(StringBuilder sb, string meetingId)
    {
        sb.Append("<section class=\"card downloads\"><h2>").Append(T.Downloads).Append("</h2><div class=\"actions\">");
        foreach (var (format, label, primary) in new[] { ("docx", "DOCX (Word)", true), ("hwpx", "HWPX (한글)", true), ("md", "Markdown", false), ("json", "JSON", false) })
        {
            sb.Append("<a class=\"button").Append(primary ? "" : " secondary").Append("\" href=\"/api/meetings/")
                .Append(Uri.EscapeDataString(meetingId)).Append("/report?format=").Append(format).Append("\" download>")
                .Append(label).Append("</a>");
        }

        sb.Append("</div></section>");
    }

    private static void Delivery(StringBuilder sb, HtmlText h, MeetingRecord record, DeliveryRecord? delivery, TimeZoneInfo zone, bool redeliveryRequested, FormToken token)
    {
        sb.Append("<section class=\"card delivery\"><h2>").Append(T.DeliverySection).Append("</h2>");
        if (delivery is null)
        {
            sb.Append("<p class=\"note\">").Append(T.DeliveryNone).Append("</p>");
        }
        else
        {
            sb.Append("<p>").Append(DeliveryBadge(delivery)).Append("</p><dl class=\"facts\">");
            if (delivery.Folder is not null)
            {
                sb.Append("<dt>").Append(T.DeliveryFolder).Append("</dt><dd><code>").Append(h.Encode(delivery.Folder)).Append("</code></dd>");
            }

            if (delivery.ReplacedCharacters > 0)
            {
                sb.Append("<dt>").Append(T.DeliveryReplaced).Append("</dt><dd>").Append(T.ReplacedCount(delivery.ReplacedCharacters)).Append("</dd>");
            }

            sb.Append("</dl>");
            if (delivery.Note is not null)
            {
                sb.Append("<p class=\"note\">").Append(h.Encode(delivery.Note)).Append("</p>");
            }

            if (delivery.History.Count > 0)
            {
                sb.Append("<div class=\"note\">").Append(T.DeliveryAttempts).Append("</div><ul class=\"attempts\">");
                foreach (var attempt in delivery.History)
                {
                    sb.Append("<li>").Append(T.Attempt(attempt.Number)).Append(' ').Append(h.Encode(Stamp(TimeZoneInfo.ConvertTime(attempt.At, zone)))).Append(" — ");
                    sb.Append(attempt.Error is null
                        ? T.DeliverySucceeded
                        : $"<span class=\"error\">{h.Encode(attempt.Error)}</span>");
                    sb.Append("</li>");
                }

                sb.Append("</ul>");
            }
        }

        if (redeliveryRequested)
        {
            sb.Append("<p class=\"note\" role=\"status\">").Append(T.Redelivering).Append("</p>");
        }
        else if (record.Runtime.Status == MeetingStatus.Ended && delivery?.Status is not DeliveryStatus.Notified)
        {
            sb.Append("<form method=\"post\" action=\"").Append(MeetingLink(record.Definition.Id)).Append("/deliver\">");
            Hidden(sb, h, token);
            sb.Append("<button class=\"button secondary\" type=\"submit\">").Append(T.Redeliver).Append("</button></form>");
        }

        sb.Append("</section>");
    }

    private static void Entries(StringBuilder sb, HtmlText h, MeetingRecord record)
    {
        var meeting = record.Definition;
        sb.Append("<section class=\"card entries\"><h2>").Append(T.EntriesSection).Append("</h2>");
        if (record.Entries.Count == 0)
        {
            sb.Append("<p class=\"note\">").Append(T.EntriesEmpty).Append("</p></section>");
            return;
        }

        sb.Append("<table class=\"grid\"><thead><tr>");
        foreach (var column in new[] { T.EntryNumber, T.EntryKind, T.EntryItem, T.EntryAuthor, T.EntryText, T.EntrySource, T.EntryMarks })
        {
            sb.Append("<th>").Append(column).Append("</th>");
        }

        sb.Append("</tr></thead><tbody>");
        foreach (var e in record.Entries.OrderBy(e => e.Number))
        {
            var item = meeting.Item(e.ItemIndex);
            var marks = new List<string>();
            if (e.Withdrawn)
            {
                marks.Add(T.EntryWithdrawn);
            }

            if (e.EditedAt is { } edited)
            {
                marks.Add(T.Edited(KoreanTime.Time(meeting.ToLocal(edited))));
            }

            sb.Append(e.Withdrawn ? "<tr class=\"withdrawn\">" : "<tr>");
            sb.Append(CultureInfo.InvariantCulture, $"<td class=\"num\">#{e.Number}</td>");
            sb.Append("<td class=\"nowrap\">").Append(EntryKinds.Korean(e.Kind)).Append("</td>");
            sb.Append("<td>").Append(item is null ? "" : h.Encode($"{item.Index}. {item.Title}")).Append("</td>");
            sb.Append("<td class=\"nowrap\">").Append(h.Encode(e.AuthorName)).Append("</td>");
            sb.Append("<td class=\"entry-text\">").Append(h.Lines(e.Text)).Append("</td>");
            sb.Append("<td class=\"nowrap\"><code>").Append(h.Encode(e.SourceId)).Append("</code></td>");
            sb.Append("<td class=\"nowrap\">").Append(h.Encode(string.Join(", ", marks))).Append("</td>");
            sb.Append("</tr>");
        }

        sb.Append("</tbody></table></section>");
    }

    private static void Drafting(StringBuilder sb, HtmlText h, MeetingRecord record, Report report)
    {
        var numbers = record.Entries.GroupBy(e => e.SourceId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Number, StringComparer.Ordinal);
        string Sources(IEnumerable<string> sources) => string.Join(", ", sources.Select(s =>
            numbers.TryGetValue(s, out var n) ? $"<code>{h.Encode(s)}</code> (#{n.ToString(CultureInfo.InvariantCulture)})" : $"<code>{h.Encode(s)}</code>"));

        sb.Append("<section class=\"card drafting\"><h2>").Append(T.DraftingSection).Append("</h2>");
        var items = report.Items.Where(i => i.Opinions.Count > 0 || i.Decisions.Count > 0 || i.GuardNotes.Count > 0).ToList();
        if (items.Count == 0)
        {
            sb.Append("<p class=\"note\">").Append(T.DraftingEmpty).Append("</p>");
        }

        foreach (var item in items)
        {
            sb.Append("<h3>").Append(h.Encode($"{item.Index}. {item.Title}")).Append("</h3>");
            sb.Append("<dl class=\"facts\"><dt>").Append(T.Drafter).Append("</dt><dd>").Append(h.Encode(T.Drafters(item.Drafter))).Append("</dd>");
            if (item.GuardNotes.Count > 0)
            {
                sb.Append("<dt>").Append(T.GuardNotes).Append("</dt><dd><ul class=\"attempts\">");
                foreach (var note in item.GuardNotes)
                {
                    sb.Append("<li>").Append(h.Encode(note)).Append("</li>");
                }

                sb.Append("</ul></dd>");
            }

            sb.Append("</dl><table class=\"grid\"><thead><tr><th>").Append(T.DraftText).Append("</th><th>").Append(T.DraftOriginals)
                .Append("</th><th>").Append(T.DraftSources).Append("</th></tr></thead><tbody>");
            foreach (var o in item.Opinions)
            {
                sb.Append("<tr><td>▸ ").Append(h.Encode(o.Text)).Append("</td><td>")
                    .Append(string.Join("<br>", o.Originals.Select(h.Lines))).Append("</td><td>").Append(Sources(o.Sources)).Append("</td></tr>");
            }

            foreach (var d in item.Decisions)
            {
                sb.Append("<tr><td>❍ ").Append(T.Decision).Append(": ").Append(h.Encode(d.Text)).Append("</td><td></td><td>")
                    .Append(Sources(d.Sources)).Append("</td></tr>");
            }

            sb.Append("</tbody></table>");
        }

        sb.Append("</section>");
    }

    private static string StatusBadge(MeetingStatus status)
    {
        var css = status switch
        {
            MeetingStatus.Running => "running",
            MeetingStatus.Paused => "paused",
            MeetingStatus.Ended => "ended",
            _ => "planned",
        };
        return $"<span class=\"badge status {css}\">{T.Status(status)}</span>";
    }

    private static string DeliveryBadge(DeliveryRecord? delivery)
    {
        var css = delivery?.Status.ToString().ToLowerInvariant() ?? "none";
        return $"<span class=\"badge delivery {css}\">{T.Delivery(delivery)}</span>";
    }

    private static string MeetingLink(string id) => "/staff/meetings/" + Uri.EscapeDataString(id);

    internal static string When(DateTimeOffset local) => $"{KoreanTime.LongDate(local)} {KoreanTime.Time(local)}";

    internal static string Stamp(DateTimeOffset local) => $"{KoreanTime.LongDate(local)} {KoreanTime.TimeToTheSecond(local)}";

    internal static void Hidden(StringBuilder sb, HtmlText h, FormToken token) =>
        sb.Append("<input type=\"hidden\" name=\"").Append(h.Encode(token.Name)).Append("\" value=\"").Append(h.Encode(token.Value)).Append("\">");

    /// <summary>The page around <paramref name="body"/>; with <paramref name="logout"/> (signed in) a logout button carrying that token.</summary>
    internal static string Layout(string title, string body, FormToken? logout, string? script = null)
    {
        var h = new HtmlText();
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html><html lang=\"ko\"><head><meta charset=\"utf-8\">");
        sb.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        sb.Append("<title>").Append(h.Encode(title)).Append(" — ").Append(T.AppName).Append("</title>");
        sb.Append("<link rel=\"stylesheet\" href=\"").Append(StaffPageStyle.Href).Append("\">");
        if (script is not null)
        {
            sb.Append("<script src=\"").Append(script).Append("\" defer></script>");
        }

        sb.Append("</head><body>");
        sb.Append("<header class=\"top\"><a href=\"/staff\">").Append(T.AppName).Append("</a>");
        if (logout is not null)
        {
            sb.Append("<form method=\"post\" action=\"/staff/logout\">");
            Hidden(sb, h, logout);
            sb.Append("<button type=\"submit\">").Append(T.Logout).Append("</button></form>");
        }

        sb.Append("</header><main>").Append(body).Append("</main></body></html>");
        return sb.ToString();
    }
}
