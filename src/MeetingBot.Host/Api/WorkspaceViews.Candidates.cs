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

    /// <summary>
    /// Per meeting: what was collected (source, state, last attempt), who attended, the cues left out of the candidates
    /// with their reason, and the form that uploads a transcript or attendance file the bot could not fetch.
    /// </summary>
    private static void Transcripts(StringBuilder sb, HtmlText h, View view)
    {
        var report = view.Report;
        sb.Append("<section class=\"card transcripts\" id=\"transcripts\"><h2>").Append(W.TranscriptsTitle).Append("</h2>");
        sb.Append("<p class=\"note\">").Append(W.TranscriptsHelp).Append("</p>");
        foreach (var spoken in view.Spoken)
        {
            var meeting = spoken.Meeting;
            var mid = h.Encode(meeting.Id);
            sb.Append("<section class=\"transcript\" id=\"transcripts-").Append(mid).Append("\"><h3>").Append(h.Encode(W.Part(meeting.Subcommittee))).Append("</h3>");
            if (spoken.Transcript is not { } t)
            {
                sb.Append("<p class=\"note\">").Append(W.NoTranscript).Append("</p>");
            }
            else
            {
                var next = t.NextAttemptAt is { } at ? Stamp(meeting, at) : null;
                sb.Append("<p class=\"transcript-state\">").Append(h.Encode(W.TranscriptState(t.Source, t.Status, next, t.Cues.Count, t.Attendance.Count))).Append("</p>");
                if (t.Attempts is [.., var last])
                {
                    sb.Append("<p class=\"note\">").Append(h.Encode(W.LastAttempt(Stamp(meeting, last.At), last.Reason))).Append("</p>");
                }
            }

            if (spoken.Attendance is { } a)
            {
                sb.Append("<p class=\"attendance\">").Append(h.Encode(W.Attendance(a.Present.Count, a.Absent.Select(p => p.Name), a.Unknown))).Append("</p>");
                if (a.QuorumLine(meeting.Quorum) is { } quorum)
                {
                    sb.Append("<p class=\"attendance\">").Append(h.Encode(quorum)).Append("</p>");
                }
            }

            Dropped(sb, h, spoken);
            sb.Append("<form class=\"upload transcript-upload\" method=\"post\" enctype=\"multipart/form-data\" action=\"")
                .Append(WorkspacePage.PathOf(report.Id)).Append("/meetings/").Append(h.Encode(Uri.EscapeDataString(meeting.Id))).Append("/transcript\">");
            Hidden(sb, h, view);
            sb.Append("<label for=\"transcript-file-").Append(mid).Append("\">").Append(W.TranscriptFile).Append("</label>");
            sb.Append("<input id=\"transcript-file-").Append(mid).Append("\" name=\"file\" type=\"file\" multiple required accept=\".vtt,.json,text/vtt,application/json\">");
            sb.Append("<button class=\"button\" type=\"submit\">").Append(W.TranscriptUpload).Append("<span class=\"sr-only\"> ")
                .Append(h.Encode(W.Part(meeting.Subcommittee))).Append("</span></button></form></section>");
        }

        sb.Append("</section>");
    }

    /// <summary>The cues that are no candidate, by reason, with their words, so staff can see nothing was lost silently.</summary>
    private static void Dropped(StringBuilder sb, HtmlText h, SpokenMeeting spoken)
    {
        if (spoken.Dropped.Count == 0)
        {
            return;
        }

        var words = (spoken.Transcript?.Cues ?? []).ToDictionary(c => c.Id, c => c, StringComparer.Ordinal);
        sb.Append("<details class=\"dropped\"><summary>").Append(W.DroppedSummary(spoken.Dropped.Sum(d => d.Sources.Count))).Append("</summary><ul class=\"dropped\">");
        foreach (var dropped in spoken.Dropped)
        {
            foreach (var id in dropped.Sources)
            {
                sb.Append("<li class=\"dropped ").Append(dropped.Reason.ToString().ToLowerInvariant()).Append("\"><span class=\"badge\">").Append(W.DropReason(dropped.Reason)).Append("</span> ");
                if (words.TryGetValue(id, out var cue))
                {
                    sb.Append("<strong>").Append(h.Encode(cue.SpeakerName)).Append("</strong> ").Append(h.Encode(Clock(spoken.Meeting, cue.Start))).Append(" · ").Append(h.Encode(cue.Text)).Append(' ');
                }

                sb.Append("<code>").Append(h.Encode(id)).Append("</code></li>");
            }
        }

        sb.Append("</ul></details>");
    }

    private static string Clock(MeetingDefinition meeting, DateTimeOffset at) => meeting.ToLocal(at).ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    private static string Stamp(MeetingDefinition meeting, DateTimeOffset at) => StaffPageViews.Stamp(meeting.ToLocal(at));
}
