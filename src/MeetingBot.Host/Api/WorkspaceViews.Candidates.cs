using System.Globalization;
using System.Text;
using MeetingBot.Core;
using MeetingBot.Core.Transcripts;
using MeetingBot.Host.Services;
using MeetingBot.Reports.Review;
using W = MeetingBot.Host.Api.WorkspaceText;

namespace MeetingBot.Host.Api;

/// <summary>
/// The workspace's spoken remarks (SPEC §9): under each item and 분과 its candidates — speaker, time, the exact words,
/// a duplicate's typed entry — with 채택 / 무시 forms (an ignored one can still be accepted); nothing spoken prints
/// until accepted.
/// </summary>
public static partial class WorkspaceViews
{
    private static void Candidates(StringBuilder sb, HtmlText h, View view, ItemRef at)
    {
        var spoken = view.Spoken.FirstOrDefault(m => m.Meeting.Id == at.MeetingId);
        var candidates = spoken?.Candidates.Where(c => c.Remark.Item == at.Index).ToList() ?? [];
        if (spoken is null || candidates.Count == 0)
        {
            return;
        }

        var report = view.Report;
        var meeting = spoken.Meeting;
        var open = candidates.Count(c => report.Candidates.All(d => d.Id != c.Id));
        sb.Append("<section class=\"candidates\" aria-label=\"").Append(h.Encode(W.CandidatesOf(meeting.Subcommittee))).Append("\">");
        sb.Append("<h4 class=\"candidates-title\">").Append(W.Candidates).Append(" <span class=\"count\">").Append(W.CandidateCount(candidates.Count, open)).Append("</span></h4>");
        sb.Append("<p class=\"note\">").Append(W.CandidatesHelp).Append("</p><ol class=\"candidates\">");
        foreach (var candidate in candidates)
        {
            Candidate(sb, h, view, meeting, candidate);
        }

        sb.Append("</ol></section>");
    }

    private static void Candidate(StringBuilder sb, HtmlText h, View view, MeetingDefinition meeting, NamedCandidate candidate)
    {
        var report = view.Report;
        var remark = candidate.Remark;
        var decision = report.Candidates.FirstOrDefault(d => d.Id == candidate.Id);
        var state = decision?.Status switch
        {
            CandidateDecision.Accepted => "accepted",
            CandidateDecision.Ignored => "ignored",
            _ => "open",
        };
        var cid = h.Encode(candidate.Id);
        sb.Append("<li class=\"candidate ").Append(state).Append("\" id=\"cand-").Append(cid).Append("\">");
        sb.Append("<p class=\"candidate-meta\"><strong class=\"speaker\">").Append(h.Encode(remark.Speaker)).Append("</strong>");
        if (remark.SpokenAs != remark.Speaker)
        {
            sb.Append(" <span class=\"spoken-as\">").Append(h.Encode(W.SpokenAs(remark.SpokenAs))).Append("</span>");
        }

        sb.Append(" · <span class=\"time\">").Append(h.Encode(W.SpokenAt(Clock(meeting, remark.Start), Clock(meeting, remark.End)))).Append("</span> ")
            .Append("<span class=\"badge ").Append(state).Append("\">").Append(W.CandidateState(decision?.Status)).Append("</span></p>");
        sb.Append("<blockquote class=\"spoken\">").Append(h.Lines(remark.Text)).Append("</blockquote>");
        if (remark.DuplicateOf is { } typed)
        {
            var bullet = report.Bullets.FirstOrDefault(b => b.Sources.Contains(typed, StringComparer.Ordinal));
            sb.Append("<p class=\"tag duplicate\">").Append(W.Duplicate);
            if (bullet is not null)
            {
                sb.Append(" <a href=\"#bullet-").Append(h.Encode(bullet.Id)).Append("\">").Append(h.Encode(W.DuplicateOf(bullet.Id, Shorten(bullet.Text)))).Append("</a>");
            }

            sb.Append("</p>");
        }

        sb.Append("<p class=\"sources\"><span class=\"side-label\">").Append(W.Sources).Append("</span> ")
            .Append(string.Join(" ", remark.Sources.Select(s => "<code>" + h.Encode(s) + "</code>"))).Append("</p>");
        var path = WorkspacePage.PathOf(report.Id) + "/candidates/" + Uri.EscapeDataString(candidate.Id);
        if (decision is { Status: CandidateDecision.Accepted, BulletId: { } into })
        {
            sb.Append("<p class=\"decided\">").Append(h.Encode(W.AcceptedBy(decision.Who, Stamp(meeting, decision.At))))
                .Append(" <a href=\"#bullet-").Append(h.Encode(into)).Append("\">").Append(h.Encode(W.AcceptedInto(into))).Append("</a></p>");
        }
        else
        {
            if (decision is not null)
            {
                sb.Append("<p class=\"decided\">").Append(h.Encode(W.IgnoredBy(decision.Who, Stamp(meeting, decision.At)))).Append("</p>");
            }

            sb.Append("<div class=\"actions\">");
            Form(sb, h, view, path + "/accept", "accept");
            sb.Append("<label for=\"kind-").Append(cid).Append("\">").Append(W.RemarkKind).Append("</label><select id=\"kind-").Append(cid).Append("\" name=\"kind\">");
            foreach (var kind in new[] { EntryKind.Opinion, EntryKind.Question, EntryKind.Proposal })
            {
                sb.Append("<option value=\"").Append(EntryKinds.English(kind)).Append("\">").Append(EntryKinds.Korean(kind)).Append("</option>");
            }

            sb.Append("</select><button class=\"button\" type=\"submit\">").Append(decision is null ? W.Accept : W.AcceptIgnored)
                .Append("<span class=\"sr-only\"> ").Append(h.Encode(remark.Speaker)).Append("</span></button></form>");
            if (decision is null)
            {
                Form(sb, h, view, path + "/ignore", "ignore");
                sb.Append("<button class=\"button secondary\" type=\"submit\">").Append(W.Ignore)
                    .Append("<span class=\"sr-only\"> ").Append(h.Encode(remark.Speaker)).Append("</span></button></form>");
            }

            sb.Append("</div>");
        }

        sb.Append("</li>");
    }

    private static string Clock(MeetingDefinition meeting, DateTimeOffset at) => meeting.ToLocal(at).ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    private static string Stamp(MeetingDefinition meeting, DateTimeOffset at) => StaffPageViews.Stamp(meeting.ToLocal(at));
}
