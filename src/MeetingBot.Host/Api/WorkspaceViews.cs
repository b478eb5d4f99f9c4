using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using MeetingBot.Core;
using MeetingBot.Host.Services;
using MeetingBot.Reports;
using MeetingBot.Reports.Review;
using W = MeetingBot.Host.Api.WorkspaceText;

namespace MeetingBot.Host.Api;

/// <summary>
/// The workspace's HTML (SPEC §8): the report as the document reads (Ⅰ, Ⅱ, Ⅲ, 붙임), each bullet of Ⅱ with its forms in
/// place and its originals and sources beside it; photos; approval and every version's files; what changed since the
/// draft and the history. Every form posts to <see cref="WorkspacePage"/> with the anti-forgery token and the report's
/// ETag. Text from meetings and staff goes through <see cref="HtmlText"/>.
/// </summary>
public static partial class WorkspaceViews
{
    public sealed record ReportRow(string Id, string Title, int Meetings, bool Approved, int Version, DateTimeOffset UpdatedAt, TimeZoneInfo TimeZone);

    /// <summary>
    /// What one page shows: the report, its history, the signed-in staff member, the last change's note, and each
    /// meeting's spoken remarks (candidates, what was dropped, attendance) as SPEC §9 aligns them.
    /// </summary>
    public sealed record View(ReviewedReport Report, IReadOnlyList<StoredReportChange> History, string StaffName, string? Done, FormToken Token, IReadOnlyList<SpokenMeeting> Spoken);

    private static readonly string[] Formats = ["docx", "hwpx", "md", "json"];

    /// <summary>The reports under review, for the top of the meetings list.</summary>
    public static void Reports(StringBuilder sb, HtmlText h, IReadOnlyList<ReportRow> reports)
    {
        ArgumentNullException.ThrowIfNull(sb);
        ArgumentNullException.ThrowIfNull(h);
        ArgumentNullException.ThrowIfNull(reports);
        sb.Append("<h2 class=\"page\">").Append(W.ReportsTitle).Append("</h2><section class=\"card reports\">");
        if (reports.Count == 0)
        {
            sb.Append("<p class=\"note\">").Append(W.ReportsEmpty).Append("</p></section>");
            return;
        }

        TableHead(sb, W.ColumnReport, W.ColumnMeetings, W.ColumnState, W.ColumnUpdated);
        foreach (var r in reports)
        {
            sb.Append("<tr><td><a href=\"").Append(WorkspacePage.PathOf(r.Id)).Append("\">").Append(h.Encode(r.Title)).Append("</a></td>");
            sb.Append("<td class=\"num\">").Append(W.MeetingCount(r.Meetings)).Append("</td>");
            sb.Append("<td>").Append(StateBadge(r.Approved, r.Version)).Append("</td>");
            sb.Append("<td class=\"nowrap\">").Append(h.Encode(StaffPageViews.Stamp(TimeZoneInfo.ConvertTime(r.UpdatedAt, r.TimeZone)))).Append("</td></tr>");
        }

        sb.Append("</tbody></table></section>");
    }

    public static string Workspace(View view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var report = view.Report;
        var h = new HtmlText();
        var sb = new StringBuilder();
        sb.Append("<a class=\"back\" href=\"/staff\">").Append(W.BackToList).Append("</a>");
        sb.Append("<h1 class=\"page\">").Append(h.Encode(report.Title)).Append("</h1>");
        sb.Append("<p class=\"meta\">").Append(h.Encode(string.Join(", ", report.Draft.Meetings.Select(m => W.Part(m.Subcommittee)))))
            .Append(" · ").Append(StateBadge(report.IsApproved, report.Version))
            .Append(" · ").Append(W.SignedInAs).Append(": <strong class=\"who\">").Append(h.Encode(view.StaffName)).Append("</strong></p>");
        var done = W.Done(view.Done);
        if (done.Length > 0)
        {
            sb.Append("<p class=\"done\" role=\"status\">").Append(done).Append("</p>");
        }

        sb.Append("<nav class=\"steps\" aria-label=\"").Append(W.Steps).Append("\">");
        foreach (var (anchor, label) in new[] { ("doc", W.StepDocument), ("photos", W.StepPhotos), ("changes", W.StepChanges), ("approve", W.StepApprove), ("transcripts", W.StepTranscripts), ("history", W.StepHistory) })
        {
            sb.Append("<a href=\"#").Append(anchor).Append("\">").Append(label).Append("</a>");
        }

        sb.Append("</nav><div class=\"layout\"><div>");
        Document(sb, h, view);
        sb.Append("</div><aside class=\"side\">");
        Approval(sb, h, view);
        sb.Append("</aside></div>");
        Transcripts(sb, h, view);
        Changes(sb, h, report);
        History(sb, h, view);
        return StaffPageViews.Layout(report.Title, sb.ToString(), logout: view.Token, script: WorkspaceScript.Href);
    }

    /// <summary>A change that came from a page the report has since moved past: nothing saved, and the way to the report as it is now.</summary>
    public static string Stale(string rid, string? yourText, FormToken token)
    {
        var h = new HtmlText();
        var sb = new StringBuilder();
        sb.Append("<a class=\"back\" href=\"").Append(WorkspacePage.PathOf(rid)).Append("\">").Append(W.BackToReport).Append("</a>");
        sb.Append("<h1 class=\"page\">").Append(W.StaleTitle).Append("</h1>");
        sb.Append("<p class=\"error stale\" role=\"alert\">").Append(W.Stale).Append("</p>");
        if (!string.IsNullOrWhiteSpace(yourText))
        {
            sb.Append("<p class=\"note\">").Append(W.StaleYourText).Append("</p><blockquote class=\"yours\">").Append(h.Lines(yourText)).Append("</blockquote>");
        }

        sb.Append("<p><a class=\"button\" href=\"").Append(WorkspacePage.PathOf(rid)).Append("\">").Append(W.Reload).Append("</a></p>");
        return StaffPageViews.Layout(W.StaleTitle, sb.ToString(), logout: token);
    }

    /// <summary>A change the report's rules refused (or a report that is not there): the Korean reason, and the way back.</summary>
    public static string Refused(string rid, string title, string message, FormToken token)
    {
        var h = new HtmlText();
        var sb = new StringBuilder();
        sb.Append("<a class=\"back\" href=\"").Append(WorkspacePage.PathOf(rid)).Append("\">").Append(W.BackToReport).Append("</a>");
        sb.Append("<h1 class=\"page\">").Append(h.Encode(title)).Append("</h1>");
        sb.Append("<p class=\"error\" role=\"alert\">").Append(h.Encode(message)).Append("</p>");
        sb.Append("<p><a class=\"button\" href=\"").Append(WorkspacePage.PathOf(rid)).Append("\">").Append(W.BackToReport).Append("</a></p>");
        return StaffPageViews.Layout(title, sb.ToString(), logout: token);
    }

    private static void Document(StringBuilder sb, HtmlText h, View view)
    {
        var report = view.Report;
        var printed = report.ToReport();
        var blocks = ReportLayout.Build(printed).Blocks;
        var second = IndexOfHeading(blocks, "Ⅱ");
        var third = IndexOfHeading(blocks, "Ⅲ");
        var after = blocks.Skip(third + 1).TakeWhile(b => b is not HeadingBlock).Count() + third + 1;

        sb.Append("<article class=\"report workspace\" id=\"doc\">");
        sb.Append("<h1 class=\"report-title\">").Append(h.Encode(report.Title)).Append("</h1>");
        HtmlReportRenderer.Blocks(sb, blocks.Take(second), h);
        HtmlReportRenderer.Blocks(sb, [blocks[second]], h);
        Discussion(sb, h, view, printed);
        HtmlReportRenderer.Blocks(sb, [blocks[third]], h);
        Photos(sb, h, view);
        HtmlReportRenderer.Blocks(sb, blocks.Skip(after), h);
        sb.Append("</article>");
    }

    private static int IndexOfHeading(IReadOnlyList<ReportBlock> blocks, string numeral)
    {
        for (var i = 0; i < blocks.Count; i++)
        {
            if (blocks[i] is HeadingBlock heading && heading.Numeral == numeral)
            {
                return i;
            }
        }

        throw new InvalidOperationException($"the report layout has no {numeral} heading");
    }

    /// <summary>
    /// Ⅱ as the report prints it, items with any bullet (excluded ones too) shown; under each item every 분과's bullets in
    /// the order of Ⅰ, each with its forms, then that 분과's place for spoken-remark candidates and its "구두 발언 추가".
    /// </summary>
    private static void Discussion(StringBuilder sb, HtmlText h, View view, Report printed)
    {
        var report = view.Report;
        var shown = report.Bullets.Where(b => b.MergedInto is null).ToList();
        var combined = report.Draft.Meetings.Count > 1;
        var names = report.Draft.Meetings.ToDictionary(m => m.Id, m => m.Subcommittee, StringComparer.Ordinal);
        foreach (var (group, level, heading) in ReportLayout.Outline(printed, g => g.Items.Any(i => i.IsDiscussed || shown.Any(b => b.Item.Is(i)))))
        {
            HtmlReportRenderer.Blocks(sb, heading, h);
            HtmlReportRenderer.Blocks(sb, ReportLayout.Content(group, level, id => names.GetValueOrDefault(id, id)), h);
            sb.Append(CultureInfo.InvariantCulture, $"<div class=\"item lvl-{level}\">");
            Paragraph(sb, 0, "❍", W.Opinions);
            foreach (var item in group.Items)
            {
                var at = new ItemRef(item.MeetingId, item.Index);
                var meeting = report.Draft.Meetings.First(m => m.Id == item.MeetingId);
                sb.Append("<section class=\"part\" id=\"item-").Append(h.Encode(Anchor(at))).Append("\" aria-label=\"")
                    .Append(h.Encode(W.ItemName(meeting.Subcommittee, item.Index, item.Title))).Append("\">");
                if (combined)
                {
                    sb.Append("<h3 class=\"part-title\">").Append(h.Encode(W.Part(meeting.Subcommittee))).Append("</h3>");
                }

                var opinions = shown.Where(b => b.Item == at && b.Kind != EntryKind.Decision).ToList();
                var decisions = shown.Where(b => b.Item == at && b.Kind == EntryKind.Decision).ToList();
                if (opinions.Count == 0 && decisions.Count == 0)
                {
                    sb.Append("<p class=\"note\">").Append(W.NoBullets).Append("</p>");
                }

                Bullets(sb, h, view, opinions, "▸");
                if (decisions.Count > 0)
                {
                    Paragraph(sb, 0, "❍", W.Decisions);
                    Bullets(sb, h, view, decisions, "-");
                }

                Candidates(sb, h, view, at);
                RemarkForm(sb, h, view, at, meeting);
                sb.Append("</section>");
            }

            sb.Append("</div>");
        }
    }

    private static void Bullets(StringBuilder sb, HtmlText h, View view, IReadOnlyList<ReviewBullet> bullets, string symbol)
    {
        if (bullets.Count == 0)
        {
            return;
        }

        sb.Append("<ol class=\"bullets\">");
        for (var i = 0; i < bullets.Count; i++)
        {
            Bullet(sb, h, view, bullets[i], symbol, i, bullets.Count);
        }

        sb.Append("</ol>");
    }

    private static void Bullet(StringBuilder sb, HtmlText h, View view, ReviewBullet b, string symbol, int position, int count)
    {
        var report = view.Report;
        var id = h.Encode(b.Id);
        var path = WorkspacePage.PathOf(report.Id) + "/bullets/" + Uri.EscapeDataString(b.Id);
        sb.Append("<li class=\"bullet").Append(b.Excluded ? " excluded" : "").Append("\" id=\"bullet-").Append(id).Append("\" data-id=\"").Append(id).Append("\">");
        sb.Append("<div class=\"bullet-main\"><p class=\"bullet-text\"><span class=\"sym\">").Append(symbol).Append("</span><span class=\"text\">")
            .Append(h.Encode(b.Text)).Append("</span>");
        if (b.Authors.Count > 0 && b.OnBehalfOf is null && b.Candidate is null)
        {
            sb.Append("<span class=\"by\"> (").Append(h.Encode(string.Join(", ", b.Authors.Distinct()))).Append(")</span>");
        }

        sb.Append("</p>");
        if (b.Excluded)
        {
            sb.Append("<p class=\"tag excluded\">").Append(W.Excluded).Append("</p>");
        }

        if (b.Candidate is not null)
        {
            sb.Append("<p class=\"tag spoken\">").Append(h.Encode(W.Spoken(string.Join(", ", b.Authors), b.EnteredBy ?? StaffAccess.UnnamedStaff))).Append("</p>");
        }

        if (b.OnBehalfOf is { } member)
        {
            sb.Append("<p class=\"tag remark\">").Append(h.Encode(W.Remark(member, b.EnteredBy ?? StaffAccess.UnnamedStaff, b.Reason))).Append("</p>");
        }

        if (b.Excluded)
        {
            Form(sb, h, view, path + "/restore", "restore");
            sb.Append("<button class=\"button secondary\" type=\"submit\">").Append(W.Restore).Append("</button></form>");
        }
        else
        {
            Editor(sb, h, view, b, path, position, count);
        }

        sb.Append("</div><div class=\"bullet-side\">");
        Side(sb, h, report, b);
        sb.Append("</div></li>");
    }

    /// <summary>The forms of one printed bullet, behind a summary a keyboard opens: text, order, item, merge, exclude.</summary>
    private static void Editor(StringBuilder sb, HtmlText h, View view, ReviewBullet b, string path, int position, int count)
    {
        var report = view.Report;
        var id = h.Encode(b.Id);
        sb.Append("<details class=\"edit\"><summary>").Append(W.EditSummary).Append("<span class=\"sr-only\"> ").Append(id).Append("</span></summary>");

        Form(sb, h, view, path + "/text", "edit-text");
        sb.Append("<label for=\"text-").Append(id).Append("\">").Append(W.TextLabel).Append("</label>");
        sb.Append("<textarea id=\"text-").Append(id).Append("\" name=\"text\" rows=\"3\" maxlength=\"").Append(ReviewChangesLimit).Append("\" required>")
            .Append(h.Encode(b.Text)).Append("</textarea>");
        sb.Append("<button class=\"button\" type=\"submit\">").Append(W.SaveText).Append("</button></form>");

        if (count > 1)
        {
            Form(sb, h, view, path + "/move", "order");
            sb.Append("<span class=\"label\">").Append(W.OrderLabel).Append(": ").Append(W.Position(position, count)).Append("</span>");
            if (position > 0)
            {
                sb.Append(CultureInfo.InvariantCulture, $"<button class=\"button secondary\" type=\"submit\" name=\"position\" value=\"{position - 1}\">{W.Up}</button>");
            }

            if (position < count - 1)
            {
                sb.Append(CultureInfo.InvariantCulture, $"<button class=\"button secondary\" type=\"submit\" name=\"position\" value=\"{position + 1}\">{W.Down}</button>");
            }

            sb.Append("</form>");
        }

        var items = report.Draft.Items.Where(i => i.MeetingId == b.Item.MeetingId && !b.Item.Is(i)).ToList();
        if (items.Count > 0)
        {
            var subcommittee = report.Draft.Meetings.First(m => m.Id == b.Item.MeetingId).Subcommittee;
            Form(sb, h, view, path + "/move", "move");
            sb.Append("<label for=\"item-").Append(id).Append("\">").Append(W.MoveLabel).Append("</label><select id=\"item-").Append(id).Append("\" name=\"item\">");
            foreach (var item in items)
            {
                sb.Append("<option value=\"").Append(h.Encode(new ItemRef(item.MeetingId, item.Index).ToString())).Append("\">")
                    .Append(h.Encode(W.ItemName(subcommittee, item.Index, item.Title))).Append("</option>");
            }

            sb.Append("</select><button class=\"button secondary\" type=\"submit\">").Append(W.Move).Append("</button></form>");
        }

        var others = report.Bullets.Where(o => o.IsPrinted && o.Id != b.Id && o.Item.MeetingId == b.Item.MeetingId
            && (o.Kind == EntryKind.Decision) == (b.Kind == EntryKind.Decision) && (b.Kind == EntryKind.Decision || o.Kind == b.Kind)).ToList();
        if (others.Count > 0)
        {
            Form(sb, h, view, path + "/merge", "merge");
            sb.Append("<label for=\"merge-").Append(id).Append("\">").Append(W.MergeLabel).Append("</label><select id=\"merge-").Append(id).Append("\" name=\"others\">");
            foreach (var o in others)
            {
                sb.Append("<option value=\"").Append(h.Encode(o.Id)).Append("\">").Append(h.Encode($"{o.Id}: {Shorten(o.Text)}")).Append("</option>");
            }

            sb.Append("</select><button class=\"button secondary\" type=\"submit\">").Append(W.Merge).Append("</button></form>");
        }

        Form(sb, h, view, path + "/exclude", "exclude");
        sb.Append("<button class=\"button danger\" type=\"submit\">").Append(W.Exclude).Append("</button></form>");
        sb.Append("</details>");
    }

    private static readonly string ReviewChangesLimit = ReviewedReport.MaxTextLength.ToString(CultureInfo.InvariantCulture);

    /// <summary>Beside the bullet: the members' own words, the draft's sentence when staff changed it, what was merged in, and the sources.</summary>
    private static void Side(StringBuilder sb, HtmlText h, ReviewedReport report, ReviewBullet b)
    {
        if (b.Originals.Count > 0 && b.OnBehalfOf is null)
        {
            sb.Append("<p class=\"side-label\">").Append(W.Originals).Append("</p><ul class=\"originals\">");
            foreach (var original in b.Originals)
            {
                sb.Append("<li>").Append(h.Lines(original)).Append("</li>");
            }

            sb.Append("</ul>");
        }

        if (b.DraftText != b.Text)
        {
            sb.Append("<p class=\"side-label\">").Append(W.DraftText).Append("</p><p class=\"draft-text\">").Append(h.Encode(b.DraftText)).Append("</p>");
        }

        var merged = report.Bullets.Where(o => o.MergedInto == b.Id).Select(o => o.Id).ToList();
        if (merged.Count > 0)
        {
            sb.Append("<p class=\"side-label\">").Append(W.MergedIn).Append("</p><p>").Append(h.Encode(string.Join(", ", merged))).Append("</p>");
        }

        sb.Append("<p class=\"side-label\">").Append(W.Sources).Append("</p><p class=\"sources\">")
            .Append(string.Join(" ", b.Sources.Select(s => "<code>" + h.Encode(s) + "</code>"))).Append("</p>");
    }

    private static void RemarkForm(StringBuilder sb, HtmlText h, View view, ItemRef item, ReportMeeting meeting)
    {
        var anchor = h.Encode(Anchor(item));
        sb.Append("<details class=\"remark\"><summary>").Append(W.RemarkSummary).Append("<span class=\"sr-only\"> ")
            .Append(h.Encode(W.Part(meeting.Subcommittee))).Append("</span></summary>");
        Form(sb, h, view, WorkspacePage.PathOf(view.Report.Id) + "/remarks", "remark-form");
        sb.Append("<input type=\"hidden\" name=\"item\" value=\"").Append(h.Encode(item.ToString())).Append("\">");
        sb.Append("<p class=\"note\">").Append(W.RemarkHelp).Append("</p>");
        sb.Append("<label for=\"member-").Append(anchor).Append("\">").Append(W.RemarkMember).Append("</label>");
        sb.Append("<select id=\"member-").Append(anchor).Append("\" name=\"member\" required><option value=\"\">").Append(W.RemarkChoose).Append("</option>");
        foreach (var name in meeting.CivilNames.Concat(meeting.AdminNames).Distinct(StringComparer.Ordinal))
        {
            sb.Append("<option>").Append(h.Encode(name)).Append("</option>");
        }

        sb.Append("</select><label for=\"kind-").Append(anchor).Append("\">").Append(W.RemarkKind).Append("</label><select id=\"kind-").Append(anchor).Append("\" name=\"kind\">");
        foreach (var kind in new[] { EntryKind.Opinion, EntryKind.Question, EntryKind.Proposal, EntryKind.Decision })
        {
            sb.Append("<option value=\"").Append(EntryKinds.English(kind)).Append("\">").Append(EntryKinds.Korean(kind)).Append("</option>");
        }

        sb.Append("</select><label for=\"remark-").Append(anchor).Append("\">").Append(W.RemarkText).Append("</label>");
        sb.Append("<textarea id=\"remark-").Append(anchor).Append("\" name=\"text\" rows=\"3\" maxlength=\"").Append(ReviewChangesLimit).Append("\" required></textarea>");
        sb.Append("<label for=\"reason-").Append(anchor).Append("\">").Append(W.RemarkReason).Append("</label>");
        sb.Append("<input id=\"reason-").Append(anchor).Append("\" name=\"reason\" type=\"text\" maxlength=\"200\">");
        sb.Append("<button class=\"button\" type=\"submit\">").Append(W.RemarkAdd).Append("</button></form></details>");
    }

    /// <summary>Ⅲ: each photo as it will print, with its caption form, then the upload form.</summary>
    private static void Photos(StringBuilder sb, HtmlText h, View view)
    {
        var report = view.Report;
        var root = WorkspacePage.PathOf(report.Id);
        sb.Append("<section class=\"photos\" id=\"photos\" aria-label=\"").Append(W.PhotosTitle).Append("\">");
        if (report.Photos.Count == 0)
        {
            sb.Append("<p class=\"note\">").Append(W.NoPhotos).Append("</p>");
        }

        var order = report.Draft.Meetings.Select((m, i) => (m.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        foreach (var photo in report.Photos.OrderBy(p => order.GetValueOrDefault(p.MeetingId, int.MaxValue)))
        {
            var pid = h.Encode(photo.Id);
            var path = root + "/photos/" + Uri.EscapeDataString(photo.Id);
            sb.Append("<figure class=\"photo\" id=\"photo-").Append(pid).Append("\"><img src=\"/api/reports/").Append(h.Encode(Uri.EscapeDataString(report.Id)))
                .Append("/photos/").Append(h.Encode(Uri.EscapeDataString(photo.Id))).Append("\" alt=\"").Append(h.Encode(photo.Caption)).Append("\">");
            sb.Append("<figcaption>").Append(h.Encode(photo.Caption)).Append("</figcaption></figure>");
            Form(sb, h, view, path + "/caption", "caption");
            sb.Append("<label for=\"caption-").Append(pid).Append("\">").Append(W.CaptionLabel).Append("</label>");
            sb.Append("<input id=\"caption-").Append(pid).Append("\" name=\"caption\" type=\"text\" maxlength=\"200\" required value=\"").Append(h.Encode(photo.Caption)).Append("\">");
            sb.Append("<button class=\"button secondary\" type=\"submit\">").Append(W.SaveCaption).Append("</button></form>");
            Form(sb, h, view, path + "/remove", "remove-photo");
            sb.Append("<button class=\"button danger\" type=\"submit\">").Append(W.RemovePhoto).Append("</button></form>");
        }

        sb.Append("<form class=\"upload\" method=\"post\" enctype=\"multipart/form-data\" action=\"").Append(root).Append("/photos\">");
        Hidden(sb, h, view);
        sb.Append("<label for=\"photo-file\">").Append(W.PhotoFile).Append("</label>");
        sb.Append("<input id=\"photo-file\" name=\"file\" type=\"file\" accept=\"image/jpeg,image/png\" required>");
        sb.Append("<img class=\"preview\" id=\"photo-preview\" alt=\"").Append(W.PhotoPreview).Append("\" hidden>");
        sb.Append("<label for=\"photo-meeting\">").Append(W.PhotoMeeting).Append("</label><select id=\"photo-meeting\" name=\"meetingId\">");
        foreach (var m in report.Draft.Meetings)
        {
            sb.Append("<option value=\"").Append(h.Encode(m.Id)).Append("\">").Append(h.Encode(W.Part(m.Subcommittee))).Append("</option>");
        }

        sb.Append("</select><label for=\"photo-caption\">").Append(W.PhotoCaption).Append("</label>");
        sb.Append("<input id=\"photo-caption\" name=\"caption\" type=\"text\" maxlength=\"200\">");
        sb.Append("<button class=\"button\" type=\"submit\">").Append(W.PhotoUpload).Append("</button></form></section>");
    }

    private static void Approval(StringBuilder sb, HtmlText h, View view)
    {
        var report = view.Report;
        var api = "/api/reports/" + h.Encode(Uri.EscapeDataString(report.Id)) + "/files/";
        sb.Append("<section class=\"card approve\" id=\"approve\"><h2>").Append(W.ApproveTitle).Append("</h2>");
        if (report.IsApproved)
        {
            sb.Append("<p class=\"done\">").Append(W.Approved(report.ApprovedVersion)).Append("</p>");
        }
        else
        {
            sb.Append("<p class=\"note\" id=\"approve-help\">").Append(W.ApproveHelp(report.Version)).Append("</p>");
            Form(sb, h, view, WorkspacePage.PathOf(report.Id) + "/approve", "approve-form");
            sb.Append("<button class=\"button\" type=\"submit\" aria-describedby=\"approve-help\">").Append(W.Approve(report.Version)).Append("</button></form>");
        }

        sb.Append("<h3>").Append(W.Versions).Append("</h3>");
        if (report.ApprovedVersion == 0)
        {
            sb.Append("<p class=\"note\">").Append(W.NoVersions).Append("</p>");
        }

        sb.Append("<ul class=\"versions\">");
        for (var v = report.ApprovedVersion; v >= 1; v--)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<li class=\"version\" data-version=\"{v}\"><span class=\"label\">{W.Version(v)}</span>");
            foreach (var format in Formats)
            {
                sb.Append(CultureInfo.InvariantCulture, $"<a class=\"button secondary\" href=\"{api}{format}?version={v}\" download>{Label(format)}</a>");
            }

            sb.Append("</li>");
        }

        sb.Append("</ul>");
        if (!report.IsApproved)
        {
            sb.Append("<h3>").Append(W.DraftDownloads).Append("</h3><div class=\"actions drafts\">");
            foreach (var format in Formats.Take(2))
            {
                sb.Append("<a class=\"button secondary\" href=\"").Append(api).Append(format).Append("\" download>").Append(Label(format)).Append("</a>");
            }

            sb.Append("</div>");
        }

        sb.Append("</section>");
    }

    /// <summary>What differs from the draft, bullet by bullet: new wording (before → after), moves, exclusions, merges, remarks, photos.</summary>
    private static void Changes(StringBuilder sb, HtmlText h, ReviewedReport report)
    {
        var draft = ReviewedReport.Start(report.Id, report.Draft, report.CreatedAt);
        var lines = new List<string>();
        foreach (var b in report.Bullets)
        {
            var first = b.StaffSource is null ? draft.Bullet(b.Id) : null;
            if (b.OnBehalfOf is { } member)
            {
                lines.Add(h.Encode(W.RemarkChange(b.Id, member)) + ": <ins>" + h.Encode(b.Text) + "</ins>");
            }
            else if (b.Candidate is not null)
            {
                lines.Add(h.Encode(W.AcceptedChange(b.Id, string.Join(", ", b.Authors))) + ": <ins>" + h.Encode(b.Text) + "</ins>");
            }
            else if (b.Text != b.DraftText)
            {
                lines.Add(h.Encode(W.Changed(b.Id)) + ": <del>" + h.Encode(b.DraftText) + "</del> → <ins>" + h.Encode(b.Text) + "</ins>");
            }

            if (first is not null && first.Item != b.Item)
            {
                lines.Add(h.Encode(W.Moved(b.Id, ItemName(report, first.Item), ItemName(report, b.Item))));
            }

            if (b.MergedInto is { } into)
            {
                lines.Add(h.Encode(W.MergedChange(b.Id, into)) + ": <del>" + h.Encode(b.Text) + "</del>");
            }
            else if (b.Excluded)
            {
                lines.Add(h.Encode(W.ExcludedChange(b.Id)) + ": <del>" + h.Encode(b.Text) + "</del>");
            }
        }

        lines.AddRange(report.Photos.Select(p => h.Encode(W.PhotoChange(p.Caption))));
        sb.Append("<section class=\"card changes\" id=\"changes\"><h2>").Append(W.ChangesTitle).Append("</h2>");
        if (lines.Count == 0)
        {
            sb.Append("<p class=\"note\">").Append(W.NoChanges).Append("</p>");
        }
        else
        {
            sb.Append("<ul class=\"diff\">").Append(string.Concat(lines.Select(l => "<li>" + l + "</li>"))).Append("</ul>");
        }

        sb.Append("</section>");
    }

    /// <summary>Every change, newest first: when (the first meeting's time zone), who, what, and before → after in words.</summary>
    private static void History(StringBuilder sb, HtmlText h, View view)
    {
        var report = view.Report;
        var zone = TimeZoneInfo.FindSystemTimeZoneById(report.Draft.Meetings[0].TimeZoneId);
        sb.Append("<section class=\"card history\" id=\"history\"><h2>").Append(W.HistoryTitle).Append("</h2>");
        if (view.History.Count == 0)
        {
            sb.Append("<p class=\"note\">").Append(W.NoHistory).Append("</p></section>");
            return;
        }

        TableHead(sb, W.ColumnAt, W.ColumnWho, W.ColumnWhat, W.ColumnChange);
        foreach (var change in view.History.OrderByDescending(c => c.Number))
        {
            sb.Append("<tr><td class=\"nowrap\">").Append(h.Encode(StaffPageViews.Stamp(TimeZoneInfo.ConvertTime(change.At, zone)))).Append("</td>");
            sb.Append("<td class=\"nowrap\">").Append(h.Encode(change.Who)).Append("</td>");
            sb.Append("<td class=\"nowrap\">").Append(h.Encode(W.Kind(change.Kind))).Append(" <code>").Append(h.Encode(change.Target)).Append("</code></td><td>");
            var before = Readable(report, change.Kind, change.Before);
            var after = Readable(report, change.Kind, change.After);
            if (before is not null)
            {
                sb.Append("<del>").Append(h.Lines(before)).Append("</del>");
            }

            if (before is not null && after is not null)
            {
                sb.Append(" → ");
            }

            if (after is not null)
            {
                sb.Append("<ins>").Append(h.Lines(after)).Append("</ins>");
            }

            sb.Append("</td></tr>");
        }

        sb.Append("</tbody></table></section>");
    }

    /// <summary>A history value in words: a move's <c>meeting:index #n</c> becomes the 분과, the item and the place.</summary>
    private static string? Readable(ReviewedReport report, string kind, string? value)
    {
        if (kind != "move" || value is null || MovePlace().Match(value) is not { Success: true } m || !ItemRef.TryParse(m.Groups[1].Value, out var item))
        {
            return value;
        }

        return ItemName(report, item) + ", " + W.Ordinal(int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"^(.+) #(\d+)$")]
    private static partial Regex MovePlace();

    private static string ItemName(ReviewedReport report, ItemRef at)
    {
        var item = report.Draft.Items.FirstOrDefault(i => at.Is(i));
        var subcommittee = report.Draft.Meetings.FirstOrDefault(m => m.Id == at.MeetingId)?.Subcommittee ?? at.MeetingId;
        return item is null ? at.ToString() : W.ItemName(subcommittee, item.Index, item.Title);
    }

    /// <summary>A form that posts to <paramref name="action"/> with the token and the report's ETag; the caller closes it.</summary>
    private static void Form(StringBuilder sb, HtmlText h, View view, string action, string css)
    {
        sb.Append("<form class=\"").Append(css).Append("\" method=\"post\" action=\"").Append(action).Append("\">");
        Hidden(sb, h, view);
    }

    private static void Hidden(StringBuilder sb, HtmlText h, View view)
    {
        StaffPageViews.Hidden(sb, h, view.Token);
        sb.Append("<input type=\"hidden\" name=\"").Append(WorkspacePage.ETagField).Append("\" value=\"").Append(h.Encode(view.Report.ETag)).Append("\">");
    }

    private static void Paragraph(StringBuilder sb, int level, string symbol, string text) =>
        sb.Append(CultureInfo.InvariantCulture, $"<p class=\"para body lvl-{Math.Clamp(level, 0, StaffPageStyle.MaxLevel)}\"><span class=\"sym\">{symbol}</span><span class=\"text\">{text}</span></p>");

    /// <summary>Opens a grid table with its header row and its body.</summary>
    private static void TableHead(StringBuilder sb, params string[] columns) =>
        sb.Append("<table class=\"grid\"><thead><tr>").Append(string.Concat(columns.Select(c => "<th>" + c + "</th>"))).Append("</tr></thead><tbody>");

    private static string StateBadge(bool approved, int version) =>
        $"<span class=\"badge {(approved ? "notified" : "pending")}\">{W.State(approved, version)}</span>";

    private static string Label(string format) => format switch
    {
        "docx" => "DOCX (Word)",
        "hwpx" => "HWPX (한글)",
        "md" => "Markdown",
        _ => "JSON",
    };

    private static string Anchor(ItemRef item) => string.Create(CultureInfo.InvariantCulture, $"{item.MeetingId}-{item.Index}");

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
